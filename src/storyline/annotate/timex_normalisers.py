"""The normalisers behind the tagging rules: each turns a regex match into a TimeML value.

A normaliser gets the match and the document context (anchor date, the dates mentioned so far,
the tense around an offset) and returns `(type, value)` in TimeML terms, or None to reject the
match.  The patterns that call them live in `timex_rules`.  This module holds the context and
the normalisers of dates; those of durations, sets, references, clock times, holidays and
weekends are in `timex_clock`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from storyline.annotate.timex_patterns import (
    ORDINALS,
    PART_OF_DAY,
    SEASON_CODES,
    WEEKDAY,
    WEEKDAYS,
    month_number,
    parse_number,
    unit_of,
)
from storyline.annotate.timex_values import (
    CALENDAR_UNITS,
    duration,
    granularity,
    interval,
    shift,
    underspecified,
    value_at,
)
from storyline.dates import OutOfCalendar, add_days, make_date, year_text

Result = tuple[str, str] | None  # a normaliser may also raise OutOfCalendar: no such date


@dataclass
class Ctx:
    """What a normaliser may know: the document, its anchor, and what was said before."""

    text: str
    anchor: date | None
    tense_of: Callable[[int], str | None] | None = None
    ref: date | None = None  # the start of the date mentioned last
    ref_value: str | None = None
    history: list[tuple[int, int, str]] = field(default_factory=list)  # dated timexes so far
    derived: bool = False  # set by a normaliser whose value is a comparison ("a year ago")

    def tense(self, offset: int) -> str | None:
        return self.tense_of(offset) if self.tense_of else None

    def base(self) -> date | None:
        """The date relative expressions such as "three weeks later" count from."""
        return self.ref or self.anchor

    def recent_part(self, start: int, window: int = 250) -> str | None:
        """A quarter or half-year value mentioned shortly before `start`, if any."""
        for s, _e, v in reversed(self.history):
            if start - s > window:
                break
            if granularity(v) in ("quarter", "half"):
                return v
        return None

    def focus_part(self) -> str | None:
        """The reporting period in focus: the first quarter or half-year the text names.

        TimeML annotates financial reports this way: "the quarter", "the latest period" and
        "a year earlier" are read against the fiscal period the report is about, which its
        lead names first ("Compaq said its net rose 51% in the third quarter").
        """
        for _s, _e, v in self.history:
            if granularity(v) in ("quarter", "half"):
                return v
        return None


def _word_before(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z']+)\W*$", text[max(0, start - 30) : start])
    return m.group(1) if m else ""


FORWARD_MONTHS = 2


def _closest_year(anchor: date, month: int, day: int | None, tense: str | None) -> int:
    """The year of a month (and day) given without one: tense first, else closest to the anchor."""
    candidates = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(y, month, day or 15))
        except ValueError:
            continue
    if not candidates:
        return anchor.year

    def key(d: date) -> tuple[int, ...]:
        return (d.year, d.month) if day is None else (d.year, d.month, d.day)

    now = key(anchor)
    # Past tense is weak evidence ("the offer was extended to Nov. 16" is ahead): the news
    # convention below already prefers the past.
    if tense == "future":
        future = [d for d in candidates if key(d) >= now]
        if future:
            return min(future).year

    # No tense: news reports the past, but a date in the next two calendar months is an
    # announced one ("payable Dec. 7" in late October, "a summit in April" in December).
    def months_ahead(d: date) -> int:
        return (d.year - anchor.year) * 12 + d.month - anchor.month

    soon = [d for d in candidates if key(d) > now and months_ahead(d) <= FORWARD_MONTHS]
    if soon:
        return min(soon).year
    past = [d for d in candidates if key(d) <= now]
    return max(past).year if past else anchor.year


def _day_value(d: date | None, pod: str | None = None) -> tuple[str, str]:
    base = d.isoformat() if d else "XXXX-XX-XX"
    if pod:
        return "TIME", f"{base}T{PART_OF_DAY[pod.lower()]}"
    return "DATE", base


# --- normalisers ------------------------------------------------------------------------


def norm_full_date(m: re.Match, ctx: Ctx) -> Result:
    month = month_number(m["mon"])
    day = int(m["d"])
    if not 1 <= day <= 31:
        return None
    if m["y"]:
        year = int(m["y"])
    elif ctx.anchor:
        year = _closest_year(ctx.anchor, month, day, _cued_tense(m, ctx, ctx.tense(m.start())))
    else:
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    try:
        return "DATE", date(year, month, day).isoformat()
    except ValueError:
        return None


def norm_numeric_date(m: re.Match, ctx: Ctx) -> Result:
    y = int(m["y"])
    if y < 100:
        y += 1900 if y > 30 else 2000
    try:
        d = date(y, int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m.groupdict().get("h"):
        return "TIME", f"{d.isoformat()}T{m['h']}:{m['mi']}"
    return "DATE", d.isoformat()


def norm_month_year(m: re.Match, ctx: Ctx) -> Result:
    return "DATE", f"{int(m['y'])}-{month_number(m['mon']):02d}"


_MONTH_CONTEXT = {
    "in", "since", "until", "till", "by", "of", "from", "through", "during", "before", "after",
    "early", "late", "mid", "last", "next", "this", "between", "to", "and", "or", "on", "for",
    "end", "beginning", "start", "middle", "around", "throughout", "that",
}  # fmt: skip


def norm_month(m: re.Match, ctx: Ctx) -> Result:
    month = month_number(m["mon"])
    rel = (m["rel"] or "").lower()
    before = _word_before(ctx.text, m.start())
    if not rel:
        if m["mon"].lower().startswith(("may", "march")) and before.lower() not in _MONTH_CONTEXT:
            return None
        if before[:1].isupper() and before.lower() not in _MONTH_CONTEXT:
            return None  # "Theresa May", "Brian March"
    if not ctx.anchor:
        return "DATE", f"XXXX-{month:02d}"
    a = ctx.anchor
    if rel == "last":
        year = a.year if month < a.month else a.year - 1
    elif rel == "next":
        year = a.year if month > a.month else a.year + 1
    elif rel == "this":
        year = a.year
    else:
        year = _closest_year(a, month, None, _cued_tense(m, ctx, ctx.tense(m.start())))
    return "DATE", f"{year_text(year)}-{month:02d}"


def norm_year(m: re.Match, ctx: Ctx) -> Result:
    y = int(m["y"])
    before = _word_before(ctx.text, m.start()).lower()
    if not 1900 <= y <= 2099 and before not in ("in", "since", "by", "of", "from", "until"):
        return None
    if before in ("no", "number", "flight", "route", "page", "pages", "room", "rule", "article"):
        return None
    pos = (m["pos"] or "").lower()
    if "half of" in pos:
        return "DATE", f"{y}-H{1 if 'first' in pos else 2}"
    return "DATE", str(y)  # "fiscal 1989": TimeBank writes the plain year


def norm_decade(m: re.Match, ctx: Ctx) -> Result:
    if m["dec"]:
        return "DATE", str(int(m["dec"]) // 10)  # TimeML: "the 1960s" is "196"
    return "DATE", f"19{m['dd'][0]}"


def norm_century(m: re.Match, ctx: Ctx) -> Result:
    o = m["ord"].lower()
    n = ORDINALS.get(o) or (int(re.sub(r"\D", "", o)) if re.search(r"\d", o) else 0)
    if not n:
        return None
    return "DATE", f"{n - 1:02d}"  # TimeML: "the 20th century" is "19"


def norm_part_of_year(m: re.Match, ctx: Ctx) -> Result:
    n = ORDINALS.get(m["ord"].lower().replace("-", " "), 0)
    part = m["part"].lower()
    letter, top = ("Q", 4) if part == "quarter" else ("H", 2)
    if m["ord"].lower() in ("final", "last"):
        n = top
    if not 1 <= n <= top:
        return None
    if m["y"] or m.groupdict().get("y0"):
        return "DATE", f"{int(m['y'] or m['y0'])}-{letter}{n}"
    yrel = (m["yrel"] or m.groupdict().get("yrel0") or "").lower()
    if not ctx.anchor:
        return "DATE", f"XXXX-{letter}{n}"
    year = ctx.anchor.year + {"last": -1, "next": 1}.get(yrel, 0)
    if not yrel:
        first_month = (n - 1) * (12 // top) + 1
        if make_date(year, first_month, 1) > ctx.anchor and ctx.tense(m.start()) != "future":
            year -= 1  # "third-quarter profit" in a February report: last year's quarter
    if m.groupdict().get("ago"):
        year -= 1  # "the year-ago third quarter"
    return "DATE", f"{year_text(year)}-{letter}{n}"


def norm_the_year(m: re.Match, ctx: Ctx) -> Result:
    if m["ended"]:
        return "DURATION", "P1Y"  # "in the year ended March 31": a fiscal year, not a date
    return "DATE", year_text(ctx.anchor.year) if ctx.anchor else "XXXX"


def norm_year_end(m: re.Match, ctx: Ctx) -> Result:
    """The last day of the current year ("complete the sale by year-end"); "since year-end"
    looks back to the one before."""
    if not ctx.anchor:
        return "DATE", "XXXX-12-31"
    back = _word_before(ctx.text, m.start("span")).lower() in ("since", "after")
    return "DATE", f"{year_text(ctx.anchor.year - back)}-12-31"


def norm_spoken_year(m: re.Match, ctx: Ctx) -> Result:
    words = re.split(r"[\s-]+", m["w"].lower())
    if words[0] == "two":  # two thousand (and) N
        return "DATE", str(2000 + (int(parse_number(words[-1]) or 0) if len(words) > 2 else 0))
    tens = parse_number(words[1]) or 0
    units = parse_number(words[2]) if len(words) > 2 else 0
    return "DATE", str(1900 + int(tens) + int(units or 0))


def norm_year_period(m: re.Match, ctx: Ctx) -> Result:
    if m["y"]:
        year = int(m["y"])
    elif ctx.anchor:
        year = ctx.anchor.year + {"last": -1, "next": 1}.get(m["yrel"].lower(), 0)
    else:
        return "DATE", "XXXX"
    focus = ctx.focus_part()
    if focus:
        ctx.derived = m["y"] is None
        return "DATE", f"{year_text(year)}{focus[4:]}"
    return "DATE", year_text(year)


def norm_quarter_ref(m: re.Match, ctx: Ctx) -> Result:
    which = re.sub(r"[\s-]+", " ", (m["which"] or "").lower())
    # The period in focus (see `Ctx.focus_part`); a quarter named just before wins when the
    # text has moved on from the lead ("after a flat second quarter ... the quarter").
    focus = ctx.focus_part() or ctx.recent_part(m.start(), window=2000)
    if which in ("year earlier", "year ago", "year before", "prior year"):
        # "the year-earlier period", "the year-ago third quarter": the same period a year back
        if m.groupdict().get("ord"):
            part = norm_part_of_year(m, ctx)
            return ("DATE", _shift_value(part[1], -1)) if part else None
        if focus:
            ctx.derived = True
            return "DATE", _shift_value(focus, -1)
        if ctx.anchor:
            return "DATE", year_text(ctx.anchor.year - 1)
        return "DATE", "XXXX"
    if not ctx.anchor:
        return "DATE", "XXXX-QX"
    if which == "current":
        return "DATE", value_at(ctx.anchor, "quarter")
    if focus and granularity(focus) == "quarter":
        return "DATE", focus
    return "DATE", value_at(shift(ctx.anchor, "quarter", -1), "quarter")


def _shift_value(value: str, years: int) -> str:
    """A quarter/half/day value moved by whole years, keeping its granularity."""
    m = re.match(r"(\d{4})(.*)", value)
    if not m:
        return value
    return f"{year_text(int(m[1]) + years)}{m[2]}"


def norm_season(m: re.Match, ctx: Ctx) -> Result:
    code = SEASON_CODES[m["s"].lower()]
    rel = (m["rel"] or "").lower()
    if m["y"]:
        return "DATE", f"{int(m['y'])}-{code}"
    if not rel:
        return None
    if rel == "the" and code == "FA":
        return None  # "the fall of the Berlin Wall"
    if not ctx.anchor:
        return "DATE", f"XXXX-{code}"
    a = ctx.anchor
    tense = ctx.tense(m.start())
    this = interval(f"{year_text(a.year)}-{code}")
    if this is None:  # the winter of 9999 ends in a year no date can hold
        raise OutOfCalendar(f"{a.year}-{code}")
    year = a.year
    if rel == "last" or (rel in ("the", "early", "late") and tense == "past"):
        if this[0] > a or (rel == "last" and this[1] >= a):
            year -= 1
    elif this[0] <= a and (
        rel == "next" or (rel in ("the", "early", "late") and tense == "future")
    ):
        year += 1
    return "DATE", f"{year_text(year)}-{code}"


def norm_dayrel(m: re.Match, ctx: Ctx) -> Result:
    w = re.sub(r"\s+", " ", m["w"].lower())
    pod = (m["pod"] or "").lower() or None
    if w in ("this", "last") and not pod:
        return None
    if w == "last" and pod not in ("night", "evening"):
        return None
    offsets = {
        "today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last": -1, "tomorrow": 1,
        "overnight": 0, "the day before yesterday": -2, "the day after tomorrow": 2,
    }  # fmt: skip
    if w in ("tonight", "overnight"):
        pod = w
    d = add_days(ctx.anchor, offsets[w]) if ctx.anchor else None
    return _day_value(d, pod)


WEEKDAY_RE = re.compile(rf"(?P<rel>(?!))?{WEEKDAY}(?P<pod>(?!))?")  # a bare weekday

# Words that put a bare day or date ahead of the reference time whatever the clause's tense:
# deadlines and schedules ("extended the deadline until Tuesday", "as early as Monday").
_FORWARD_CUE = re.compile(
    r"(?:\bas\s+(?:soon|early)\s+as|\buntil|\btill|\bscheduled\s+(?:for|to\s+\w+)"
    r"|\bset\s+(?:for|to\s+\w+)|\bdue(?:\s+to\s+\w+)?|\bstarting|\bbeginning|\beffective)"
    r"\s+(?:on\s+|at\s+)?$",
    re.IGNORECASE,
)


def _cued_tense(m: re.Match, ctx: Ctx, tense: str | None) -> str | None:
    """The clause tense, overridden to "future" by a schedule word just before the match."""
    cue = _FORWARD_CUE.search(ctx.text, max(0, m.start() - 40), m.start())
    if cue and (tense != "past" or cue.group(0).lower().startswith("as")):
        return "future"  # "until Friday" in a past clause stays open: "had until Friday"
    return tense


def norm_weekday(m: re.Match, ctx: Ctx) -> Result:
    wd = WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    pod = (m["pod"] or "").lower() or None
    if not ctx.anchor:
        value = f"XXXX-WXX-{wd}"
        return ("TIME", f"{value}T{PART_OF_DAY[pod]}") if pod else ("DATE", value)
    a = ctx.anchor
    back = (a.isoweekday() - wd) % 7  # days back to the most recent such day (0 = today)
    fwd = (wd - a.isoweekday()) % 7
    tense = ctx.tense(m.start())
    tense = _cued_tense(m, ctx, tense)
    if rel == "last":
        d = add_days(a, -(back or 7))
    elif rel == "next":
        d = add_days(a, fwd or 7)
    elif rel in ("this", "coming", "this coming") and tense != "past" or tense == "future":
        d = add_days(a, fwd)
    else:
        d = add_days(a, -back)
    return "DATE", _day_value(d, pod)[1]  # TimeBank types "Friday night" a DATE


_REL_OFFSET = {
    "last": -1, "previous": -1, "past": -1, "this": 0, "current": 0, "present": 0, "next": 1,
    "coming": 1, "following": 1, "same": 0, "preceding": -1, "prior": -1, "that": 0,
}  # fmt: skip


def norm_rel_unit(m: re.Match, ctx: Ctx) -> Result:
    rel_words = re.sub(r"\s+", " ", m["rel"].lower()).split(" ")
    the = rel_words[0] in ("the", "that")
    rel = rel_words[-1]
    unit = unit_of(m["unit"])
    pos = re.sub(r"[\s-]+", " ", (m["pos"] or "").lower()).strip()
    if the and rel in ("past", "last") and not pos and unit not in ("decade", "century", "year"):
        return "DURATION", duration(1, unit)
    relative_to_text = rel in ("following", "previous", "preceding", "prior", "same", "that") or (
        rel_words[0] == "that"
    )
    if the and rel == "next" and unit != "day":
        relative_to_text = ctx.tense(m.start()) == "past"
        if not relative_to_text:
            return "DURATION", duration(1, unit)
    base = ctx.base() if relative_to_text else ctx.anchor
    if base is None:
        return "DATE", underspecified(unit)
    if unit == "year" and rel == "last" and not the and not pos:
        recent = ctx.recent_part(m.start(), window=150)
        if recent:  # "earnings of $24 million, compared with a loss last year": that quarter
            ctx.derived = True
            return "DATE", _shift_value(recent, -1)
    d = shift(base, unit, _REL_OFFSET.get(rel, 0))
    if pos.endswith(("first half of", "second half of")) and unit == "year":
        return "DATE", f"{year_text(d.year)}-H{1 if 'first' in pos else 2}"
    return "DATE", value_at(d, unit)


def norm_rel_pod(m: re.Match, ctx: Ctx) -> Result:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["u"].lower()
    base = ctx.base()
    if base is None:
        return ("TIME", f"XXXX-XX-XXT{PART_OF_DAY[unit]}") if unit in PART_OF_DAY else None
    offset = {"the next": 1, "the following": 1, "the previous": -1, "the preceding": -1}.get(
        rel, 0
    )
    if unit in PART_OF_DAY:
        return _day_value(add_days(base, offset), unit)
    return "DATE", value_at(shift(base, unit, offset), unit)


def norm_ago(m: re.Match, ctx: Ctx) -> Result:
    unit = unit_of(m["unit"])
    n = parse_number(m["n"])
    direction = re.sub(r"\s+", " ", m["dir"].lower())
    sign = -1 if direction in ("ago", "earlier", "before", "previously") else 1
    from_anchor = direction in ("ago", "from now", "hence")
    if n is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    if unit not in CALENDAR_UNITS or not float(n).is_integer():
        return None  # "three hours ago" is a time of day, not a date
    n = int(n)
    if unit == "year" and n == 1:
        # "up from $58 million a year earlier": the period in focus, a year back (TimeML)
        recent = ctx.recent_part(m.start()) or ctx.focus_part()
        if recent:
            ctx.derived = True
            return "DATE", _shift_value(recent, sign)
        if not from_anchor and ctx.ref_value and granularity(ctx.ref_value) == "day":
            return "DATE", _shift_value(ctx.ref_value, sign)
    base = ctx.anchor if from_anchor else ctx.base()
    if base is None:
        return "DATE", underspecified(unit)
    return "DATE", value_at(shift(base, unit, sign * n), unit)
