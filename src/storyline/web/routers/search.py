"""`/search?q=`: full text over articles (the store's FTS5 index) and over event summaries
(the app's own in-memory index, see `storyline.web.eventsearch`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from storyline.corpus import Corpus
from storyline.store import SearchHit
from storyline.web import views
from storyline.web.contexts import SearchContext, SearchHitView, to_json
from storyline.web.deps import CorpusDep, blank, render
from storyline.web.highlight import marked

router = APIRouter()

QQuery = Annotated[str | None, Query(description='Words, or an FTS5 query ("a phrase", OR, -)')]
LimitQuery = Annotated[int, Query(ge=1, le=1000)]


def _view(hit: SearchHit, href: str = "", label: str = "") -> SearchHitView:
    return SearchHitView(
        id=hit.id,
        title=hit.title,
        published=hit.published,
        snippet=hit.snippet,
        highlights=[list(h) for h in hit.highlights],
        score=hit.score,
        href=href or f"/articles/{hit.id}",
        label=label,
        snippet_html=marked(hit.snippet, hit.highlights),
    )


def search_context(request: Request, corpus: Corpus, q: str | None, limit: int = 20):
    q = blank(q)
    if not q:
        return SearchContext(q=None, articles=[], events=[])
    hits = request.app.state.event_index.search(corpus, q, limit)
    found = {e.id: e for e in views.event_views(
        corpus, views.events_by_id(corpus, [h.id for h in hits]), views.names(corpus)
    )}  # fmt: skip
    events = []
    for hit in hits:
        event = found.get(hit.id)
        if event is None:
            continue
        who = f"{event.actor.name if event.actor else '?'} → {event.target.name if event.target else '?'}"
        href = event.sources[0].href if event.sources else f"/api/events?ids={hit.id}"
        view = _view(hit, href, f"{event.type} · {who}")
        view.published = event.date
        events.append(view)
    return SearchContext(q=q, articles=[_view(h) for h in corpus.search(q, limit)], events=events)


@router.get("/search", include_in_schema=False)
def search_page(request: Request, corpus: CorpusDep, q: QQuery = None, limit: LimitQuery = 30):
    return render(request, "search.html", search_context(request, corpus, q, limit))


@router.get("/api/search", tags=["search"], summary="Full-text search of articles and events")
def search_api(request: Request, corpus: CorpusDep, q: QQuery = None,
               limit: LimitQuery = 20) -> dict:  # fmt: skip
    return to_json(search_context(request, corpus, q, limit))
