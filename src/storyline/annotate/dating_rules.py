"""How `dating` reads one article and turns it into evidence: the machinery behind each rule.

Why a module of its own: `dating` grew past the 800-line limit (STYLE.md).  `dating` keeps the
public API and the combining of evidence (rule 6); this module holds what the rules need:
the evidence strengths, the `Anchor` and `EventAnchors` types (re-exported by `dating`, and
defined here because the rules build anchors while `dating` calls the rules, so defining them
in `dating` would make an import cycle), `_Article` (one article's sentences, words, names and
tenses), anchor lookup (`_choose`) and one function per evidence rule: `_anniversaries`
(rule 1), `_relatives` (rule 5), `_dates` (rules 2 and 4) and `_gaps` (rule 3).  The rules
themselves are described in `dating`'s docstring.  It imports from `dating_words`, never from
`dating`.
"""

from __future__ import annotations

import bisect
import calendar
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from storyline.annotate.dating_words import (
    _ANNIV_FUTURE,
    _ANNIVERSARY,
    _CLAUSE_BREAK,
    _DEMONYMS,
    _FUTURE,
    _GAP,
    _GAP_CUE,
    _HYPOTHETICAL,
    _MODIFIER,
    _NOT_NAMES,
    _OPENERS,
    _PHRASE_END,
    _SINCE,
    _STOP,
    _WORD,
    _number,
    _ordinal,
    _relative,
    _stem,
    _strip_possessive,
)
from storyline.annotate.timex import fuzzy, tense_from_doc
from storyline.annotate.timex_values import shift
from storyline.records import FuzzyDate, Granularity, Sentence, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc

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
