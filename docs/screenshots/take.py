"""Take the README's screenshots from a demo store, in Debian's Chromium:

    storyline build src/storyline/data/demo --db /tmp/demo.db
    uv run python docs/screenshots/take.py /tmp/demo.db

writes timeline.png and article.png (1280×900) and timeline-phone.png (390×844) beside this
file, from a server started as the browser tests start theirs.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[1] / "tests"))

from browser_support import CHROMIUM, CHROMIUM_ARGS, running_server  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from storyline import Corpus  # noqa: E402

ARTICLE = "db1912c7277c"  # Apple Inc., Apple Corps resolve trademark dispute (the demo)


def cited_sentence(db: str) -> str:
    """The article page at a sentence the corpus timeline cites (the demo's Apple article)."""
    with Corpus.open(db, readonly=True) as corpus:
        for entry in corpus.timeline():
            for source in entry.sources:
                if source.article == ARTICLE:
                    return f"/articles/{ARTICLE}?hl={source.start}-{source.end}#cited"
    return f"/articles/{ARTICLE}"


def main(db: str) -> None:
    with running_server(db) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        desk = browser.new_page(viewport={"width": 1280, "height": 900})
        desk.goto(base + "/timeline?zoom=4")
        desk.screenshot(path=HERE / "timeline.png")
        desk.goto(base + cited_sentence(db))
        desk.evaluate("window.scrollTo(0, 0)")
        desk.locator(".article-body .ent[tabindex='0']").nth(2).focus()  # its details open
        desk.screenshot(path=HERE / "article.png")
        phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True,
                                 has_touch=True, device_scale_factor=2)  # fmt: skip
        phone.goto(base + "/timeline?entity=Steve%20Jobs")
        phone.locator(".strip").scroll_into_view_if_needed()
        phone.evaluate("window.scrollTo(0, 0)")
        phone.screenshot(path=HERE / "timeline-phone.png")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1])
