"""`/relations`: cooperation and conflict between two actors over time, and `/api/events`."""

from __future__ import annotations

from itertools import pairwise
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from storyline import Corpus, EntityNotFound
from storyline.web import views
from storyline.web.contexts import EventsContext, RelationsChart, RelationsContext, to_json
from storyline.web.deps import CorpusDep, FromQuery, ToQuery, api, blank, parse_day, render

router = APIRouter()

SideQuery = Annotated[str | None, Query(description="An actor: entity id, name or alias")]
ByQuery = Annotated[Literal["year", "month"], Query(description="Count per year or month")]
PeriodQuery = Annotated[str | None, Query(description="List the events of this period")]


def relations_chart(corpus: Corpus, a: str, b: str, by: str = "year") -> RelationsChart:
    found = corpus.relations(a, b, by=by)
    data = found.to_json()
    return RelationsChart(
        a=views.entity_name(corpus, a),
        b=views.entity_name(corpus, b),
        a_ids=data["a"],
        b_ids=data["b"],
        by=by,
        periods=data["periods"],
        totals=data["totals"],
        unplaced=data["unplaced"],
        gaps=gaps([p["period"] for p in data["periods"]], by),
    )


def gaps(periods: list[str], by: str) -> dict[str, str]:
    """The periods with no event between two that have some, named after the one they follow
    ("2009" → "2010–2016"), so the chart marks the cut instead of drawing 2009 beside 2017."""

    def index(period: str) -> int:  # years, or months counted from year 0
        year, _, month = period.partition("-")
        return int(year) * 12 + int(month) - 1 if by == "month" else int(year)

    def name(i: int) -> str:
        return f"{i // 12:04d}-{i % 12 + 1:02d}" if by == "month" else str(i)

    found = {}
    for before, after in pairwise(periods):
        first, last = index(before) + 1, index(after) - 1
        if first <= last:
            found[before] = name(first) if first == last else f"{name(first)}–{name(last)}"
    return found


def relations_context(
    corpus: Corpus, a: str | None, b: str | None, by: str = "year", period: str | None = None
) -> RelationsContext:
    a, b, period = blank(a), blank(b), blank(period)
    names = sorted({e.name for e in corpus.entities() if e.type in ("PERSON", "ORG", "GPE")})
    context = RelationsContext(a=a, b=b, by=by, period=period, names=names)
    if not (a and b):
        return context
    try:
        context.chart = chart = relations_chart(corpus, a, b, by)
    except EntityNotFound as missing:
        name = missing.args[0]
        context.error, context.suggestions = views.did_you_mean(corpus, name)
        context.missing = "a" if name == a else "b"
        return context
    if period:
        ids = [i for p in chart.periods if p["period"] == period for i in p["events"]]
    else:
        ids = [i for p in chart.periods for i in p["events"]] + chart.unplaced
    context.events = views.event_views(corpus, corpus.events_by_id(ids), corpus.entity_names())
    return context


@router.get("/relations", include_in_schema=False)
def relations_page(
    request: Request,
    corpus: CorpusDep,
    a: SideQuery = None,
    b: SideQuery = None,
    by: ByQuery = "year",
    period: PeriodQuery = None,
):
    context = relations_context(corpus, a, b, by, period)
    return render(request, "relations.html", context, status_code=404 if context.error else 200)


@router.get(
    "/api/relations", **api(RelationsContext, "relations", "Cooperation vs conflict of two actors")
)
def relations_api(
    corpus: CorpusDep,
    a: SideQuery = None,
    b: SideQuery = None,
    by: ByQuery = "year",
    period: PeriodQuery = None,
) -> dict:
    if not (blank(a) and blank(b)):
        raise HTTPException(422, "give two actors: ?a=NAME&b=NAME")
    context = relations_context(corpus, a, b, by, period)
    if context.error:
        return JSONResponse(to_json(context) | {"status": 404, "detail": context.error}, 404)
    return to_json(context)


@router.get("/api/events", **api(EventsContext, "events", "Events, by id or filtered"))
def events_api(
    corpus: CorpusDep,
    ids: Annotated[str | None, Query(description="Comma-separated event ids")] = None,
    entity: SideQuery = None,
    type: Annotated[str | None, Query(description="A PLOVER event type")] = None,
    from_: FromQuery = None,
    to: ToQuery = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 500,
) -> dict:
    start, end = parse_day(from_, "from"), parse_day(to, "to", end=True)
    if blank(ids):
        wanted = [i.strip() for i in ids.split(",")]
        found = [
            e for e in corpus.events_by_id(wanted)
            if (not type or e.type == type.upper())
        ]  # fmt: skip
    else:
        found = corpus.events(entity=blank(entity), type=blank(type), start=start, end=end)
    shown = views.event_views(corpus, found[:limit], corpus.entity_names())
    return to_json(EventsContext(events=shown))
