"""The tagging rules: one regex per kind of temporal expression, each with a normaliser.

A rule's normaliser (see `timex_normalisers`) gets the match and the document context and
returns `(type, value)` in TimeML terms, or None to reject the match.  A rule may mark the part
of its match that is the expression with a group named `span` (context such as "for" or "in"
then stays outside the tagged text).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from storyline.annotate.timex_clock import (
    DECADE_WORDS,
    norm_clock,
    norm_clock_any,
    norm_duration,
    norm_holiday,
    norm_plural_units,
    norm_ref,
    norm_set_adverb,
    norm_set_every,
    norm_set_weekdays,
    norm_weekend,
)
from storyline.annotate.timex_normalisers import (
    Ctx,
    Result,
    norm_ago,
    norm_century,
    norm_dayrel,
    norm_decade,
    norm_full_date,
    norm_month,
    norm_month_year,
    norm_numeric_date,
    norm_part_of_year,
    norm_quarter_ref,
    norm_rel_pod,
    norm_rel_unit,
    norm_season,
    norm_spoken_year,
    norm_the_year,
    norm_weekday,
    norm_year,
    norm_year_end,
    norm_year_period,
)
from storyline.annotate.timex_patterns import (
    MOD,
    MONTH,
    NUM,
    POS,
    TZ,
    UNIT,
    WEEKDAY,
    WEEKDAYS_PLURAL,
    unit_of,
)
from storyline.annotate.timex_values import underspecified, value_at

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
_TENS_WORDS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|ten|eleven|twelve"
_UNITS_WORDS = "one|two|three|four|five|six|seven|eight|nine"
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
        norm_full_date,
    ),
    _rule(
        "date_dmy",
        rf"{_B}{_WD_OPT}(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?\s+{MONTH}{_YEAR_TAIL}{_E}",
        norm_full_date,
    ),
    _rule(
        "date_iso",
        rf"{_B}(?P<y>(?:1[5-9]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
        rf"(?:[T ](?P<h>[0-2]\d):(?P<mi>[0-5]\d))?{_E}",
        norm_numeric_date,
    ),
    _rule(
        "date_us_numeric",
        rf"{_B}(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d\d|(?:19|20)\d\d){_E}(?!/)",
        norm_numeric_date,
    ),
    _rule(
        "month_year",
        rf"{_B}{POS}{MONTH}(?:\s+of)?,?\s+(?P<y>(?:1[5-9]|20)\d\d){_E}",
        norm_month_year,
    ),
    _rule(
        "month",
        rf"{_B}(?:(?P<rel>last|next|this|early|late|mid|(?:the\s+)?(?:end|beginning|start"
        rf"|middle)\s+of)[\s-]+)?{MONTH}(?![\s-]*\d)",
        norm_month,
    ),
    _rule(
        "year",
        rf"{_B}{POS}(?:(?P<fy>fiscal(?:\s+year)?|FY)\s*)?(?P<y>(?:1[5-9]|20)\d\d)"
        r"(?![\d,]\d|\.\d|s\b|\s*(?:%|percent|per cent)|-(?:[a-z]+-)?old)(?!\w)",
        norm_year,
    ),
    _rule(
        "decade",
        rf"{_B}(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?"
        r"(?:(?P<dec>(?:1[5-9]|20)\d0)'?s|'(?P<dd>\d0)'?s)(?!\w)",
        norm_decade,
    ),
    _rule(
        "century",
        rf"{_B}(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|first"
        r"|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
        r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
        r"|twentieth|twenty-first)[\s-]+century(?!\w)",
        norm_century,
    ),
    _rule(
        "part_of_year",
        rf"{_B}(?:the\s+)?(?:(?P<y0>(?:19|20)\d\d)\s+|(?P<yrel0>last|next|this)\s+year's\s+"
        r"|(?P<ago>year-ago|year-earlier|prior-year)\s+)?"
        r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)"
        r"[\s-]+(?:fiscal\s+|calendar\s+)?(?P<part>quarter|half)(?!\w)(?:\s+of\s+(?:fiscal\s+)?"
        r"(?:(?P<y>(?:19|20)\d\d)(?!\w)|(?P<yrel>this|last|next|the)\s+(?:fiscal\s+)?year"
        r"(?!\w)))?",
        norm_part_of_year,
    ),
    _rule(
        "quarter_ref",
        rf"{_B}(?:the\s+)?(?:(?P<which>latest|most\s+recent|recent|current|same|fiscal|"
        r"comparable|year-earlier|year-ago|year\s+earlier|year-before|prior-year)\s+)?"
        r"(?:fiscal\s+)?quarter(?!\w)|(?:the\s+)?(?:latest|most\s+recent)\s+(?:fiscal\s+)?period",
        norm_quarter_ref,
    ),
    _rule(  # "the 1988 period", "last year's quarter": that year's part in focus
        "year_period",
        rf"{_B}(?:the\s+)?(?:(?P<y>(?:19|20)\d\d)|(?P<yrel>last|next|this)\s+year's)"
        r"\s+(?:fiscal\s+)?(?:period|quarter)(?!\w)",
        norm_year_period,
    ),
    _rule(
        "year_earlier_period",
        rf"{_B}(?:the\s+)?(?P<which>year-earlier|year-ago|year-before|prior-year)"
        r"(?:\s+(?:period|quarter|nine\s+months|six\s+months|level|figure))?(?!\w)",
        norm_quarter_ref,
    ),
    _rule(
        "season",
        rf"{_B}(?:(?P<rel>last|next|this|early|late|the|mid)[\s-]+)?"
        r"(?P<s>spring|summer|fall|autumn|winter)(?!\w)(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)(?!\w))?",
        norm_season,
    ),
    _rule(
        "dayrel",
        rf"{_B}(?:(?:earlier|later|early|late)\s+)?(?P<w>today|tonight|overnight|yesterday|"
        r"tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|this|last)"
        r"(?:\s+(?P<pod>morning|afternoon|evening|night))?(?!\w)",
        norm_dayrel,
    ),
    _rule(
        "weekday",
        rf"{_B}(?:(?P<rel>last|next|this\s+coming|this|coming|early|late|earlier|later)\s+)?"
        rf"{WEEKDAY}(?:\s+(?P<pod>morning|afternoon|evening|night))?",
        norm_weekday,
    ),
    _rule(
        "rel_unit",
        rf"{_B}{POS}(?P<rel>{_REL_WORDS})\s+(?:fiscal\s+)?"
        r"(?P<unit>week|weekend|month|year|quarter|decade|century)(?![\w-])",
        norm_rel_unit,
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
    _rule(  # "sales for the year", "the year ended June 30" (a fiscal year: a duration)
        "the_year",
        r"(?<![\w-])(?:for|in|of|during|through|throughout)\s+(?P<span>the\s+(?:(?:full|fiscal|"
        r"current|calendar)\s+)?year)(?!\w)(?!\s+(?:before|after|earlier|later|when|that|in\s+which"
        r"|of|\d|two|nineteen))(?P<ended>\s+(?:ended|ending|to)\b)?",
        norm_the_year,
    ),
    _rule(
        "year_end",
        r"(?<![\w-])(?:by|at|since|before|until|till|around|after|near|through)\s+"
        r"(?P<span>(?:the\s+)?(?:fiscal\s+)?year(?:-|\s+|'s\s+)end)(?![\w-])",
        norm_year_end,
    ),
    _rule(  # spoken years: "in nineteen ninety-six", "by the year two thousand"
        "spoken_year",
        rf"{_B}(?:(?:in\s+)?the\s+year\s+)?(?P<w>nineteen[\s-]+(?:{_TENS_WORDS})(?:[\s-]+"
        rf"(?:{_UNITS_WORDS}))?|(?<=\byear\s)two\s+thousand(?:\s+and)?(?:[\s-]+(?:{_UNITS_WORDS}))?)"
        r"(?![\w-])",
        norm_spoken_year,
    ),
    _rule(
        "weekend",
        rf"{_B}the\s+weekend(?!\w)",
        lambda m, ctx: norm_weekend(m, ctx),
    ),
    _rule(
        "word_decade",
        rf"{_B}the\s+(?:(?:early|late|mid)[\s-]+)?(?:nineteen[\s-]+)?(?P<dw>twenties|thirties"
        r"|forties|fifties|sixties|seventies|eighties|nineties)(?!\w)",
        lambda m, ctx: ("DATE", f"19{DECADE_WORDS[m['dw'].lower()]}"),
    ),
    _rule(
        "rel_pod",
        rf"{_B}(?:(?:earlier|later)\s+)?(?P<rel>that|the\s+same|the\s+next|the\s+following"
        r"|the\s+previous|the\s+preceding)\s+(?P<u>day|morning|afternoon|evening|night)(?!\w)",
        norm_rel_pod,
    ),
    _rule(
        "ago",
        rf"{_B}{MOD}{NUM}[\s-]+{UNIT}\s+(?:or\s+so\s+)?(?P<dir>ago|earlier|later|from\s+now"
        r"|hence|previously|(?:before|after)(?=\s*[,.;:)\"']|\s*$))(?!\w)",
        norm_ago,
    ),
    _rule(
        "duration",
        rf"{_B}(?:the\s+(?:(?:past|last|next|first|previous|final|coming|following|initial"
        r"|remaining|entire|full|whole|latest|same)\s+)?|(?:past|last|next|first)\s+)?"
        rf"{MOD}{NUM}[\s-]+(?:(?:full|more|straight|consecutive|long|additional)\s+)?{UNIT}"
        r"(?:-long)?",
        norm_duration,
    ),
    _rule(
        "plural_units",
        r"(?<![\w-])(?:for|in|over|within|than|of|after|take|takes|took|taking|spent|spend|lasted"
        r"|last|the\s+past|the\s+last)\s+(?P<span>(?P<unit>years|months|weeks|decades|days"
        r"|hours|minutes|centuries)(?:-long)?)(?!\w)",
        norm_plural_units,
    ),
    _rule(
        "decades_long",
        r"(?<![\w-])(?P<unit>years|months|weeks|decades|days|hours)-long(?!\w)",
        norm_plural_units,
    ),
    _rule(
        "set_every",
        rf"{_B}(?:every|each|per)\s+(?:(?P<other>other)\s+|(?:single\s+)?)?(?:{NUM}\s+)?"
        rf"(?:{WEEKDAY}|(?P<unit>days?|weeks?|months?|years?|quarters?|hours?|minutes?|nights?"
        r"|mornings?|afternoons?|evenings?|decades?|weekends?|spring|summer|autumn|winter)(?!\w))",
        norm_set_every,
    ),
    _rule(
        "set_rate",
        r"(?:\d\s*(?:%|percent|per\s+cent)?|\d\s*(?:[mb]illion|thousand|trillion|hundred)"
        r"|(?:dollars|pounds|euros|barrels|tons|tonnes|people|cars|units|copies|visitors|times"
        r"|twice|once|thrice|hours|days))\s+(?P<span>(?:a|an|per|each)\s+"
        r"(?P<unit>day|week|month|year|quarter|hour|night)(?!\w))",
        norm_set_every,
    ),
    _rule(
        "set_weekdays",
        rf"{_B}{WEEKDAYS_PLURAL}(?:\s+(?P<pod>mornings|afternoons|evenings"
        r"|nights))?",
        norm_set_weekdays,
    ),
    _rule(  # "quarterly" is left out: in news it is nearly always "a quarterly dividend"
        "set_adverb",
        rf"{_B}(?P<w>daily|weekly|monthly|annually|yearly|hourly|nightly|bi-?weekly"
        r"|semi-?annually)(?!\w)",
        norm_set_adverb,
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
        norm_ref,
    ),
    _rule(
        "clock",
        rf"{_B}(?:(?P<h>[0-2]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\.|[ap]\.?m(?!\w)"
        rf"|[ap]\.m(?!\w))(?:\s+{TZ})?|(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)\s*{TZ}"
        r"|(?P<word>noon|midday|midnight))",
        lambda m, ctx: norm_clock_any(m, ctx),
    ),
    _rule(
        "clock_24h",
        rf"(?<=\b(?:at|by) )(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?:\s*(?:hours|hrs|{TZ}))?"
        r"(?![\d:])",
        norm_clock,
    ),
    _rule(
        "holiday",
        rf"{_B}(?P<hol>Christmas(?:\s+(?:Day|Eve))?|New\s+Year's\s+(?:Day|Eve)|Halloween"
        r"|Independence\s+Day|Valentine's\s+Day|Boxing\s+Day|Thanksgiving(?:\s+Day)?)"
        r"(?:\s+(?P<y>(?:19|20)\d\d))?(?!\w)",
        norm_holiday,
    ),
)
