"""The HTML cleaner on real benchmark pages (when the shared data is present) and hostile input."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from storyline.clean.html import clean_html
from storyline.records import FuzzyDate

AEB = Path(__file__).resolve().parents[2] / "shared" / "data" / "aeb"
# two AEB dev pages: a plain news article and a body the page splits into several containers
AEB_PAGES = {
    "2c46804d9db4a85e8f8d31128ce0e11d02f25c7120c2faa5ec0664c604a47717": date(2019, 11, 19),
    "2f42ef1d3ea0c96e56355d3db93d0e06b47e760b74f6f4261278b8cd1c246dd6": date(2019, 11, 14),
}


@pytest.fixture(scope="module")
def aeb_gold() -> dict:
    if not (AEB / "ground-truth.json").exists():
        pytest.skip(
            f"AEB benchmark data not found at {AEB} (third-party HTML is not shipped in the repo)"
        )
    return json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("page_id", sorted(AEB_PAGES))
def test_aeb_page_body_title_and_date(aeb_gold, page_id):
    gold = aeb_gold[page_id]
    html = gzip.decompress((AEB / "html" / f"{page_id}.html.gz").read_bytes())
    found = clean_html(html, url=gold["url"])
    body = "\n\n".join(text for text, _ in found.paragraphs)
    gold_paragraphs = [p.strip() for p in gold["articleBody"].split("\n") if len(p.strip()) > 80]
    assert " ".join(gold_paragraphs[0].split()) in body  # the lead
    assert " ".join(gold_paragraphs[-1].split()) in body  # and the end, past any split
    assert found.title and found.title.split()[0] not in ("", "Home", "Menu")
    assert found.title != found.publisher  # the headline, not the site's name
    assert found.published == FuzzyDate.day(AEB_PAGES[page_id])
    assert found.published_how == "metadata"
    assert found.publisher


def _page(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head><title>Test page</title>{head}</head><body>{body}</body></html>".encode()


PROSE = (
    "The city council voted on Tuesday to approve the new budget for the coming year, "
    "after a long debate about spending on roads, schools and public transport. "
)


def test_dates_published_and_updated():
    head = (
        '<meta property="article:published_time" content="2017-03-04T12:20:00Z">'
        '<meta property="article:modified_time" content="2017-03-06T09:00:00Z">'
    )
    found = clean_html(_page(f"<article><h1>Budget</h1><p>{PROSE * 3}</p></article>", head))
    assert found.published == FuzzyDate.day(date(2017, 3, 4))
    assert found.published_how == "metadata"
    assert found.updated == FuzzyDate.day(date(2017, 3, 6))


def test_no_updated_when_never_modified():
    head = '<meta property="article:published_time" content="2017-03-04T12:20:00Z">'
    found = clean_html(_page(f"<article><p>{PROSE * 3}</p></article>", head))
    assert found.published == FuzzyDate.day(date(2017, 3, 4))
    assert found.updated is None


def test_paragraph_kinds_and_title_duplicate():
    body = (
        "<article><h1>Council approves budget</h1>"
        f"<p>{PROSE}</p><h2>What changes</h2><p>{PROSE}</p>"
        "<ul><li>More buses on weekday evenings in the city</li><li>Two new schools in the north</li></ul>"
        f"<p>{PROSE}<br><br>A second paragraph after a line break, which is long enough to count.</p></article>"
    )
    head = '<meta property="og:title" content="Council approves budget">'
    found = clean_html(_page(body, head), url="https://www.example.co.uk/news/budget")
    kinds = [kind for _, kind in found.paragraphs]
    texts = [text for text, _ in found.paragraphs]
    assert found.title == "Council approves budget"
    assert "Council approves budget" not in texts  # the headline is not repeated as body
    assert ("What changes", "heading") in found.paragraphs
    assert kinds.count("list") == 2
    assert texts[-1].startswith("A second paragraph")  # <br><br> splits paragraphs
    assert found.publisher == "example.co.uk"  # no site name in the page: the URL's domain


def test_script_payloads_never_reach_the_text():
    body = (
        f"<article><p>{PROSE}</p><script>alert('pwned'); document.write('EVIL')</script>"
        f"<p>{PROSE}<script>var x = '</p><p>EVIL';</script></p><style>p {{ color: red }}</style>"
        '<img src=x onerror="alert(1)"><p>' + PROSE + "</p></article>"
    )
    found = clean_html(_page(body))
    text = " ".join(t for t, _ in found.paragraphs)
    assert "council voted" in text
    assert "EVIL" not in text and "alert" not in text and "color" not in text


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"   \n\t ",
        b"\x00\x01\x02\xff\xfe binary",
        b"<html><body><div><p>unclosed <b>bold <i>italic <div><table><tr><td>cell",
        b"<<<>>></p></div></body>&&&;;" * 50,
        b"<html>" + b"<div>" * 5000 + b"deep" + b"</div>" * 10 + b"</html>",
        b"just some words, no markup at all",
        "<html><body><p>ünïcödé \udcff</p></body></html>".encode("utf-8", "surrogateescape"),
    ],
)
def test_garbage_never_raises(content):
    found = clean_html(content, url="not a url")
    assert isinstance(found.paragraphs, list)


def test_unclosed_tags_keep_the_text():
    found = clean_html(_page(f"<div><p>{PROSE}<p>{PROSE}<b>bold and never closed <i>{PROSE}"))
    text = " ".join(t for t, _ in found.paragraphs)
    assert "council voted" in text and "bold and never closed" in text


def test_latin1_bytes_are_decoded():
    html = (
        '<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head><body><article>'
        f"<p>Le caf\xe9 du coin a rouvert ses portes apr\xe8s les travaux. {PROSE * 2}</p>"
        "</article></body></html>"
    ).encode("latin-1")
    found = clean_html(html)
    text = " ".join(t for t, _ in found.paragraphs)
    assert "café du coin" in text and "après" in text
    assert "\ufffd" not in text


def test_latin1_bytes_without_declaration():
    html = (
        b"<html><body><article><p>"
        + "café ".encode("latin-1")
        + PROSE.encode() * 2
        + b"</p></article></body></html>"
    )
    found = clean_html(html)
    text = " ".join(t for t, _ in found.paragraphs)
    assert "café council" in text or "café The city council" in text
