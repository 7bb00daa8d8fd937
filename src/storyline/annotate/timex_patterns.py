"""English vocabulary for temporal expressions: names, number words and the shared regex pieces.

Month and weekday names are matched case-sensitively (Title or UPPER case) so that "may",
"march" and "sun" as ordinary words are not dates; everything else is case-insensitive.
"""

from __future__ import annotations

import re

from storyline.lexicon.numbers import ORDINALS as ORDINAL_WORDS
from storyline.lexicon.numbers import TENS, UNITS
from storyline.lexicon.time_words import MONTH_ABBR, MONTHS, WEEKDAYS

SEASON_CODES = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PART_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI",
}  # fmt: skip
# Ordinals as quarters and halves use them ("the final quarter", "Q4" is read elsewhere).
ORDINALS = {
    **ORDINAL_WORDS, "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4,
    "last": 4,
}  # fmt: skip
SMALL_NUMBERS = {
    **UNITS, "a": 1, "an": 1, "a single": 1, "single": 1, "a dozen": 12, "dozen": 12,
    "half a": 0.5, "half an": 0.5, "a half": 0.5, "a couple of": 2, "couple of": 2,
}  # fmt: skip
VAGUE_NUMBERS = (
    "a few", "few", "several", "many", "some", "a number of", "a couple", "dozens of",
    "hundreds of", "a handful of", "numerous", "countless", "multiple",
)  # fmt: skip


def _cased(words: list[str]) -> str:
    """An alternation matching each word in Title and UPPER case, longest first."""
    forms: set[str] = set()
    for w in words:
        forms.update({w.title(), w.upper()})
    return "|".join(sorted(forms, key=len, reverse=True))


MONTH = (
    r"(?P<mon>(?-i:"
    + _cased(list(MONTHS))
    + r"|(?:"
    + _cased(list(MONTH_ABBR))
    + r")(?:\.|(?=\s*\d))))(?!\w)"
)
WEEKDAY = r"(?P<wd>(?-i:" + _cased(list(WEEKDAYS)) + r"))(?!\w)"
WEEKDAYS_PLURAL = r"(?P<wds>(?-i:" + _cased([w + "s" for w in WEEKDAYS]) + r"))(?!\w)"

_UNITS_WORDS = (
    "seconds?|minutes?|hours?|days?|nights?|weekends?|weeks?|fortnights?|months?|quarters?"
    "|years?|decades?|century|centuries|millennium|millennia"
)
UNIT = rf"(?P<unit>{_UNITS_WORDS})(?!\w)"
_NUMWORD = "|".join(sorted(list(SMALL_NUMBERS) + list(TENS), key=len, reverse=True))
_TENS = "|".join(TENS)
_UNITS_1_9 = "one|two|three|four|five|six|seven|eight|nine"
NUM = (
    rf"(?P<n>(?:{_TENS})[\s-](?:{_UNITS_1_9})|\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?"
    rf"|{'|'.join(sorted(VAGUE_NUMBERS, key=len, reverse=True))}|{_NUMWORD})"
)
MOD = (
    r"(?:(?:about|around|approximately|almost|nearly|more than|over|less than|under|at least"
    r"|at most|some|roughly|only|just|up to|no more than|fewer than|well over|barely|"
    r"upwards of|close to|the better part of|at the end of|within)\s+)?"
)
POS = (
    r"(?P<pos>(?:the\s+)?(?:early|earlier|late|later|mid|the end of|the start of|the beginning"
    r" of|the middle of|the rest of|the remainder of|end of|start of|beginning of|middle of"
    r"|the first half of|the second half of|the turn of)[\s-]+)?"
)
TZ = r"(?-i:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|MSK|ET|PT)(?!\w)"


def parse_number(s: str) -> float | None:
    """A number word or numeral as a number; None for vague quantities ("several" → X)."""
    s = re.sub(r"\s+", " ", s.lower().strip())
    if s in VAGUE_NUMBERS:
        return None
    if s in SMALL_NUMBERS:
        return SMALL_NUMBERS[s]
    if s in TENS:
        return TENS[s]
    parts = re.split(r"[\s-]", s)
    if len(parts) == 2 and parts[0] in TENS and parts[1] in SMALL_NUMBERS:
        return TENS[parts[0]] + SMALL_NUMBERS[parts[1]]
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None


def unit_of(word: str) -> str:
    """Canonical singular unit name: "centuries" → "century", "Weeks" → "week"."""
    w = word.lower()
    if w in ("century", "centuries"):
        return "century"
    if w.startswith("millenni"):
        return "millennium"
    return w.removesuffix("s")


def month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or MONTH_ABBR[key]
