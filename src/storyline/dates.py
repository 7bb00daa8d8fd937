"""Date arithmetic that stays inside the calendar `datetime.date` can hold: years 1 to 9999.

Corpora say what they say: "197980 years ago", a record published 9999-12-31, "yesterday" in a
text dated 0001-01-01.  Python answers those with a ValueError ("year -197980 is out of range")
or an OverflowError from wherever the sum happened, which used to end a whole build.  Every date
storyline computes goes through these functions instead; past either end of the calendar they
raise `OutOfCalendar`, one exception that callers catch where a result can be given up (a
temporal expression is then not normalised, a piece of dating evidence is not used), or they
stop at the end (`add_days_within`) where "as far as the calendar goes" is the meaning: search
windows and drawing.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

FIRST_YEAR, LAST_YEAR = date.min.year, date.max.year


class OutOfCalendar(ValueError):
    """A computed date falls before 0001-01-01 or after 9999-12-31."""


def check_year(year: int) -> int:
    """`year` itself when a date can hold it, else OutOfCalendar."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise OutOfCalendar(f"year {year} is outside {FIRST_YEAR}-{LAST_YEAR}")
    return year


def year_text(year: int) -> str:
    """A year as TimeML and ISO 8601 write it: four digits ("0999", never "999", which would
    read as a decade)."""
    return f"{check_year(year):04d}"


def make_date(year: int, month: int, day: int) -> date:
    """`date(year, month, day)`, with OutOfCalendar for a year outside 1-9999.

    A month or day that does not exist (31 June) stays a plain ValueError: that is a bad
    reading, not a date beyond the calendar.
    """
    return date(check_year(year), month, day)


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(check_year(year), month)[1])


def add_days(d: date, days: int) -> date:
    """`d` moved by `days` (negative = back in time)."""
    try:
        return d + timedelta(days=days)
    except OverflowError:
        raise OutOfCalendar(f"{d} {days:+d} days is outside the calendar") from None


def add_days_within(d: date, days: int) -> date:
    """`d` moved by `days`, stopping at 0001-01-01 or 9999-12-31."""
    try:
        return add_days(d, days)
    except OutOfCalendar:
        return date.max if days > 0 else date.min


def add_months(d: date, months: int) -> date:
    """`d` moved by calendar months, the day clamped to the target month's length."""
    y, m = divmod(d.year * 12 + (d.month - 1) + months, 12)
    return make_date(y, m + 1, min(d.day, calendar.monthrange(check_year(y), m + 1)[1]))
