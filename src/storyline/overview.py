"""A corpus at a glance: how many articles, from where, over which dates, naming whom."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from storyline.records import Article, Entity


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
    articles: Iterable[Article],
    entities: Iterable[Entity] = (),
    group_by: Callable[[Article], str | None] | None = None,
) -> Overview:
    """Stream the articles once; names are people and organisations, by articles naming them."""
    seen = Overview()
    for entity in entities:
        if entity.type in ("PERSON", "ORG"):
            seen.names[entity.name] = len(entity.articles)
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
    return seen
