"""`/timeline`: the dates that matter, on a time strip and as a chronology with sources."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from storyline.web import views
from storyline.web.contexts import TimelineContext, TimelineFilters, to_json
from storyline.web.deps import CorpusDep, FromQuery, ToQuery, blank, parse_day, render

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
) -> TimelineContext:
    story, entity, q, type = blank(story), blank(entity), blank(q), blank(type)
    filters = TimelineFilters(story, entity, q, blank(from_), blank(to), type, max, zoom)
    start, end = parse_day(from_, "from"), parse_day(to, "to", end=True)
    title = "Timeline of the corpus"
    if story:
        title = f"Timeline: {corpus.story(story).title}"
    if entity:
        title = f"Timeline of {views.entity_name(corpus, entity)}"
    if q:
        title += f" — articles matching “{q}”"
    line = views.timeline(
        corpus, story=story, entity=entity, query=q, start=start, end=end,
        type=type, max_dates=max, zoom=zoom,
    )  # fmt: skip
    return TimelineContext(
        title=title, filters=filters, timeline=line, event_types=views.event_types(corpus)
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
):
    context = timeline_context(corpus, story, entity, q, from_, to, type, max, zoom)
    return render(request, "timeline.html", context)


@router.get("/api/timeline", tags=["timeline"], summary="A timeline: dates, summaries, sources")
def timeline_api(
    corpus: CorpusDep,
    story: StoryQuery = None,
    entity: EntityQuery = None,
    q: SearchQuery = None,
    from_: FromQuery = None,
    to: ToQuery = None,
    type: TypeQuery = None,
    max: MaxQuery = None,
) -> dict:
    return to_json(timeline_context(corpus, story, entity, q, from_, to, type, max))
