"""The tagging rules: one regex per kind of temporal expression, each with a normaliser.

A rule's normaliser gets the match and the document context (anchor date, the date last
mentioned, the tense around an offset) and returns `(type, value)` in TimeML terms, or None
to reject the match.  A rule may mark the part of its match that is the expression with a
group named `span` (context such as "for" or "in" then stays outside the tagged text).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from storyline.annotate.timex_patterns import (
    MOD,
    MONTH,
    NUM,
    ORDINALS,
    PART_OF_DAY,
    POS,
    SEASON_CODES,
    TZ,
    UNIT,
    WEEKDAY,
    WEEKDAYS,
    WEEKDAYS_PLURAL,
    month_number,
    parse_number,
    unit_of,
)
from storyline.annotate.timex_values import (
    duration,
    granularity,
    interval,
    shift,
    underspecified,
    value_at,
)

Result = tuple[str, str] | None


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


def _word_before(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z']+)\W*$", text[max(0, start - 30) : start])
    return m.group(1) if m else ""


FORWARD_DAYS = 31


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
    # No tense: news reports the past, but a date a few weeks ahead is an announced one.
    soon = [d for d in candidates if anchor < d <= anchor + timedelta(days=FORWARD_DAYS)]
    if day is None:
        soon = [
            d
            for d in candidates
            if 0 < (d.year - anchor.year) * 12 + d.month - anchor.month <= FORWARD_DAYS // 30
        ]
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


def _full_date(m: re.Match, ctx: Ctx) -> Result:
    month = month_number(m["mon"])
    day = int(m["d"])
    if not 1 <= day <= 31:
        return None
    if m["y"]:
        year = int(m["y"])
    elif ctx.anchor:
        year = _closest_year(ctx.anchor, month, day, ctx.tense(m.start()))
    else:
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    try:
        return "DATE", date(year, month, day).isoformat()
    except ValueError:
        return None


def _numeric_date(m: re.Match, ctx: Ctx) -> Result:
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


def _month_year(m: re.Match, ctx: Ctx) -> Result:
    return "DATE", f"{int(m['y'])}-{month_number(m['mon']):02d}"


_MONTH_CONTEXT = {
    "in", "since", "until", "till", "by", "of", "from", "through", "during", "before", "after",
    "early", "late", "mid", "last", "next", "this", "between", "to", "and", "or", "on", "for",
    "end", "beginning", "start", "middle", "around", "throughout", "that",
}  # fmt: skip


def _month(m: re.Match, ctx: Ctx) -> Result:
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
        year = _closest_year(a, month, None, ctx.tense(m.start()))
    return "DATE", f"{year}-{month:02d}"


def _year(m: re.Match, ctx: Ctx) -> Result:
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


def _decade(m: re.Match, ctx: Ctx) -> Result:
    if m["dec"]:
        return "DATE", f"{m['dec'][:3]}X"
    return "DATE", f"19{m['dd'][0]}X"


def _century(m: re.Match, ctx: Ctx) -> Result:
    o = m["ord"].lower()
    n = ORDINALS.get(o) or (int(re.sub(r"\D", "", o)) if re.search(r"\d", o) else 0)
    if not n:
        return None
    return "DATE", f"{n - 1:02d}XX"


def _part_of_year(m: re.Match, ctx: Ctx) -> Result:
    n = ORDINALS.get(m["ord"].lower().replace("-", " "), 0)
    part = m["part"].lower()
    letter, top = ("Q", 4) if part == "quarter" else ("H", 2)
    if m["ord"].lower() in ("final", "last"):
        n = top
    if not 1 <= n <= top:
        return None
    if m["y"]:
        return "DATE", f"{int(m['y'])}-{letter}{n}"
    yrel = (m["yrel"] or "").lower()
    if not ctx.anchor:
        return "DATE", f"XXXX-{letter}{n}"
    year = ctx.anchor.year + {"last": -1, "next": 1}.get(yrel, 0)
    if not yrel:
        first_month = (n - 1) * (12 // top) + 1
        if date(year, first_month, 1) > ctx.anchor and ctx.tense(m.start()) != "future":
            year -= 1  # "third-quarter profit" in a February report: last year's quarter
    return "DATE", f"{year}-{letter}{n}"


def _quarter_ref(m: re.Match, ctx: Ctx) -> Result:
    which = re.sub(r"\s+", " ", (m["which"] or "").lower())
    recent = ctx.recent_part(m.start(), window=2000)
    if which in ("year-earlier", "year-ago", "year earlier", "year-before", "prior-year"):
        if recent:
            ctx.derived = True
            return "DATE", _shift_value(recent, -1)
        if ctx.anchor:
            return "DATE", str(ctx.anchor.year - 1)
        return "DATE", "XXXX"
    if not ctx.anchor:
        return "DATE", "XXXX-QX"
    if which == "current":
        return "DATE", value_at(ctx.anchor, "quarter")
    if recent and granularity(recent) == "quarter":
        return "DATE", recent
    return "DATE", value_at(shift(ctx.anchor, "quarter", -1), "quarter")


def _shift_value(value: str, years: int) -> str:
    """A quarter/half/day value moved by whole years, keeping its granularity."""
    m = re.match(r"(\d{4})(.*)", value)
    if not m:
        return value
    return f"{int(m[1]) + years}{m[2]}"


def _season(m: re.Match, ctx: Ctx) -> Result:
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
    this = interval(f"{a.year}-{code}")
    assert this is not None
    year = a.year
    if rel == "last" or (rel in ("the", "early", "late") and tense == "past"):
        if this[0] > a or (rel == "last" and this[1] >= a):
            year -= 1
    elif this[0] <= a and (
        rel == "next" or (rel in ("the", "early", "late") and tense == "future")
    ):
        year += 1
    return "DATE", f"{year}-{code}"


def _dayrel(m: re.Match, ctx: Ctx) -> Result:
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
    d = ctx.anchor + timedelta(days=offsets[w]) if ctx.anchor else None
    return _day_value(d, pod)


def _weekday(m: re.Match, ctx: Ctx) -> Result:
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
    if rel == "last":
        d = a - timedelta(days=back or 7)
    elif rel == "next":
        d = a + timedelta(days=fwd or 7)
    elif rel in ("this", "coming", "this coming") and tense != "past" or tense == "future":
        d = a + timedelta(days=fwd)
    else:
        d = a - timedelta(days=back)
    return "DATE", _day_value(d, pod)[1]  # TimeBank types "Friday night" a DATE


_REL_OFFSET = {
    "last": -1, "previous": -1, "past": -1, "this": 0, "current": 0, "present": 0, "next": 1,
    "coming": 1, "following": 1, "same": 0, "preceding": -1, "prior": -1, "that": 0,
}  # fmt: skip


def _rel_unit(m: re.Match, ctx: Ctx) -> Result:
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
        return "DATE", f"{d.year}-H{1 if 'first' in pos else 2}"
    return "DATE", value_at(d, unit)


def _rel_pod(m: re.Match, ctx: Ctx) -> Result:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["u"].lower()
    base = ctx.base()
    if base is None:
        return ("TIME", f"XXXX-XX-XXT{PART_OF_DAY[unit]}") if unit in PART_OF_DAY else None
    offset = {"the next": 1, "the following": 1, "the previous": -1, "the preceding": -1}.get(
        rel, 0
    )
    if unit in PART_OF_DAY:
        return _day_value(base + timedelta(days=offset), unit)
    return "DATE", value_at(shift(base, unit, offset), unit)


def _ago(m: re.Match, ctx: Ctx) -> Result:
    unit = unit_of(m["unit"])
    n = parse_number(m["n"])
    direction = re.sub(r"\s+", " ", m["dir"].lower())
    sign = -1 if direction in ("ago", "earlier", "before", "previously") else 1
    from_anchor = direction in ("ago", "from now", "hence")
    if n is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    if unit == "night":
        unit = "day"
    if unit in ("second", "minute", "hour") or not float(n).is_integer():
        return None
    n = int(n)
    if unit == "year" and n == 1:
        recent = ctx.recent_part(m.start())
        if recent:
            ctx.derived = True
            return "DATE", _shift_value(recent, sign)
        if not from_anchor and ctx.ref_value and granularity(ctx.ref_value) == "day":
            return "DATE", _shift_value(ctx.ref_value, sign)
    base = ctx.anchor if from_anchor else ctx.base()
    if base is None:
        return "DATE", underspecified(unit)
    if unit == "fortnight":
        unit, n = "week", 2 * n
    if unit in ("millennium",):
        return None
    return "DATE", value_at(shift(base, unit, sign * n), unit)


_AGE = re.compile(r"[\s-]*old\b|[\s-]+of\s+age\b", re.IGNORECASE)


def _duration(m: re.Match, ctx: Ctx) -> Result:
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


def _plural_units(m: re.Match, ctx: Ctx) -> Result:
    return "DURATION", duration(None, unit_of(m["unit"]))


def _set_every(m: re.Match, ctx: Ctx) -> Result:
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


def _set_weekdays(m: re.Match, ctx: Ctx) -> Result:
    value = f"XXXX-WXX-{WEEKDAYS[m['wds'].lower()[:-1]]}"
    if m["pod"]:
        value += "T" + PART_OF_DAY[m["pod"].lower().rstrip("s")]
    return "SET", value


_ADVERB_SETS = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "quarterly": "P1Q", "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W",
    "bi-weekly": "P2W", "semiannually": "P6M", "semi-annually": "P6M",
}  # fmt: skip


def _set_adverb(m: re.Match, ctx: Ctx) -> Result:
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
    "soon": "FUTURE_REF", "shortly": "FUTURE_REF",
}  # fmt: skip


def _ref(m: re.Match, ctx: Ctx) -> Result:
    w = re.sub(r"\s+", " ", m["w"].lower())
    if w.startswith(("recent ", "the recent ", "past ", "the past ")):
        return "DATE", "PAST_REF"
    if "coming" in w or w.startswith(("the next few", "the years ahead", "the months ahead")):
        return "DATE", "FUTURE_REF"
    return "DATE", _REFS[w]


def _clock(m: re.Match, ctx: Ctx) -> Result:
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
    day = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
    return "TIME", f"{day}T{hour:02d}:{minute:02d}"


def _holiday(m: re.Match, ctx: Ctx) -> Result:
    name = re.sub(r"\s+", " ", m["hol"].lower())
    fixed = {
        "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
        "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
        "independence day": (7, 4), "valentine's day": (2, 14), "boxing day": (12, 26),
    }  # fmt: skip
    year = int(m["y"]) if m["y"] else None
    if name in fixed:
        month, day = fixed[name]
        if year is None:
            if not ctx.anchor:
                return "DATE", f"XXXX-{month:02d}-{day:02d}"
            year = _closest_year(ctx.anchor, month, day, ctx.tense(m.start()))
        return "DATE", date(year, month, day).isoformat()
    # Thanksgiving (US): the fourth Thursday of November
    if year is None:
        if not ctx.anchor:
            return "DATE", "XXXX-11-XX"
        year = _closest_year(ctx.anchor, 11, 25, ctx.tense(m.start()))
    first = date(year, 11, 1)
    thursday = first + timedelta(days=(4 - first.isoweekday()) % 7 + 21)
    return "DATE", thursday.isoformat()


# --- the rule table ---------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    normalise: Callable[[re.Match, Ctx], Result]


_B = r"(?<![\w$£€#/.-])"  # no word, currency or numeral glued on the left
_E = r"(?![\w])"
_WD_OPT = rf"(?:{WEEKDAY}\s*,?\s*(?:the\s+)?)?"
_YEAR_TAIL = r"(?:(?:\s*,\s*|\s+)(?P<y>(?:1[5-9]|20)\d\d)(?![\d,]\d|\.\d))?"
_REL_WORDS = (
    r"(?:the\s+|that\s+)?(?:last|this|next|coming|current|previous|past|following|same|present"
    r"|preceding|prior)|that"
)


def _rule(name: str, pattern: str, fn: Callable[[re.Match, Ctx], Result]) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), fn)


RULES: tuple[Rule, ...] = (
    _rule(
        "date_mdy",
        rf"{_B}{_WD_OPT}{MONTH}\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d){_YEAR_TAIL}{_E}",
        _full_date,
    ),
    _rule(
        "date_dmy",
        rf"{_B}{_WD_OPT}(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?\s+{MONTH}{_YEAR_TAIL}{_E}",
        _full_date,
    ),
    _rule(
        "date_iso",
        rf"{_B}(?P<y>(?:1[5-9]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
        rf"(?:[T ](?P<h>[0-2]\d):(?P<mi>[0-5]\d))?{_E}",
        _numeric_date,
    ),
    _rule(
        "date_us_numeric",
        rf"{_B}(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d\d|(?:19|20)\d\d){_E}(?!/)",
        _numeric_date,
    ),
    _rule(
        "month_year", rf"{_B}{POS}{MONTH}(?:\s+of)?,?\s+(?P<y>(?:1[5-9]|20)\d\d){_E}", _month_year
    ),
    _rule(
        "month",
        rf"{_B}(?:(?P<rel>last|next|this|early|late|mid|(?:the\s+)?(?:end|beginning|start"
        rf"|middle)\s+of)[\s-]+)?{MONTH}(?![\s-]*\d)",
        _month,
    ),
    _rule(
        "year",
        rf"{_B}{POS}(?:(?P<fy>fiscal(?:\s+year)?|FY)\s*)?(?P<y>(?:1[5-9]|20)\d\d)"
        r"(?![\d,]\d|\.\d|s\b|\s*(?:%|percent|per cent)|-(?:[a-z]+-)?old)(?!\w)",
        _year,
    ),
    _rule(
        "decade",
        rf"{_B}(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?"
        r"(?:(?P<dec>(?:1[5-9]|20)\d0)'?s|'(?P<dd>\d0)'?s)(?!\w)",
        _decade,
    ),
    _rule(
        "century",
        rf"{_B}(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|first"
        r"|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
        r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
        r"|twentieth|twenty-first)[\s-]+century(?!\w)",
        _century,
    ),
    _rule(
        "part_of_year",
        rf"{_B}(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)"
        r"[\s-]+(?:fiscal\s+|calendar\s+)?(?P<part>quarter|half)(?!\w)(?:\s+of\s+(?:fiscal\s+)?"
        r"(?:(?P<y>(?:19|20)\d\d)(?!\w)|(?P<yrel>this|last|next|the)\s+(?:fiscal\s+)?year"
        r"(?!\w)))?",
        _part_of_year,
    ),
    _rule(
        "quarter_ref",
        rf"{_B}(?:the\s+)?(?:(?P<which>latest|most\s+recent|recent|current|same|fiscal|"
        r"comparable|year-earlier|year-ago|year\s+earlier|year-before|prior-year)\s+)?"
        r"(?:fiscal\s+)?quarter(?!\w)|(?:the\s+)?(?:latest|most\s+recent)\s+(?:fiscal\s+)?period",
        _quarter_ref,
    ),
    _rule(
        "year_earlier_period",
        rf"{_B}(?:the\s+)?(?P<which>year-earlier|year-ago|year-before|prior-year)"
        r"(?:\s+(?:period|quarter|nine\s+months|six\s+months|level|figure))?(?!\w)",
        _quarter_ref,
    ),
    _rule(
        "season",
        rf"{_B}(?:(?P<rel>last|next|this|early|late|the|mid)[\s-]+)?"
        r"(?P<s>spring|summer|fall|autumn|winter)(?!\w)(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)(?!\w))?",
        _season,
    ),
    _rule(
        "dayrel",
        rf"{_B}(?:(?:earlier|later|early|late)\s+)?(?P<w>today|tonight|overnight|yesterday|"
        r"tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|this|last)"
        r"(?:\s+(?P<pod>morning|afternoon|evening|night))?(?!\w)",
        _dayrel,
    ),
    _rule(
        "weekday",
        rf"{_B}(?:(?P<rel>last|next|this\s+coming|this|coming|early|late|earlier|later)\s+)?"
        rf"{WEEKDAY}(?:\s+(?P<pod>morning|afternoon|evening|night))?",
        _weekday,
    ),
    _rule(
        "rel_unit",
        rf"{_B}{POS}(?P<rel>{_REL_WORDS})\s+(?:fiscal\s+)?"
        r"(?P<unit>week|weekend|month|year|quarter|decade|century)(?![\w-])",
        _rel_unit,
    ),
    _rule(
        "in_the_unit",
        rf"{_B}(?:(?:earlier|later)\s+in|(?:the\s+)?(?:end|beginning|start|middle|rest|remainder)"
        r"\s+of)\s+the\s+(?:(?P<fiscal>fiscal|calendar)\s+)?(?P<unit>year|month|week|quarter)(?!\w)",
        lambda m, ctx: (
            "DATE",
            value_at(ctx.anchor, unit_of(m["unit"]))
            if ctx.anchor
            else underspecified(unit_of(m["unit"])),
        ),
    ),
    _rule(
        "weekend",
        rf"{_B}the\s+weekend(?!\w)",
        lambda m, ctx: _weekend(m, ctx),
    ),
    _rule(
        "word_decade",
        rf"{_B}the\s+(?:(?:early|late|mid)[\s-]+)?(?:nineteen[\s-]+)?(?P<dw>twenties|thirties"
        r"|forties|fifties|sixties|seventies|eighties|nineties)(?!\w)",
        lambda m, ctx: ("DATE", f"19{_DECADE_WORDS[m['dw'].lower()]}X"),
    ),
    _rule(
        "rel_pod",
        rf"{_B}(?:(?:earlier|later)\s+)?(?P<rel>that|the\s+same|the\s+next|the\s+following"
        r"|the\s+previous|the\s+preceding)\s+(?P<u>day|morning|afternoon|evening|night)(?!\w)",
        _rel_pod,
    ),
    _rule(
        "ago",
        rf"{_B}{MOD}{NUM}[\s-]+{UNIT}\s+(?:or\s+so\s+)?(?P<dir>ago|earlier|later|from\s+now"
        r"|hence|previously|(?:before|after)(?=\s*[,.;:)\"']|\s*$))(?!\w)",
        _ago,
    ),
    _rule(
        "duration",
        rf"{_B}(?:the\s+(?:(?:past|last|next|first|previous|final|coming|following|initial"
        r"|remaining|entire|full|whole|latest|same)\s+)?|(?:past|last|next|first)\s+)?"
        rf"{MOD}{NUM}[\s-]+(?:(?:full|more|straight|consecutive|long|additional)\s+)?{UNIT}"
        r"(?:-long)?",
        _duration,
    ),
    _rule(
        "plural_units",
        r"(?<![\w-])(?:for|in|over|within|than|of|after|take|takes|took|taking|spent|spend|lasted"
        r"|last|the\s+past|the\s+last)\s+(?P<span>(?P<unit>years|months|weeks|decades|days"
        r"|hours|minutes|centuries)(?:-long)?)(?!\w)",
        _plural_units,
    ),
    _rule(
        "decades_long",
        r"(?<![\w-])(?P<unit>years|months|weeks|decades|days|hours)-long(?!\w)",
        _plural_units,
    ),
    _rule(
        "set_every",
        rf"{_B}(?:every|each|per)\s+(?:(?P<other>other)\s+|(?:single\s+)?)?(?:{NUM}\s+)?"
        rf"(?:{WEEKDAY}|(?P<unit>days?|weeks?|months?|years?|quarters?|hours?|minutes?|nights?"
        r"|mornings?|afternoons?|evenings?|decades?|weekends?|spring|summer|autumn|winter)(?!\w))",
        _set_every,
    ),
    _rule(
        "set_rate",
        r"(?:\d\s*(?:%|percent|per\s+cent)?|\d\s*(?:[mb]illion|thousand|trillion|hundred)"
        r"|(?:dollars|pounds|euros|barrels|tons|tonnes|people|cars|units|copies|visitors|times"
        r"|twice|once|thrice|hours|days))\s+(?P<span>(?:a|an|per|each)\s+"
        r"(?P<unit>day|week|month|year|quarter|hour|night)(?!\w))",
        _set_every,
    ),
    _rule(
        "set_weekdays",
        rf"{_B}{WEEKDAYS_PLURAL}(?:\s+(?P<pod>mornings|afternoons|evenings"
        r"|nights))?",
        _set_weekdays,
    ),
    _rule(  # "quarterly" is left out: in news it is nearly always "a quarterly dividend"
        "set_adverb",
        rf"{_B}(?P<w>daily|weekly|monthly|annually|yearly|hourly|nightly|bi-?weekly"
        r"|semi-?annually)(?!\w)",
        _set_adverb,
    ),
    _rule(
        "ref",
        rf"{_B}(?P<w>right\s+now|just\s+now|now|currently|presently|the\s+present(?!\s+\w+ing)"
        r"|nowadays|these\s+days|(?<=at\s)the\s+moment|(?:more\s+|most\s+)?recently|lately"
        r"|(?:the\s+)?recent\s+(?:years|months|weeks|days|decades|times|past|quarters)"
        r"|(?:the\s+)?past\s+(?:few\s+|several\s+)?(?:years|months|weeks|decades)"
        r"|the\s+past(?!\s+\w+\s+(?:years?|months?|weeks?|days?))"
        r"|(?:the\s+)?(?:near\s+)?future(?=\s*[,.;:)\"']|\s*$)|the\s+near\s+future|the\s+future"
        r"|(?:the\s+)?coming\s+(?:days|weeks|months|years|decades)"
        r"|the\s+next\s+few\s+(?:days|weeks|months|years)"
        r"|current(?!\s+(?:accounts?|affairs|events|assets|liabilities|flows?|carrying|ratio))"
        r"(?=\s+[a-z]))(?!\w)",
        _ref,
    ),
    _rule(
        "clock",
        rf"{_B}(?:(?P<h>[0-2]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\.|[ap]\.?m(?!\w)"
        rf"|[ap]\.m(?!\w))(?:\s+{TZ})?|(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)\s*{TZ}"
        r"|(?P<word>noon|midday|midnight))",
        lambda m, ctx: _clock_any(m, ctx),
    ),
    _rule(
        "clock_24h",
        rf"(?<=\b(?:at|by) )(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?:\s*(?:hours|hrs|{TZ}))?"
        r"(?![\d:])",
        _clock,
    ),
    _rule(
        "holiday",
        rf"{_B}(?P<hol>Christmas(?:\s+(?:Day|Eve))?|New\s+Year's\s+(?:Day|Eve)|Halloween"
        r"|Independence\s+Day|Valentine's\s+Day|Boxing\s+Day|Thanksgiving(?:\s+Day)?)"
        r"(?:\s+(?P<y>(?:19|20)\d\d))?(?!\w)",
        _holiday,
    ),
)


_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip


def _weekend(m: re.Match, ctx: Ctx) -> Result:
    if not ctx.anchor:
        return "DATE", "XXXX-WXX-WE"
    a = ctx.anchor
    if ctx.tense(m.start()) == "future":
        d = a + timedelta(days=(6 - a.isoweekday()) % 7)
    else:
        d = a - timedelta(days=(a.isoweekday() - 6) % 7 if a.isoweekday() >= 6 else a.isoweekday())
    return "DATE", value_at(d, "weekend")


def _clock_any(m: re.Match, ctx: Ctx) -> Result:
    if m["h2"]:
        fake = {"h": m["h2"], "mi": m["mi2"], "ap": None, "word": None}
        day = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
        h, mi = int(fake["h"]), int(fake["mi"])
        return "TIME", f"{day}T{h:02d}:{mi:02d}"
    return _clock(m, ctx)
