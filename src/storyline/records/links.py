"""What the corpus stages make: entities with their roles, merged events with sources, stories."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .annotations import EventStatus, Quad
from .base import FuzzyDate


@dataclass(frozen=True)
class Role:
    """A role a person held, attested between two article dates (ISO strings, as precise as known).

    `start`/`end` are the contract's "from"/"to" (reserved words in Python); None when every
    attesting article is undated.  `mentions` counts the attesting role mentions.
    """

    role: str
    of: str | None
    start: str | None
    end: str | None
    mentions: int = 1

    def to_json(self) -> dict:
        return {"role": self.role, "of": self.of, "from": self.start, "to": self.end,
                "mentions": self.mentions}  # fmt: skip


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


@dataclass(frozen=True)
class Story:
    """Articles about one developing real-world story."""

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
