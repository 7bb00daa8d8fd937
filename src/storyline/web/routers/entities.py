"""`/entities` and `/entities/{id}`: who is who, their roles, events and company."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

from fastapi import APIRouter, Query, Request

from storyline import Corpus
from storyline.web import views
from storyline.web.contexts import EntitiesContext, EntityContext, to_json
from storyline.web.deps import CorpusDep, api, blank, render

router = APIRouter()

TypeQuery = Annotated[str | None, Query(description="An entity type: PERSON, ORG, GPE...")]
NameQuery = Annotated[str | None, Query(description="Keep names or aliases containing this")]
LimitQuery = Annotated[int, Query(ge=1, le=100_000)]


def entities_context(
    corpus: Corpus, type: str | None = None, q: str | None = None, limit: int = 300
) -> EntitiesContext:
    type, q = blank(type), blank(q)
    everyone = corpus.entities()
    types = Counter(e.type for e in everyone)
    chosen = [e for e in everyone if not type or e.type == type.upper()]
    if q:
        low = q.lower()
        chosen = [e for e in chosen if any(low in n.lower() for n in (e.name, *e.aliases))]
    return EntitiesContext(
        entities=[views.entity_card(e) for e in chosen[:limit]],
        type=type,
        q=q,
        types=dict(types.most_common()),
        total=len(chosen),
    )


def entity_context(corpus: Corpus, entity_id: str, zoom: int = 1) -> EntityContext:
    entity = corpus.entity(corpus.resolve_entity(entity_id))  # an id, or a name or alias
    mine = set(entity.articles)
    together = []
    for other in corpus.entities():
        shared = len(mine.intersection(other.articles))
        if shared and other.id != entity.id:
            together.append((shared, other.mentions, other))
    together.sort(key=lambda t: (-t[0], -t[1], t[2].name))
    library = views.Library(corpus)
    roots = corpus.build_inputs()
    articles = [views.article_card(a, roots) for a in (library.article(i) for i in mine) if a]
    events = corpus.events(entity=entity.id)
    return EntityContext(
        entity=views.entity_card(entity),
        aliases=list(entity.aliases),
        roles=sorted(
            (r.to_json() for r in entity.roles), key=lambda r: (r["from"] or "", r["role"])
        ),
        events=views.event_views(corpus, events, corpus.entity_names()),
        cooccurring=[views.entity_card(e, n) for n, _, e in together[:20]],
        articles=views.by_date(articles),
        timeline=views.timeline(corpus, entity=entity.id, zoom=zoom),
        api_url=f"/api/entities/{entity.id}",
    )


@router.get("/entities", include_in_schema=False)
def entities_page(request: Request, corpus: CorpusDep, type: TypeQuery = None,
                  q: NameQuery = None, limit: LimitQuery = 300):  # fmt: skip
    return render(request, "entities.html", entities_context(corpus, type, q, limit))


@router.get("/api/entities", **api(EntitiesContext, "entities", "Entities, most mentioned first"))
def entities_api(corpus: CorpusDep, type: TypeQuery = None, q: NameQuery = None,
                 limit: LimitQuery = 1000) -> dict:  # fmt: skip
    return to_json(entities_context(corpus, type, q, limit))


@router.get("/entities/{entity_id}", include_in_schema=False)
def entity_page(request: Request, corpus: CorpusDep, entity_id: str, zoom: int = 1):
    return render(request, "entity.html", entity_context(corpus, entity_id, zoom))


@router.get("/api/entities/{entity_id}", **api(EntityContext, "entities", "An entity in full"))
def entity_api(corpus: CorpusDep, entity_id: str) -> dict:
    return to_json(entity_context(corpus, entity_id))
