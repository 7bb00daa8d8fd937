"""The words of a sentence that report an event, each read once.

Verbs are read by the CAMEO dictionary (`storyline.extract.cameo`); a verb it does not list,
or lists only as a statement ("speak to": CAMEO 010), may still be one of storyline's own
(`storyline.lexicon.plover.VERBS`, `VERB_PARTICLES`).  Nouns are storyline's own
(`NOUNS`): PETRARCH2 codes verbs only.  An event noun the verb's pattern used is the same
happening when it is of the same type ("imposed a curfew", "hold talks"): one event, whose
trigger runs from the verb to the noun and whose mode the noun lends when the pattern gave none
("makes first formal extradition request").  Of another type it stays its own event, whose
status the verb governs ("refused demands", "cancelled the visit"), except that a support verb
given an intent code by its noun ("is making his first official visit": MAKE * VISIT [036],
intent to meet) reports only the noun's happening.

An adjective with an infinitive ("ready to contribute") is read like its verb.  Participles used
as adjectives ("the ruling party", "the occupied West Bank"), "according
to" and "going to" (a future) describe, they do not report, and are not read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.lexicon.plover import (
    MODE_WORDS,
    NOUN_NEEDS,
    NOUNS,
    SUPPORT_VERBS,
    VERB_DEFAULTS,
    VERB_PARTICLES,
    VERBS,
    Entry,
)

from .cameo import verb_reading

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["Found", "find_triggers", "is_trigger_verb"]

_NEAR = 4  # a used noun this close after the verb joins its trigger span ("hold talks")
_NOT_REPORTING = frozenset({"amod", "prep", "aux", "auxpass", "compound"})


@dataclass
class Found:
    head: Token
    start: int
    end: int
    entry: Entry
    noun: bool
    code: str | None = None  # the CAMEO code, when the dictionary read it
    reverse: bool = False  # the code is a backward one: the object acts on the subject
    target: int | None = None  # a token the pattern marks as the target
    basis: str = "own"  # what read it: "pattern", "verb", "block" (CAMEO) or "own" (storyline)
    nouns: tuple[int, ...] = ()  # event nouns that are part of this verb's reading


def find_triggers(unit: Span, in_name: Callable[[Token], bool]) -> list[Found]:
    """Every trigger of a sentence (or line), in text order; `in_name` skips words of names."""
    found: list[Found] = []
    consumed: set[int] = set()
    for tok in unit:
        if (tok.pos_ == "VERB" or _intent_adjective(tok)) and tok.dep_ not in _NOT_REPORTING:
            hit = None if in_name(tok) else _verb(tok, consumed)
            if hit is not None:
                found.append(hit)
    for tok in unit:
        if tok.pos_ in ("NOUN", "PROPN") and tok.i not in consumed and not in_name(tok):
            hit = _noun(tok, consumed)
            if hit is not None:
                found.append(hit)
    kept = [f for f in found if not (f.noun and f.head.i in consumed)]
    return sorted(kept, key=lambda f: f.head.i)


def is_trigger_verb(tok: Token) -> bool:
    """Whether a verb reports an event of its own (as against "coincides", "playing a role")."""
    return tok.pos_ == "VERB" and _verb(tok, set()) is not None


def _verb(tok: Token, consumed: set[int]) -> Found | None:
    if _going_to(tok):
        return None
    reading = verb_reading(tok)
    if reading is not None:
        entry = Entry(reading.type, reading.mode or _noun_mode(tok, reading.consumed,
                                                               reading.type))  # fmt: skip
        if (
            reading.code.startswith("03")
            and tok.lemma_.lower() in SUPPORT_VERBS
            and any(_other_event(tok.doc[i], entry) for i in reading.consumed)
        ):
            return None  # "is making his first official visit": the visit is the event
        nouns = tuple(i for i in sorted(reading.consumed) if _same_event(tok.doc[i], entry))
        consumed.update(nouns)
        end = max([reading.end] + [tok.doc[i].idx + len(tok.doc[i]) for i in nouns
                                   if 0 < i - tok.i <= _NEAR])  # fmt: skip
        return Found(tok, tok.idx, end, entry, False, reading.code, reading.reverse,
                     reading.target, reading.basis, nouns)  # fmt: skip
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ in ("prt", "prep") and (lemma, child.lower_) in VERB_PARTICLES:
            end = child.idx + len(child) if child.i == tok.i + 1 else tok.idx + len(tok)
            return Found(tok, tok.idx, end, VERB_PARTICLES[(lemma, child.lower_)], False)
    own = VERBS.get(lemma) or VERB_DEFAULTS.get(lemma)
    if own is not None:
        return Found(tok, tok.idx, tok.idx + len(tok), own, False)
    return None


def _intent_adjective(tok: Token) -> bool:
    """ "is ready to contribute", "is prepared to impose": an adjective with an infinitive,
    read by the dictionary like its verb (READY and PREPARE are intents, CAMEO 030)."""
    return tok.pos_ == "ADJ" and any(
        c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in tok.children
    )


def _going_to(tok: Token) -> bool:
    """ "are going to find": a future, not a journey."""
    return tok.lemma_ == "go" and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in tok.children
    )


def _same_event(noun: Token, entry: Entry) -> bool:
    """Whether an event noun the pattern used is the verb's own happening: the same type
    ("imposed a curfew", "pay a visit").  Of another type it is another happening the verb
    acts on, with its own status ("refused demands", "cancelled the visit", "announced a
    visit")."""
    own = NOUNS.get(_noun_key(noun))
    return own is not None and own.type == entry.type


def _other_event(noun: Token, entry: Entry) -> bool:
    own = NOUNS.get(_noun_key(noun))
    return own is not None and own.type != entry.type


def _noun_mode(tok: Token, used: frozenset[int], kind: str) -> str | None:
    """The mode of an event noun the verb's pattern used, when it is of the same type."""
    for i in sorted(used):
        noun = tok.doc[i]
        entry = NOUNS.get(_noun_key(noun))
        if entry is not None and entry.type == kind and entry.mode:
            return entry.mode
        for child in noun.lefts:
            mode = MODE_WORDS.get(kind, {}).get(child.lemma_.lower())
            if mode:
                return mode
    return None


def _noun_key(tok: Token) -> str:
    return "talks" if tok.lower_ == "talks" else tok.lemma_.lower()


def _noun(tok: Token, consumed: set[int]) -> Found | None:
    key = _noun_key(tok)
    if key == "talk" or key not in NOUNS:
        return None
    entry = NOUNS[key]
    kids = {c.lower_ for c in tok.children}
    if key in NOUN_NEEDS and not kids & NOUN_NEEDS[key]:
        return None
    if key == "call" and kids & {"telephone", "phone"}:
        entry = Entry("CONSULT", "phone")
    start = tok.idx
    for child in tok.lefts:  # "extradition request", "hunger strike", "suicide bombing"
        if child.dep_ in ("compound", "amod", "nmod") and child.i == tok.i - 1:
            mode = MODE_WORDS.get(entry.type, {}).get(child.lemma_.lower())
            if mode:
                entry = Entry(entry.type, mode)
                start = child.idx
                consumed.add(child.i)
    return Found(tok, start, tok.idx + len(tok), entry, True)
