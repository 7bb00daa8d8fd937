"""When an event happened, from the dates its sentence gives.

A DATE timex attached to the trigger in the parse, else the only DATE timex of the sentence in
the trigger's clause, else a factbox line's leading date ("May 2007: Britain makes …"), all with
`date_from="sentence"`; else the article's `published` (`date_from="article"`; `date=None`
while the article's date is unknown).  A date that only bounds a period ("since 2007", "until
2012", "before", "after", "by") is not the date of anything in it: "not a single politician had
met Mr Putin since 2007" reports no meeting in 2007.  A date of another clause is not the
trigger's ("as he may be re-elected in 2012"), except a "when" clause's ("phoned Gordon Brown
when he became Prime Minister in June 2008").  A *background* noun (one that is only an
argument of another word, `arguments._background`) takes only a date that is syntactically its
own ("the 2006 poisoning"; `arguments._owns_timex`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.annotate.timex import fuzzy
from storyline.records import Annotation, FuzzyDate, Timex

from .arguments import _clause_chain, _governor, _owns_timex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Dater"]

_BOUNDS = frozenset({"since", "until", "till", "before", "after", "by"})
_SAME_TIME = frozenset({"when", "while", "whilst"})


def _when(verb: Token) -> bool:
    """A "when" clause: its date is its governor's ("phoned Gordon Brown when he became Prime
    Minister in June 2008")."""
    return verb.dep_ == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in _SAME_TIME for c in verb.children
    )


class Dater:
    """Dates the events of one article from its DATE timexes."""

    def __init__(self, doc: Doc, annotation: Annotation, published: FuzzyDate | None):
        self.doc = doc
        self.text = doc.text
        self.published = published
        self.timexes = [
            t
            for t in annotation.timexes
            if t.type == "DATE" and fuzzy(t) is not None and not self._bound(t)
        ]

    def _bound(self, timex: Timex) -> bool:
        """Whether a date only bounds a period: the object of "since", "until", "before"..."""
        span = self.doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        return root.dep_ == "pobj" and root.head.lower_ in _BOUNDS

    def _sentence_timexes(self, sent: Span) -> list[Timex]:
        return [t for t in self.timexes if sent.start_char <= t.start and t.end <= sent.end_char]

    def _attached(self, tok: Token, gov: Token | None, sent: Span) -> Timex | None:
        anchors = {t.i for t in _clause_chain(tok, gov)[:3]}
        for timex in self._sentence_timexes(sent):
            span = self.doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is None:
                continue
            node = span.root
            for _ in range(3):
                if node.i in anchors:
                    return timex
                if node.head is node or (node.pos_ in ("VERB", "AUX") and not _when(node)):
                    break  # the date of another clause: "as he may be re-elected in 2012"
                node = node.head
        return None

    def date(self, tok: Token, gov: Token | None, sent: Span):
        timex = self._attached(tok, gov, sent)
        if timex is None:
            timex = self._only_clause_timex(tok, gov, sent)
        if timex is None:
            timex = self._line_date(tok)
        if timex is not None:
            return fuzzy(timex), "sentence"
        return self.published, "article"  # None while the article's date is unknown

    def own_timex(self, tok: Token, sent: Span) -> Timex | None:
        """A DATE that is syntactically a background trigger's own (`_owns_timex`)."""
        for timex in self._sentence_timexes(sent):
            span = self.doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is not None and _owns_timex(tok, span.root):
                return timex
        return None

    def timex_text(self, tok: Token, sent: Span) -> str | None:
        gov = _governor(tok)
        timex = self._attached(tok, gov, sent) or self._only_clause_timex(tok, gov, sent)
        return timex.text if timex else None

    def _only_clause_timex(self, tok: Token, gov: Token | None, sent: Span) -> Timex | None:
        """The sentence's only DATE, unless it modifies a noun ("the 2006 poisoning") or sits in
        a clause the trigger is not in ("as he may be re-elected in 2012"; a date of the main
        clause does not date "to meet" inside it)."""
        found = self._sentence_timexes(sent)
        if len(found) != 1:
            return None
        span = self.doc.char_span(found[0].start, found[0].end, alignment_mode="expand")
        if span is None or span.root.dep_ in ("compound", "nummod", "amod", "poss", "nmod"):
            return None
        clause = {t.i for t in _clause_chain(tok, gov)}  # the trigger's clause, up to the root
        node = span.root
        for _ in range(8):
            if node.pos_ in ("VERB", "AUX") and not _when(node):
                return found[0] if node.i in clause else None
            if node.head is node:
                break
            node = node.head
        return found[0]

    def _line_date(self, tok: Token) -> Timex | None:
        """A factbox line's leading date: "May 2007: Britain makes …"."""
        line_start = self.text.rfind("\n", 0, tok.idx) + 1
        for timex in self.timexes:
            if timex.start == line_start and self.text[
                timex.end : timex.end + 2
            ].strip().startswith(":"):
                return timex
        return None

    def after_article(self, date: FuzzyDate) -> bool:
        return self.published is not None and date.earliest > self.published.latest
