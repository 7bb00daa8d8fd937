"""The vocabulary of `dating`: word lists, number and ordinal words, and the phrase patterns.

Why a module of its own: `dating` grew past the 800-line limit (STYLE.md), and these are plain
data and string helpers with no knowledge of articles, anchors or evidence: the stop words and
name filters, the crude stemmer (`_stem`) and possessive stripping, cardinal and ordinal words,
the regular expressions for anniversaries, gaps and tense cues, and the table of relative
expressions.  It imports nothing from the rest of storyline.  The names keep their leading
underscore: they are private to `dating`, `dating_rules` and this module.
"""

from __future__ import annotations

import re

# --- words ------------------------------------------------------------------------------------
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\d+(?:[.,]\d+)*")
_STOP = frozenset(
    """a about above after again against all also although am among an and any are around as at
    be because been before being below between both but by can could did do does doing down
    during each either even ever every few for from further had has have having he her here hers
    herself him himself his how however i if in into is it its itself just least less many me
    more most much must my myself neither no nor not now of off on once only or other our ours
    out over own per same she should since so some still such than that the their theirs them
    themselves then there these they this those though through thus to too under until up upon
    very was we were what when where whether which while who whom whose why will with within
    without would yet you your yours shall may might one two three four five six seven eight
    nine ten first second third last next later earlier ago year years month months week weeks
    day days today yesterday tomorrow tonight time times mr mrs ms dr said says say told tell
    according already again back well new recent recently former current percent cent per
    million billion thousand point points dollar dollars pound pounds euro euros go goes going
    went gone make makes making made take takes taking took taken get gets getting got come
    comes coming came give gives giving gave""".split()  # noqa: SIM905
)
# fmt: off
_IRREGULAR = {
    "held": "hold", "met": "meet", "fought": "fight", "began": "begin", "begun": "begin",
    "won": "win", "lost": "lose", "spoke": "speak", "sold": "sell", "bought": "buy",
    "left": "leave", "brought": "bring", "ran": "run", "rose": "rise", "fell": "fall",
    "fallen": "fall", "struck": "strike", "shot": "shoot", "flew": "fly", "led": "lead",
    "sent": "send", "built": "build", "broke": "break", "broken": "break", "chose": "choose",
    "died": "die", "dying": "die", "signed": "sign", "killed": "kill", "wrote": "write",
}
# fmt: on
_NOT_NAMES = frozenset(
    """mr mrs ms miss dr sir lord lady dame prof president prime minister ministers secretary
    foreign home office chancellor government coalition parliament king queen prince princess
    general deputy state senator governor mayor ambassador commissioner chief executive
    spokesman spokeswoman council north south east west january february march april may june
    july august september october november december monday tuesday wednesday thursday friday
    saturday sunday the a an he she it they we i his her their our its this that these those
    but and or in on at after before as when while not no if although during privately
    significantly analysts nevertheless however mp mps""".split()  # noqa: SIM905
)
_DEMONYMS = frozenset(
    """british english scottish welsh irish russian american french german italian spanish
    chinese japanese indian ukrainian georgian polish european western eastern soviet iranian
    israeli arab turkish syrian afghan pakistani canadian australian dutch belgian swedish
    norwegian danish greek""".split()  # noqa: SIM905
)
_OPENERS = "\"“‘'(:\n—–-*•"


def _stem(word: str) -> str:
    """A crude stem so that poisoned / poisoning / poisonings meet: good enough for keys."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
                w = w[:-1]
            break
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


def _strip_possessive(word: str) -> str:
    return re.sub(r"['’]s?$", "", word)


# --- numbers and ordinals ------------------------------------------------------------------
_CARDINAL_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
_CARDINALS = {w: i for i, w in enumerate(_CARDINAL_WORDS.split())}
_CARDINALS.update({"a": 1, "an": 1, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60})
_ORDINALS = {w: i + 1 for i, w in enumerate(_ORDINAL_WORDS.split())}
# fmt: off
_ORDINALS.update({
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90, "hundredth": 100, "centenary": 100, "centennial": 100,
    "bicentenary": 200, "bicentennial": 200, "tercentenary": 300,
})
# fmt: on
# fmt: off
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
# fmt: on


def _number(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    if w in _CARDINALS:
        return _CARDINALS[w]
    if "-" in w:
        tens, _, unit = w.partition("-")
        if tens in _TENS and unit in _CARDINALS:
            return _TENS[tens] + _CARDINALS[unit]
    return None


def _ordinal(word: str) -> int | None:
    w = word.lower()
    if m := re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", w):
        return int(m.group(1))
    if w in _ORDINALS:
        return _ORDINALS[w]
    if "-" in w:
        tens, _, unit = w.partition("-")
        if tens in _TENS and unit in _ORDINALS and _ORDINALS[unit] < 10:
            return _TENS[tens] + _ORDINALS[unit]
    return None


_ORD_WORDS = "|".join(
    sorted(
        set(_ORDINALS) - {"centenary", "centennial", "bicentenary", "bicentennial", "tercentenary"},
        key=len,
        reverse=True,
    )
)
_ANNIVERSARY = re.compile(
    rf"\b(?P<ord>(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?(?:{_ORD_WORDS})"
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
    r"(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty)\s+(?P<unit>years?|months?|decades?)\b",
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
