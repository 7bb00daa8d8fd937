"""`/search?q=`: full text over articles (the store's FTS5 index) and over event summaries
(the app's own in-memory index, see `storyline.web.eventsearch`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from storyline import Corpus
from storyline.web import views
from storyline.web.contexts import SearchContext, SearchHitView, to_json
from storyline.web.deps import CorpusDep, api, blank, render
from storyline.web.highlight import marked

router = APIRouter()

QQuery = Annotated[str | None, Query(description='Words, or an FTS5 query ("a phrase", OR, -)')]
LimitQuery = Annotated[int, Query(ge=1, le=1000)]


def _view(id: str, title: str, published, snippet: str, spans, score: float, href: str,
          label: str = "") -> SearchHitView:  # fmt: skip
    return SearchHitView(
        id=id,
        title=title,
        published=published,
        snippet=snippet,
        highlights=[list(h) for h in spans],
        score=score,
        href=href,
        label=label,
        snippet_html=marked(snippet, spans),
    )


def matching_sentence(corpus: Corpus, hit) -> tuple[int, int] | None:
    """The span of the article sentence holding the hit's first matched word: the snippet is
    cut from the article's text, so it is found there and its word's offset carried over."""
    if not hit.highlights:
        return None
    text = corpus.article(hit.id).text
    core = hit.snippet.strip("…")
    at = text.find(core)
    if not core or at < 0:
        return None
    word = at + hit.highlights[0][0] - hit.snippet.index(core)
    sentences = corpus.annotation(hit.id).sentences
    return next(((s.start, s.end) for s in sentences if s.start <= word < s.end), None)


def article_view(corpus: Corpus, hit) -> SearchHitView:
    span = matching_sentence(corpus, hit)
    href = f"/articles/{hit.id}" + (f"?hl={span[0]}-{span[1]}#cited" if span else "")
    return _view(hit.id, hit.title, hit.published, hit.snippet, hit.highlights, hit.score, href)


def event_views(request: Request, corpus: Corpus, q: str, limit: int) -> list[SearchHitView]:
    hits = request.app.state.event_index.search(corpus, q, limit)
    found = {e.id: e for e in views.event_views(
        corpus, corpus.events_by_id([h.id for h in hits]), corpus.entity_names()
    )}  # fmt: skip
    shown = []
    for hit in hits:
        event = found.get(hit.id)
        if event is None:
            continue
        who = f"{event.actor.name if event.actor else '?'} → {event.target.name if event.target else '?'}"
        href = event.sources[0].href if event.sources else f"/api/events?ids={hit.id}"
        shown.append(_view(hit.id, hit.summary, event.date, hit.summary, hit.highlights,
                           hit.score, href, f"{event.type} · {who}"))  # fmt: skip
    return shown


def search_context(request: Request, corpus: Corpus, q: str | None, limit: int = 20):
    q = blank(q)
    if not q:
        return SearchContext(q=None, articles=[], events=[])
    articles = [article_view(corpus, h) for h in corpus.search(q, limit)]
    return SearchContext(q=q, articles=articles, events=event_views(request, corpus, q, limit))


@router.get("/search", include_in_schema=False)
def search_page(request: Request, corpus: CorpusDep, q: QQuery = None, limit: LimitQuery = 30):
    return render(request, "search.html", search_context(request, corpus, q, limit))


@router.get(
    "/api/search", **api(SearchContext, "search", "Full-text search of articles and events")
)
def search_api(request: Request, corpus: CorpusDep, q: QQuery = None,
               limit: LimitQuery = 20) -> dict:  # fmt: skip
    return to_json(search_context(request, corpus, q, limit))
