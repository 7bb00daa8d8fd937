"""How `dating` reads one article: its sentences, words, names and tenses (`_Article`), and the
dated happenings it names (`Anchor`, `EventAnchors`).

Why a module of its own: the readers and the evidence rules (`dating_rules`) together passed
600 lines.  The anchor types live here, not in `dating`, because the rules build anchors while
`dating` calls the rules (an import cycle otherwise); `dating` re-exports them.  It imports from
`dating_words`, never from `dating` or `dating_rules`.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from storyline.annotate.dating_words import (
    _CLAUSE_BREAK,
    _DEMONYMS,
    _FUTURE,
    _HYPOTHETICAL,
    _MODIFIER,
    _NOT_NAMES,
    _OPENERS,
    _WORD,
    _ordinal,
    _strip_possessive,
)
from storyline.annotate.timex import fuzzy, tense_from_doc
from storyline.lexicon.stopwords import DATING_STOPWORDS as _STOP
from storyline.records import FuzzyDate, Granularity, Sentence, Timex
from storyline.textkit import light_stem as _stem
from storyline.textkit import text_sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc


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
            sentences = [Sentence(a, b) for a, b in text_sentences(text)]
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
