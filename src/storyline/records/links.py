"""What the corpus stages make: entities with their roles, merged events with sources, stories."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

from .annotations import EventStatus, Quad
from .base import SOURCE_COLUMNS, Column, FuzzyDate


@dataclass(frozen=True)
class Role:
    """A role a person held, attested between two article dates (as precise as they are known).

    `start`/`end` are the contract's "from"/"to" (reserved words in Python), written as
    `FuzzyDate.value`; None when every attesting article is undated.  `mentions` counts the
    attesting role mentions.
    """

    role: str
    of: str | None
    start: FuzzyDate | None
    end: FuzzyDate | None
    mentions: int = 1

    def to_json(self) -> dict:
        return {"role": self.role, "of": self.of, "from": _value(self.start),
                "to": _value(self.end), "mentions": self.mentions}  # fmt: skip

    @classmethod
    def from_json(cls, data: Mapping) -> Role:
        """The inverse of `to_json` (a store's entity rows keep roles as this JSON)."""
        start, end = (FuzzyDate.parse(v) if v else None for v in (data["from"], data["to"]))
        return cls(data["role"], data["of"], start, end, data.get("mentions", 1))


def _value(when: FuzzyDate | None) -> str | None:
    return when.value if when is not None else None


@dataclass(frozen=True)
class Entity:
    """One real-world entity across the corpus, with every surface name that joined it."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: int
    articles: tuple[str, ...]
    roles: tuple[Role, ...] = ()

    COLUMNS: ClassVar[dict[str, Column]] = {
        "id": str, "name": str, "type": str, "aliases": [str], "mentions": int,
        "articles": [str],
        "roles": [{"role": str, "of": str, "from": str, "to": str, "mentions": int}],
    }  # fmt: skip
    """The keys of `to_json`, in order, with their shapes (the export's columns)."""

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "mentions": self.mentions,
            "articles": list(self.articles),
            "roles": [r.to_json() for r in self.roles],
        }


class Source(NamedTuple):
    """Where a fact is said: an article and the character span of the sentence that says it.

    A named tuple, not a dataclass: a timeline of a large corpus cites tens of thousands of
    sources, and a tuple is made several times faster."""

    article: str
    start: int
    end: int

    def to_json(self) -> dict:
        return {"article": self.article, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class DateClaim:
    """One date that some sources give for an event (when sources disagree there are several)."""

    date: FuzzyDate
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Event:
    """One real-world happening across the corpus, with every source that reports it.

    `actor`/`target` are entity ids (names via the entities table).  `date` is the best-supported
    date; `claims` lists every date the sources give when they disagree (empty when they agree),
    so a timeline can show a conflict instead of silently picking one.
    """

    id: str
    type: str
    quad: Quad
    status: EventStatus
    summary: str
    sources: tuple[Source, ...]
    mode: str | None = None
    actor: str | None = None
    target: str | None = None
    location: str | None = None
    date: FuzzyDate | None = None
    claims: tuple[DateClaim, ...] = ()

    COLUMNS: ClassVar[dict[str, Column]] = {
        "id": str, "type": str, "mode": str, "quad": str, "status": str,
        "actor": {"id": str, "name": str}, "target": {"id": str, "name": str},
        "location": str, "date": str, "earliest": str, "latest": str, "summary": str,
        "sources": [{**SOURCE_COLUMNS, "sentence": str}],
        "claims": [{"date": str, "sources": [SOURCE_COLUMNS]}],
    }  # fmt: skip
    """The keys of `to_json`, in order, with their shapes (the export's columns)."""

    def to_json(self, names: Mapping[str, str], texts: Mapping[str, str]) -> dict:
        """The event object of the JSON contract: each party as {id, name} (`names`: entity id
        → name) and every source with its sentence (`texts`: article id → clean text, for at
        least the articles of the sources)."""

        def party(entity_id: str | None) -> dict | None:
            return {"id": entity_id, "name": names.get(entity_id, entity_id)} if entity_id else None

        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "quad": self.quad,
            "status": self.status,
            "actor": party(self.actor),
            "target": party(self.target),
            "location": self.location,
            "date": self.date.value if self.date else None,
            "earliest": self.date.earliest.isoformat() if self.date else None,
            "latest": self.date.latest.isoformat() if self.date else None,
            "summary": self.summary,
            "sources": [
                {**src.to_json(), "sentence": texts[src.article][src.start : src.end]}
                for src in self.sources
            ],
            "claims": [
                {"date": c.date.value, "sources": [src.to_json() for src in c.sources]}
                for c in self.claims
            ],
        }


@dataclass(frozen=True)
class Story:
    """Articles about one developing real-world story.

    `first`/`last` span what the story tells: its articles' dates and the dates its timeline
    shows (a 2009 article's story that recalls a 2006 poisoning starts in 2006)."""

    id: str
    title: str
    articles: tuple[str, ...]
    first: FuzzyDate | None = None
    last: FuzzyDate | None = None
    entities: tuple[str, ...] = ()  # top names

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "articles": list(self.articles),
            "first": self.first.value if self.first else None,
            "last": self.last.value if self.last else None,
            "entities": list(self.entities),
        }
