"""Building blocks shared by the pages: citations, timelines, events and cards."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from storyline.corpus import Corpus, EntityNotFound
from storyline.records import Article, Entity, Event, FuzzyDate, Source, Story
from storyline.store import facts
from storyline.tell import TimelineEntry, best_supported
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

MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class Library:
    """The articles a page cites, each loaded once per request."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self._articles: dict[str, Article | None] = {}

    def load(self, article_ids: Iterable[str]) -> None:
        """Read these articles in one query, ahead of the links that cite them."""
        wanted = [a for a in dict.fromkeys(article_ids) if a not in self._articles]
        self._articles.update(dict.fromkeys(wanted))
        self._articles.update((a.id, a) for a in self.corpus.store.articles_by_id(wanted))

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


def date_label(d: FuzzyDate) -> str:
    """'2 November 2009', 'November 2009', '2009', or the range a coarser date covers."""
    if d.granularity == "day":
        return f"{d.earliest.day} {MONTH_NAMES[d.earliest.month - 1]} {d.earliest.year}"
    if d.granularity == "month":
        return f"{MONTH_NAMES[d.earliest.month - 1]} {d.earliest.year}"
    if d.granularity == "year":
        return str(d.earliest.year)
    if d.granularity == "decade":
        return f"the {d.earliest.year}s"
    a, b = d.earliest, d.latest
    if a.year == b.year:
        return f"{a.day} {MONTH_NAMES[a.month - 1][:3]} – {b.day} {MONTH_NAMES[b.month - 1][:3]} {a.year}"
    return f"{a.isoformat()} – {b.isoformat()}"


def anchor(value: str) -> str:
    return "d-" + re.sub(r"[^0-9A-Za-z-]", "_", value)


def entry_view(library: Library, entry: TimelineEntry) -> Entry:
    """The date as shown: its summary and its first `SOURCES_SHOWN` sources (those quoted
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
        label=date_label(entry.date),
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


def timeline(
    corpus: Corpus,
    *,
    story: str | None = None,
    entity: str | None = None,
    query: str | None = None,
    start: date | None = None,
    end: date | None = None,
    type: str | None = None,
    max_dates: int | None = None,
    zoom: int = 1,
) -> Timeline:
    """A timeline with its time strip: its `max_dates` (default `DATES_SHOWN`) best-supported
    dates; `type` keeps the dates that report an event of that PLOVER type (Corpus.timeline
    has no type filter)."""
    limit = max_dates or DATES_SHOWN
    entries = corpus.timeline(
        story=story, entity=entity, query=query, start=start, end=end,
        max_dates=None if type else limit + 1,
    )  # fmt: skip
    if type:
        wanted = facts.events_of_type(corpus.store.db, type)
        entries = best_supported([e for e in entries if wanted.intersection(e.events)], limit + 1)
    more = len(entries) > limit
    if more:
        entries = best_supported(entries, limit)
    library = Library(corpus)
    library.load(s.article for e in entries for s in e.sources[:SOURCES_SHOWN])
    views = [entry_view(library, e) for e in entries]
    return Timeline(entries=views, axis=layout(views, zoom), more=more)


def entity_name(corpus: Corpus, name: str) -> str:
    """The canonical name an id, name or alias stands for (the best-known entity's when several
    share it), without reading the entity's articles."""
    found = facts.find_entity_ids(corpus.store.db, name)
    if not found:
        raise EntityNotFound(name)
    return corpus.store.db.execute("SELECT name FROM entities WHERE id = ?", found[:1]).fetchone()[
        0
    ]


def names(corpus: Corpus) -> dict[str, str]:
    return corpus.entity_names()


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


def events_by_id(corpus: Corpus, ids: Iterable[str]) -> list[Event]:
    """Events by id, oldest first (a helper Corpus lacks: `Corpus.events(ids=...)`)."""
    wanted = [i for i in dict.fromkeys(ids) if i]
    return facts.events(corpus.store.db, ids=wanted) if wanted else []


def event_types(corpus: Corpus) -> list[str]:
    return facts.event_types(corpus.store.db)


def story_card(story: Story) -> StoryCard:
    return StoryCard(
        id=story.id,
        title=story.title,
        articles=len(story.articles),
        first=story.first.value if story.first else None,
        last=story.last.value if story.last else None,
        entities=list(story.entities),
    )


def article_card(article: Article) -> ArticleCard:
    return ArticleCard(
        id=article.id,
        title=article.title,
        published=article.published.value if article.published else None,
        publisher=article.publisher,
        source=article.source,
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
