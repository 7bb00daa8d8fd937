"""The tell stage's timelines, on hand-made dated sentences from the seed story, and the T17 metrics."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from storyline.records import FuzzyDate
from storyline.tell import DatedSentence, TimelineEntry, build_timeline, format_chronology

DAY = FuzzyDate.day
POISONED = DAY(date(2006, 11, 1))


def _s(article, start, text, when, published, weight=1.0, events=(), claim_of=None, states=True):
    return DatedSentence(
        article,
        start,
        start + len(text),
        text,
        when,
        published,
        weight,
        tuple(events),
        claim_of,
        states,
    )


def _seed_sentences() -> list[DatedSentence]:
    p09 = DAY(date(2009, 11, 2))
    p09b = DAY(date(2009, 11, 3))
    p11 = DAY(date(2011, 9, 10))
    p17 = DAY(date(2017, 3, 4))
    return [
        # Three articles from 2009, 2011 and 2017 recall the 2006 poisoning.
        _s(
            "a1",
            120,
            "The former Russian spy Alexander Litvinenko was poisoned with polonium "
            "in London on 1 November 2006.",
            POISONED,
            p09,
            events=("ev:poison",),
        ),
        _s(
            "a2",
            300,
            "Mr Litvinenko, a former Russian security agent, was poisoned with "
            "radioactive polonium in London in November 2006.",
            POISONED,
            p09b,
            events=("ev:poison",),
        ),
        _s(
            "a4",
            80,
            "Relations were damaged by the poisoning of the former Russian spy "
            "Alexander Litvinenko in London on 1 November 2006.",
            POISONED,
            p11,
        ),
        # What each article reports for its own day.
        _s(
            "a1",
            0,
            "Foreign Secretary David Miliband is making his first official visit to Russia today.",
            p09,
            p09,
            weight=0.5,
            events=("ev:visit",),
        ),
        _s(
            "a1",
            60,
            "His two-day visit to Moscow will see him meet his Russian counterpart Sergey Lavrov.",
            p09,
            p09,
            weight=0.5,
            events=("ev:visit",),
        ),
        _s(
            "a2",
            0,
            "Russia again refused David Miliband's demand to extradite Andrei Lugovoi "
            "in talks in Moscow.",
            DAY(date(2009, 11, 2)),
            p09b,
            events=("ev:refuse",),
        ),
        _s(
            "a2",
            90,
            "Foreign Secretary David Miliband is making his first official visit to Russia.",
            DAY(date(2009, 11, 2)),
            p09b,
        ),
        _s(
            "a4",
            0,
            "David Cameron will hold talks with Vladimir Putin in Moscow next week.",
            p11,
            p11,
            weight=0.5,
        ),
        _s(
            "a3",
            0,
            "Boris Johnson will travel to Moscow in the coming weeks for meetings with "
            "the Russian Foreign Minister.",
            p17,
            p17,
            weight=0.5,
        ),
    ]


def test_key_date_gets_one_entry_with_every_source():
    entries = build_timeline(_seed_sentences())
    (poison,) = [e for e in entries if e.date == POISONED]
    assert {s.article for s in poison.sources} == {"a1", "a2", "a4"}
    assert len(poison.sources) == 3
    assert poison.events == ("ev:poison",)
    # Referenced by three articles, published by none: still the top date.
    assert max(entries, key=lambda e: e.score).date == POISONED


def test_a_sentence_naming_the_day_leads_the_ones_dated_only_by_their_event():
    """An event's sources are dated by the event; only one of them says the day.  Written for
    the Litvinenko seeds, checked here on another story (Haiti, 2010), where the recalled
    sentences are closer to each other than to the one that states the date."""
    quake = DAY(date(2010, 1, 12))
    later = DAY(date(2010, 3, 1))
    recalled = [
        "Aid agencies in Haiti say reconstruction after the earthquake will take a decade.",
        "Aid agencies in Haiti warn that reconstruction after the earthquake is slow.",
        "Reconstruction in Haiti after the earthquake is slow, aid agencies warn again.",
    ]
    sentences = [
        _s(f"r{n}", 0, text, quake, later, events=("ev:quake",), states=False)
        for n, text in enumerate(recalled)
    ]
    stated = "The earthquake struck Haiti on January 12, 2010, near Port-au-Prince."
    sentences.append(_s("d", 0, stated, quake, later, events=("ev:quake",)))
    (entry,) = build_timeline(sentences, per_date=2)
    assert entry.summary[0] == stated
    # without a sentence that says the day, the most central recalled sentence leads as before
    (fallback,) = build_timeline(sentences[:-1], per_date=1)
    assert fallback.summary[0] in recalled


def test_a_later_article_recalling_an_event_does_not_follow_its_report():
    """Sentences that neither name the date nor come from an article of that date are
    background: they may lead a date nothing else tells, never follow one.  Checked on a
    story the rule was not written for (a 2013 flood)."""
    flood = DAY(date(2013, 6, 3))
    report = "The Danube burst its banks in Passau on 3 June 2013, flooding the old town."
    same_day = "Rescue teams evacuated hundreds of residents from the flooded streets of Passau."
    recalled = "Passau residents are still rebuilding homes the Danube flood destroyed."
    sentences = [
        _s("d", 0, report, flood, flood, events=("ev:flood",)),
        _s("s", 0, same_day, flood, flood, events=("ev:flood",), states=False),
        _s("r", 0, recalled, flood, DAY(date(2014, 6, 1)), events=("ev:flood",), states=False),
    ]
    (entry,) = build_timeline(sentences, per_date=3)
    assert entry.summary == (report, same_day)
    assert "r" in entry.articles  # still a source of the date
    (alone,) = build_timeline(sentences[2:], per_date=2)
    assert alone.summary == (recalled,)


def test_oldest_first_and_json_shape():
    entries = build_timeline(_seed_sentences())
    starts = [e.date.earliest for e in entries]
    assert starts == sorted(starts)
    data = entries[0].to_json()
    assert data["date"] == "2006-11-01"
    assert data["earliest"] == data["latest"] == "2006-11-01"
    assert {"summary", "events", "sources", "conflicts"} <= set(data)
    assert set(data["sources"][0]) == {"article", "start", "end"}


def test_no_sentence_repeated_across_dates():
    entries = build_timeline(_seed_sentences(), per_date=3)
    said = [s for e in entries for s in e.summary]
    assert len(said) == len(set(said))
    # "first official visit to Russia" is said for 2009-11-02 by a1 (publication) and a2 (timex):
    # only one of the two may be told.
    assert sum("first official visit" in s for s in said) == 1
    # The three poisoning sentences are one fact: one of them summarises the date.
    (poison,) = [e for e in entries if e.date == POISONED]
    assert len(poison.summary) <= 2


def test_max_dates_keeps_the_best_supported():
    entries = build_timeline(_seed_sentences(), max_dates=2)
    assert len(entries) == 2
    assert [e.date.value for e in entries] == ["2006-11-01", "2009-11-02"]
    assert build_timeline([]) == []


def test_conflicting_dates_are_shown():
    p = DAY(date(2009, 11, 3))
    sents = [
        _s(
            "a1",
            0,
            "Russia refused the extradition request on Monday in Moscow talks.",
            DAY(date(2009, 11, 2)),
            p,
            claim_of="ev:refuse",
        ),
        _s(
            "a2",
            0,
            "The extradition request was turned down by Moscow on Tuesday evening.",
            DAY(date(2009, 11, 3)),
            p,
            claim_of="ev:refuse",
        ),
        _s(
            "a3",
            0,
            "Sergey Lavrov rejected the British demand for Lugovoi's extradition.",
            DAY(date(2009, 11, 3)),
            p,
            claim_of="ev:refuse",
        ),
    ]
    entries = {e.date.value: e for e in build_timeline(sents)}
    assert entries["2009-11-02"].conflicts == ("sources disagree: 2009-11-03 (a2, a3)",)
    assert entries["2009-11-03"].conflicts == ("sources disagree: 2009-11-02 (a1)",)
    # A month claim containing the day does not disagree with it.
    month = _s(
        "a4",
        0,
        "Britain's request was refused in November 2009 by the Kremlin.",
        FuzzyDate.month(2009, 11),
        p,
        claim_of="ev:refuse",
    )
    entries = build_timeline([*sents, month], granularity="month")
    assert entries[0].conflicts == ()


def test_granularity_pooling():
    pub = DAY(date(2009, 12, 1))
    sents = [
        _s(
            "a1",
            0,
            "The talks on energy cooperation were held in November 2009 in Moscow.",
            FuzzyDate.month(2009, 11),
            pub,
        ),
        _s(
            "a2",
            0,
            "A gas agreement was signed by both ministers on 5 November 2009.",
            DAY(date(2009, 11, 5)),
            pub,
        ),
        _s(
            "a3",
            0,
            "The embassy reopened its consular section on 20 October 2009.",
            DAY(date(2009, 10, 20)),
            pub,
        ),
        _s(
            "a4",
            0,
            "The consular section of the embassy reopened on 20 October 2009.",
            DAY(date(2009, 10, 20)),
            pub,
        ),
    ]
    values = [e.date.value for e in build_timeline(sents)]
    # 20 October: two articles, a day.  5 November: one article, pooled with "November 2009".
    assert values == ["2009-10-20", "2009-11"]
    nov = build_timeline(sents)[1]
    assert {s.article for s in nov.sources} == {"a1", "a2"}
    # Forced grains.
    assert [e.date.value for e in build_timeline(sents, granularity="day")] == [
        "2009-10-20",
        "2009-11-05",
    ]
    assert [e.date.value for e in build_timeline(sents, granularity="year")] == ["2009"]
    # A lone weak day stays a day: pooling it alone would only lose precision.
    assert [e.date.value for e in build_timeline(sents[1:2])] == ["2009-11-05"]


def test_chronology_reads_like_one():
    entries = build_timeline(_seed_sentences(), max_dates=3, per_date=1)
    titles = {
        "a1": "Miliband in key visit to Russia",
        "a2": "Miliband met by icy reception",
        "a4": "To Russia with love",
    }
    text = format_chronology(entries, titles)
    lines = text.splitlines()
    assert lines[0].startswith("2006-11-01 — ")
    assert lines[0].endswith("[1][2][3]")
    assert "Sources" in lines
    assert "[1] Miliband in key visit to Russia" in lines
    assert "[3] To Russia with love" in lines
    # Unknown titles fall back to the article id; month entries read as words.
    entry = TimelineEntry(
        FuzzyDate.month(2009, 11),
        ("Talks were held",),
        (),
        (_seed_sentences()[0].source,),
        ("sources disagree: 2009-12 (a9)",),
    )
    text = format_chronology([entry], {})
    assert text.splitlines()[0] == "November 2009 — Talks were held. [1]"
    assert "    (sources disagree: 2009-12 (a9))" in text
    assert "[1] a1" in text


# --- the T17 metrics --------------------------------------------------------------------


@pytest.fixture(scope="module")
def t17():
    folder = Path(__file__).resolve().parents[1] / "eval"
    sys.path.insert(0, str(folder))  # the script imports its sibling modules (corpora, split)
    try:
        import t17_eval
    finally:
        sys.path.remove(str(folder))
    return t17_eval


def test_rouge(t17):
    gold = t17.tokens("The cat sat on the mat .")
    assert gold == ["the", "cat", "sat", "on", "the", "mat"]
    assert t17.rouge_f1(gold, gold, 1) == pytest.approx(1.0)
    pred = t17.tokens("the cat sat")
    # R1: overlap 3, P 3/3, R 3/6 -> F 2/3;  R2: overlap 2, P 2/2, R 2/5 -> F 4/7.
    assert t17.rouge_f1(pred, gold, 1) == pytest.approx(2 / 3)
    assert t17.rouge_f1(pred, gold, 2) == pytest.approx(4 / 7)
    # Clipped counts: "the the the" matches "the" twice at most.
    assert t17.rouge_counts(["the"] * 3, gold, 1) == (2, 3, 6)
    assert t17.tokens("-LRB- BP -RRB- spills") == ["bp", "spills"]
    assert t17.stem("spills") == "spill" and t17.stem("is") == "is"


def test_date_f1(t17):
    d = date
    assert t17.date_f1([d(2010, 4, 20), d(2010, 4, 22)], [d(2010, 4, 20)]) == pytest.approx(2 / 3)
    assert t17.date_f1([], [d(2010, 4, 20)]) == 0.0


def test_alignment_rouge(t17):
    d1, d2, d3 = date(2010, 4, 20), date(2010, 4, 21), date(2010, 4, 30)
    gold = {d1: ["rig", "explodes"], d3: ["well", "capped"]}
    assert t17.align_rouge(gold, gold, 1) == pytest.approx(1.0)
    # Right words one day off: every count weighs 1/2.
    assert t17.align_rouge({d2: ["rig", "explodes"]}, {d1: ["rig", "explodes"]}, 1) == (
        pytest.approx(0.5)
    )
    # Many-to-one: both predicted dates align to d1; recall of d3 finds nothing.
    pred = {d1: ["rig", "explodes"], d2: ["rig", "fire"]}
    # P = (2 + 1/2) / 4;  R = (2 + 0) / 4.
    p, r = 2.5 / 4, 2 / 4
    assert t17.align_rouge(pred, gold, 1) == pytest.approx(2 * p * r / (p + r))
    # Concatenated ROUGE ignores dates.
    assert t17.concat_rouge({d3: ["rig", "explodes"]}, {d1: ["rig", "explodes"]}, 2) == 1.0


def test_ptb_sentence_split(t17):
    text = "He said it was bad . '' Then it got worse ! Was it -LRB- really -RRB- ? Yes"
    spans = t17.split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "He said it was bad . ''",
        "Then it got worse !",
        "Was it -LRB- really -RRB- ?",
        "Yes",
    ]
