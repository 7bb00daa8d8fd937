"""Every word the temporal-expression regexes can match has an entry in the tables read with it.

A rule's regex and the table its normaliser reads were written apart, so "the near future"
was matched as "near future" and looked up in vain (KeyError in an annotation worker), and
"a fortnight ago" without a date reached a table with no fortnight.  These tests walk each
regex's alternatives (tests/regex_language.py) instead of trusting a list of examples, and run
every normaliser on every alternative at the calendar's edges, so a word added to a regex
without its table entry fails here, not on a user's corpus.
"""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from regex_language import group_samples, samples

from storyline.annotate.timex import find_timexes
from storyline.annotate.timex_normalisers import Ctx
from storyline.annotate.timex_patterns import UNIT, unit_of
from storyline.annotate.timex_rules import RULES
from storyline.annotate.timex_values import (
    CALENDAR_UNITS,
    duration,
    interval,
    underspecified,
)
from storyline.dates import OutOfCalendar

EDGES = (None, date(1, 1, 1), date(2015, 3, 4), date(9999, 12, 31))
TENSES = (None, "past", "future")
RULE = {rule.name: rule for rule in RULES}
TIME_OF_DAY_UNITS = {"second", "minute", "hour"}  # counted in, but no date is written in them


def _contexts(text: str):
    for anchor in EDGES:
        for tense in TENSES:
            for ref in (None, anchor):
                yield Ctx(text=text, anchor=anchor, tense_of=lambda _o, t=tense: t, ref=ref)


def test_every_unit_word_is_a_calendar_unit_or_a_time_of_day():
    import re

    words = group_samples(re.compile(UNIT, re.IGNORECASE), "unit")
    assert "fortnight" in words and "millennia" in words
    for word in words:
        unit = unit_of(word)
        assert unit in CALENDAR_UNITS or unit in TIME_OF_DAY_UNITS, word
        assert duration(2, unit).startswith("P"), word
        if unit in CALENDAR_UNITS:
            assert underspecified(unit).startswith("XXXX"), word


def test_every_reference_word_has_a_value():
    words = group_samples(RULE["ref"].pattern, "w")
    assert "near future" in words and "the near future" in words
    for word in words:
        # what the lookarounds ask for: "at the moment", "the future.", "current a"
        texts = (f"at {word}.", f"at {word} a.")
        m = next(
            (m for t in texts if (m := RULE["ref"].pattern.search(t)) and m["w"] == word), None
        )
        assert m is not None, word
        kind, value = RULE["ref"].normalise(m, Ctx(text=m.string, anchor=None))
        assert kind == "DATE" and value.endswith("_REF"), word


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_every_alternative_of_a_rule_normalises_at_the_calendar_edges(rule):
    """No KeyError, no ValueError from a date: each rule's normaliser either reads the words
    or refuses them (None), and a date beyond year 1-9999 is refused with OutOfCalendar."""
    matched = 0
    for sample in samples(rule.pattern):
        m = rule.pattern.search(sample)
        if m is None:
            continue
        matched += 1
        for ctx in _contexts(sample):
            with contextlib.suppress(OutOfCalendar):
                result = rule.normalise(m, ctx)
                if result is not None and result[0] in ("DATE", "TIME"):
                    _check_value(result[1])
    assert matched, f"no sample of {rule.name} matched its own pattern"


# IGNORECASE reads these as "s" and "i"; lower() keeps them, so a table lookup on the match
# failed ("laſt ſpring": KeyError 'ſpring'), or fell through to another entry ("Chriſtmas" dated
# as Thanksgiving).
TWINS = str.maketrans({"s": "ſ", "i": "ı", "I": "İ"})


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_letters_case_insensitive_matching_equates_with_ascii_read_the_same(rule):
    for sample in samples(rule.pattern):
        twin = sample.translate(TWINS)
        for anchor in EDGES:
            plain = find_timexes(sample, anchor)
            assert [(t.type, t.value) for t in find_timexes(twin, anchor)] == [
                (t.type, t.value) for t in plain
            ], twin


def _check_value(value: str) -> None:
    """A value that names days names days inside the calendar."""
    span = interval(value)
    if span is not None:
        assert date.min <= span[0] <= span[1] <= date.max


@settings(max_examples=max(200, settings().max_examples))  # cheap: more than the default
@given(st.one_of([st.from_regex(rule.pattern) for rule in RULES if rule.name != "clock_24h"]),
       st.sampled_from(EDGES))  # fmt: skip
@pytest.mark.slow
def test_generated_expressions_are_tagged_inside_the_text_and_the_calendar(text, anchor):
    """Hypothesis writes text the regexes match, with any Unicode spacing, case and digits."""
    for timex in find_timexes(text, anchor):
        assert 0 <= timex.start < timex.end <= len(text)
        assert timex.text == text[timex.start : timex.end]
        if timex.earliest is not None:
            assert timex.earliest <= timex.latest


@pytest.mark.parametrize(
    ("text", "anchor", "value", "earliest"),
    [
        ("It happened this year.", date(15, 6, 1), "0015", date(15, 1, 1)),  # not the 1500s
        ("Sales rose last month.", date(999, 6, 1), "0999-05", date(999, 5, 1)),
        ("It rained last spring.", date(5, 6, 1), "0005-SP", date(5, 3, 1)),
    ],
)
def test_years_before_1000_are_written_with_four_digits(text, anchor, value, earliest):
    """Years were written as `str(year)`: the year 15 became "15", which reads back as the
    century 1500-1599, and "999-05" or "5-SP" read back as nothing at all."""
    (timex,) = find_timexes(text, anchor)
    assert (timex.value, timex.earliest) == (value, earliest)
