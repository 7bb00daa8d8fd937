"""Publication datelines in one line of a scrape: "Saturday 04 March 2017 12:20 GMT", "March 01,
2008", "Chris Davies - Nov 19, 2019, 10:31 pm CST", "2017-03-04", "Updated: 4 March 2017".

A regex parser rather than dateparser: datelines come in a handful of shapes, and a line only
counts as a dateline when the date is most of it (so a sentence that mentions a date is not one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from storyline.casefold import fold_twins
from storyline.lexicon.time_words import MONTH_ABBR, MONTHS
from storyline.records import FuzzyDate

__all__ = ["Dateline", "find_dates", "parse_dateline"]

_MONTHS = {**MONTHS, **MONTH_ABBR}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = (
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s*"
)

_PATTERNS = [
    # 2017-03-04, 2017/03/04, 2017-03-04T12:20:00Z
    re.compile(r"\b" + _YEAR + r"[-/.](?P<mnum>[01]?\d)[-/.](?P<day>[0-3]?\d)(?!\d)"
               r"(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?"),
    # Saturday 04 March 2017, 4 Mar. 2017, 04-Mar-2017
    re.compile(r"\b(?:" + _WEEKDAY + r")?" + _DAY + r"[\s-]+(?:of\s+)?" + _MONTH
               + r"[\s,-]+" + _YEAR + r"\b", re.IGNORECASE),
    # March 01, 2008; Nov 19, 2019; Nov. 19 2019; Tuesday, November 19th, 2019
    re.compile(r"\b(?:" + _WEEKDAY + r")?" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b",
               re.IGNORECASE),
    # 04.03.2017 or 04/03/2017: only when the day is unambiguous (> 12) or both parts agree
    re.compile(r"\b(?P<a>[0-3]?\d)[/.](?P<b>[01]?\d)[/.]" + _YEAR + r"\b"),
    # March 2017 (month granularity)
    re.compile(r"\b" + _MONTH + r",?\s+" + _YEAR + r"\b", re.IGNORECASE),
]  # fmt: skip

_UPDATED = re.compile(r"\b(?:updated|modified|last\s+updated|edited|revised)\b", re.IGNORECASE)
_PUBLISHED = re.compile(r"\b(?:published|posted|first\s+published|created|date)\b", re.IGNORECASE)
_TIME = re.compile(
    r"\b\d{1,2}[:.]\d\d(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?(?!\w)",
    re.IGNORECASE,
)
_ZONE = re.compile(
    r"\b(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|AEST|AEDT|ET|PT|Z)\b"
    r"(?:\s*[+-]\d{1,2}(?::?\d\d)?)?"
)
_FILLER = re.compile(
    r"\b(?:on|at|by|and|the|am|pm|a\.m\.|p\.m\.|last|first|date|time|published|posted|updated|"
    r"modified|created|edited|revised|originally|today|yesterday|ago|hours?|minutes?|read|"
    r"mins?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Dateline:
    """A dateline's dates: `published` and/or an `updated` date kept apart."""

    published: FuzzyDate | None
    updated: FuzzyDate | None
    rest: str  # what is left of the line once dates, times and labels are gone (e.g. a byline)


def _build(match: re.Match) -> FuzzyDate | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if not 1900 <= year <= 2100:
        return None
    try:
        if groups.get("a") is not None:
            a, b = int(groups["a"]), int(groups["b"])
            if a > 12 >= b:
                return FuzzyDate.day(date(year, b, a))
            if b > 12 >= a:
                return FuzzyDate.day(date(year, a, b))
            if a == b:
                return FuzzyDate.day(date(year, a, b))
            return None
        month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS[groups["month"].lower()]
        if groups.get("day") is None:
            return FuzzyDate.month(year, month)
        return FuzzyDate.day(date(year, month, int(groups["day"])))
    except ValueError:
        return None


def find_dates(line: str) -> list[tuple[int, int, FuzzyDate]]:
    """Every date in a line as (start, end, date), earliest pattern winning on overlaps."""
    found: list[tuple[int, int, FuzzyDate]] = []
    line = fold_twins(line)  # "Auguſt" matches "august" but lowers to no month name
    for pattern in _PATTERNS:
        for match in pattern.finditer(line):
            if any(s < match.end() and match.start() < e for s, e, _ in found):
                continue
            value = _build(match)
            if value is not None:
                found.append((match.start(), match.end(), value))
    return sorted(found, key=lambda item: item[0])


def parse_dateline(line: str, max_rest_words: int = 5) -> Dateline | None:
    """The dates of a line that *is* a dateline (the date is most of it), else None.

    A date preceded by "Updated"/"Modified" is the update; the first other date is publication.
    `max_rest_words` bounds what else the line may hold (a byline such as "Chris Davies - ").
    """
    if len(line) > 160:
        return None
    dates = find_dates(line)
    if not dates:
        return None
    published = updated = None
    previous_end = 0
    for start, end, value in dates:
        label = line[previous_end:start]
        if _UPDATED.search(label) and not _PUBLISHED.search(label.split("pdated")[-1]):
            updated = updated or value
        elif published is None:
            published = value
        else:
            updated = updated or value
        previous_end = end
    rest = line
    for start, end, _ in reversed(dates):
        rest = rest[:start] + " " + rest[end:]
    rest = _FILLER.sub(" ", _ZONE.sub(" ", _TIME.sub(" ", rest)))
    rest = re.sub(r"[^\w'’.-]+", " ", rest).strip(" .-")
    if len(re.findall(r"\w+", rest)) > max_rest_words:
        return None
    return Dateline(published, updated, rest)
