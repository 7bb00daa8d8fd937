"""The normalisers of durations, sets, references, clock times, holidays and weekends.

Why a module of its own: with the date normalisers `timex_normalisers` passed 600 lines.  These
read what is not a calendar date in its own right ("three years", "every Monday", "now",
"10 p.m.", "Christmas", "the weekend") and borrow the date helpers of `timex_normalisers`; the
patterns that call them live in `timex_rules`.
"""

from __future__ import annotations

import re
from datetime import date

from storyline.annotate.timex_normalisers import (
    WEEKDAY_RE,
    Ctx,
    Result,
    _closest_year,
    norm_weekday,
)
from storyline.annotate.timex_patterns import (
    PART_OF_DAY,
    SEASON_CODES,
    WEEKDAYS,
    parse_number,
    unit_of,
)
from storyline.annotate.timex_values import (
    duration,
    granularity,
    value_at,
)
from storyline.dates import add_days

_AGE = re.compile(r"[\s-]*old\b|[\s-]+of\s+age\b", re.IGNORECASE)


def norm_duration(m: re.Match, ctx: Ctx) -> Result:
    if _AGE.match(ctx.text, m.end()):
        return None
    unit = unit_of(m["unit"])
    plural = m["unit"].lower().endswith(("s", "ia"))
    raw = m["n"].lower()
    n = parse_number(raw)
    if raw in ("a", "an", "one") and plural:
        return None
    if n is not None and n > 1 and not plural and not re.search(r"-", m.group(0)):
        return None  # "three year" is not an English duration; "three-year" is
    return "DURATION", duration(n, unit)


def norm_plural_units(m: re.Match, ctx: Ctx) -> Result:
    return "DURATION", duration(None, unit_of(m["unit"]))


def norm_set_every(m: re.Match, ctx: Ctx) -> Result:
    if m.groupdict().get("wd"):
        return "SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()]}"
    unit = unit_of(m["unit"])
    n = parse_number(m["n"]) if m.groupdict().get("n") else 1
    if m.groupdict().get("other"):
        n = 2
    if unit == "night":
        return "SET", "XXXX-XX-XXTNI"
    if unit in PART_OF_DAY:
        return "SET", f"XXXX-XX-XXT{PART_OF_DAY[unit]}"
    if unit in SEASON_CODES:
        return "SET", f"XXXX-{SEASON_CODES[unit]}"
    return "SET", duration(n, unit)


def norm_set_weekdays(m: re.Match, ctx: Ctx) -> Result:
    value = f"XXXX-WXX-{WEEKDAYS[m['wds'].lower()[:-1]]}"
    if m["pod"]:
        value += "T" + PART_OF_DAY[m["pod"].lower().rstrip("s")]
    return "SET", value


_ADVERB_SETS = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "quarterly": "P1Q", "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W",
    "bi-weekly": "P2W", "semiannually": "P6M", "semi-annually": "P6M",
}  # fmt: skip


def norm_set_adverb(m: re.Match, ctx: Ctx) -> Result:
    return "SET", _ADVERB_SETS[m["w"].lower()]


_REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF",
    "currently": "PRESENT_REF", "presently": "PRESENT_REF", "the present": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "current": "PRESENT_REF",
    "the moment": "PRESENT_REF", "today": "PRESENT_REF",
    "recently": "PAST_REF", "more recently": "PAST_REF", "most recently": "PAST_REF",
    "lately": "PAST_REF", "recent": "PAST_REF", "the past": "PAST_REF", "previously": "PAST_REF",
    "formerly": "PAST_REF", "once": "PAST_REF",
    "the future": "FUTURE_REF", "future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "near future": "FUTURE_REF",
    "soon": "FUTURE_REF", "shortly": "FUTURE_REF",
}  # fmt: skip


def norm_ref(m: re.Match, ctx: Ctx) -> Result:
    w = re.sub(r"\s+", " ", m["w"].lower())
    if w.startswith(("recent ", "the recent ", "past ", "the past ")):
        return "DATE", "PAST_REF"
    if "coming" in w or w.startswith(("the next few", "the years ahead", "the months ahead")):
        return "DATE", "FUTURE_REF"
    return "DATE", _REFS[w]


def norm_clock(m: re.Match, ctx: Ctx) -> Result:
    gd = m.groupdict()
    if gd.get("word"):
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[gd["word"].lower()]
    else:
        hour, minute = int(m["h"]), int(m["mi"] or 0)
        ap = (gd.get("ap") or "").lower().replace(".", "").replace(" ", "")
        if ap == "pm" and hour < 12:
            hour += 12
        elif ap == "am" and hour == 12:
            hour = 0
        if hour > 24 or minute > 59:
            return None
    return "TIME", f"{_clock_day(m, ctx)}T{hour:02d}:{minute:02d}"


_SENTENCE_END = re.compile(r"[.!?][\"')]*\s+(?=[A-Z\"`(])")


def _clock_day(m: re.Match, ctx: Ctx) -> str:
    """The day a bare clock time falls on: a day named next to it ("at 10:35 a.m. (0735 GMT)
    Friday"), else one named in the sentence before it, else the anchor (TimeML anchors a
    time of day to the reference time in focus)."""
    after = ctx.text[m.end() : m.end() + 25]
    ahead = re.match(r"\s*(?:\([^)]{0,15}\)\s*)?(?:on\s+)?(?-i:[A-Z][a-z]+day)\b", after)
    if ahead and ctx.anchor:
        wd = WEEKDAY_RE.search(ctx.text, m.end(), m.end() + ahead.end())
        day = norm_weekday(wd, ctx) if wd else None
        if day:
            return day[1]
    window = max(0, m.start() - 300)
    ends = list(_SENTENCE_END.finditer(ctx.text, window, m.start()))
    sentence_start = ends[-1].end() if ends else window
    for s, _e, v in reversed(ctx.history):
        if s < sentence_start:
            break
        if granularity(v) == "day":
            return v
    return ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"


_HOLIDAYS = {  # (month, day), or None for Thanksgiving (US), the fourth Thursday of November
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
    "independence day": (7, 4), "valentine's day": (2, 14), "boxing day": (12, 26),
    "thanksgiving": None, "thanksgiving day": None,
}  # fmt: skip


def norm_holiday(m: re.Match, ctx: Ctx) -> Result:
    fixed = _HOLIDAYS[re.sub(r"\s+", " ", m["hol"].lower())]
    year = int(m["y"]) if m["y"] else None
    if fixed is not None:
        month, day = fixed
        if year is None:
            if not ctx.anchor:
                return "DATE", f"XXXX-{month:02d}-{day:02d}"
            year = _closest_year(ctx.anchor, month, day, ctx.tense(m.start()))
        return "DATE", date(year, month, day).isoformat()
    if year is None:
        if not ctx.anchor:
            return "DATE", "XXXX-11-XX"
        year = _closest_year(ctx.anchor, 11, 25, ctx.tense(m.start()))
    first = date(year, 11, 1)
    thursday = add_days(first, (4 - first.isoweekday()) % 7 + 21)
    return "DATE", thursday.isoformat()


DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip


def norm_weekend(m: re.Match, ctx: Ctx) -> Result:
    if not ctx.anchor:
        return "DATE", "XXXX-WXX-WE"
    a = ctx.anchor
    if ctx.tense(m.start()) == "future":
        d = add_days(a, (6 - a.isoweekday()) % 7)
    else:
        d = add_days(a, -((a.isoweekday() - 6) % 7 if a.isoweekday() >= 6 else a.isoweekday()))
    return "DATE", value_at(d, "weekend")


def norm_clock_any(m: re.Match, ctx: Ctx) -> Result:
    if m["h2"]:
        fake = {"h": m["h2"], "mi": m["mi2"], "ap": None, "word": None}
        day = _clock_day(m, ctx)
        h, mi = int(fake["h"]), int(fake["mi"])
        return "TIME", f"{day}T{h:02d}:{mi:02d}"
    return norm_clock(m, ctx)
