"""The dated sentences a corpus timeline is built from, read from the store.

Only what happened is told.  Every sentence that reports an event that happened, between
participants the extractor could name (an actor or a target), is dated by that event (by each
date its sources claim, when they disagree).  A planned, hoped-for, refused, denied or merely
reported event stays in the store with its status but is not told, nor is an event with
neither actor nor target ("the talks", "a British citizen was murdered"): a timeline would show
it as a dated fact without saying who.  Sentences that name an absolute date but report no
event the extractor knows add a weaker signal, so a factbox line still counts; so does a
sentence whose only events happened without named participants ("was diagnosed with the
virus on Sunday": the sentence says what happened, the event alone would not say who).  A
sentence told by its events, or reporting one that did not happen as a fact (planned,
hypothetical, refused, negated), is not told this way.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable

from storyline.records import DatedSentence, Event, FuzzyDate
from storyline.store import fuzzy_from_row, rows_where_in

TOLD = frozenset({"happened"})
EVENT_WEIGHT = 1.0
TIMEX_WEIGHT = 0.4
MIN_WORDS = 6  # a dated sentence that reports no event must say something besides the date
MIN_EVENT_WORDS = 4  # a factbox's bare "June 2009:" split from its line says nothing by itself


def dated_sentences(
    db: sqlite3.Connection,
    events: Iterable[Event],
    articles: set[str] | None = None,
    *,
    with_timexes: bool = True,
) -> list[DatedSentence]:
    """Dated sentences from `events` (and, with `with_timexes`, from absolute dates in the
    text), limited to `articles` when given.  Only the texts of the articles that can give a
    sentence are read, so an entity's or a search's timeline costs what it cites."""
    events = list(events)
    if articles is None and not with_timexes:
        articles = {s.article for e in events for s in _all_sources(e)}
    meta = {
        row[0]: (row[1], fuzzy_from_row(row[2], row[3], row[4]))
        for row in rows_of(
            db,
            "SELECT id, text, published_earliest, published_latest, published_granularity"
            " FROM articles",
            "id",
            articles,
        )
    }
    found: dict[tuple, DatedSentence] = {}

    def add(
        article: str,
        start: int,
        end: int,
        when: FuzzyDate,
        weight: float,
        event=None,
        claim=None,
        states_date: bool = True,
    ):
        text, published = meta[article]
        key = (article, start, end, when)
        known = found.get(key)
        ids = (event,) if event else ()
        if known is not None:
            ids = tuple(dict.fromkeys(known.events + ids))
            weight = max(weight, known.weight)
            claim = claim or known.claim_of
            states_date = states_date or known.states_date
        found[key] = DatedSentence(
            article,
            start,
            end,
            " ".join(text[start:end].split()),
            when,
            published,
            weight,
            ids,
            claim,
            states_date,
        )

    event_sentences = {
        (s.article, s.start)
        for e in events
        if told(e) or e.status not in TOLD
        for s in _all_sources(e)
    }
    timex_rows = list(_timex_sentences(db, articles)) if with_timexes else []
    named: dict[tuple[str, int], list[FuzzyDate]] = {}
    for article, start, _end, earliest, latest, granularity in timex_rows:
        named.setdefault((article, start), []).append(fuzzy_from_row(earliest, latest, granularity))
    for event in events:
        if event.claims:
            dated = [(claim.date, claim.sources) for claim in event.claims]
        elif event.date:
            dated = [(event.date, event.sources)]
        else:
            continue
        if not told(event):
            continue
        for when, sources in dated:
            for source in sources:
                if source.article in meta and _words(meta, source) >= MIN_EVENT_WORDS:
                    stated = named.get((source.article, source.start), ())
                    add(
                        source.article, source.start, source.end, when, EVENT_WEIGHT, event.id,
                        claim=event.id if event.claims else None,
                        states_date=any(_inside(date, when) for date in stated),
                    )  # fmt: skip
    if with_timexes:
        for article, start, end, earliest, latest, granularity in timex_rows:
            words = len(meta[article][0][start:end].split()) if article in meta else 0
            if words >= MIN_WORDS and (article, start) not in event_sentences:
                add(
                    article, start, end, fuzzy_from_row(earliest, latest, granularity), TIMEX_WEIGHT
                )
    return [found[key] for key in sorted(found, key=_order)]  # the same whatever the read order


def _inside(named: FuzzyDate, when: FuzzyDate) -> bool:
    """Whether a date a sentence names lies within `when` (so the sentence states it), `when`
    read as it is written: an event dated "2009-11" covers the month even where its evidence
    narrows it to a week ("yesterday" in an article from the first week of November)."""
    written = FuzzyDate.parse(when.value)
    return written.earliest <= named.earliest and named.latest <= written.latest


def told(event: Event) -> bool:
    """Whether an event is told as a fact: it happened, and someone took part in it."""
    return event.status in TOLD and (event.actor is not None or event.target is not None)


def _order(key: tuple) -> tuple:
    article, start, end, when = key
    return article, start, end, when.earliest, when.latest


def _words(meta: dict, source) -> int:
    return len(meta[source.article][0][source.start : source.end].split())


def _all_sources(event: Event):
    yield from event.sources
    for claim in event.claims:
        yield from claim.sources


def rows_of(db: sqlite3.Connection, query: str, column: str, articles: set[str] | None):
    """The rows of `query`, for `articles` only when given."""
    return db.execute(query) if articles is None else rows_where_in(db, query, column, articles)


def _timex_sentences(db: sqlite3.Connection, articles: set[str] | None):
    """(article, sentence start, end, earliest, latest, granularity) for each absolute date up
    to a month wide named in a sentence.  Sentences never overlap, so a date's sentence is the
    last one starting at or before it: one index seek per date (a range join scanned every
    earlier sentence of the article: 9 s for the 11,000 dates of a 10 MB article, now 0.1 s)."""
    return rows_of(
        db,
        'SELECT s.article_id, s.start, s."end", t.earliest, t.latest,'
        " CASE WHEN length(t.value) = 10 THEN 'day' ELSE 'month' END"
        " FROM timexes t JOIN sentences s ON s.article_id = t.article_id"
        " AND s.start = (SELECT max(start) FROM sentences"
        " WHERE article_id = t.article_id AND start <= t.start)"
        ' AND t."end" <= s."end"'
        " WHERE t.type = 'DATE' AND t.earliest IS NOT NULL"
        " AND (length(t.value) = 10 OR length(t.value) = 7) AND t.value GLOB '[0-9]*'",
        "t.article_id",
        articles,
    )


def digest(sentences: Iterable[DatedSentence]) -> str:
    """What a timeline is told from, in a few bytes: equal digests tell equal timelines."""
    h = hashlib.sha256()
    for s in sorted(sentences, key=lambda s: (s.article, s.start, s.end, s.date.value)):
        h.update(
            repr(
                (
                    s.article,
                    s.start,
                    s.end,
                    s.date,
                    s.published,
                    s.weight,
                    s.events,
                    s.claim_of,
                    s.states_date,
                )
            ).encode()
        )
    return h.hexdigest()[:32]
