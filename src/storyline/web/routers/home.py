"""The corpus at a glance (`/`) and the last build's report (`/build`)."""

from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Request

from storyline.web.contexts import BuildContext, HomeContext, to_json
from storyline.web.deps import CorpusDep, api, render
from storyline.web.views import article_card, by_date, shown_source, story_card

router = APIRouter()


def home_context(corpus) -> HomeContext:
    articles = corpus.articles()
    entities = corpus.entities()
    seen = corpus.overview()
    # the first and last dates as precise as the store has them ("2009-11", not "2009-11-01")
    dated = sorted((a for a in articles if a.published), key=lambda a: a.published.earliest)
    years = Counter(a.published.earliest.year for a in articles if a.published)
    peak = max(years.values(), default=1)
    report = corpus.last_build_report() or {}
    return HomeContext(
        articles=seen.articles,
        words=seen.words,
        first=dated[0].published.value if dated else None,
        last=max(dated, key=lambda a: a.published.latest).published.value if dated else None,
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
        latest=by_date([article_card(a, corpus.build_inputs()) for a in articles if a.published])[
            -6:
        ][::-1],
    )


@router.get("/", include_in_schema=False)
def home_page(request: Request, corpus: CorpusDep):
    return render(request, "home.html", home_context(corpus))


@router.get("/api/overview", **api(HomeContext, "overview", "The corpus at a glance"))
def home_api(corpus: CorpusDep) -> dict:
    return to_json(home_context(corpus))


def build_context(corpus) -> BuildContext:
    """The last build's report, its inputs shown as given (see `views.shown_source`)."""
    report = corpus.last_build_report()
    if report:
        roots = corpus.build_inputs()
        for kind in ("skipped", "warnings", "failed"):
            report[kind] = [
                item | {"source": shown_source(item.get("source", ""), roots)}
                for item in report.get(kind) or []
            ]
    return BuildContext(report=report)


@router.get("/build", include_in_schema=False)
def build_page(request: Request, corpus: CorpusDep):
    return render(request, "build.html", build_context(corpus))


@router.get("/api/build", **api(BuildContext, "overview", "The last build's report: skips and why"))
def build_api(corpus: CorpusDep) -> dict:
    return to_json(build_context(corpus))
