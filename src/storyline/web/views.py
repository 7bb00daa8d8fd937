"""Building blocks shared by the pages: citations, timelines, events and cards."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence

from storyline import Corpus
from storyline.records import Article, Entity, Event, Source, Story
from storyline.web.axis import layout
from storyline.web.contexts import (
    ArticleCard,
    EntityCard,
    Entry,
    EventView,
    Party,
    SourceLink,
    StoryCard,
    SummaryLine,
    Timeline,
)

DATES_SHOWN = 100  # a timeline page's default: its best-supported dates, with a link to more
SOURCES_SHOWN = 10  # source links per date; the rest are counted


class Library:
    """The articles a page cites, each loaded once per request."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self._articles: dict[str, Article | None] = {}

    def load(self, article_ids: Iterable[str]) -> None:
        """Read these articles in one query, ahead of the links that cite them."""
        wanted = [a for a in dict.fromkeys(article_ids) if a not in self._articles]
        self._articles.update(dict.fromkeys(wanted))
        self._articles.update((a.id, a) for a in self.corpus.articles_by_id(wanted))

    def article(self, article_id: str) -> Article | None:
        if article_id not in self._articles:
            try:
                self._articles[article_id] = self.corpus.article(article_id)
            except KeyError:
                self._articles[article_id] = None
        return self._articles[article_id]

    def link(self, n: int, source: Source) -> SourceLink:
        article = self.article(source.article)
        text = article.text if article else ""
        return SourceLink(
            n=n,
            article=source.article,
            start=source.start,
            end=source.end,
            title=article.title if article else source.article,
            published=article.published.value if article and article.published else None,
            sentence=text[source.start : source.end],
            href=f"/articles/{source.article}?hl={source.start}-{source.end}#cited",
        )


def anchor(value: str) -> str:
    return "d-" + re.sub(r"[^0-9A-Za-z-]", "_", value)


def entry_view(library: Library, entry) -> Entry:
    """A `TimelineEntry` as shown: its summary and its first `SOURCES_SHOWN` sources (those quoted
    lead), with the count of the rest — a date a thousand articles cite stays readable."""
    shown = entry.sources[:SOURCES_SHOWN]
    links = [library.link(n, s) for n, s in enumerate(shown, start=1)]
    summary, quoted = [], set()
    for i, text in enumerate(entry.summary):
        flat = " ".join(text.split())
        said = [link.n for link in links if " ".join(link.sentence.split()) == flat]
        if not said and i < len(links):
            said = [links[i].n]  # the picked sentences lead the sources, in summary order
        quoted.update(said)
        summary.append(SummaryLine(text, said))
    return Entry(
        date=entry.date.value,
        label=entry.date.label,
        earliest=entry.date.earliest.isoformat(),
        latest=entry.date.latest.isoformat(),
        granularity=entry.date.granularity,
        anchor=anchor(entry.date.value),
        summary=summary,
        sources=links,
        more=[link.n for link in links if link.n not in quoted],
        events=list(entry.events),
        conflicts=list(entry.conflicts),
        articles=len(entry.articles),
        score=round(entry.score, 4),
        sources_total=len(entry.sources),
    )


def timeline(corpus: Corpus, *, max_dates: int | None = None, zoom: int = 1, **filters) -> Timeline:
    """A timeline (`filters` as `Corpus.explore_timeline` takes them) with its time strip: its
    `max_dates` (default `DATES_SHOWN`) best-supported dates, and whether there are more."""
    limit = max_dates or DATES_SHOWN
    entries = corpus.explore_timeline(max_dates=limit + 1, **filters)
    more = len(entries) > limit
    if more:  # the least supported goes: the one `best_supported` ranks last
        weakest = max(entries, key=lambda e: (-e.score, e.date.earliest, e.date.latest))
        entries = [e for e in entries if e is not weakest]
    library = Library(corpus)
    library.load(s.article for e in entries for s in e.sources[:SOURCES_SHOWN])
    views = [entry_view(library, e) for e in entries]
    return Timeline(entries=views, axis=layout(views, zoom), more=more)


def entity_name(corpus: Corpus, name: str) -> str:
    """The canonical name of the entity an id, name or alias stands for."""
    return corpus.entity(corpus.resolve_entity(name)).name


def did_you_mean(corpus: Corpus, name: str) -> tuple[str, list[EntityCard]]:
    """What to say when `name` stands for no one entity, and the entities it may have meant:
    those holding it as words (then it is ambiguous), else the closest names and aliases."""
    holding = corpus.find_entities(name)
    if holding:
        return f"“{name}” names {len(holding)} entities: pick one.", list(map(entity_card, holding))
    close = corpus.similar_entities(name)
    return f"No entity is called “{name}”.", list(map(entity_card, close))


def event_views(corpus: Corpus, events: Iterable[Event], names: dict[str, str]) -> list[EventView]:
    library = Library(corpus)

    def party(entity_id: str | None) -> Party | None:
        return Party(entity_id, names.get(entity_id, entity_id)) if entity_id else None

    return [
        EventView(
            id=e.id,
            type=e.type,
            mode=e.mode,
            quad=e.quad,
            status=e.status,
            actor=party(e.actor),
            target=party(e.target),
            location=e.location,
            date=e.date.value if e.date else None,
            earliest=e.date.earliest.isoformat() if e.date else None,
            latest=e.date.latest.isoformat() if e.date else None,
            summary=e.summary,
            sources=[library.link(n, s) for n, s in enumerate(e.sources, start=1)],
            claims=[
                {"date": c.date.value, "sources": [s.to_json() for s in c.sources]}
                for c in e.claims
            ],
        )
        for e in events
    ]


def story_card(story: Story) -> StoryCard:
    return StoryCard(
        id=story.id,
        title=story.title,
        articles=len(story.articles),
        first=story.first.value if story.first else None,
        last=story.last.value if story.last else None,
        entities=list(story.entities),
    )


def shown_source(source: str, roots: Sequence[str]) -> str:
    """An input as the user gave it, never a path of the machine that built the store: under
    an absolute input root it is shown from that root's name down ("seeds/001.txt" for
    /home/ann/seeds/001.txt built from /home/ann/seeds); any other absolute path by its name."""
    if not os.path.isabs(source):
        return source
    for root in sorted(roots, key=len, reverse=True):
        top = root.rstrip("/\\")
        if os.path.isabs(top) and (source == top or source.startswith(top + os.sep)):
            return os.path.basename(top) + source[len(top) :]
    return os.path.basename(source)


def article_card(article: Article, roots: Sequence[str] = ()) -> ArticleCard:
    return ArticleCard(
        id=article.id,
        title=article.title,
        published=article.published.value if article.published else None,
        publisher=article.publisher,
        source=shown_source(article.source, roots),
        words=article.words,
    )


def entity_card(entity: Entity, articles: int | None = None) -> EntityCard:
    return EntityCard(
        id=entity.id,
        name=entity.name,
        type=entity.type,
        mentions=entity.mentions,
        articles=len(entity.articles) if articles is None else articles,
    )


def by_date(cards: list[ArticleCard]) -> list[ArticleCard]:
    return sorted(cards, key=lambda a: (a.published is None, a.published or "", a.title))
