"""The calendar helpers every computed date goes through: years 1-9999 or OutOfCalendar."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.dates import (
    OutOfCalendar,
    add_days,
    add_days_within,
    add_months,
    make_date,
    month_end,
    year_text,
)
from storyline.records import FuzzyDate, Role


def test_arithmetic_inside_the_calendar_is_plain_arithmetic():
    assert add_days(date(2015, 3, 4), -4) == date(2015, 2, 28)
    assert add_months(date(2016, 1, 31), 1) == date(2016, 2, 29)
    assert add_months(date(9999, 12, 31), -12 * 9998) == date(1, 12, 31)
    assert month_end(2015, 2) == date(2015, 2, 28)
    assert year_text(999) == "0999" and year_text(2015) == "2015"


@pytest.mark.parametrize(
    "compute",
    [
        lambda: add_days(date(1, 1, 1), -1),
        lambda: add_days(date(9999, 12, 31), 1),
        lambda: add_months(date(2015, 3, 4), -12 * 197980),  # "197980 years ago"
        lambda: add_months(date(9999, 12, 1), 1),
        lambda: make_date(0, 1, 1),
        lambda: make_date(10000, 1, 1),
        lambda: month_end(-122989, 1),
        lambda: year_text(10000),
    ],
)
def test_past_either_end_of_the_calendar_is_one_exception(compute):
    with pytest.raises(OutOfCalendar):
        compute()


def test_a_day_that_does_not_exist_is_not_out_of_calendar():
    with pytest.raises(ValueError) as raised:
        make_date(2015, 6, 31)
    assert not isinstance(raised.value, OutOfCalendar)


def test_windows_stop_at_the_ends_of_the_calendar():
    assert add_days_within(date(1, 1, 5), -30) == date.min
    assert add_days_within(date(9999, 12, 1), 60) == date.max
    assert add_days_within(date(2015, 3, 4), 30) == date(2015, 4, 3)


@given(st.dates(), st.dates())
def test_every_interval_a_date_prints_reads_back_as_itself(a, b):
    """`FuzzyDate.value` writes an interval across years as "lo/hi"; `parse` reads every form
    `value` writes (role spans and dating evidence are stored so)."""
    lo, hi = min(a, b), max(a, b)
    when = FuzzyDate.between(lo, hi)
    assert (when.earliest, when.latest) == (lo, hi)
    again = FuzzyDate.parse(when.value)
    assert again.value == when.value
    assert again.earliest <= lo and hi <= again.latest


def test_an_interval_reads_back_with_its_grain():
    week = FuzzyDate.parse("2009-12-28/2010-01-03")
    assert (week.granularity, week.earliest, week.latest) == (
        "week",
        date(2009, 12, 28),
        date(2010, 1, 3),
    )
    assert FuzzyDate.parse("2000-01-01/2009-12-31").granularity == "decade"
    for bad in ("2010-01-03/2009-12-28", "2009-12-28/", "2009/2010"):
        with pytest.raises(ValueError):
            FuzzyDate.parse(bad)


def test_a_role_span_survives_its_json():
    role = Role("foreign minister", "Russia", FuzzyDate.parse("2004-03"),
                FuzzyDate.parse("2008-12-30/2009-01-02"), 3)  # fmt: skip
    assert role.to_json()["from"] == "2004-03"
    assert Role.from_json(role.to_json()) == role
