"""The vocabulary of `dating`: word lists, number and ordinal words, and the phrase patterns.

Why a module of its own: `dating` grew past the 800-line limit (STYLE.md), and these are plain
data and string helpers with no knowledge of articles, anchors or evidence: the name filters
and possessive stripping, cardinal and ordinal words, the regular expressions for
anniversaries, gaps and tense cues, and the table of relative expressions.  Its words come
from `storyline.lexicon`; it imports nothing else of storyline.  The names keep their leading
underscore: they are private to `dating`, `dating_rules`, `dating_article` and this module.
"""

from __future__ import annotations

import re

from storyline.lexicon.names import COURTESY_TITLES, DEMONYMS
from storyline.lexicon.numbers import ORDINALS, TENS, UNITS
from storyline.lexicon.time_words import MONTHS, WEEKDAYS

# --- words ------------------------------------------------------------------------------------
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\d+(?:[.,]\d+)*")
_NOT_NAMES = (
    frozenset(
        """prof president prime minister ministers secretary foreign home office chancellor
        government coalition parliament king queen prince princess general deputy state senator
        governor mayor ambassador commissioner chief executive spokesman spokeswoman council north
        south east west the a an he she it they we i his her their our its this that these those
        but and or in on at after before as when while not no if although during privately
        significantly analysts nevertheless however mp mps""".split()  # noqa: SIM905
    )
    | COURTESY_TITLES
    | MONTHS.keys()
    | WEEKDAYS.keys()
)
# Nationality words are not names; "European", "Western" name no single state.
_DEMONYMS = frozenset(DEMONYMS) | {"european", "western", "eastern", "arab"}
_OPENERS = "\"“‘'(:\n—–-*•"


def _strip_possessive(word: str) -> str:
    return re.sub(r"['’]s?$", "", word)


# --- numbers and ordinals ------------------------------------------------------------------
_CARDINALS = {**UNITS, "a": 1, "an": 1, **TENS}
_ORDINALS = {
    **ORDINALS, "centenary": 100, "centennial": 100, "bicentenary": 200, "bicentennial": 200,
    "tercentenary": 300,
}  # fmt: skip


def _number(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    if w in _CARDINALS:
        return _CARDINALS[w]
    if "-" in w:
        tens, _, unit = w.partition("-")
        if tens in TENS and unit in _CARDINALS:
            return TENS[tens] + _CARDINALS[unit]
    return None


def _ordinal(word: str) -> int | None:
    w = word.lower()
    if m := re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", w):
        return int(m.group(1))
    if w in _ORDINALS:
        return _ORDINALS[w]
    if "-" in w:
        tens, _, unit = w.partition("-")
        if tens in TENS and unit in _ORDINALS and _ORDINALS[unit] < 10:
            return TENS[tens] + _ORDINALS[unit]
    return None


def _alternation(words) -> str:
    """A regex alternation of `words`, longest first (so "sixteen" is not read as "six")."""
    return "|".join(sorted(words, key=len, reverse=True))


_ORD_WORDS = _alternation(
    set(_ORDINALS) - {"centenary", "centennial", "bicentenary", "bicentennial", "tercentenary"}
)
_TENS_WORDS = _alternation(TENS)
_CARDINAL_WORDS = rf"(?:{_TENS_WORDS})-(?:{_alternation(UNITS)})|{_alternation(_CARDINALS)}"
_ANNIVERSARY = re.compile(
    rf"\b(?P<ord>(?:(?:{_TENS_WORDS})-)?(?:{_ORD_WORDS})"
    rf"|\d{{1,3}}(?:st|nd|rd|th))\s+anniversary\s+of\s+"
    r"|\b(?P<cent>centenary|centennial|bicentenary|bicentennial|tercentenary)\s+of\s+",
    re.IGNORECASE,
)
_PHRASE_END = re.compile(
    r"[,;:.!?()\"“”—–]|\s(?:which|who|that|when|where|and|but|as|while|with|to|in\s+the\s+\w+\s+of)\s"
)
_GAP = re.compile(
    r"\b(?:for|in)\s+(?:(?P<more>more\s+than|over|at\s+least|well\s+over)\s+"
    r"|(?P<almost>almost|nearly|close\s+to|about|some)\s+)?"
    rf"(?P<n>\d{{1,3}}|{_CARDINAL_WORDS})\s+(?P<unit>years?|months?|decades?)\b",
    re.IGNORECASE,
)
_GAP_CUE = re.compile(r"\bfirst\b|\b(?:not|no|never|without)\b|n['’]t\b", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)

# Clause-level cues, matched case-sensitively ("May 2007" is not the modal).
_FUTURE = re.compile(
    r"\b(?:will|shall|may|might|wo)\b|['’]ll\b|\bahead\s+of\b|\b(?:upcoming|forthcoming|coming|next)\b"
    r"|\b(?:(?:is|are|be)\s+due|expected|scheduled|set|planned|planning|plans|plan|intends?|hopes?"
    r"|going|is|are|am)\s+to\b(?=\s+[a-z])(?!\s+(?:the|a|an|his|her|their|its|our|this|that)\b)"
    r"|\bin\s+the\s+run-up\s+to\b"
    r"|\b(?:scheduled|planned|slated)\s+for\b"
)
_HYPOTHETICAL = re.compile(r"\b(?:if|If|unless|Unless|would|could|should|were\s+to)\b|['’]d\b")
_ANNIV_FUTURE = re.compile(
    r"\b(?:ahead\s+of|before|approaching|upcoming|forthcoming|coming|will\s+mark|to\s+mark|next)\b"
    r"[^.;]{0,20}$",
    re.IGNORECASE,
)
_MODIFIER = frozenset("the a an this that his her their its our your whose".split())  # noqa: SIM905
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”—–]")

# Relative expressions with a fixed offset from "now": (unit, how many units back the event is).
_RELATIVE = [
    (re.compile(r"(?:today|tonight|this (?:morning|afternoon|evening))", re.I), "day", 0),
    (re.compile(r"(?:yesterday(?: \w+)?|last night)", re.I), "day", 1),
    (re.compile(r"tomorrow(?: \w+)?", re.I), "day", -1),
    (re.compile(r"last week", re.I), "week", 1),
    (re.compile(r"(?:earlier |later )?this week", re.I), "week", 0),
    (re.compile(r"(?:earlier |later )?this month", re.I), "month", 0),
    (re.compile(r"last month", re.I), "month", 1),
    (re.compile(r"next month", re.I), "month", -1),
    (re.compile(r"(?:earlier |later )?this year", re.I), "year", 0),
    (re.compile(r"last year", re.I), "year", 1),
    (re.compile(r"next year", re.I), "year", -1),
]
_AGO = re.compile(r"(?P<n>\w+(?:-\w+)?) (?P<unit>day|week|month|year)s? ago", re.I)


def _relative(text: str) -> tuple[str, int] | None:
    for pattern, unit, k in _RELATIVE:
        if pattern.fullmatch(text.strip()):
            return unit, k
    if m := _AGO.fullmatch(text.strip()):
        n = _number(m.group("n"))
        if n is not None:
            return m.group("unit").lower(), n
    return None
