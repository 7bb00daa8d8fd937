"""A day timeline ranks days by their salience over all the corpus's references to them, and
tells each day from sentences that state what happened."""

from __future__ import annotations

import math
import sys
from dataclasses import fields
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from storyline import Corpus
from storyline.records import FuzzyDate
from storyline.store import facts
from storyline.tell import DatedSentence, build_timeline
from storyline.tell.salience import (
    LATE_DAYS,
    DayFeatures,
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


def test_every_expression_counts_and_an_article_once_per_kind():
    tue, wed = date(2010, 4, 20), date(2010, 4, 21)
    later = tue + timedelta(days=LATE_DAYS)
    mentions = [
        DayMention("a", tue, tue),  # "on Tuesday" in Tuesday's article, twice
        DayMention("a", tue, tue),
        DayMention("b", tue, wed),  # recalled the next day
        DayMention("c", tue, None),  # an article of unknown date names it
        DayMention("d", tue, later),  # remembered a week later, twice
        DayMention("d", tue, later),
    ]
    f = day_features(mentions)[tue]
    assert f == DayFeatures(mentions=math.log1p(6), same_day=math.log1p(1), late=math.log1p(1))
    w = DaySalience()
    assert day_salience(mentions)[tue] == pytest.approx(
        w.mentions * f.mentions + w.same_day * f.same_day + w.late * f.late
    )


def test_a_day_remembered_weeks_later_outranks_one_named_only_by_the_next_papers():
    """A flood recalled a month on matters more than a vote named only the morning after."""
    flood, vote = date(2013, 6, 2), date(2013, 6, 9)
    mentions = [DayMention(f"next{i}", vote, vote + timedelta(days=1)) for i in range(3)]
    mentions += [DayMention(f"month{i}", flood, flood + timedelta(days=30)) for i in range(3)]
    salience = day_salience(mentions)
    assert salience[flood] > salience[vote]
    # ... and news told on its own day outranks the same count told the day after.
    mentions = [DayMention(f"s{i}", vote, vote) for i in range(3)]
    mentions += [DayMention(f"n{i}", flood, flood + timedelta(days=1)) for i in range(3)]
    salience = day_salience(mentions)
    assert salience[vote] > salience[flood]


def test_the_fitted_weights_never_make_more_naming_less_salient():
    w = DaySalience()
    assert all(getattr(w, f.name) >= 0 for f in fields(DaySalience))
    assert [f.name for f in fields(DaySalience)] == [f.name for f in fields(DayFeatures)]


def test_features_on_a_corpus_they_were_not_fitted_on(demo):
    """Wikinews (the demo corpus): every day-precise DATE timex is a mention; the late count is
    the articles published a week or more after the day."""
    mentions = day_mentions(demo.store.db)
    features = day_features(mentions)
    by_day: dict[date, list[DayMention]] = {}
    for m in mentions:
        by_day.setdefault(m.day, []).append(m)
    for day, ms in by_day.items():
        late = {m.article for m in ms if m.published and m.published >= day + timedelta(days=7)}
        assert features[day].mentions == pytest.approx(math.log1p(len(ms)))
        assert features[day].late == pytest.approx(math.log1p(len(late)))
    assert any(f.late > 0 for f in features.values())  # Wikinews recalls earlier days too


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


def test_the_fit_ranks_within_each_timeline_whatever_its_base_rate():
    """eval/t17_fit.py gives each timeline its own intercept: in one timeline nearly every named
    day is gold, in the other few are, and only a within-timeline feature tells gold days."""
    folder = Path(__file__).resolve().parents[1] / "eval"
    sys.path.insert(0, str(folder))
    try:
        import t17_fit
    finally:
        sys.path.remove(str(folder))
    rng = np.random.default_rng(0)

    def block(n: int, rate: float, level: float):
        late = rng.random(n) < rate  # gold days are the ones remembered late
        rows = np.column_stack([
            level + rng.random(n),  # mentions: the timeline's size, unrelated to gold
            rng.random(n),
            rng.random(n) + np.where(late, 0.5, 0.0),
        ])  # fmt: skip
        return rows, late

    (xa, ya), (xb, yb) = block(1000, 0.8, 0.0), block(5000, 0.05, 3.0)
    w = t17_fit.fit([("short", xa, ya), ("long", xb, yb)])
    # (one pooled intercept gives mentions about -1.4 here: the base rate leaks into it)
    assert w.late > 1.0 and abs(w.mentions) < w.late / 8 and abs(w.same_day) < w.late / 8
