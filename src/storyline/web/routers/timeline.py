"""`/timeline`: the dates that matter, on a time strip and as a chronology with sources."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from storyline import EntityNotFound
from storyline.records import TimelineGrain as Granularity
from storyline.web import views
from storyline.web.contexts import Timeline, TimelineContext, TimelineFilters, to_json
from storyline.web.deps import CorpusDep, FromQuery, ToQuery, api, blank, parse_day, render

router = APIRouter()

StoryQuery = Annotated[str | None, Query(description="A story id (`st-...`)")]
EntityQuery = Annotated[str | None, Query(description="An entity id, name or alias")]
SearchQuery = Annotated[str | None, Query(description="Full-text query over the articles")]
TypeQuery = Annotated[str | None, Query(description="Keep dates reporting a PLOVER event type")]
MaxQuery = Annotated[
    int | None,
    Query(ge=1, le=10_000, description="At most this many dates, the best-supported (default 100)"),
]
ZoomQuery = Annotated[int, Query(ge=1, le=32, description="Time strip zoom (HTML only)")]
GranularityQuery = Annotated[
    Granularity,
    Query(description="Dates as days, months, or auto (weak days pooled into their month)"),
]


def timeline_context(
    corpus,
    story: str | None = None,
    entity: str | None = None,
    q: str | None = None,
    from_: str | None = None,
    to: str | None = None,
    type: str | None = None,
    max: int | None = None,
    zoom: int = 1,
    granularity: Granularity = "auto",
) -> TimelineContext:
    story, entity, q, type = blank(story), blank(entity), blank(q), blank(type)
    filters = TimelineFilters(
        story, entity, q, blank(from_), blank(to), type, max, zoom, granularity
    )
    start, end = parse_day(from_, "from"), parse_day(to, "to", end=True)
    title = "Timeline of the corpus"
    if story:
        title = f"Timeline: {corpus.story(story).title}"
    if entity:
        try:
            title = f"Timeline of {views.entity_name(corpus, entity)}"
        except EntityNotFound:
            return unknown_entity(corpus, entity, filters)
    if q:
        title += f" — articles matching “{q}”"
    line = views.timeline(
        corpus, story=story, entity=entity, query=q, start=start, end=end,
        type=type, max_dates=max, zoom=zoom, granularity=granularity,
    )  # fmt: skip
    return TimelineContext(
        title=title, filters=filters, timeline=line, event_types=corpus.event_types()
    )


def unknown_entity(corpus, entity: str, filters: TimelineFilters) -> TimelineContext:
    """The form kept, with the entities the name may have meant."""
    error, suggestions = views.did_you_mean(corpus, entity)
    return TimelineContext(
        title="Timeline",
        filters=filters,
        timeline=Timeline(entries=[]),
        event_types=corpus.event_types(),
        error=error,
        suggestions=suggestions,
    )


@router.get("/timeline", include_in_schema=False)
def timeline_page(
    request: Request,
    corpus: CorpusDep,
    story: StoryQuery = None,
    entity: EntityQuery = None,
    q: SearchQuery = None,
    from_: FromQuery = None,
    to: ToQuery = None,
    type: TypeQuery = None,
    max: MaxQuery = None,
    zoom: ZoomQuery = 1,
    granularity: GranularityQuery = "auto",
):
    context = timeline_context(corpus, story, entity, q, from_, to, type, max, zoom, granularity)
    return render(request, "timeline.html", context, status_code=404 if context.error else 200)


@router.get(
    "/api/timeline", **api(TimelineContext, "timeline", "A timeline: dates, summaries, sources")
)
def timeline_api(
    corpus: CorpusDep,
    story: StoryQuery = None,
    entity: EntityQuery = None,
    q: SearchQuery = None,
    from_: FromQuery = None,
    to: ToQuery = None,
    type: TypeQuery = None,
    max: MaxQuery = None,
    granularity: GranularityQuery = "auto",
) -> dict:
    context = timeline_context(corpus, story, entity, q, from_, to, type, max, 1, granularity)
    if context.error:
        return JSONResponse(to_json(context) | {"status": 404, "detail": context.error}, 404)
    return to_json(context)
