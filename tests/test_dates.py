"""The calendar helpers every computed date goes through: years 1-9999 or OutOfCalendar."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.dates import (
    OutOfCalendar,
    add_days,
    add_days_within,
    add_months,
    make_date,
    month_end,
    year_text,
)


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
