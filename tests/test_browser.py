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
from conftest import LONG_WORD

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "browser"
CITED_URL = re.compile(r"/articles/(?P<article>[^/?#]+)\?hl=(?P<start>\d+)-(?P<end>\d+)#cited$")
TIMEOUT_MS = 10_000
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = sync_api.expect


# ---- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_db(seeds_corpus):
    return seeds_corpus.store.path


@pytest.fixture(scope="module", params=["seeds", pytest.param("demo", marks=pytest.mark.slow)])
def site(request, seeds_db):
    """(label, store path, base URL) of a live server; the server always stops afterwards.
    The seeds run by default; the demo (120 articles, built once) with `-m slow`."""
    db = seeds_db if request.param == "seeds" else request.getfixturevalue("demo_run")[0]
    with running_server(db) as base:
        yield request.param, db, base


@pytest.fixture(scope="session")
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
    context = browser.new_context(viewport=DESKTOP)
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
    assert tip and tip.endswith(titled[0])  # "Entity: " + the title, for the tooltip
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


# ---- text written to break the page -----------------------------------------------------------


@pytest.fixture(scope="module")
def unruly_site(unruly_db):
    """A live server over a store with a 3,000-character word in an article's title and text."""
    from storyline import Corpus

    with Corpus(unruly_db) as corpus:
        article = next(a.id for a in corpus.articles() if LONG_WORD in a.title)
    with running_server(unruly_db) as base:
        yield base, article


@pytest.mark.slow
@pytest.mark.parametrize("width", [1366, 320])
def test_a_3000_character_word_wraps_instead_of_widening_the_page(unruly_site, page, width):
    base, article = unruly_site
    page.set_viewport_size({"width": width, "height": 900})
    for step, path in enumerate([f"/articles/{article}", "/articles", "/", "/search?q=officials",
                                 "/timeline", "/stories", "/entities"]):  # fmt: skip
        page.goto(base + path)
        if path != "/entities":
            assert LONG_WORD in page.content(), f"the long word should be on {path}"
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        shot(page, "unruly", f"{width}-{step}-{path.strip('/').split('/')[0] or 'home'}")
        assert widths[0] <= widths[1], f"{path} scrolls sideways: {widths[0]} px in {widths[1]}"
    assert not page.problems, page.problems


# every reader: phone widths, keyboard, screen readers (axe-core) ------------------------------

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_RUN = """() => axe.run(document, {runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
    "best-practice"]}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact,
    nodes: v.nodes.map(n => n.target.join(" "))})))"""
PAIRS = {"seeds": ("United Kingdom", "Russia"), "demo": ("Boeing", "Airbus")}


def every_page(label: str, db) -> list[str]:
    """One page of each kind the explorer has, over this store."""
    from urllib.parse import quote

    from storyline import Corpus

    with Corpus.open(db, readonly=True) as corpus:
        story = corpus.stories()[0]
        entity = corpus.entities()[0]
        article = corpus.article(story.articles[0])
    a, b = PAIRS[label]
    word = max(story.title.split(), key=len)
    return ["/", "/timeline", "/stories", f"/stories/{story.id}", "/entities",
            f"/entities/{quote(entity.id)}", "/articles", f"/articles/{article.id}",
            f"/relations?a={quote(a)}&b={quote(b)}", f"/search?q={quote(word)}", "/build",
            "/docs", f"/timeline?entity={quote(entity.name[:-1] + 'x')}"]  # fmt: skip


def serious_violations(page) -> list[dict]:
    """axe-core's serious and critical findings on the page as it is now."""
    page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated, so the page's CSP allows it
    found = page.evaluate(AXE_RUN)
    return [v for v in found if v["impact"] in ("serious", "critical")]


def settled(page, base: str, path: str) -> None:
    page.goto(base + path)
    if path == "/docs":  # Swagger UI draws itself after load; open one operation too
        page.locator(".opblock-summary-control").first.click()
        page.locator(".responses-wrapper").first.wait_for()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_every_page_passes_axe_and_fits_the_width(site, browser, viewport):
    label, db, base = site
    context = browser.new_context(viewport=viewport, has_touch=viewport is PHONE)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    problems = {}
    try:
        for path in every_page(label, db):
            settled(page, base, path)
            widths = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if widths[0] > widths[1]:
                problems[path] = f"scrolls sideways: {widths[0]} px in {widths[1]}"
            if found := serious_violations(page):
                problems[path] = found
        name = "home" if viewport is DESKTOP else "home-phone"
        settled(page, base, "/")
        shot(page, label, name)
    finally:
        context.close()
    assert not problems, problems


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    new = context.new_page()
    new.set_default_timeout(TIMEOUT_MS)
    try:
        yield new
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 390, 430])
def test_the_menu_is_reachable_on_a_phone(site, phone, width):
    label, _, base = site
    phone.set_viewport_size({"width": width, "height": 844})
    for path in ["/", "/entities"]:
        phone.goto(base + path)
        links = phone.locator("nav[aria-label=Main] a")
        assert links.count() == 5
        for i in range(5):
            link = links.nth(i)
            expect(link).to_be_in_viewport(ratio=1)
            box = link.bounding_box()
            assert box["height"] >= 24 and box["width"] >= 24, box  # a finger can hit it
            # nothing (the title, the text) is drawn over it
            hit = phone.evaluate(
                "([x, y]) => document.elementFromPoint(x, y).closest('a')?.textContent",
                [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
            )
            assert hit == link.inner_text()
    shot(phone, label, f"menu-{width}")
    links.nth(1).tap()
    phone.wait_for_url(re.compile(r"/stories$"))


def test_a_tap_on_the_time_axis_opens_its_date(site, phone):
    label, _, base = site
    phone.goto(base + "/timeline")
    strip = phone.locator(".strip-scroll")
    assert strip.evaluate("box => box.scrollWidth <= box.clientWidth || getComputedStyle(box)"
                          ".overflowX === 'auto'")  # fmt: skip
    mark = phone.locator(".mark-link").first
    mark.scroll_into_view_if_needed()
    href = mark.get_attribute("href")
    mark.tap()
    phone.wait_for_url(re.compile(re.escape(href) + "$"))
    expect(phone.locator(href)).to_be_in_viewport()
    shot(phone, label, "timeline-phone")


def test_keyboard_only_skip_link_and_annotations(site, page):
    label, db, base = site
    path = next(p for p in every_page(label, db) if p.startswith("/articles/"))
    page.goto(base + path)
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    # The next tab stops lead into the article; the first annotation opens its details.
    annotation = page.locator(".article-body [data-tip][tabindex='0']").first
    annotation.focus()
    tip = page.locator("#annotation-tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(annotation.get_attribute("data-tip"))
    assert annotation.get_attribute("aria-describedby") == "annotation-tip"
    page.keyboard.press("Enter")
    expect(tip).to_be_hidden()
    page.keyboard.press("Enter")
    expect(tip).to_be_visible()
    shot(page, label, "article-keyboard")
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()


@pytest.mark.parametrize("site", ["seeds"], indirect=True)
def test_the_relations_table_stays_for_screen_readers(site, page):
    _, _, base = site
    page.goto(base + "/relations?a=United%20Kingdom&b=Russia")
    expect(page.locator("canvas.relations-chart")).to_be_visible()
    table = page.get_by_role("table", name=re.compile("events per year"))
    expect(table).to_have_count(1)  # in the accessibility tree, though drawn as a chart
    assert "2010–2016" in table.inner_text()  # the gap between 2009 and 2017, said
    link = table.get_by_role("link").first
    link.focus()
    assert link.bounding_box()["width"] > 1  # shown to a keyboard user who tabs into it


@pytest.mark.parametrize("site", ["seeds"], indirect=True)
def test_the_skip_links_lead_to_the_dates(site, page):
    """From the top of /timeline, keyboard only: the second tab stop skips to the time axis,
    whose first mark is the next (it took 21 tabs before there were skip links)."""
    _, _, base = site
    page.goto(base + "/timeline")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator("a.skip", has_text="time axis")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".strip-scroll")).to_be_focused()
    page.keyboard.press("Tab")
    mark = page.locator(".mark-link").first
    expect(mark).to_be_focused()
    href = mark.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(href) + "$"))
