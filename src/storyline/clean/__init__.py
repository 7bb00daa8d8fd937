"""The clean stage: a RawPage becomes an Article (clean text, title, byline, publisher, date).

HTML goes through trafilatura and htmldate; plain-text scrapes through storyline's own cleaner,
which also uses `Templates`: boilerplate learned across the corpus.  `clean_page` is a pure
function of (page, templates); `CleanStage` is what an engine runs: batches of pages → `Cleaned`,
with the templates as its (picklable) state, so it runs unchanged in any engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.records import Article, DateHow, FuzzyDate, Paragraph, ParagraphKind, RawPage

from .templates import Templates, learn_templates

__all__ = [
    "CleanStage",
    "Cleaned",
    "Extraction",
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


def clean_page(page: RawPage, templates: Templates | None = None) -> Article:
    """Clean one page; metadata that arrived beside the content (JSON fields) wins over guesses."""
    if page.kind == "html":
        from .html import clean_html

        found = clean_html(page.content, url=page.url)
    else:
        from .text import clean_text

        found = clean_text(page.content.decode("utf-8"), templates or Templates.empty())
    _apply_hints(found, page)
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
    )


@dataclass(frozen=True)
class Cleaned:
    """What cleaning made of one page (`page` is its content hash): its article, or the reason
    there is none."""

    page: str
    article: Article | None = None
    failure: str | None = None


def clean_or_reason(page: RawPage, templates: Templates | None = None) -> Cleaned:
    """The page's article, or why there is none: one hostile page never stops a build."""
    try:
        article = clean_page(page, templates)
    except Exception as error:  # noqa: BLE001 - reported per page, the build goes on
        return Cleaned(page.hash, failure=f"cleaning failed: {type(error).__name__}: {error}")
    if not article.text.strip():
        return Cleaned(page.hash, failure="no article text found")
    return Cleaned(page.hash, article=article)


class CleanStage:
    """Batches of pages → `Cleaned`, with the corpus's learned templates."""

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
        try:
            found.published = FuzzyDate.parse(hints["published"][:10])
            found.published_how = "metadata"
        except ValueError:
            pass
    if found.publisher is None and page.url:
        from .publisher import publisher_from_url

        found.publisher = publisher_from_url(page.url)


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
