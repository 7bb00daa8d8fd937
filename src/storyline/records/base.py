"""The vocabulary every record shares: literal types, bounds, content identity, fuzzy dates."""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from typing import Literal

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
Column = type | list | dict
"""A JSON key's shape, for typed exports: str, int or float; [item] for a list; {key: column} for
an object.  Each record that reaches users declares its `COLUMNS` beside its `to_json`."""
SOURCE_COLUMNS = {"article": str, "start": int, "end": int}
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
    def between(cls, lo: date, hi: date) -> FuzzyDate:
        """[lo, hi] on the finest calendar unit that holds it and that `value` prints
        faithfully: a day, a month, a year, an ISO week across a new year, else a "decade"
        (any longer span, printed as its interval)."""
        if lo == hi:
            granularity: Granularity = "day"
        elif (lo.year, lo.month) == (hi.year, hi.month):
            granularity = "month"
        elif lo.year == hi.year:
            granularity = "year"
        elif lo.isocalendar()[:2] == hi.isocalendar()[:2]:
            granularity = "week"
        else:
            granularity = "decade"
        return cls(lo, hi, granularity)

    @classmethod
    def parse(cls, value: str) -> FuzzyDate:
        """Parse the contract's date forms: YYYY-MM-DD, YYYY-MM, YYYY, or the interval of days
        `value` writes for a span across years (YYYY-MM-DD/YYYY-MM-DD)."""
        lo, slash, hi = value.strip().partition("/")
        if slash:
            try:
                first, last = date.fromisoformat(lo), date.fromisoformat(hi)
            except ValueError:
                raise ValueError(f"not a YYYY-MM-DD/YYYY-MM-DD interval: {value!r}") from None
            if first > last:
                raise ValueError(f"an interval that ends before it starts: {value!r}")
            return cls.between(first, last)
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
