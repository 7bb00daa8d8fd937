"""What annotate and extract find in one article: sentences, timexes, mentions, roles, event mentions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from .base import FuzzyDate, TimexType


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Timex:
    """A temporal expression: `text[start:end]`, its TimeML type and value, and the days it covers.

    `earliest`/`latest` are set for DATE and TIME values that name a stretch of the calendar;
    None for durations, sets, PRESENT_REF/PAST_REF/FUTURE_REF and underspecified values.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    earliest: date | None = None
    latest: date | None = None

    def to_json(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "earliest": self.earliest.isoformat() if self.earliest else None,
            "latest": self.latest.isoformat() if self.latest else None,
        }


@dataclass(frozen=True)
class Mention:
    """A named-entity mention, `text[start:end]`, with the name it stands for in its article.

    `canonical` is the fullest form of the name the article uses for the same referent, with
    titles and possessives stripped: "Mr Lavrov's" → "Sergey Lavrov" once the article has
    named him in full.  Cross-article identity is decided later, by the link stage.
    """

    start: int
    end: int
    text: str
    type: str  # spaCy label: PERSON, ORG, GPE, NORP, LOC, FAC, EVENT, ...
    canonical: str

    def to_json(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "canonical": self.canonical,
        }


@dataclass(frozen=True)
class RoleMention:
    """Evidence that a person held a role: "Russian Foreign Minister Sergey Lavrov".

    `role` is normalised lower case ("foreign minister"); `of` is the country or organisation
    the role belongs to, when the text says ("Russia"), as a canonical name.  The date is the
    article's: a role holds when the article says it does.  A bare role reference ("the
    Foreign Secretary") has no holder: the link stage resolves it to whoever held the role
    at the article's date.
    """

    start: int
    end: int
    holder: str | None  # the person's canonical name; None for a bare "the Foreign Secretary"
    role: str
    of: str | None = None


@dataclass(frozen=True)
class DateEvidence:
    """Why an undated article is dated where it is: a sentence and the interval it supports."""

    start: int
    end: int
    earliest: date | None
    latest: date | None
    reason: str


EventStatus = Literal["happened", "planned", "hypothetical", "refused", "negated", "reported"]
Quad = Literal["verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict"]


@dataclass(frozen=True)
class EventMention:
    """One article's report of a happening: who did what to whom, when, where (PLOVER).

    The trigger ("refused", "talks", "visit") is `text[start:end]`; the sentence is
    `text[sentence_start:sentence_end]`.  `actor`/`target` are canonical names as the article
    uses them (a `Mention.canonical`), or None; countries stand for their governments where the
    text does ("Russia refuses").  `date` comes from a timex in the sentence, else the article's
    date (`date_from` says which); a background event with no date of its own ("over the
    murder of ...") has neither.  `status` keeps negated, refused, hypothetical, planned and
    merely reported events from being told as facts: only "happened" is told.
    """

    start: int
    end: int
    sentence_start: int
    sentence_end: int
    type: str  # PLOVER: AGREE, CONSULT, SUPPORT, COOPERATE, AID, CONCEDE, RETREAT, REQUEST, ...
    quad: Quad
    status: EventStatus
    mode: str | None = None  # e.g. CONSULT/visit, REQUEST/extradition
    actor_text: str | None = None
    actor: str | None = None
    target_text: str | None = None
    target: str | None = None
    location: str | None = None
    date: FuzzyDate | None = None
    date_from: Literal["sentence", "article"] | None = None

    def to_json(self, text: str) -> dict:
        return {
            "type": self.type,
            "mode": self.mode,
            "quad": self.quad,
            "status": self.status,
            "trigger": {"start": self.start, "end": self.end, "text": text[self.start : self.end]},
            "actor_text": self.actor_text,
            "actor": self.actor,
            "target_text": self.target_text,
            "target": self.target,
            "location": self.location,
            "date": self.date.value if self.date else None,
            "earliest": self.date.earliest.isoformat() if self.date else None,
            "latest": self.date.latest.isoformat() if self.date else None,
            "sentence": {"start": self.sentence_start, "end": self.sentence_end},
        }


@dataclass(frozen=True)
class ToAnnotate:
    """What the annotate stage needs of an article: its text and the date it was published
    (and its source, which a failure names)."""

    article_id: str
    text: str
    published: FuzzyDate | None = None
    source: str = ""


@dataclass(frozen=True)
class Annotation:
    """What the annotate and extract stages know about one article: sentences, names, dates,
    roles and the events it reports."""

    article_id: str
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    timexes: tuple[Timex, ...] = ()
    roles: tuple[RoleMention, ...] = ()
    events: tuple[EventMention, ...] = ()
