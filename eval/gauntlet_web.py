"""Opening every page type of the web explorer on a built store, through a real server.

`storyline serve` runs in a subprocess on a free localhost port; each HTML page and its
`/api/...` twin is fetched with the ids of a story, an entity and an article taken from the
store itself (small stores: every article, story and entity).  Any `/api/...` route the app's
OpenAPI schema lists that the fixed list below does not cover is opened too, so a new route
cannot escape the check.  A 5xx, a refused connection or a timeout is a problem.
"""

from __future__ import annotations

import json
import re
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from browser_support import ServerFailed, running_server  # the tests' server in a subprocess

SMALL = 50  # stores with at most this many articles have every article and story visited
ENTITIES = 20  # entity pages opened, most mentioned first (the costliest); a hostile store has
# thousands of entities in 21 articles, and one page each would take the whole CI run
START_TIMEOUT = 90.0  # seconds for the server to answer `GET /` with a 200
TIMEOUT = 120.0  # seconds per page (a 10 MB article renders slowly, but must render)

# (HTML page, its JSON twin or None); {placeholders} are filled from the store.
PAGES = [
    ("/", "/api/overview"),
    ("/build", "/api/build"),
    ("/timeline", "/api/timeline"),
    ("/timeline?from=1900&to=2100&max=5", "/api/timeline?from=1900&to=2100&max=5"),
    ("/timeline?story={story}", "/api/timeline?story={story}"),
    ("/timeline?entity={name}&zoom=4", "/api/timeline?entity={name}"),
    ("/timeline?q={word}", "/api/timeline?q={word}"),
    ("/timeline?type={type}", "/api/timeline?type={type}"),
    ("/stories", "/api/stories"),
    ("/stories/{story}?zoom=2", "/api/stories/{story}"),
    ("/entities", "/api/entities"),
    ("/entities?type=PERSON&q={word}", "/api/entities?type=PERSON&q={word}"),
    ("/entities/{entity}", "/api/entities/{entity}"),
    ("/articles", "/api/articles?limit=5&offset=1"),
    ("/articles/{article}", "/api/articles/{article}"),
    ("/articles/{cited}?hl={span}", "/api/articles/{cited}?hl={span}"),
    ("/relations", None),
    ("/relations?a={name}&b={other}", "/api/relations?a={name}&b={other}"),
    ("/relations?a={name}&b={other}&by=month", "/api/relations?a={name}&b={other}&by=month"),
    ("/search", "/api/search"),
    ("/search?q={word}", "/api/search?q={word}"),
    ("/docs", "/openapi.json"),
    (None, "/api/events"),
    (None, "/api/events?entity={name}&from=1900&to=2100"),
    (None, "/api/events?ids={event}"),
]


def fetch(base: str, path: str) -> tuple[int, bytes]:
    """(status, body) of a GET; 0 when the server did not answer in time."""
    try:
        with urllib.request.urlopen(base + path, timeout=TIMEOUT) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (OSError, TimeoutError) as error:
        return 0, str(error).encode()


def _json(base: str, path: str) -> dict:
    status, body = fetch(base, path)
    return json.loads(body) if status == 200 else {}


def samples(base: str) -> dict[str, list[str]]:
    """Values for the placeholders, read through the API: the first of each kind, or every
    article and story of a small store and its `ENTITIES` most mentioned entities.  A kind the
    store lacks (no stories) has an empty list."""
    articles = _json(base, "/api/articles?limit=100000").get("articles", [])
    full = len(articles) <= SMALL
    stories = [s["id"] for s in _json(base, "/api/stories").get("stories", [])]
    entities = _json(base, f"/api/entities?limit={ENTITIES}").get("entities", [])
    actors = [e["name"] for e in entities if e.get("type") in ("PERSON", "ORG", "GPE")]
    events = _json(base, "/api/events?limit=20").get("events", [])
    titles = " ".join(a.get("title") or "" for a in articles[:20])
    cited = [s for e in events for s in e.get("sources", [])][:1]
    keep = (lambda values: values) if full else (lambda values: values[:1])
    return {
        "article": keep([a["id"] for a in articles]),
        "story": keep(stories),
        "entity": [e["id"] for e in entities] if full else [e["id"] for e in entities][:1],
        "name": actors[:1],
        "other": actors[1:2],
        "word": re.findall(r"[^\W\d_]{4,}", titles)[:1],
        "type": [e["type"] for e in events if e.get("type")][:1],
        "event": [",".join(str(e["id"]) for e in events[:5])] if events else [],
        "cited": [s["article"] for s in cited],
        "span": [f"{s['start']}-{s['end']}" for s in cited],
    }


def expand(template: str, values: dict[str, list[str]]) -> list[str]:
    """The paths a template stands for: one per value of its placeholder (URL-quoted), none
    when the store has no such value.  Templates hold at most one multi-valued placeholder."""
    names = re.findall(r"\{(\w+)\}", template)
    paths = [template]
    for name in dict.fromkeys(names):
        paths = [p.replace(f"{{{name}}}", quote(v, safe="")) for p in paths for v in values[name]]
    return paths


def page_paths(base: str) -> tuple[list[str], list[str]]:
    """Every path to open, and the templates that had nothing to open (noted, not failed)."""
    values = samples(base)
    templates = [t for pair in PAGES for t in pair if t]
    templates += _uncovered_api_routes(base, templates)
    paths, missing = [], []
    for template in templates:
        found = expand(template, values)
        paths += found
        if not found:
            missing.append(template)
    return list(dict.fromkeys(paths)), missing


def _uncovered_api_routes(base: str, templates: list[str]) -> list[str]:
    """OpenAPI routes no template opens, with their path parameters as placeholders."""
    covered = {re.sub(r"\{\w+\}", "{}", t.split("?")[0]) for t in templates}
    routes = _json(base, "/openapi.json").get("paths", {})
    names = {"story_id": "story", "entity_id": "entity", "article_id": "article"}
    extra = []
    for route in routes:
        if re.sub(r"\{\w+\}", "{}", route) not in covered:
            extra.append(re.sub(r"\{(\w+)\}", lambda m: "{" + names.get(m[1], m[1]) + "}", route))
    return extra


def check_web(command: list[str], db: Path) -> tuple[int, list[str], list[str]]:
    """Open every page on the store at `db` with `command serve`: (pages opened, problems,
    notes)."""
    try:
        with running_server(db, timeout=START_TIMEOUT, cli=command) as base:
            paths, missing = page_paths(base)
            problems = []
            for path in paths:
                status, body = fetch(base, path)
                if status == 0 or status >= 500:
                    problems.append(f"GET {path} -> {status or 'no answer'}: {_gist(body)}")
    except (ServerFailed, KeyError) as error:
        return 0, [f"web: {error}"], []
    notes = [f"nothing to open for {t}" for t in missing]
    return len(paths), problems, notes


def _gist(body: bytes) -> str:
    text = re.sub(r"<[^>]+>|\s+", " ", body.decode("utf-8", "replace")).strip()
    return text[:160]
