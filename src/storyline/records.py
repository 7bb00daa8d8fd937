"""The typed records every stage speaks: the contract between ingest, clean and the store.

Records are frozen dataclasses so that a per-document stage is a pure function from one record
to another and can run unchanged in a process pool or on Ray.  Text is never copied into a
span: a span is a pair of character offsets into the article's clean text.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from typing import Literal, NamedTuple

from storyline.dates import make_date, month_end, year_text
from storyline.lexicon.time_words import MONTH_NAMES

PageKind = Literal["html", "text"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Granularity = Literal["day", "week", "month", "quarter", "year", "decade"]
EngineName = Literal["local", "processes", "ray"]  # where a build's per-document stages run
ExportWhat = Literal["articles", "entities", "events", "timeline"]
ExportFormat = Literal["jsonl", "csv", "parquet"]
QUADS = ("verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # one page; JSON Lines files are streamed line by line
# What a user asks a timeline for; auto: the evidence decides.
TimelineGrain = Literal["day", "month", "auto"]
DateHow = Literal["metadata", "dateline", "inferred"]
ParagraphKind = Literal["standfirst", "body", "heading", "list"]
DecodingHow = Literal[
    "bom", "utf-8", "http-header", "meta", "xml-declaration", "detected", "fallback", "unsure"
]


@functools.cache
def _version() -> str:
    try:
        return version("storyline")
    except PackageNotFoundError:  # pragma: no cover - a source tree that is not installed
        return "unknown"


def content_hash(data: bytes) -> str:
    """The identity of an input: re-ingesting the same bytes is a no-op."""
    return hashlib.sha256(data).hexdigest()


def article_id(page_hash: str) -> str:
    """Article ids are the content hash's prefix: stable across re-runs and machines."""
    return page_hash[:12]


@dataclass(frozen=True)
class FuzzyDate:
    """A date known to some granularity: an interval [earliest, latest] plus how coarse it is.

    News dates are rarely exact days ("in 2006", "last month"); keeping the granularity stops
    "November 2009" from turning into November 1st.
    """

    earliest: date
    latest: date
    granularity: Granularity

    @classmethod
    def day(cls, d: date) -> FuzzyDate:
        return cls(d, d, "day")

    @classmethod
    def month(cls, year: int, month: int) -> FuzzyDate:
        return cls(make_date(year, month, 1), month_end(year, month), "month")

    @classmethod
    def year(cls, year: int) -> FuzzyDate:
        return cls(make_date(year, 1, 1), make_date(year, 12, 31), "year")

    @classmethod
    def parse(cls, value: str) -> FuzzyDate:
        """Parse the `published` forms of the JSON contract: YYYY-MM-DD, YYYY-MM or YYYY."""
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
        if not match:
            raise ValueError(f"not a YYYY[-MM[-DD]] date: {value!r}")
        y, m, d = (int(g) if g else None for g in match.groups())
        if d is not None:
            return cls.day(date(y, m, d))
        if m is not None:
            return cls.month(y, m)
        return cls.year(y)

    @property
    def value(self) -> str:
        """The contract's string form, as coarse as the evidence (years in four digits: the
        year 501 is "0501", which `parse` reads back)."""
        if self.granularity == "day":
            return self.earliest.isoformat()
        if self.granularity == "month":
            return f"{year_text(self.earliest.year)}-{self.earliest.month:02d}"
        if self.granularity == "year" or self.earliest.year == self.latest.year:
            return year_text(self.earliest.year)
        return f"{self.earliest.isoformat()}/{self.latest.isoformat()}"

    @property
    def label(self) -> str:
        """The date for a reader, never more precise than the evidence: '2 November 2009',
        'November 2009', '2009', 'the 2000s', or the range a coarser date covers."""
        a, b = self.earliest, self.latest
        if self.granularity == "day":
            return f"{a.day} {month_name(a.month)} {a.year}"
        if self.granularity == "month":
            return f"{month_name(a.month)} {a.year}"
        if self.granularity == "year":
            return str(a.year)
        if self.granularity == "decade":
            return f"the {a.year}s"
        if a.year == b.year:
            return f"{a.day} {month_name(a.month, short=True)} – {b.day} {month_name(b.month, short=True)} {a.year}"
        return f"{a.isoformat()} – {b.isoformat()}"


def month_name(month: int, short: bool = False) -> str:
    """'November' (or 'Nov') for 11: the English names the CLI and the web app show."""
    name = MONTH_NAMES[month - 1]
    return name[:3] if short else name


@dataclass(frozen=True)
class Decoding:
    """How an input's bytes became text: the codec, what chose it, and how many undecodable
    sequences were replaced by U+FFFD.  Kept so that a guess is shown, never silent."""

    encoding: str
    how: DecodingHow
    replaced: int = 0

    @property
    def explained(self) -> str:
        """The choice in words, as `storyline show` and the article page give it."""
        replaced = f"; {_replaced(self.replaced)}" if self.replaced else ""
        return f"{_DECODING_HOW[self.how]}{replaced}"

    @property
    def warning(self) -> str | None:
        """The build report's line about this decoding, when it changed or doubts the text."""
        if self.how == "unsure":
            return f"read as {self.encoding} as a last resort; the text may be garbled"
        if self.replaced:
            return f"{_replaced(self.replaced)} (read as {self.encoding})"
        return None


_DECODING_HOW = {
    "bom": "from its byte-order mark",
    "utf-8": "valid UTF-8",
    "http-header": "declared in the HTTP Content-Type header",
    "meta": "declared in the page's <meta> charset",
    "xml-declaration": "declared in the page's XML declaration",
    "detected": "detected from the bytes (charset-normalizer): Windows-1252 garbled them",
    "fallback": "not UTF-8 and nothing declared: Windows-1252, the usual legacy code page",
    "unsure": "no encoding reads it cleanly: Windows-1252 as a last resort",
}


def _replaced(count: int) -> str:
    return f"{count} undecodable {'sequence' if count == 1 else 'sequences'} replaced by U+FFFD"


@dataclass(frozen=True)
class RawPage:
    """One input document as bytes, before any cleaning, with where it came from.

    `source` is what the user will recognise: the path as given, a JSON line's `url`, or
    `path#lineN`.  `hints` carries metadata that arrived beside the content (JSON fields, a WARC
    record's HTTP `charset`).  `decoding` says how the input's bytes were read as text: text
    pages are stored transcoded to UTF-8, HTML pages as their original bytes.
    """

    source: str
    kind: PageKind
    content: bytes
    hash: str
    url: str | None = None
    hints: dict[str, str] = field(default_factory=dict)
    decoding: Decoding | None = None

    @classmethod
    def of(cls, source: str, kind: PageKind, content: bytes, **kwargs) -> RawPage:
        return cls(source=source, kind=kind, content=content, hash=content_hash(content), **kwargs)

    @property
    def id(self) -> str:
        return article_id(self.hash)


@dataclass(frozen=True)
class Skipped:
    """An input that could not be used, and why: it goes into the build report, never lost."""

    source: str
    reason: str


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    kind: ParagraphKind = "body"


@dataclass(frozen=True)
class Article:
    """A clean, dated article: what the clean stage hands to every later stage."""

    id: str
    source: str
    title: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    byline: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: FuzzyDate | None = None
    published_how: DateHow | None = None
    updated: FuzzyDate | None = None
    raw_hash: str = ""
    # When a crawler fetched the page (ISO datetime, a WARC-Date), never a publication date: an
    # archive crawled in 2024 holds articles from any year.
    crawled: str | None = None
    decoding: Decoding | None = None  # how the page's bytes were read (None in older stores)

    @property
    def words(self) -> int:
        return len(self.text.split())

    def to_json(self) -> dict:
        """The article object of the JSON contract (keys may be added, never renamed)."""
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "byline": self.byline,
            "publisher": self.publisher,
            "url": self.url,
            "published": self.published.value if self.published else None,
            "published_how": self.published_how if self.published else None,
            "published_earliest": self.published.earliest.isoformat() if self.published else None,
            "published_latest": self.published.latest.isoformat() if self.published else None,
            "updated": self.updated.value if self.updated else None,
            "crawled": self.crawled,
            "text": self.text,
            "words": self.words,
            "encoding": self.decoding.encoding if self.decoding else None,
            "encoding_how": self.decoding.how if self.decoding else None,
            "encoding_replaced": self.decoding.replaced if self.decoding else None,
        }


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


@dataclass(frozen=True)
class BuildWarning:
    """Something a user should know about an input that was built: bytes replaced in decoding,
    a stated date that was dropped."""

    source: str
    warning: str


@dataclass(frozen=True)
class Failure:
    """A document a per-document stage could not process whole, and why: it raised, or the
    document is past a bound storyline sets on the work one document may cost.

    The build goes on without it; the store keeps the failure (and the article, when cleaning
    gave one) and the next build tries the document again, so a fixed storyline heals the store.
    `document` is the article id (the page's content-hash prefix); `stage` is clean, annotate
    or extract; `error` the exception's type; `version` the storyline that failed.
    """

    document: str
    source: str
    stage: str
    error: str
    message: str
    version: str

    @classmethod
    def of(cls, document: str, source: str, stage: str, error: BaseException) -> Failure:
        """The failure `error` is, raised by `stage` on a document, with this storyline's version."""
        message = str(error) or repr(error)
        return cls(document, source, stage, type(error).__name__, message, _version())

    def to_json(self) -> dict:
        """As the build report lists it."""
        return {
            "source": self.source,
            "stage": self.stage,
            "error": f"{self.error}: {self.message}",
        }


@dataclass(frozen=True)
class BuildReport:
    """What a build did with each input: the counts a user checks, every skip with its reason,
    warnings about inputs that were built, and every document a stage failed on."""

    new: int = 0
    unchanged: int = 0
    duplicate: int = 0
    skipped: tuple[Skipped, ...] = ()
    cleaned: int = 0
    warnings: tuple[BuildWarning, ...] = ()
    failed: tuple[Failure, ...] = ()

    @property
    def built_anything(self) -> bool:
        return self.new + self.unchanged + self.duplicate > 0

    def to_json(self) -> dict:
        return {
            "new": self.new,
            "unchanged": self.unchanged,
            "duplicate": self.duplicate,
            "skipped": [{"source": s.source, "reason": s.reason} for s in self.skipped],
            "cleaned": self.cleaned,
            "warnings": [{"source": w.source, "warning": w.warning} for w in self.warnings],
            "failed": [f.to_json() for f in self.failed],
        }


@dataclass(frozen=True)
class DatedSentence:
    """A sentence, `article`'s text[start:end], saying that something happened on `date`.

    `published` is the article's date; `weight` is how much the dating is trusted (a sentence
    dated only by its article's publication date should weigh less than one naming the day);
    `events` are the ids of corpus events the sentence reports; `claim_of` is the id of the event
    whose date this sentence claims (set when sources disagree on that event's date).
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
