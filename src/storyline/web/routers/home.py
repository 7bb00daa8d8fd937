"""The corpus at a glance (`/`) and the last build's report (`/build`)."""

from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Request

from storyline.overview import overview
from storyline.web.contexts import BuildContext, HomeContext, to_json
from storyline.web.deps import CorpusDep, render
from storyline.web.views import article_card, by_date, story_card

router = APIRouter()


def home_context(corpus) -> HomeContext:
    articles = corpus.articles()
    entities = corpus.entities()
    seen = overview(articles, entities)
    years = Counter(a.published.earliest.year for a in articles if a.published)
    peak = max(years.values(), default=1)
    report = corpus.last_build_report() or {}
    return HomeContext(
        articles=seen.articles,
        words=seen.words,
        first=seen.first,
        last=seen.last,
        undated=seen.undated,
        publishers=dict(seen.publishers.most_common()),
        stories=[story_card(s) for s in corpus.stories()],
        entities=len(entities),
        events=len(corpus.events()),
        names=[{"name": n, "articles": c} for n, c in seen.names.most_common(12)],
        per_year=[
            {"year": y, "articles": years[y], "share": round(years[y] / peak, 3)}
            for y in range(min(years), max(years) + 1)
        ]
        if years
        else [],
        skipped=len(report.get("skipped", [])),
        latest=by_date([article_card(a) for a in articles if a.published])[-6:][::-1],
    )


@router.get("/", include_in_schema=False)
def home_page(request: Request, corpus: CorpusDep):
    return render(request, "home.html", home_context(corpus))


@router.get("/api/overview", tags=["overview"], summary="The corpus at a glance")
def home_api(corpus: CorpusDep) -> dict:
    return to_json(home_context(corpus))


@router.get("/build", include_in_schema=False)
def build_page(request: Request, corpus: CorpusDep):
    return render(request, "build.html", BuildContext(report=corpus.last_build_report()))


@router.get("/api/build", tags=["overview"], summary="The last build's report: skips and why")
def build_api(corpus: CorpusDep) -> dict:
    return to_json(BuildContext(report=corpus.last_build_report()))
