"""A corpus at a glance: how many articles, from where, over which dates, naming whom."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from storyline.records import Article

# A run of capitalised words ("Andrei Lugovoi", "British Council"), allowing one lower-case
# particle inside ("Bank of England").  Until the annotate stage stores entities, this cheap
# count of multi-word names is what the overview reports as "names".
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[- ](?:(?:of|de|von|van|al|bin) )?[A-Z][a-z]+)+\b")
_NOT_NAMES = {"The", "In", "On", "At", "But", "And", "It", "He", "She", "This", "That", "A", "An"}


@dataclass
class Overview:
    articles: int = 0
    words: int = 0
    groups: Counter = field(default_factory=Counter)
    publishers: Counter = field(default_factory=Counter)
    first: str | None = None
    last: str | None = None
    undated: int = 0
    names: Counter = field(default_factory=Counter)

    def to_json(self, top: int = 10) -> dict:
        return {
            "articles": self.articles,
            "words": self.words,
            "groups": dict(self.groups.most_common()),
            "publishers": dict(self.publishers.most_common()),
            "first": self.first,
            "last": self.last,
            "undated": self.undated,
            "names": [{"name": n, "articles": c} for n, c in self.names.most_common(top)],
        }


def overview(
    articles: Iterable[Article], group_by: Callable[[Article], str | None] | None = None
) -> Overview:
    """Stream the articles once; names count articles that mention them, not mentions."""
    seen = Overview()
    for article in articles:
        seen.articles += 1
        seen.words += article.words
        if group_by is not None:
            seen.groups[group_by(article) or "(none)"] += 1
        seen.publishers[article.publisher or "(unknown)"] += 1
        if article.published is None:
            seen.undated += 1
        else:
            day = article.published.earliest.isoformat()
            seen.first = min(seen.first or day, day)
            seen.last = max(seen.last or day, day)
        seen.names.update(set(_names(article.text)))
    return seen


def _names(text: str) -> Iterable[str]:
    for match in _NAME.finditer(text):
        words = match.group().split()
        if words[0] in _NOT_NAMES:
            words = words[1:]
        if len(words) >= 2:
            yield " ".join(words)
