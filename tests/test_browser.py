"""The web explorer in a real browser: Debian's Chromium driven by Playwright, against a real
`storyline.web.serve` subprocess over two stores (the four seeds, and the 120-article demo).

The flow a reader follows: the overview → a story → its timeline → a cited source → the
article, scrolled to the cited sentence, highlighted.  The sentence must be the one the
timeline entry cites (checked against the Python API, not the page), entities on the article
carry what storyline understood in a `title`, and the relations page draws its chart.

Screenshots of every step go to `test-artifacts/browser/` (gitignored).  Skipped when
/usr/bin/chromium or Playwright is missing; CI installs both.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, running_server
from conftest import SEEDS

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "browser"
CITED_URL = re.compile(r"/articles/(?P<article>[^/?#]+)\?hl=(?P<start>\d+)-(?P<end>\d+)#cited$")
TIMEOUT_MS = 10_000

if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = sync_api.expect


# ---- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    from storyline import Corpus

    db = tmp_path_factory.mktemp("browser-seeds") / "seeds.db"
    with Corpus(db) as corpus:
        corpus.build([SEEDS])
    return db


@pytest.fixture(scope="module", params=["seeds", "demo"])
def site(request, seeds_db):
    """(label, store path, base URL) of a live server; the server always stops afterwards."""
    db = seeds_db if request.param == "seeds" else request.getfixturevalue("demo_run")[0]
    with running_server(db) as base:
        yield request.param, db, base


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser):
    """A fresh page that records script errors and failed requests (CSP violations included)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    new = context.new_page()
    new.set_default_timeout(TIMEOUT_MS)
    new.problems = []
    new.on("pageerror", lambda error: new.problems.append(f"page error: {error}"))
    new.on(
        "console",
        lambda msg: (
            new.problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None
        ),
    )
    try:
        yield new
    finally:
        context.close()


def shot(page, label: str, step: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{label}-{step}.png"), full_page=False)


def open_first_story(page, base: str, label: str):
    """Overview → the first story; returns the story id and its first timeline entry."""
    page.goto(base + "/")
    shot(page, label, "1-overview")
    link = page.locator("a.story-link").first
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(re.compile(r"/stories/[^/?#]+$"))
    story_id = urlsplit(page.url).path.rsplit("/", 1)[1]
    entries = page.locator("li.timeline-entry")
    expect(entries.first).to_be_visible()
    shot(page, label, "2-story")
    return story_id, entries.first


# ---- the reader's path ------------------------------------------------------------------------


def test_story_timeline_source_lands_on_the_cited_sentence(site, page):
    from storyline import Corpus
    from storyline.records import Source

    label, db, base = site
    story_id, entry = open_first_story(page, base, label)
    entry_date = entry.get_attribute("data-date")
    source = entry.locator("a.source-link").first
    expect(source).to_be_visible()
    source.scroll_into_view_if_needed()
    shot(page, label, "3-timeline-entry")
    source.click()

    page.wait_for_url(re.compile(r"/articles/"))
    landed = CITED_URL.search(page.url)
    assert landed, (
        f"a source link should land on /articles/{{id}}?hl=start-end#cited, got {page.url}"
    )
    article_id, start, end = landed["article"], int(landed["start"]), int(landed["end"])
    assert parse_qs(urlsplit(page.url).query)["hl"] == [f"{start}-{end}"]

    mark = page.locator("mark.cited")
    expect(mark).to_have_count(1)
    expect(mark).to_be_visible()
    expect(mark).to_have_attribute("id", "cited")
    expect(mark).to_be_in_viewport()  # the #cited anchor scrolled to it
    shot(page, label, "4-article-cited")

    with Corpus(db) as corpus:
        text = corpus.article(article_id).text
        sentences = [(s.start, s.end) for s in corpus.annotation(article_id).sentences]
        timeline = corpus.timeline(story=story_id)
    # The highlight is exactly the cited span of the article...
    assert " ".join(mark.inner_text().split()) == " ".join(text[start:end].split())
    # ...which is a sentence of it (timeline sentences may stop early at a paragraph break)...
    assert any(s == start and start < end <= e for s, e in sentences), (start, end)
    # ...and the one the timeline entry clicked on cites.
    cited = [e for e in timeline if e.date.value == entry_date]
    assert cited, f"no timeline entry dated {entry_date} in story {story_id}"
    assert Source(article_id, start, end) in cited[0].sources
    assert not page.problems, page.problems


def test_article_highlights_entities_and_dates(site, page):
    label, _, base = site
    _, entry = open_first_story(page, base, label)
    href = entry.locator("a.source-link").first.get_attribute("href")
    served = page.goto(base + href).text()
    # The server marks entities and dates up with a `title` (what works without scripts)...
    titled = [html.unescape(t) for t in re.findall(r'<span class="ent" title="([^"]+)"', served)]
    assert len(titled) >= 3, "the article should show its entities as span.ent[title]"
    assert any(re.search(r"\((PERSON|ORG|GPE|NORP|LOC)\)", t) for t in titled), titled[:10]
    assert re.search(r'<span class="timex" title="[^"]+"', served), "no span.timex[title]"
    # ...which app.js may turn into its own tooltip (data-tip), shown on hover.
    body = page.locator(".article-body")
    entities = body.locator("span.ent[title], span.ent[data-tip]")
    expect(entities.first).to_be_visible()
    assert entities.count() == len(titled)
    first = entities.first
    tip = first.get_attribute("title") or first.get_attribute("data-tip")
    assert tip and tip == titled[0]
    first.scroll_into_view_if_needed()
    first.hover()
    if first.get_attribute("data-tip"):
        expect(page.locator(".tip")).to_be_visible()
        expect(page.locator(".tip")).to_contain_text(tip)
    shot(page, label, "5-article-entities")
    assert not page.problems, page.problems


@pytest.mark.parametrize("site", ["seeds"], indirect=True)  # United Kingdom and Russia
def test_relations_chart_is_drawn(site, page):
    label, _, base = site
    page.goto(base + "/relations?a=United%20Kingdom&b=Russia")
    canvas = page.locator("canvas").first
    expect(canvas).to_be_visible()
    box = canvas.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0, box
    # Chart.js has painted something: the canvas is not blank.
    page.wait_for_function(
        """canvas => {
            const ctx = canvas.getContext("2d");
            if (!ctx || !canvas.width || !canvas.height) return false;
            const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 3; i < data.length; i += 4) if (data[i]) return true;
            return false;
        }""",
        arg=canvas.element_handle(),
        timeout=TIMEOUT_MS,
    )
    shot(page, label, "6-relations")
    assert not page.problems, page.problems
