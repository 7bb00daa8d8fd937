"""`/articles` and `/articles/{id}`: the clean text with what storyline found in it."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

from fastapi import APIRouter, Query, Request

from storyline import Corpus
from storyline.records import Article
from storyline.web import views
from storyline.web.contexts import ArticleContext, ArticlesContext, MetaRow, to_json
from storyline.web.deps import CorpusDep, api, parse_span, render
from storyline.web.highlight import Span, paragraphs
from storyline.web.highlight import render as render_spans

router = APIRouter()

HlQuery = Annotated[str | None, Query(description="Cited span START-END to highlight")]

HOW = {
    "metadata": "from the page's metadata",
    "dateline": "from the dateline at the top of the text",
    "inferred": "inferred from the dates the text mentions (see the evidence below)",
}


def articles_context(corpus: Corpus, limit: int = 1000, offset: int = 0) -> ArticlesContext:
    roots = corpus.build_inputs()
    cards = views.by_date([views.article_card(a, roots) for a in corpus.articles()])
    return ArticlesContext(articles=cards[offset : offset + limit], total=len(cards))


def article_context(corpus: Corpus, article_id: str, hl: str | None = None) -> ArticleContext:
    article = corpus.article(article_id)
    text = article.text
    ann = corpus.annotation(article.id)
    entity_of = corpus.entity_of_mentions(article.id)
    known = {e.id: e for e in corpus.entities() if e.id in set(entity_of.values())}
    span = parse_span(hl)
    cited = None
    if span and span[1] <= len(text):
        cited = {"start": span[0], "end": span[1], "sentence": text[span[0] : span[1]]}
    spans = [
        Span(s, e, "p", rank=0)
        for s, e in paragraphs(text, [(p.start, p.end) for p in article.paragraphs])
    ]
    if cited:
        spans.append(Span(span[0], span[1], "mark", {"class": "cited", "id": "cited"}, rank=1))
    for m in ann.mentions:
        entity = known.get(entity_of.get(m.start, ""))
        name = entity.name if entity else m.canonical
        spans.append(
            Span(m.start, m.end, "span", {"class": "ent", "title": f"{name} ({m.type})"}, rank=3)
        )
    for t in ann.timexes:
        covers = f" {t.earliest}–{t.latest}" if t.earliest and t.latest else ""
        spans.append(
            Span(t.start, t.end, "span", {"class": "timex", "title": f"{t.value}{covers}"}, rank=4)
        )
    for ev in ann.events:
        kind = f"{ev.type}/{ev.mode}" if ev.mode else ev.type
        who = f"{ev.actor or '?'} → {ev.target or '?'}"
        attrs = {"class": f"trigger {ev.quad}", "title": f"{kind}: {who}, {ev.status}"}
        spans.append(Span(ev.start, ev.end, "span", attrs, rank=5))
    counts = Counter(entity_of.values())
    story = next((s for s in corpus.stories() if article.id in s.articles), None)
    source = views.shown_source(article.source, corpus.build_inputs())
    return ArticleContext(
        article=article.to_json() | {"source": source},
        original_url=article.url if _is_web(article.url) else None,
        metadata=_metadata(article, source),
        evidence=[
            {
                "start": d.start,
                "end": d.end,
                "sentence": text[d.start : d.end],
                "earliest": d.earliest.isoformat() if d.earliest else None,
                "latest": d.latest.isoformat() if d.latest else None,
                "reason": d.reason,
                "href": f"/articles/{article.id}?hl={d.start}-{d.end}#cited",
            }
            for d in corpus.date_evidence(article.id)
        ],
        cited=cited,
        entities=sorted(
            (views.entity_card(known[i], counts[i]) for i in counts if i in known),
            key=lambda c: (-c.articles, c.name),
        ),
        annotation={
            "sentences": [{"start": s.start, "end": s.end} for s in ann.sentences],
            "mentions": [m.to_json() | {"entity": entity_of.get(m.start)} for m in ann.mentions],
            "timexes": [t.to_json() for t in ann.timexes],
            "roles": [vars(r) for r in ann.roles],
            "events": [e.to_json(text) for e in ann.events],
        },
        story=views.story_card(story) if story else None,
        body=render_spans(text, spans),
        api_url=f"/api/articles/{article.id}",
    )


def _is_web(url: str | None) -> bool:
    return bool(url) and url.lower().startswith(("http://", "https://"))


def _metadata(a: Article, source: str) -> list[MetaRow]:
    return [
        MetaRow("Title", a.title, "the page's headline"),
        MetaRow("Published", a.published.value if a.published else None,
                HOW.get(a.published_how or "", "no date found")),
        MetaRow("Updated", a.updated.value if a.updated else None, "from the page's metadata"),
        MetaRow("Crawled", a.crawled, "when a crawler fetched the page (WARC-Date); not a "
                "publication date"),
        MetaRow("Byline", a.byline, "the page's byline or author metadata"),
        MetaRow("Publisher", a.publisher, "the page's site metadata or template"),
        MetaRow("URL", a.url, "given beside the content, or the page's canonical link"),
        MetaRow("Source", source, "the input, from the build's input as it was given"),
        MetaRow("Encoding", a.decoding.encoding if a.decoding else None,
                a.decoding.explained if a.decoding else ""),
        MetaRow("Words", str(a.words), "counted in the clean text"),
        MetaRow("Id", a.id, "the first 12 hex digits of the content's SHA-256"),
    ]  # fmt: skip


@router.get("/articles", include_in_schema=False)
def articles_page(request: Request, corpus: CorpusDep):
    return render(request, "articles.html", articles_context(corpus, limit=100_000))


@router.get("/api/articles", **api(ArticlesContext, "articles", "Articles, oldest first (no text)"))
def articles_api(
    corpus: CorpusDep,
    limit: Annotated[int, Query(ge=1, le=100_000)] = 1000,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict:
    return to_json(articles_context(corpus, limit, offset))


@router.get("/articles/{article_id}", include_in_schema=False)
def article_page(request: Request, corpus: CorpusDep, article_id: str, hl: HlQuery = None):
    return render(request, "article.html", article_context(corpus, article_id, hl))


@router.get(
    "/api/articles/{article_id}", **api(ArticleContext, "articles", "An article, annotated")
)
def article_api(corpus: CorpusDep, article_id: str, hl: HlQuery = None) -> dict:
    return to_json(article_context(corpus, article_id, hl))
