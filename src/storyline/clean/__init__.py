"""The clean stage: a RawPage becomes an Article (clean text, title, byline, publisher, date).

HTML goes through trafilatura and htmldate; plain-text scrapes through storyline's own cleaner,
which also uses `Templates`: boilerplate learned across the corpus.  `clean_page` is a pure
function of (page, templates); `CleanStage` is what an engine runs: batches of pages → `Cleaned`,
with the templates as its (picklable) state, so it runs unchanged in any engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.records import (
    Article,
    DateHow,
    Failure,
    FuzzyDate,
    Paragraph,
    ParagraphKind,
    RawPage,
    article_id,
)

from .templates import Templates, learn_templates

__all__ = [
    "CleanStage",
    "Cleaned",
    "Extraction",
    "PageTooLarge",
    "Templates",
    "clean_or_reason",
    "clean_page",
    "learn_templates",
]


@dataclass
class Extraction:
    """What a cleaner found in one page, before it is assembled into an Article."""

    paragraphs: list[tuple[str, ParagraphKind]] = field(default_factory=list)
    title: str | None = None
    byline: str | None = None
    publisher: str | None = None
    published: FuzzyDate | None = None
    published_how: DateHow | None = None
    updated: FuzzyDate | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)  # for the build report: dates dropped
    cut: str | None = None  # why only part of the page was read, when it was too large


_STATED_YEAR = re.compile(r"([+-]?)(\d+)-\d")


def clean_page(page: RawPage, templates: Templates | None = None) -> Article:
    """Clean one page; metadata that arrived beside the content (JSON fields) wins over guesses."""
    return _article(page, _extract(page, templates))


def _extract(page: RawPage, templates: Templates | None) -> Extraction:
    if page.kind == "html":
        from .html import clean_html

        found = clean_html(page.content, url=page.url, charset=page.hints.get("charset"))
    else:
        from .text import clean_text

        found = clean_text(page.content.decode("utf-8"), templates or Templates.empty())
    _apply_hints(found, page)
    return found


def _article(page: RawPage, found: Extraction) -> Article:
    text, paragraphs = _join(found.paragraphs)
    return Article(
        id=page.id,
        source=page.source,
        title=found.title or _fallback_title(text),
        text=text,
        paragraphs=paragraphs,
        byline=found.byline,
        publisher=found.publisher,
        url=found.url or page.url,
        published=found.published,
        published_how=found.published_how if found.published else None,
        updated=found.updated,
        raw_hash=page.hash,
        crawled=page.hints.get("crawled"),  # never a publication date; the cleaners never see it
        decoding=page.decoding,
    )


@dataclass(frozen=True)
class Cleaned:
    """What cleaning made of one page (`page` is its content hash): its article and what the
    build report should warn of, or the reason there is none; `partial` says why an article
    comes from only part of a too large page."""

    page: str
    article: Article | None = None
    failure: str | None = None
    warnings: tuple[str, ...] = ()
    partial: Failure | None = None

    @property
    def document(self) -> str:
        """The page's article id (whether or not it gave an article)."""
        return article_id(self.page)


class PageTooLarge(Exception):
    """A page past the bound on what cleaning reads of one page (see `clean.html.MAX_TAGS`)."""


def clean_or_reason(page: RawPage, templates: Templates | None = None) -> Cleaned:
    """The page's article, or why there is none.  (An exception is the page's failure: the
    engine runs `CleanStage` isolated, see `storyline.engine.isolation`.)"""
    found = _extract(page, templates)
    article = _article(page, found)
    if not article.text.strip():
        return Cleaned(page.hash, failure="no article text found")
    partial = (
        Failure.of(page.id, page.source, "clean", PageTooLarge(found.cut)) if found.cut else None
    )
    return Cleaned(page.hash, article=article, warnings=tuple(found.warnings), partial=partial)


class CleanStage:
    """Batches of pages → `Cleaned`, with the corpus's learned templates.  Run it `Isolated`:
    a page it raises on is then that page's `Failure`, and the build goes on."""

    def __init__(self, templates: Templates | None = None):
        self.templates = templates or Templates.empty()

    def setup(self) -> None:
        pass

    def __call__(self, batch: list[RawPage]) -> list[Cleaned]:
        return [clean_or_reason(page, self.templates) for page in batch]


def _apply_hints(found: Extraction, page: RawPage) -> None:
    hints = page.hints
    if hints.get("title"):
        found.title = hints["title"]
    if hints.get("byline"):
        found.byline = hints["byline"]
    if hints.get("published"):
        published, warning = _stated_date(hints["published"])
        if published:
            found.published, found.published_how = published, "metadata"
        if warning:
            found.warnings.append(warning)
    if found.publisher is None and page.url:
        from .publisher import publisher_from_url

        found.publisher = publisher_from_url(page.url)


def _stated_date(value: str) -> tuple[FuzzyDate | None, str | None]:
    """A stated `published` value as a date, or why it was dropped: Python's dates (and the
    store's) hold years 1-9999 only, and a value that is not a date is not guessed at."""
    shown = value if len(value) <= 40 else value[:37] + "..."
    year = _STATED_YEAR.match(value)
    if year and (year.group(1) == "-" or not 1 <= len(year.group(2).lstrip("0")) <= 4):
        return None, f"published date {shown!r} outside years 1-9999 dropped"
    try:
        return FuzzyDate.parse(value[:10]), None
    except ValueError:
        return None, f"published date {shown!r} is not a YYYY[-MM[-DD]] date, ignored"


def _join(paragraphs: list[tuple[str, ParagraphKind]]) -> tuple[str, tuple[Paragraph, ...]]:
    """Paragraphs separated by blank lines, each remembered by its offsets into the text."""
    spans, parts, offset = [], [], 0
    for body, kind in paragraphs:
        body = body.strip()
        if not body:
            continue
        if parts:
            offset += 2
        spans.append(Paragraph(offset, offset + len(body), kind))
        parts.append(body)
        offset += len(body)
    return "\n\n".join(parts), tuple(spans)


def _fallback_title(text: str) -> str:
    first = text.split("\n", 1)[0]
    return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "..."
