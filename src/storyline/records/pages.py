"""What ingest and clean hand on: raw pages, their decoding, skips, paragraphs, articles."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from .base import (
    Column,
    DateHow,
    DecodingHow,
    FuzzyDate,
    PageKind,
    ParagraphKind,
    article_id,
    content_hash,
)


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

    COLUMNS: ClassVar[dict[str, Column]] = {
        "id": str, "source": str, "title": str, "byline": str, "publisher": str, "url": str,
        "published": str, "published_how": str, "published_earliest": str,
        "published_latest": str, "updated": str, "crawled": str, "text": str, "words": int,
        "encoding": str, "encoding_how": str, "encoding_replaced": int,
    }  # fmt: skip
    """The keys of `to_json`, in order, with their shapes (the export's columns)."""

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
