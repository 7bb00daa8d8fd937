"""What tell hands the reader: dated sentences and timeline entries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from .base import SOURCE_COLUMNS, Column, FuzzyDate
from .links import Source


@dataclass(frozen=True)
class DatedSentence:
    """A sentence, `article`'s text[start:end], saying that something happened on `date`.

    `published` is the article's date; `weight` is how much the dating is trusted (a sentence
    dated only by its article's publication date should weigh less than one naming the day);
    `events` are the ids of corpus events the sentence reports; `claim_of` is the id of the event
    whose date this sentence claims (set when sources disagree on that event's date);
    `states_date` says whether the sentence itself names a date within `date` (a sentence dated
    only by the event it reports, whose date another sentence gave, does not).
    """

    article: str
    start: int
    end: int
    text: str
    date: FuzzyDate
    published: FuzzyDate | None
    weight: float = 1.0
    events: tuple[str, ...] = ()
    claim_of: str | None = None
    states_date: bool = True

    @property
    def source(self) -> Source:
        return Source(self.article, self.start, self.end)


@dataclass(frozen=True)
class TimelineEntry:
    """One date of a timeline: what happened (summary sentences), which events, who says so."""

    date: FuzzyDate
    summary: tuple[str, ...]
    events: tuple[str, ...]
    sources: tuple[Source, ...]
    conflicts: tuple[str, ...] = ()
    score: float = 0.0

    COLUMNS: ClassVar[dict[str, Column]] = {
        "date": str, "earliest": str, "latest": str, "summary": [str], "events": [str],
        "sources": [SOURCE_COLUMNS], "conflicts": [str], "score": float,
    }  # fmt: skip
    """The keys of `to_json`, in order, with their shapes (the export's columns)."""

    @property
    def articles(self) -> tuple[str, ...]:
        """Distinct articles among the sources, in source order."""
        return tuple(dict.fromkeys(s.article for s in self.sources))

    def to_json(self) -> dict:
        return {
            "date": self.date.value,
            "earliest": self.date.earliest.isoformat(),
            "latest": self.date.latest.isoformat(),
            "summary": list(self.summary),
            "events": list(self.events),
            "sources": [s.to_json() for s in self.sources],
            "conflicts": list(self.conflicts),
            "score": round(self.score, 4),
        }


def chronological(entries: Iterable[TimelineEntry]) -> list[TimelineEntry]:
    """Oldest first; of two dates starting together, the wider (a month before its days)."""
    return sorted(entries, key=lambda e: (e.date.earliest, -(e.date.latest - e.date.earliest).days))
