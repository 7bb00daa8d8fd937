"""Dating undated articles from their own text, and from the dated happenings their peers name.

`infer_published(text, sentences, timexes)` returns the tightest interval the article's own
evidence supports for its publication date, as a `FuzzyDate`, plus one `DateEvidence` per
sentence that shaped it.  The timexes are tagged with no anchor (the date is what we are
looking for), so only absolute expressions carry days; relative ones ("yesterday", "last
year") only help when they sit next to a happening whose date is known.

The evidence, strongest first (the order in which conflicts are settled, rule 6):

1. **Anniversaries.** "the third anniversary of the poisoning of Alexander Litvinenko": the
   event's date comes from a date inside the phrase, else from an *event anchor* (below) learned
   from this article or its peers.  The article's "now" is that date + N years; publication is in
   [now, now + 7 days].  An anchor coarser than a day is not widened by the week: a month or year
   already spans it, and the week would only push the interval across a calendar boundary.
   "ahead of / will mark the Nth anniversary" puts publication in the year before it instead.
5. **Relative expressions next to a dated happening.** "Russia's war with Georgia last year", with
   an anchor (war, {Georgia}) → 2008-08, puts publication in 2009; likewise today / yesterday /
   tomorrow (day anchors, one day of slack for print), this/last/next week, month and year,
   and "N days/weeks/months/years ago".  Stricter than rule 1: the anchor's own event word must
   be next to the expression, two names must be shared, and for days one more content word.
   Anchored by a *peer*, this rule ranks below corroborated past mentions (rule 2).
3. **Gaps.** "the first ... for more than three years", "for the first time in N years", "not ...
   for N months": publication ≥ the last occurrence + N.  The last occurrence is the most recent
   past absolute date in a sentence that says "since" ("not met Mr Putin since 2007", "phoned
   Gordon Brown in June 2008 but there has been no contact since") and that shares a name with the
   gap's sentence.  The latest past date of the whole article is *not* used: it is too often an
   unrelated happening (seed 000: the 2006 poisoning versus five years without a visit).  Only a
   lower bound: "for five years" is rounded too freely for an upper one.
2. **Past mentions of absolute dates** ("in June 2008", a factbox line "June 2009: ..."):
   publication ≥ the date's first day.  Any absolute date that is not future or hypothetical
   counts (news rarely names a date it has not reached without a future cue).  A bound whose
   year no other mention shares is the weakest evidence of all.
4. **Future references** ("will ... in 2012", "may be re-elected in 2012", "ahead of the 2014 Winter
   Olympics"): publication ≤ the start of the date.  Convention: a future year or month named bare
   is usually a *later* one, so the bound is the end of the previous year (month); if stronger
   evidence says otherwise, it relaxes to the end of the named year (month) before it is dropped.

Dates in a hypothetical clause ("if", "unless", "would", "could", "should", "were to") give no
bound, inside quotes or not.  Tense comes from lexical cues in the clause before the date (will,
'll, shall, may, might, "is to", "due/expected/set/planning to", ahead of, upcoming, next) and,
when a parsed `doc` is given, from `tense_from_doc`; a date used as a modifier ("the 2006
poisoning") takes no tense from its clause.

6. **Combining.** Evidence is intersected strongest first; an item that would empty the interval is
   dropped (after trying its relaxed form) and reported with "dropped".  An interval bounded on one
   side only is not a date: the result is then None, with the evidence still returned.

**Event anchors** (`learn_anchors`) are day-, month- or year-precise dates of named happenings
(never future or hypothetical ones: a plan "by 2008" is not a happening)
("The former spy was poisoned on November 2, 2006" → (poison, {Litvinenko, ...}) 2006-11-02).
Kept simple, without a parser: the *event* is the content word nearest the date in its sentence
(stemmed crudely: poisoned/poisoning → poison), with up to six content words either side as
context; the *names* are the capitalised words of the sentence and the one before (titles,
months, demonyms and sentence-initial words not capitalised elsewhere are dropped; possessives
stripped).  A lookup needs a shared event word and a shared name; among matches the one sharing
more names wins, then the narrower date (a precise date from a peer beats this article's
"in 2006" when they agree), then the one seen in more sentences.  Year-precise anchors are kept
too (a coarser contract than "day or month" because a lone "in 2006" is often all an undated
article has); a more precise anchor always wins when both match.

The returned `FuzzyDate` keeps the tight interval; its granularity is the finest calendar unit
that contains it: day, month, year; for an interval across a new year, week when it fits one ISO
week, else decade (so `FuzzyDate.value` prints the interval itself).
"""

from __future__ import annotations

import bisect
import calendar
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from storyline.annotate.timex import find_timexes, fuzzy, tense_from_doc
from storyline.annotate.timex_values import shift
from storyline.records import DateEvidence, FuzzyDate, Granularity, Sentence, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Anchor", "EventAnchors", "infer_published", "learn_anchors", "reanchor"]

# --- strengths: the order in which conflicting evidence is kept (rule 6) --------------------
PHRASE, ARTICLE, PEER, RELATIVE, GAP, PAST_CORROBORATED, RELATIVE_PEER, FUTURE, PAST_SINGLE = (
    8,
    7,
    6,
    5,
    4,
    3,
    2,
    1,
    0,
)

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


# --- event anchors ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Anchor:
    """A dated happening: an event word, the names near it, and the days it covers."""

    event: str  # stem of the content word nearest the date ("poison")
    names: frozenset[str]
    earliest: date
    latest: date
    granularity: Granularity  # day, month or year
    context: frozenset[str] = frozenset()  # stems of other content words near the date
    sources: frozenset[str] = frozenset()  # digests of the sentences it was learned from
    example: str = ""  # the date as written, for reasons

    @property
    def value(self) -> str:
        return FuzzyDate(self.earliest, self.latest, self.granularity).value

    @property
    def width(self) -> int:
        return (self.latest - self.earliest).days


@dataclass(frozen=True)
class EventAnchors:
    """Dated happenings learned across a corpus; frozen and picklable, merge with `+`."""

    anchors: tuple[Anchor, ...] = ()

    def __len__(self) -> int:
        return len(self.anchors)

    def __iter__(self) -> Iterator[Anchor]:
        return iter(self.anchors)

    def __add__(self, other: EventAnchors) -> EventAnchors:
        return EventAnchors(_merge(list(self.anchors) + list(other.anchors)))

    def find(self, events: Iterable[str], names: Iterable[str]) -> list[Anchor]:
        """Anchors sharing an event word (the event or its context) and a name."""
        events, names = set(events), set(names)
        return [a for a in self.anchors if (events & ({a.event} | a.context)) and (names & a.names)]


def _merge(anchors: list[Anchor]) -> tuple[Anchor, ...]:
    groups: dict[tuple, Anchor] = {}
    for a in anchors:
        key = (a.event, a.earliest, a.latest, a.granularity)
        if key in groups:
            g = groups[key]
            groups[key] = Anchor(
                a.event,
                g.names | a.names,
                a.earliest,
                a.latest,
                a.granularity,
                g.context | a.context,
                g.sources | a.sources,
                g.example or a.example,
            )
        else:
            groups[key] = a
    return tuple(groups.values())


def learn_anchors(articles: Iterable[tuple[Any, ...]]) -> EventAnchors:
    """Event anchors from (text, sentences, timexes[, doc]) of dated or undated articles.

    Undated articles count too: "November 2, 2006" needs no anchor.  Timexes resolved against a
    known publication date ("yesterday" in a dated article) give anchors as well.
    """
    found: list[Anchor] = []
    for item in articles:
        text, sentences, timexes = item[0], item[1], item[2]
        doc = item[3] if len(item) > 3 else None
        art = _Article(text, sentences, timexes, doc)
        found.extend(anchor for _, anchor in art.anchors())
    return EventAnchors(_merge(found))


# --- one article's words, names and tenses -----------------------------------------------------
class _Article:
    def __init__(
        self,
        text: str,
        sentences: Sequence[Sentence],
        timexes: Sequence[Timex],
        doc: Doc | None = None,
    ):
        self.text = text
        if not sentences and doc is not None:
            sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents]
        if not sentences:
            sentences = _split_sentences(text)
        self.sentences = _by_line(text, sorted(sentences, key=lambda s: s.start))
        self.starts = [s.start for s in self.sentences]
        self.timexes = sorted(timexes, key=lambda t: t.start)
        self.tense_of = tense_from_doc(doc) if doc is not None else None
        self.tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        self.tok_starts = [t[0] for t in self.tokens]
        in_timex = [False] * len(self.tokens)
        for t in self.timexes:
            lo = bisect.bisect_left(self.tok_starts, t.start)
            hi = bisect.bisect_left(self.tok_starts, t.end)
            for k in range(lo, hi):
                in_timex[k] = True
        self.in_timex = in_timex
        self.initial = [self._is_initial(k) for k in range(len(self.tokens))]
        self.caps_mid = {
            _strip_possessive(w)
            for k, (_, _, w) in enumerate(self.tokens)
            if w[0].isupper() and not self.initial[k]
        }
        self._moods: dict[int, str] = {}

    def _is_initial(self, k: int) -> bool:
        start = self.tokens[k][0]
        i = self.sentence_of(start)
        before = self.text[self.sentences[i].start : start].strip() if i >= 0 else ""
        return not before or before[-1] in _OPENERS

    # sentences
    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1) if self.starts else -1

    def span(self, i: int) -> tuple[int, int]:
        s = self.sentences[i]
        return s.start, s.end

    def digest(self, i: int) -> str:
        s = self.sentences[i]
        return hashlib.sha1(self.text[s.start : s.end].strip().encode()).hexdigest()[:12]

    def token_range(self, start: int, end: int) -> range:
        return range(
            bisect.bisect_left(self.tok_starts, start), bisect.bisect_left(self.tok_starts, end)
        )

    # names and content words
    def is_name(self, k: int) -> bool:
        w = _strip_possessive(self.tokens[k][2])
        if not w[0].isupper() or w.lower() in _NOT_NAMES or w.lower() in _DEMONYMS:
            return False
        if w.isupper() and len(w) > 1:
            return True
        return not self.initial[k] or w in self.caps_mid

    def names(self, start: int, end: int) -> set[str]:
        return {
            _strip_possessive(self.tokens[k][2])
            for k in self.token_range(start, end)
            if self.is_name(k)
        }

    def window_names(self, i: int) -> set[str]:
        """Names in sentence i and the one before it."""
        lo = self.sentences[i - 1].start if i > 0 else self.sentences[i].start
        return self.names(lo, self.sentences[i].end)

    def is_content(self, k: int) -> bool:
        w = self.tokens[k][2]
        return (
            not self.in_timex[k]
            and w[0].isalpha()
            and len(w) > 2
            and w.lower() not in _STOP
            and not self.is_name(k)
            and _ordinal(w) is None
        )

    def content(self, start: int, end: int) -> list[tuple[str, str]]:
        """(stem, word) of the content words in [start, end)."""
        return [
            (_stem(self.tokens[k][2]), self.tokens[k][2])
            for k in self.token_range(start, end)
            if self.is_content(k)
        ]

    def near(
        self, start: int, end: int, k: int = 6, clause: bool = False
    ) -> tuple[list[str], list[str]]:
        """Stems of up to k content words before and after [start, end) in its sentence (or its
        clause: between commas, colons, brackets and dashes), nearest first."""
        s0, s1 = self.span(self.sentence_of(start))
        if clause:
            breaks = [b.end() for b in _CLAUSE_BREAK.finditer(self.text, s0, start)]
            s0 = breaks[-1] if breaks else s0
            nxt = _CLAUSE_BREAK.search(self.text, end, s1)
            s1 = nxt.start() if nxt else s1
        before = [st for st, _ in self.content(s0, start)][::-1][:k]
        after = [st for st, _ in self.content(end, s1)][:k]
        return before, after

    # tense
    def clause_prefix(self, offset: int) -> str:
        """The clause before `offset`: back to a comma, colon, bracket, dash or the sentence start,
        at most eight words."""
        s0, _ = self.span(self.sentence_of(offset))
        prefix = self.text[s0:offset]
        breaks = list(_CLAUSE_BREAK.finditer(prefix))
        if breaks:
            prefix = prefix[breaks[-1].end() :]
        return " ".join(prefix.split()[-8:])

    def is_factbox(self, t: Timex) -> bool:
        line_start = self.text.rfind("\n", 0, t.start) + 1
        lead = self.text[line_start : t.start]
        return (
            not lead.strip(" *•·-–—\t") and re.match(r"\s*[:–—-]", self.text[t.end :]) is not None
        )

    def mood(self, t: Timex) -> str:
        """past, future, hypothetical or unknown: how the text places the date."""
        if t.start not in self._moods:
            self._moods[t.start] = self._mood(t)
        return self._moods[t.start]

    def _mood(self, t: Timex) -> str:
        if self.is_factbox(t):
            return "past"
        prefix = self.clause_prefix(t.start)
        words = prefix.split()
        last = words[-1].lower() if words else ""
        if last == "since" or re.match(r"\s*ago\b", self.text[t.end :]):
            return "past"
        if last in _MODIFIER or last.endswith(("'s", "’s")):  # "the 2006 poisoning"
            return "future" if _FUTURE.search(" ".join(words[-3:])) else "unknown"
        if _HYPOTHETICAL.search(prefix):
            return "hypothetical"
        if _FUTURE.search(prefix):
            return "future"
        if self.tense_of is not None:
            tense = self.tense_of(t.start)
            if tense == "future":
                return "future"
            if tense == "past":
                return "past"
        return "unknown"

    def absolute(self) -> list[Timex]:
        return [
            t
            for t in self.timexes
            if t.earliest is not None and t.latest is not None and t.type in ("DATE", "TIME")
        ]

    # anchors
    def anchors(self) -> list[tuple[int, Anchor]]:
        """(sentence index, anchor) for every day/month/year-precise date in a sentence with a name."""
        out = []
        for t in self.absolute():
            fd = fuzzy(t)
            if fd is None or fd.granularity not in ("day", "month", "year"):
                continue
            if self.mood(t) in ("hypothetical", "future"):  # a plan is not a happening
                continue
            i = self.sentence_of(t.start)
            names = self.window_names(i)
            before, after = self.near(t.start, t.end)
            if not names or not (before or after):
                continue
            prefix = self.clause_prefix(t.start).split()
            modifier = bool(prefix) and (
                prefix[-1].lower() in _MODIFIER or prefix[-1].endswith(("'s", "’s"))
            )
            if modifier and after:
                event = after[0]
            elif before and not _CLAUSE_BREAK.search(self.text[self.span(i)[0] : t.start][-40:]):
                event = before[0]
            else:
                event = (before or after)[0]
            out.append(
                (
                    i,
                    Anchor(
                        event,
                        frozenset(names),
                        fd.earliest,
                        fd.latest,
                        fd.granularity,
                        frozenset(before + after) - {event},
                        frozenset([self.digest(i)]),
                        t.text,
                    ),
                )
            )
        return out


def _by_line(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """Sentences cut at line breaks: a parser's sentence may run from one factbox line into the
    next, and evidence should cite only the line that carries the cue."""
    out = []
    for s in sentences:
        start = s.start
        for m in re.finditer(r"\s*\n\s*", text[s.start : s.end]):
            if text[start : s.start + m.start()].strip():
                out.append(Sentence(start, s.start + m.start()))
            start = s.start + m.end()
        if text[start : s.end].strip():
            out.append(Sentence(start, s.end))
    merged: list[Sentence] = []
    for s in out:  # "June 2009:" alone is a factbox line's head, not a sentence
        prev = merged[-1] if merged else None
        if (
            prev
            and text[prev.start : prev.end].rstrip().endswith(":")
            and "\n" not in text[prev.end : s.start]
        ):
            merged[-1] = Sentence(prev.start, s.end)
        else:
            merged.append(s)
    return merged


def _split_sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for m in re.finditer(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n|\n", text):
        if text[start : m.start()].strip():
            out.append(Sentence(start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append(Sentence(start, len(text.rstrip())))
    return out


# --- evidence items --------------------------------------------------------------------------
@dataclass
class _Item:
    strength: int
    earliest: date | None
    latest: date | None
    sentence: int
    offset: int
    reason: str
    relaxed: tuple[date | None, date | None, str] | None = None
    dropped: bool = False
    kind: str = ""


@dataclass
class _Candidate:
    anchor: Anchor
    strength: int
    overlap: int
    primary: bool
    matched: str = ""
    consistent: bool = True
    extra: dict = field(default_factory=dict)


def _choose(
    art: _Article,
    i: int,
    events: dict[str, str],
    names: set[str],
    peers: EventAnchors | None,
    own: list[tuple[int, Anchor]],
    *,
    allow_same_sentence: bool,
    grain: str = "year",
    strict: set[str] | None = None,
) -> _Candidate | None:
    """The best anchor for a happening described by `events` (stem → word) near `names`.

    `strict` (the content stems of the whole sentence) asks for the same happening, not just the
    same kind: the anchor's own event word must be one of `events`, two names must be shared,
    and one more content word besides the event.  Relative expressions need this: a corpus about
    one company has a dated "Apple ... launched" in every other article.
    """
    digest = art.digest(i)
    cands: list[_Candidate] = []
    order = {"day": 0, "month": 1, "year": 2}

    def consider(a: Anchor, strength: int) -> None:
        if order[a.granularity] > order[grain]:
            return
        if not allow_same_sentence and digest in a.sources:
            return
        shared = set(events) & ({a.event} | a.context)
        overlap = len(names & a.names)
        if strict is not None and (
            a.event not in shared
            or overlap < 2
            or (grain == "day" and len(strict & ({a.event} | a.context)) < 2)
        ):
            return
        if shared and overlap:
            primary = a.event in shared
            matched = events[a.event] if primary else events[sorted(shared)[0]]
            cands.append(_Candidate(a, strength, overlap, primary, matched))

    for j, a in own:
        if allow_same_sentence or j != i:
            consider(a, ARTICLE)
    for a in peers or ():
        consider(a, PEER)
    if not cands:
        return None
    mine = [c.anchor for c in cands if c.strength == ARTICLE]
    for c in cands:  # a peer's date must agree with what this article says about the same thing
        if c.strength == PEER and any(
            c.anchor.latest < m.earliest or c.anchor.earliest > m.latest for m in mine
        ):
            c.consistent = False
    cands.sort(
        key=lambda c: (
            not c.consistent,
            -min(c.overlap, 2),
            not c.primary,
            c.anchor.width,
            -len(c.anchor.sources),
            -c.strength,
        )
    )
    return cands[0]


def _anniversaries(
    art: _Article, peers: EventAnchors | None, own: list[tuple[int, Anchor]]
) -> list[_Item]:
    items = []
    for m in _ANNIVERSARY.finditer(art.text):
        n = _ordinal(m.group("ord") or m.group("cent"))
        if not n:
            continue
        i = art.sentence_of(m.start())
        s1 = art.span(i)[1]
        rest = art.text[m.end() : s1]
        cut = _PHRASE_END.search(rest)
        p0, p1 = m.end(), m.end() + (cut.start() if cut else min(len(rest), 100))
        inside = [
            t
            for t in art.absolute()
            if p0 <= t.start < p1
            and (fd := fuzzy(t))
            and fd.granularity in ("day", "month", "year")
        ]
        if inside:
            fd = fuzzy(inside[0])
            assert fd is not None
            after = art.content(inside[0].end, p1)
            anchor = Anchor(
                after[0][0] if after else "event",
                frozenset(),
                fd.earliest,
                fd.latest,
                fd.granularity,
                example=inside[0].text,
            )
            what, strength = (after[0][1] if after else "event"), PHRASE
        else:
            events = {st: w for st, w in reversed(art.content(p0, p1))}
            names = art.names(p0, p1) | art.window_names(i)
            best = _choose(art, i, events, names, peers, own, allow_same_sentence=True)
            if best is None:
                continue
            anchor, what, strength = best.anchor, best.matched, best.strength
        lead = art.text[art.span(i)[0] : m.start()]
        ahead = bool(_ANNIV_FUTURE.search(lead))
        now_lo, now_hi = shift(anchor.earliest, "year", n), shift(anchor.latest, "year", n)
        if anchor.granularity == "month":  # keep the month whole (29 February and friends)
            now_hi = date(
                now_lo.year, now_lo.month, calendar.monthrange(now_lo.year, now_lo.month)[1]
            )
        if ahead:
            lo, hi = shift(now_lo, "year", -1), now_hi
        elif anchor.granularity == "day":
            lo, hi = now_lo, now_lo + timedelta(days=7)
        else:
            lo, hi = now_lo, now_hi
        now = FuzzyDate(now_lo, now_hi, anchor.granularity).value
        where = {PHRASE: "", ARTICLE: "", PEER: ", from a peer article"}[strength]
        reason = (
            f"{m.group(0).strip()[:-3].strip().lower()} of the {what} "
            f"({anchor.value}{where}) → {now}"
        )
        if ahead:
            reason += ": the anniversary is still ahead, publication within the year before"
        items.append(_Item(strength, lo, hi, i, m.start(), reason, kind="anniversary"))
    return items


def _relatives(
    art: _Article, peers: EventAnchors | None, own: list[tuple[int, Anchor]]
) -> list[_Item]:
    items = []
    for t in art.timexes:
        if t.earliest is not None or t.type not in ("DATE", "TIME"):
            continue
        rel = _relative(t.text)
        if rel is None:
            continue
        unit, k = rel
        i = art.sentence_of(t.start)
        before, after = art.near(t.start, t.end, k=4, clause=True)
        s0, s1 = art.span(i)
        words = {st: w for st, w in reversed(art.content(s0, s1))}
        events = {st: words.get(st, st) for st in before + after}
        grain = {"day": "day", "week": "day", "month": "month", "year": "year"}[unit]
        best = _choose(
            art,
            i,
            events,
            art.names(s0, s1),
            peers,
            own,
            allow_same_sentence=False,
            grain=grain,
            strict=set(words),
        )
        if best is None:
            continue
        a = best.anchor
        if unit == "year":
            if a.earliest.year != a.latest.year:
                continue
            y = a.earliest.year + k
            lo, hi = date(y, 1, 1), date(y, 12, 31)
        elif unit == "month":
            if (a.earliest.year, a.earliest.month) != (a.latest.year, a.latest.month):
                continue
            first = shift(a.earliest.replace(day=1), "month", k)
            lo, hi = (
                first,
                date(first.year, first.month, calendar.monthrange(first.year, first.month)[1]),
            )
        elif unit == "week":
            lo, hi = (
                (a.earliest + timedelta(days=1), a.earliest + timedelta(days=13))
                if k == 1
                else (
                    a.earliest + timedelta(days=7 * k - 6),
                    a.earliest + timedelta(days=7 * k + 6),
                )
            )
        else:
            lo = a.earliest + timedelta(days=k)
            hi = lo + timedelta(days=1)
        now = (
            FuzzyDate(lo, hi, "day" if lo == hi else "month").value
            if unit != "year"
            else str(lo.year)
        )
        if unit in ("day", "week"):
            now = f"{lo.isoformat()}..{hi.isoformat()}"
        src = ", from a peer article" if best.strength == PEER else ""
        reason = f"{t.text!r} next to the {best.matched} ({a.value}{src}) → {now}"
        strength = RELATIVE_PEER if best.strength == PEER else RELATIVE
        items.append(_Item(strength, lo, hi, i, t.start, reason, kind="relative"))
    return items


def _relative(text: str) -> tuple[str, int] | None:
    for pattern, unit, k in _RELATIVE:
        if pattern.fullmatch(text.strip()):
            return unit, k
    if m := _AGO.fullmatch(text.strip()):
        n = _number(m.group("n"))
        if n is not None:
            return m.group("unit").lower(), n
    return None


def _dates(art: _Article) -> list[_Item]:
    """Rules 2 and 4: past mentions give lower bounds, future ones upper bounds."""
    items = []
    past = [t for t in art.absolute() if art.mood(t) in ("past", "unknown")]
    for t in art.absolute():
        mood = art.mood(t)
        fd = fuzzy(t)
        assert fd is not None and t.earliest is not None and t.latest is not None
        i = art.sentence_of(t.start)
        if mood == "hypothetical":
            continue
        if mood == "future":
            if t.earliest == t.latest:
                items.append(
                    _Item(
                        FUTURE,
                        None,
                        t.earliest,
                        i,
                        t.start,
                        f"future reference to {t.text!r} → ≤ {t.earliest}",
                        kind="future",
                    )
                )
                continue
            strict = t.earliest - timedelta(days=1)
            unit = fd.granularity if fd.granularity in ("month", "year") else "period"
            items.append(
                _Item(
                    FUTURE,
                    None,
                    strict,
                    i,
                    t.start,
                    f"future reference to {t.text!r}, taken as a later {unit} → ≤ {strict}",
                    relaxed=(
                        None,
                        t.latest,
                        f"future reference to {t.text!r}, within that {unit} → ≤ {t.latest}",
                    ),
                    kind="future",
                )
            )
            continue
        others = [
            u
            for u in past
            if u.start != t.start and u.earliest and u.earliest.year == t.earliest.year
        ]
        strength = PAST_CORROBORATED if others else PAST_SINGLE
        how = "factbox entry" if art.is_factbox(t) else "past mention of"
        items.append(
            _Item(
                strength,
                t.earliest,
                None,
                i,
                t.start,
                f"{how} {t.text!r} → ≥ {t.earliest}",
                kind="past",
            )
        )
    return items


def _gaps(art: _Article) -> list[_Item]:
    """Rule 3: "the first ... for more than three years" after a dated last occurrence."""
    items = []
    since: list[tuple[Timex, int]] = []
    for t in art.absolute():
        i = art.sentence_of(t.start)
        s0, s1 = art.span(i)
        fd = fuzzy(t)
        if fd is None or fd.granularity not in ("day", "month", "year", "quarter", "week"):
            continue
        if _SINCE.search(art.text[s0:s1]) and art.mood(t) in ("past", "unknown"):
            since.append((t, i))
    for m in _GAP.finditer(art.text):
        i = art.sentence_of(m.start())
        s0, _ = art.span(i)
        if not _GAP_CUE.search(art.text[s0 : m.start()]):
            continue
        n = _number(m.group("n"))
        if not n:
            continue
        unit = m.group("unit").lower().rstrip("s")
        if unit == "decade":
            unit, n = "year", 10 * n
        if m.group("almost"):
            n -= 1
        names = art.window_names(i)
        linked = [(t, j) for t, j in since if art.window_names(j) & names]
        if not linked:
            continue
        last, _ = max(linked, key=lambda tj: (tj[0].earliest, tj[0].start))
        assert last.earliest is not None
        lo = shift(last.earliest, unit, n)
        reason = (
            f"{m.group(0)!r} since {last.text!r} (the latest dated occurrence linked by "
            f"'since') → ≥ {lo}"
        )
        items.append(_Item(GAP, lo, None, i, m.start(), reason, kind="gap"))
    return items


# --- combining -------------------------------------------------------------------------------
def _combine(items: list[_Item]) -> tuple[date | None, date | None]:
    lo: date | None = None
    hi: date | None = None
    for item in sorted(items, key=lambda it: (-it.strength, it.offset)):
        for bounds in ((item.earliest, item.latest, None), item.relaxed):
            if bounds is None:
                continue
            new_lo = max(filter(None, (lo, bounds[0])), default=None)
            new_hi = min(filter(None, (hi, bounds[1])), default=None)
            if new_lo is None or new_hi is None or new_lo <= new_hi:
                lo, hi = new_lo, new_hi
                if bounds[2] is not None:
                    item.earliest, item.latest, item.reason = (
                        bounds[0],
                        bounds[1],
                        (bounds[2] + " (relaxed: stronger evidence puts publication in it)"),
                    )
                break
        else:
            item.dropped = True
            item.reason += " — dropped: conflicts with stronger evidence"
    return lo, hi


def _granularity(lo: date, hi: date) -> Granularity:
    """The finest calendar unit containing [lo, hi] that FuzzyDate.value prints faithfully."""
    if lo == hi:
        return "day"
    if (lo.year, lo.month) == (hi.year, hi.month):
        return "month"
    if lo.year == hi.year:
        return "year"
    if lo.isocalendar()[:2] == hi.isocalendar()[:2]:
        return "week"
    return "decade"


def infer_published(
    text: str,
    sentences: Sequence[Sentence],
    timexes: Sequence[Timex],
    doc: Doc | None = None,
    anchors: EventAnchors | None = None,
) -> tuple[FuzzyDate | None, list[DateEvidence]]:
    """The tightest publication interval the article's evidence supports, and that evidence.

    `timexes` are tagged with anchor=None.  `doc` (the parsed text) only sharpens tense; `anchors`
    are happenings dated by peers (`learn_anchors`).  Returns (None, evidence) when nothing bounds
    the date on both sides, (None, []) when nothing bounds it at all.
    """
    art = _Article(text, sentences, timexes, doc)
    if not art.sentences:
        return None, []
    own = art.anchors()
    items = (
        _anniversaries(art, anchors, own) + _relatives(art, anchors, own) + _gaps(art) + _dates(art)
    )
    if not items:
        return None, []
    lo, hi = _combine(items)
    shown = [
        it
        for it in items
        if it.dropped
        or it.kind in ("anniversary", "relative", "gap")
        or (it.earliest is not None and it.earliest == lo)
        or (it.latest is not None and it.latest == hi)
    ]
    shown.sort(key=lambda it: it.offset)
    evidence = [
        DateEvidence(*art.span(it.sentence), it.earliest, it.latest, it.reason) for it in shown
    ]
    if lo is None or hi is None:
        return None, evidence
    return FuzzyDate(lo, hi, _granularity(lo, hi)), evidence


def reanchor(
    text: str,
    timexes: Sequence[Timex] | None,
    published: FuzzyDate | None,
    tense_of: Callable[[int], str | None] | None = None,
) -> list[Timex]:
    """Timexes normalised against an inferred date, when it is narrow enough to trust.

    An interval of at most 31 days anchors at its earliest day: relative expressions then land
    within that many days of the truth ("yesterday" in seed 001, inferred 2009-11-02..09, becomes
    2009-11-01; the true date is 2009-11-02), so they carry the interval's uncertainty.  A wider
    interval anchors nothing: `timexes` come back as given (tagged with anchor None if None).
    """
    if published is not None and (published.latest - published.earliest).days < 31:
        return find_timexes(text, published.earliest, tense_of=tense_of)
    if timexes is not None:
        return list(timexes)
    return find_timexes(text, None, tense_of=tense_of)
