"""A day timeline ranks days by their salience over all the corpus's references to them, and
tells each day from sentences that state what happened."""

from __future__ import annotations

import math
from datetime import date

import pytest

from storyline import Corpus
from storyline.records import FuzzyDate
from storyline.store import facts
from storyline.tell import DatedSentence, build_timeline
from storyline.tell.salience import (
    DayMention,
    DaySalience,
    day_features,
    day_mentions,
    day_ranking,
    day_salience,
)
from storyline.tell.sentences import TIMEX_WEIGHT, TOLD, dated_sentences, told


@pytest.fixture(scope="module")
def demo(demo_run):
    with Corpus(demo_run[0]) as built:
        yield built


def test_an_article_counts_once_per_day_and_kind():
    tue, wed = date(2010, 4, 20), date(2010, 4, 21)
    mentions = [
        DayMention("a", tue, tue),  # "on Tuesday" in Tuesday's article, twice
        DayMention("a", tue, tue),
        DayMention("b", tue, wed),  # recalled the next day
        DayMention("c", tue, None),  # an article of unknown date recalls it
    ]
    recalled, same_day = day_features(mentions)[tue]
    assert recalled == pytest.approx(math.log1p(2)) and same_day == pytest.approx(math.log1p(1))
    w = DaySalience()
    assert day_salience(mentions)[tue] == pytest.approx(
        w.recalled * recalled + w.same_day * same_day
    )


def test_day_mentions_are_the_stored_day_timexes(demo):
    mentions = day_mentions(demo.store.db)
    some = sorted({m.article for m in mentions})[:5]
    for article in some:
        stored = sorted(
            t.earliest
            for t in demo.annotation(article).timexes
            if t.type == "DATE" and t.earliest is not None and t.earliest == t.latest
        )
        assert sorted(m.day for m in mentions if m.article == article) == stored
    assert {m.article for m in day_mentions(demo.store.db, set(some))} == set(some)


def test_salience_ranks_the_dates_and_support_breaks_ties():
    d1, d2, d3 = (FuzzyDate.day(date(2010, 4, n)) for n in (20, 21, 22))
    texts = ["The rig exploded in the Gulf of Mexico on Tuesday night", "Oil reached the coast"]
    sents = [
        DatedSentence(a, 0, 10, texts[i % 2] + f" {a}", d, None)
        for i, (a, d) in enumerate([("a", d1), ("b", d1), ("c", d1), ("d", d2), ("e", d3)])
    ]
    by_support = build_timeline(sents, max_dates=1, granularity="day")
    assert [e.date for e in by_support] == [d1]
    ranked = build_timeline(sents, max_dates=2, granularity="day", salience={d2: 2.0, d3: 2.0})
    assert [e.date for e in ranked] == [d2, d3] and ranked[0].score == 2.0


def test_the_day_timeline_shows_the_most_salient_days_it_can_tell(demo):
    salience = day_ranking(demo.store.db)
    entries = demo.timeline(granularity="day", max_dates=8)
    assert len(entries) == 8
    assert all(e.score == pytest.approx(salience.get(e.date, 0.0)) for e in entries)
    tellable = {s.date for s in dated_sentences(demo.store.db, facts.events(demo.store.db))}
    lowest = min(e.score for e in entries)
    shown = {e.date for e in entries}
    missed = [d for d in tellable - shown if d.granularity == "day" and salience.get(d, 0) > lowest]
    assert not missed  # (a day is skipped only when it has nothing new to tell)


def test_a_timex_tells_a_sentence_whose_event_lacks_participants_never_an_untrue_one(demo):
    """On the demo corpus (Wikinews, not the text these rules were written for)."""
    db = demo.store.db
    events = facts.events(db)
    by_timex = {(s.article, s.start) for s in dated_sentences(db, events) if not s.events}
    assert all(s.weight == TIMEX_WEIGHT for s in dated_sentences(db, events) if not s.events)
    participantless = {
        (src.article, src.start)
        for e in events
        if e.status in TOLD and not told(e)
        for src in e.sources
    }
    untrue = {(src.article, src.start) for e in events if e.status not in TOLD for src in e.sources}
    assert by_timex & participantless  # e.g. "Congressional lawmakers rejected ... in October"
    assert not by_timex & untrue
