"""Calendar arithmetic on TimeML values: granular dates, shifts, and the interval a value covers.

A *granular date* is a point plus a unit (day, week, month, quarter, half, year, decade,
century); its TimeML value is written at that unit ("2009-11", "2009-W45", "2009-Q4", "200X").
Nothing here knows about English: the patterns live in `timex_rules`.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from storyline.dates import add_days, add_months, year_text

SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
# Every unit a relative expression can count in ("two fortnights ago", "a millennium later"), as
# the calendar unit its value is written at and how many of those one unit is.  Whatever the
# tagger's unit words can match must be here (tests/test_timex_tables.py walks them).
CALENDAR_UNITS = {
    "day": ("day", 1), "night": ("day", 1), "week": ("week", 1), "weekend": ("weekend", 1),
    "fortnight": ("week", 2), "month": ("month", 1), "quarter": ("quarter", 1),
    "half": ("half", 1), "year": ("year", 1), "decade": ("decade", 1),
    "century": ("century", 1), "millennium": ("century", 10),
}  # fmt: skip
_MONTHS_IN = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}
_UNDERSPECIFIED = {
    "day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
    "quarter": "XXXX-QX", "half": "XXXX-HX", "year": "XXXX", "decade": "XXXX", "century": "XXXX",
}  # fmt: skip


def calendar_unit(unit: str, n: int = 1) -> tuple[str, int]:
    """`n` of `unit` as a number of the calendar unit values are written at ("fortnight", 3 →
    "week", 6); KeyError for units no date is written in (hours, minutes)."""
    base, times = CALENDAR_UNITS[unit]
    return base, n * times


def shift(d: date, unit: str, n: int) -> date:
    """`d` moved by `n` units (negative = back in time); OutOfCalendar past year 1 or 9999."""
    unit, n = calendar_unit(unit, n)
    if unit == "day":
        return add_days(d, n)
    if unit in ("week", "weekend"):
        return add_days(d, 7 * n)
    return add_months(d, _MONTHS_IN[unit] * n)


def value_at(d: date, unit: str) -> str:
    """The TimeML value of the `unit` that contains `d`."""
    unit = calendar_unit(unit)[0]
    if unit == "day":
        return d.isoformat()
    if unit in ("week", "weekend"):
        y, w, _ = d.isocalendar()
        return f"{year_text(y)}-W{w:02d}" + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        return f"{year_text(d.year)}-{d.month:02d}"
    if unit == "quarter":
        return f"{year_text(d.year)}-Q{(d.month - 1) // 3 + 1}"
    if unit == "half":
        return f"{year_text(d.year)}-H{(d.month - 1) // 6 + 1}"
    if unit == "year":
        return year_text(d.year)
    # TimeML writes a decade with its first three digits ("the 1960s" is "196") and a century
    # with its first two ("the 20th century" is "19"): TimeML 1.2.1 guidelines, TIMEX3 value.
    if unit == "decade":
        return year_text(d.year)[:3]
    return year_text(d.year)[:2]


def underspecified(unit: str) -> str:
    """The TimeML value of a relative expression that has no anchor to resolve against."""
    return _UNDERSPECIFIED[calendar_unit(unit)[0]]


def start_of(value: str) -> date | None:
    """The first day a DATE/TIME value covers (None when underspecified)."""
    span = interval(value)
    return span[0] if span else None


_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?")
_WEEK = re.compile(r"(\d{4})-W(\d\d)(-WE)?")
_MONTH = re.compile(r"(\d{4})-(\d\d)(?:-XX)?")
_PART = re.compile(r"(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)")
_YEAR = re.compile(r"(?:FY)?(\d{4})")
_DECADE = re.compile(r"(\d{3})X?")
_CENTURY = re.compile(r"(\d\d)(?:XX)?")


def interval(value: str) -> tuple[date, date] | None:
    """The [earliest, latest] days a TimeML DATE or TIME value covers; None if not a fixed date."""
    try:
        if m := _DAY.fullmatch(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := _WEEK.fullmatch(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return add_days(monday, 5), add_days(monday, 6)
            return monday, add_days(monday, 6)
        if m := _MONTH.fullmatch(value):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
        if m := _PART.fullmatch(value):
            y, part = int(m[1]), m[2]
            if part[0] in "QH":
                months = 3 if part[0] == "Q" else 6
                first = (int(part[1]) - 1) * months + 1
                last = first + months - 1
                return date(y, first, 1), date(y, last, calendar.monthrange(y, last)[1])
            first, last = SEASONS[part]
            end_year = y + 1 if last < first else y
            return date(y, first, 1), date(end_year, last, calendar.monthrange(end_year, last)[1])
        if m := _YEAR.fullmatch(value):
            y = int(m[1])
            return date(y, 1, 1), date(y, 12, 31)
        if m := _DECADE.fullmatch(value):
            y = int(m[1]) * 10
            return date(max(y, 1), 1, 1), date(y + 9, 12, 31)
        if m := _CENTURY.fullmatch(value):
            y = int(m[1]) * 100
            return date(max(y, 1), 1, 1), date(y + 99, 12, 31)
    except ValueError:
        return None
    return None


def granularity(value: str) -> str | None:
    """The unit a DATE value is written at ("day", "week", "month", ...), None if not a date."""
    if _DAY.fullmatch(value):
        return "day"
    if _WEEK.fullmatch(value):
        return "week"
    if re.fullmatch(r"\d{4}-\d\d", value):
        return "month"
    if m := _PART.fullmatch(value):
        return {"Q": "quarter", "H": "half"}.get(m[2][0], "season")
    if _YEAR.fullmatch(value):
        return "year"
    if _DECADE.fullmatch(value):
        return "decade"
    if _CENTURY.fullmatch(value):
        return "century"
    return None


def duration(n: float | None, unit: str) -> str:
    """A TimeML duration value: duration(3, "year") == "P3Y"; n None means unknown ("PXY")."""
    if unit == "fortnight":
        unit, n = "week", (None if n is None else 2 * n)
    if unit in ("decade", "century", "millennium"):
        factor = {"decade": 10, "century": 100, "millennium": 1000}[unit]
        unit, n = "year", (None if n is None else n * factor)
    code = {
        "second": "TS",
        "minute": "TM",
        "hour": "TH",
        "day": "D",
        "night": "D",
        "weekend": "WE",
        "week": "W",
        "month": "M",
        "quarter": "Q",
        "year": "Y",
    }[unit]
    if n is None:
        amount = "X"
    elif float(n).is_integer():
        amount = str(int(n))
    else:
        smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("TH", 24), "TH": ("TM", 60)}
        if code in smaller and float(n * smaller[code][1]).is_integer():
            code, amount = smaller[code][0], str(int(n * smaller[code][1]))
        else:
            amount = f"{n:g}"
    if code.startswith("T"):
        return f"PT{amount}{code[1]}"
    return f"P{amount}{code}"
