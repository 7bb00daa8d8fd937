"""What every router needs: a read-only `Corpus` per request, the templates, and the shared
parsers for query parameters (dates, offsets) that turn bad input into a clear 422.

The store is opened per request with a `file:...?mode=ro` URI, so the explorer cannot write to
it whatever a request does, and a build running beside the server is seen by the next request.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import Depends, HTTPException, Query, Request
from fastapi.templating import Jinja2Templates

from storyline import Corpus
from storyline.records import FuzzyDate
from storyline.web.contexts import to_json
from storyline.web.highlight import without_bidi_controls

HERE = Path(__file__).parent
templates = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=jinja2.select_autoescape(),
        finalize=without_bidi_controls,  # every value printed, text or markup
    )
)
templates.env.filters["plain"] = to_json  # a context dataclass as JSON values (for |tojson)


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 story", "2 stories", "1,204 articles": a count with its noun agreeing."""
    if many is None:
        many = (
            word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s"
        )
    return f"{count:,} {word if count == 1 else many}"


templates.env.filters["plural"] = plural
# |tojson keeps characters as they are, so that bidi controls reach `finalize` (not as \u202e)
templates.env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}


@dataclass(frozen=True)
class Settings:
    """How the app was created: the store's path and whether it may write (it never does)."""

    db: str
    readonly: bool = True


def open_corpus(settings: Settings) -> Corpus:
    """A Corpus on the app's store; read-only unless the app was created with readonly=False."""
    return Corpus.open(settings.db, readonly=settings.readonly)


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_corpus(settings: Annotated[Settings, Depends(get_settings)]) -> Iterator[Corpus]:
    """One connection per request, always closed (SQLite connections are cheap to open)."""
    corpus = open_corpus(settings)
    try:
        yield corpus
    finally:
        corpus.close()


CorpusDep = Annotated[Corpus, Depends(get_corpus)]


def api(kind: type, tag: str, summary: str) -> dict:
    """The route options of an `/api/...` route: its JSON documented in the OpenAPI schema as
    the context class it is made of (not validated again: `to_json` made it from one)."""
    about = (kind.__doc__ or kind.__name__).split("\n")[0]
    return {
        "responses": {200: {"model": kind, "description": about}},
        "response_model": None,
        "tags": [tag],
        "summary": summary,
    }


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def render(request: Request, template: str, context: Any, *, status_code: int = 200):
    """Render a page from its context dataclass; the template sees it as `c`."""
    return templates.TemplateResponse(request, template, {"c": context}, status_code=status_code)


# query parameters ---------------------------------------------------------------------------

DATE_HELP = "a date as YYYY, YYYY-MM or YYYY-MM-DD"


def parse_day(value: str | None, name: str, *, end: bool = False) -> date | None:
    """`from`/`to` bounds: a year or month counts from its first day (`from`) or to its last
    (`to`).  Anything else ("last tuesday") is a 422 that says what is expected."""
    if value is None or not value.strip():
        return None
    try:
        fuzzy = FuzzyDate.parse(value)
    except ValueError:
        raise HTTPException(422, f"{name}: {value!r} is not {DATE_HELP}") from None
    return fuzzy.latest if end else fuzzy.earliest


def parse_span(value: str | None, name: str = "hl") -> tuple[int, int] | None:
    """`?hl=start-end`: character offsets of a cited sentence."""
    if value is None or not value.strip():
        return None
    match = re.fullmatch(r"\s*(\d{1,9})-(\d{1,9})\s*", value)
    if not match or int(match[1]) >= int(match[2]):
        raise HTTPException(422, f"{name}: {value!r} is not a span START-END (start < end)")
    return int(match[1]), int(match[2])


FromQuery = Annotated[str | None, Query(alias="from", description=f"Earliest date, {DATE_HELP}")]
ToQuery = Annotated[str | None, Query(alias="to", description=f"Latest date, {DATE_HELP}")]


def blank(value: str | None) -> str | None:
    """Empty form fields mean 'not given'."""
    return value.strip() if value and value.strip() else None
