"""HTML pages: trafilatura finds the article and its metadata, htmldate its dates.

The page is decoded by storyline (`ingest.decoding`, from the bytes and the charset an HTTP header
declared, exactly as ingest decoded it: trafilatura's own guess turns a short Latin-1 page into
cp775) and parsed once, trafilatura extracts the main text as its internal XML tree, and that tree is walked
into paragraphs: one per block, headings and list items marked, `<br>` runs split into
paragraphs.  The publication date is htmldate's *original* date; a later modification date is
kept apart in `updated`.

Settings were chosen by measurement on the AEB and htmldate dev pages (see `HtmlSettings`).
Garbage in never raises: it comes out as an Extraction without paragraphs, which the caller
reports.  Dates in the metadata outside years 1-9999, which the date finders drop without a
word, become warnings.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from typing import TYPE_CHECKING

from storyline.ingest.decoding import decode
from storyline.records import FuzzyDate, ParagraphKind

if TYPE_CHECKING:
    from storyline.clean import Extraction

LOGGER = logging.getLogger(__name__)
LOGGER.addHandler(logging.NullHandler())

__all__ = ["HTML_SETTINGS", "HtmlSettings", "clean_html"]


@dataclass(frozen=True)
class HtmlSettings:
    """How HTML is cleaned; one frozen object so the API, eval and bench name options alike.

    Defaults measured on the 84 AEB dev pages (benchmark F1 0.974 with all of them; flipping
    one gives: favor_recall 0.969, include_tables=False 0.969, include_comments 0.971, fast
    0.969, drop_title_duplicate=False 0.971, split_body=False 0.966) and on the 485 htmldate
    dev pages (day-exact published date: extensive search 0.913, without 0.872).
    """

    favor_recall: bool = False
    include_tables: bool = True
    include_comments: bool = False  # reader comments are not the article
    fast: bool = False  # False: trafilatura also tries readability/justext when unsure
    drop_title_duplicate: bool = True  # the headline repeated at the top is not body text
    split_body: bool = True  # follow an article body split into twin containers (ads between)
    extensive_date_search: bool = True  # published date: htmldate's extensive search


HTML_SETTINGS = HtmlSettings()

# trafilatura's output tree: elements that start a new paragraph
_BLOCKS = frozenset(
    {
        "p",
        "head",
        "list",
        "item",
        "quote",
        "table",
        "row",
        "code",
        "div",
        "body",
        "article",
        "section",
    }
)
_SKIP = frozenset({"graphic", "img", "script", "style"})
_TITLE_SEPARATORS = re.compile(r"\s+[-|–—:·•»]\s+")
_WORD = re.compile(r"\w+")
_PROSE = 100  # characters: a paragraph at least this long reads as article prose
# A date in a metadata attribute or JSON-LD date field with a year no date type holds
_FAR_DATE = re.compile(
    r"""(?:\b(?:content|datetime)\s*=\s*|"date\w*"\s*:\s*)["']\s*"""
    r"((?:-\d{4,}|\+?\d{5,}|0000)-[01]\d-[0-3]\d)",
    re.IGNORECASE,
)
# Tags read of one page.  The largest of 569 real pages (the AEB and htmldate sets) has 19,437;
# every tag costs trafilatura and htmldate time and memory (100,000 <p> took 18 s in trafilatura
# alone and 3.4 GB in a build; 1,000,000 never finished).  A larger page is cut before the tag
# past this bound, and its article comes from the part before the cut.
MAX_TAGS = 50_000


def clean_html(
    content: bytes,
    url: str | None = None,
    settings: HtmlSettings = HTML_SETTINGS,
    charset: str | None = None,
) -> Extraction:
    """The article in an HTML page: paragraphs, title, byline, publisher, dates.  `charset` is
    the one declared beside the page (an HTTP header), if any.

    Never raises for bad markup: a page where nothing is found gives an Extraction with no
    paragraphs (and whatever metadata could still be read).
    """
    from storyline.clean import Extraction
    from storyline.clean.publisher import publisher_from_url

    found = Extraction(url=url)
    content, found.cut = _bounded(content)
    try:
        _extract(content, url, settings, found, charset)
    except Exception as error:  # noqa: BLE001 - hostile markup must never stop a build
        LOGGER.debug("HTML extraction failed for %s: %r", url, error)
    if found.publisher is None and (url or found.url):
        found.publisher = publisher_from_url(url or found.url or "")
    return found


def _bounded(content: bytes) -> tuple[bytes, str | None]:
    """The page, cut before its tag past `MAX_TAGS` when it has more, and why it was cut.

    Counted on the bytes, before any parsing: a `<` is never inside a multi-byte UTF-8 character,
    and a cut HTML document still parses (the parser closes what is open)."""
    tags = content.count(b"<")
    if tags <= MAX_TAGS:
        return content, None
    cut = next(islice(re.finditer(rb"<", content), MAX_TAGS, None)).start()
    return content[:cut], (
        f"{tags:,} tags, over the {MAX_TAGS:,} storyline reads of one page:"
        f" the article comes from the first {cut:,} bytes of {len(content):,}"
    )


def _extract(
    content: bytes, url: str | None, settings: HtmlSettings, found: Extraction, charset: str | None
) -> None:
    import trafilatura
    from htmldate import find_date
    from trafilatura.utils import load_html, normalize_unicode

    if not content or not content.strip():
        return
    html, _ = decode(content, declared=charset, markup=True)
    found.warnings += _far_dates(html)
    tree = load_html(html)  # trafilatura's lenient parsing of the text as decoded here
    if tree is None:
        return
    today = datetime.now().strftime("%Y-%m-%d")
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=settings.fast,
        favor_recall=settings.favor_recall,
        include_comments=settings.include_comments,
        include_tables=settings.include_tables,
        with_metadata=True,
        date_extraction_params={
            "original_date": True,
            "extensive_search": settings.extensive_date_search,
            "max_date": today,
        },
    )
    if document is None:  # trafilatura found no article; metadata may still be readable
        _metadata_only(tree, url, today, settings, found)
        return
    title = _clean_title(document.title, document.sitename)
    found.title = title
    found.byline = _clean(document.author)
    found.publisher = _clean(document.sitename)
    found.url = url or document.url
    found.published = _day(document.date)
    found.published_how = "metadata" if found.published else None
    found.updated = _updated(tree, url, today, found.published, find_date)
    paragraphs = [(normalize_unicode(text), kind) for text, kind in _paragraphs(document.body)]
    if settings.split_body and paragraphs:
        paragraphs += _continuation(tree, paragraphs)
    if settings.drop_title_duplicate and title:
        paragraphs = _drop_title(paragraphs, title)
    found.paragraphs = paragraphs


def _metadata_only(
    tree, url: str | None, today: str, settings: HtmlSettings, found: Extraction
) -> None:
    from htmldate import find_date
    from trafilatura.metadata import extract_metadata

    try:
        meta = extract_metadata(
            tree,
            url,
            {
                "original_date": True,
                "extensive_search": settings.extensive_date_search,
                "max_date": today,
            },
        )
    except Exception:  # noqa: BLE001
        return
    found.title = _clean_title(meta.title, meta.sitename)
    found.byline = _clean(meta.author)
    found.publisher = _clean(meta.sitename)
    found.url = url or meta.url
    found.published = _day(meta.date)
    found.published_how = "metadata" if found.published else None
    found.updated = _updated(tree, url, today, found.published, find_date)


def _updated(tree, url, today, published: FuzzyDate | None, find_date) -> FuzzyDate | None:
    """The last-modified date, only when it is later than the publication date.

    Searched in the markup only (no extensive search): a stray date in the page's text is
    not a modification date.
    """
    if published is None:
        return None
    try:
        modified = _day(
            find_date(tree, original_date=False, extensive_search=False, url=url, max_date=today)
        )
    except Exception:  # noqa: BLE001
        return None
    if modified is None or modified.earliest <= published.earliest:
        return None
    return modified


def _far_dates(html: str) -> list[str]:
    """Warnings for metadata dates outside years 1-9999 (at most three)."""
    far = list(dict.fromkeys(m.group(1) for m in _FAR_DATE.finditer(html)))[:3]
    return [
        f"date {value} in the page's metadata is outside years 1-9999, not used" for value in far
    ]


def _day(value: str | None) -> FuzzyDate | None:
    if not value:
        return None
    try:
        return FuzzyDate.day(date.fromisoformat(value[:10]))
    except ValueError:
        return None


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(value.split())
    return value or None


def _clean_title(title: str | None, sitename: str | None) -> str | None:
    """The headline without a trailing " - Site Name" (or a leading "Site Name | ")."""
    title = _clean(title)
    if not title or not sitename:
        return title
    site = set(_words(sitename))
    separators = list(_TITLE_SEPARATORS.finditer(title))
    if separators:
        last, first = separators[-1], separators[0]
        if _names_site(title[last.end() :], site) and title[: last.start()].strip():
            return title[: last.start()].strip()
        if _names_site(title[: first.start()], site) and title[first.end() :].strip():
            return title[first.end() :].strip()
    return title


def _names_site(part: str, site: set[str]) -> bool:
    """Whether a title part names the site: "Inexhibit" names "Inexhibit magazine"."""
    words = _words(part)
    return bool(words) and len(words) <= 4 and set(words) <= site


def _drop_title(
    paragraphs: list[tuple[str, ParagraphKind]], title: str
) -> list[tuple[str, ParagraphKind]]:
    """Without the headline repeated at the top of the body (first block, or an early heading)."""
    for index, (text, kind) in enumerate(paragraphs[:3]):
        if (index == 0 or kind == "heading") and _same_words(text, title):
            return paragraphs[:index] + paragraphs[index + 1 :]
    return paragraphs


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _same_words(paragraph: str, title: str) -> bool:
    first = _words(paragraph)
    return bool(first) and first == _words(title)


def _continuation(
    tree, paragraphs: list[tuple[str, ParagraphKind]]
) -> list[tuple[str, ParagraphKind]]:
    """Paragraphs of an article body that the page splits into sibling containers.

    Some layouts (Condé Nast's, for one) cut the body into several `<div class="body ...">`
    with ads in between; trafilatura keeps the first.  When the container holding the last
    extracted paragraph has later twins (same tag, same class) the twins' paragraphs are
    appended, unless already extracted.
    """
    texts = {text for text, _ in paragraphs}
    last = paragraphs[-1][0]
    anchor = None
    for element in tree.iter("p"):
        if " ".join(element.text_content().split()) == last:
            anchor = element
    if anchor is None:
        return []
    container = anchor.getparent()
    classes = container.get("class") if container is not None else None
    if not classes:
        return []
    twins = [t for t in tree.iter(container.tag) if t.get("class") == classes]
    later = twins[twins.index(container) + 1 :]
    extra: list[tuple[str, ParagraphKind]] = []
    for twin in later:
        blocks = []
        for element in twin.iter("p", "h2", "h3", "h4", "blockquote"):
            if element.tag == "p" and element.getparent().tag == "blockquote":
                continue
            text = " ".join(element.text_content().split())
            if text and text not in texts:
                blocks.append((text, "heading" if element.tag[0] == "h" else "body"))
        prose = sum(len(text) for text, kind in blocks if kind == "body" and len(text) >= _PROSE)
        if prose < 2 * _PROSE or prose < 0.7 * sum(len(text) for text, _ in blocks):
            break  # not article prose: the split body ends here
        extra += blocks
        texts.update(text for text, _ in blocks)
    return extra


def _paragraphs(body) -> list[tuple[str, ParagraphKind]]:
    """trafilatura's XML body as paragraphs: one per block, `<lb/>` ends a paragraph."""
    if body is None:
        return []
    walker = _Walker()
    walker.walk(body, "body")
    walker.flush("body")
    return walker.out


class _Walker:
    def __init__(self) -> None:
        self.out: list[tuple[str, ParagraphKind]] = []
        self.buf: list[str] = []

    def flush(self, kind: ParagraphKind) -> None:
        if self.buf:
            text = " ".join("".join(self.buf).split())
            self.buf.clear()
            if text:
                self.out.append((text, kind))

    def walk(self, element, kind: ParagraphKind) -> None:
        tag = element.tag
        if not isinstance(tag, str) or tag in _SKIP:
            return  # comments, processing instructions, images: no text (tails: the parent)
        if tag == "lb":
            self.flush(kind)
            return
        block = tag in _BLOCKS
        if block:
            self.flush(kind)
            kind = "heading" if tag == "head" else "list" if tag == "item" else kind
        elif tag == "cell" and element.getprevious() is not None:
            self.buf.append(" | ")
        if element.text:
            self.buf.append(element.text)
        for child in element:
            self.walk(child, kind)
            if child.tail:
                self.buf.append(child.tail)
        if block:
            self.flush(kind)
        elif tag == "cell":
            self.buf.append(" ")
