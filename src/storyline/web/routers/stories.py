"""`/stories` and `/stories/{id}`: a story's timeline, articles, main actors and relations."""

from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Request

from storyline import Corpus
from storyline.web import views
from storyline.web.contexts import StoriesContext, StoryContext, to_json
from storyline.web.deps import CorpusDep, api, render
from storyline.web.routers.relations import relations_chart

router = APIRouter()

ACTOR_TYPES = ("PERSON", "ORG", "GPE")


def stories_context(corpus: Corpus) -> StoriesContext:
    return StoriesContext(stories=[views.story_card(s) for s in corpus.stories()])


def story_context(corpus: Corpus, story_id: str, zoom: int = 1) -> StoryContext:
    story = corpus.story(story_id)
    members = set(story.articles)
    ranked = []
    for entity in corpus.entities():
        shared = len(members.intersection(entity.articles))
        if shared and entity.type in ACTOR_TYPES + ("NORP",):
            ranked.append((shared, entity.mentions, entity))
    ranked.sort(key=lambda t: (-t[0], -t[1], t[2].name))
    actors = [views.entity_card(e, n) for n, _, e in ranked[:12]]
    roots = corpus.build_inputs()
    articles = views.by_date(
        [
            views.article_card(a, roots)
            for a in (views.Library(corpus).article(i) for i in members)
            if a
        ]
    )
    return StoryContext(
        story=views.story_card(story),
        articles=articles,
        actors=actors,
        timeline=views.timeline(corpus, story=story.id, zoom=zoom),
        relations=_top_relations(
            corpus, [e for _, _, e in ranked if e.type in ACTOR_TYPES], members
        ),
        api_url=f"/api/stories/{story.id}",
    )


def _top_relations(corpus: Corpus, actors: list, members: set[str]):
    """Relations between the two leading actors that deal with each other most in the story's
    events (the top two when none do)."""
    top = {e.id: rank for rank, e in enumerate(actors[:8])}
    if len(top) < 2:
        return None
    pairs: Counter = Counter()
    for event in corpus.events():
        dyad = event.actor in top and event.target in top and event.actor != event.target
        if dyad and any(src.article in members for src in event.sources):
            pairs[tuple(sorted((event.actor, event.target), key=top.get))] += 1
    a, b = pairs.most_common(1)[0][0] if pairs else (actors[0].id, actors[1].id)
    return relations_chart(corpus, a, b)


@router.get("/stories", include_in_schema=False)
def stories_page(request: Request, corpus: CorpusDep):
    return render(request, "stories.html", stories_context(corpus))


@router.get("/api/stories", **api(StoriesContext, "stories", "Stories, largest first"))
def stories_api(corpus: CorpusDep) -> dict:
    return to_json(stories_context(corpus))


@router.get("/stories/{story_id}", include_in_schema=False)
def story_page(request: Request, corpus: CorpusDep, story_id: str, zoom: int = 1):
    return render(request, "story.html", story_context(corpus, story_id, zoom))


@router.get("/api/stories/{story_id}", **api(StoryContext, "stories", "A story and its timeline"))
def story_api(corpus: CorpusDep, story_id: str) -> dict:
    return to_json(story_context(corpus, story_id))
