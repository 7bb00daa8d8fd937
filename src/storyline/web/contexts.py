"""The typed context of every page.  A router builds one of these; the template renders it as
`c`, and `/api/...` serves `to_json(context)`: one code path and one contract for both.

Fields marked `HTML_ONLY` (pre-rendered markup, layout geometry) are left out of the JSON, and
typed `Hidden[...]` so that the OpenAPI schema (generated from these classes) leaves them out too.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, TypeVar

from markupsafe import Markup
from pydantic import Field

HTML_ONLY = {"json": False}
T = TypeVar("T")
Hidden = Annotated[T, Field(exclude=True)]  # an HTML_ONLY field's type, for the schema


def to_json(value: Any) -> Any:
    """A context (or anything inside one) as plain JSON values."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if dataclasses.is_dataclass(kind):
        return {key: to_json(getattr(value, name)) for key, name in _json_fields(kind)}
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_json(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


_PLAIN = {str, int, float, bool, type(None)}


@functools.cache
def _json_fields(kind: type) -> tuple[tuple[str, str], ...]:
    """(JSON key, attribute) of a context class's fields, once per class: a timeline page has
    thousands of these objects."""
    return tuple(
        (f.name.rstrip("_"), f.name)
        for f in dataclasses.fields(kind)
        if f.metadata.get("json", True)
    )


# shared pieces ------------------------------------------------------------------------------


@dataclass
class SourceLink:
    """A numbered citation: the sentence `start`-`end` of an article."""

    n: int
    article: str
    start: int
    end: int
    title: str
    published: str | None
    sentence: str
    href: str


@dataclass
class SummaryLine:
    text: str
    sources: list[int]  # numbers of the SourceLinks that say it


@dataclass
class Entry:
    """One date of a timeline, as shown: a label, what happened, and who says so."""

    date: str
    label: str
    earliest: str
    latest: str
    granularity: str
    anchor: str
    summary: list[SummaryLine]
    sources: list[SourceLink]
    more: list[int]  # sources that back the date without being quoted in the summary
    events: list[str]
    conflicts: list[str]
    articles: int
    score: float
    sources_total: int  # `sources` lists the first few of them


@dataclass
class Tick:
    x: float
    label: str
    major: bool


@dataclass
class Mark:
    x: float
    y: float
    width: float  # 0 for a day: drawn as a dot of radius r; else a bar from x to x + width
    r: float
    label: str
    href: str
    articles: int


@dataclass
class Axis:
    """The time strip above a chronology: an SVG laid out on the server (no JS needed)."""

    width: float
    height: float
    base_y: float
    ticks: list[Tick]
    marks: list[Mark]
    zoom: int
    zooms: list[int]
    breaks: list[float] = field(default_factory=list)  # x of each cut over empty years


@dataclass
class Timeline:
    entries: list[Entry]
    axis: Hidden[Axis | None] = field(default=None, metadata=HTML_ONLY)
    more: bool = False  # less-supported dates exist beyond these (a larger `max` shows them)


@dataclass
class Party:
    id: str
    name: str


@dataclass
class EventView:
    """An event as the JSON contract gives it, with titled, numbered source links."""

    id: str
    type: str
    mode: str | None
    quad: str
    status: str
    actor: Party | None
    target: Party | None
    location: str | None
    date: str | None
    earliest: str | None
    latest: str | None
    summary: str
    sources: list[SourceLink]
    claims: list[dict]


@dataclass
class StoryCard:
    id: str
    title: str
    articles: int
    first: str | None
    last: str | None
    entities: list[str]


@dataclass
class ArticleCard:
    id: str
    title: str
    published: str | None
    publisher: str | None
    source: str
    words: int


@dataclass
class EntityCard:
    id: str
    name: str
    type: str
    mentions: int
    articles: int


# pages --------------------------------------------------------------------------------------


@dataclass
class HomeContext:
    articles: int
    words: int
    first: str | None
    last: str | None
    undated: int
    publishers: dict[str, int]
    stories: list[StoryCard]
    entities: int
    events: int
    names: list[dict]
    per_year: list[dict]
    skipped: int
    latest: list[ArticleCard] = field(default_factory=list)
    api_url: str = "/api/overview"


@dataclass
class BuildContext:
    report: dict | None
    api_url: str = "/api/build"


@dataclass
class TimelineFilters:
    story: str | None = None
    entity: str | None = None
    q: str | None = None
    from_: Annotated[str | None, Field(serialization_alias="from")] = None
    to: str | None = None
    type: str | None = None
    max: int | None = None
    zoom: int = 1
    granularity: str = "auto"


@dataclass
class TimelineContext:
    title: str
    filters: TimelineFilters
    timeline: Timeline
    event_types: list[str]
    error: str | None = None  # the entity asked for is not known (or not only one)
    suggestions: list[EntityCard] = field(default_factory=list)  # "did you mean"
    api_url: str = "/api/timeline"


@dataclass
class StoriesContext:
    stories: list[StoryCard]
    api_url: str = "/api/stories"


@dataclass
class StoryContext:
    story: StoryCard
    articles: list[ArticleCard]
    actors: list[EntityCard]
    timeline: Timeline
    relations: RelationsChart | None
    api_url: str = ""


@dataclass
class EntitiesContext:
    entities: list[EntityCard]
    type: str | None
    q: str | None
    types: dict[str, int]
    total: int
    api_url: str = "/api/entities"


@dataclass
class EntityContext:
    entity: EntityCard
    aliases: list[str]
    roles: list[dict]
    events: list[EventView]
    cooccurring: list[EntityCard]
    articles: list[ArticleCard]
    timeline: Timeline
    api_url: str = ""


@dataclass
class ArticlesContext:
    articles: list[ArticleCard]
    total: int
    api_url: str = "/api/articles"


@dataclass
class MetaRow:
    field: str
    value: str | None
    how: str


@dataclass
class ArticleContext:
    article: dict
    original_url: str | None  # only ever an http(s) URL
    metadata: list[MetaRow]
    evidence: list[dict]
    cited: dict | None
    entities: list[EntityCard]
    annotation: dict
    story: StoryCard | None
    body: Hidden[str] = field(default_factory=Markup, metadata=HTML_ONLY)  # Markup
    api_url: str = ""


@dataclass
class RelationsChart:
    """Bars per period, stacked by quad class, one stack per direction."""

    a: str
    b: str
    a_ids: list[str]
    b_ids: list[str]
    by: str
    periods: list[dict]
    totals: dict
    unplaced: list[str]
    gaps: dict[str, str] = field(default_factory=dict)  # period → the empty ones after it


@dataclass
class RelationsContext:
    a: str | None
    b: str | None
    by: str
    period: str | None
    names: Hidden[list[str]] = field(metadata=HTML_ONLY)
    chart: RelationsChart | None = None
    events: list[EventView] = field(default_factory=list)
    error: str | None = None
    missing: str | None = None  # the side ("a" or "b") naming no one entity
    suggestions: list[EntityCard] = field(default_factory=list)  # "did you mean"
    api_url: str = "/api/relations"


@dataclass
class EventsContext:
    events: list[EventView]
    api_url: str = "/api/events"


@dataclass
class SearchHitView:
    id: str
    title: str
    published: str | None
    snippet: str
    highlights: list[list[int]]
    score: float
    href: str = ""
    label: str = ""
    snippet_html: Hidden[str] = field(default_factory=Markup, metadata=HTML_ONLY)  # Markup


@dataclass
class SearchContext:
    q: str | None
    articles: list[SearchHitView]
    events: list[SearchHitView]
    api_url: str = "/api/search"
