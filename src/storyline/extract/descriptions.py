"""Definite descriptions resolved to the person a nearby sentence names.

"David Miliband's demands that *the man suspected of involvement in the murder of Alexander
Litvinenko* be extradited" names nobody, but two sentences on the article says "Mr Miliband's
efforts to secure *the extradition of* the former security agent and current MP Andrei Lugovoi"
and "Mr Lugovoi is *suspected* of playing a role in the ... poisoning of Mr Litvinenko".

What the article says of a person is the words around each mention of them: the phrase the
name heads or stands in apposition to ("the chief suspect from Russia, former KGB operative
Andrei Lugovoy"), the noun it is "of" ("the extradition of ... Lugovoi"), and the clause it is
the subject of ("Lugovoi is suspected of ...").  A description says the same kinds of things:
its own phrase and the verb it is an argument of ("... be extradited").  Words are compared by
a short stem (lemma, first six letters: "extradition" and "extradited" meet, so do "suspect" and
"suspected").

A definite description ("the"/"this"/"that" + a singular common noun) resolves to the person
with a full name whose mentions within `WINDOW` sentences (not in the description's own
sentence) share the most stems with it besides its head noun (a title alone says too little),
at least `MIN_SHARED`, when no other person shares as many; a person the description itself
names ("... the murder of Alexander Litvinenko") is never its referent.
Only a noun that can stand for a person is read so: "man", "woman", "person", "suspect", or a
noun this article uses as a title before a person's name or as an indefinite description of
them ("former KGB *operative* Andrei Lugovoy", "Mr Litvinenko, a former Russian security
*agent*"); "the Litvinenko case", "the band" are not persons.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from storyline.lexicon.names import COURTESY_TITLES
from storyline.records import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Descriptions", "MIN_SHARED", "WINDOW"]

MIN_SHARED = 2
WINDOW = 5
_DEFINITE = frozenset({"the", "this", "that"})
_CLAUSES = frozenset({"ccomp", "xcomp", "advcl", "conj", "parataxis", "csubj", "relcl", "punct"})
_PERSON_NOUNS = frozenset({"man", "woman", "person", "suspect", "individual"})
_CONTENT = frozenset({"NOUN", "VERB", "ADJ", "PROPN"})
_LIGHT = frozenset({"be", "have", "do", "say", "make", "take", "get", "man", "woman", "person",
                    "people", "one"})  # fmt: skip


def _stem(tok: Token) -> str:
    return tok.lemma_.lower()[:6]


def _stems(tokens, skip: set[int]) -> set[str]:
    return {
        _stem(t)
        for t in tokens
        if t.i not in skip and t.pos_ in _CONTENT and not t.is_stop and t.lemma_.lower() not in
        _LIGHT and t.ent_type_ not in ("PERSON", "DATE", "CARDINAL") and t.lower_.rstrip(".")
        not in COURTESY_TITLES
    }  # fmt: skip


class Descriptions:
    """Resolves definite descriptions of one article to the PERSON mentions near them."""

    def __init__(self, doc: Doc, mentions: list[Mention]):
        self.doc = doc
        self.sentence_of = {}
        for n, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                self.sentence_of[i] = n
        self.said: dict[str, list[tuple[int, set[str]]]] = defaultdict(list)
        self.person_nouns = set(_PERSON_NOUNS)
        for m in mentions:
            if m.type != "PERSON":
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                self.said[m.canonical].append((self.sentence_of[span.root.i], _around(span.root)))
                self.person_nouns.update(_beside(span.root))

    def resolve(self, head: Token, names_inside: set[str]) -> str | None:
        """The canonical name of the person a definite description headed by `head` refers to."""
        if (
            head.pos_ != "NOUN"
            or head.tag_ == "NNS"
            or head.lemma_.lower() not in self.person_nouns
        ):
            return None
        if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children):
            return None
        own = _stems(head.subtree, {head.i}) | _stems([_predicate(head)], set())
        where = self.sentence_of.get(head.i, -1)
        scores = {}
        for person, facts in self.said.items():
            if person in names_inside or " " not in person:
                continue  # a one-word "person" is as often a misread name of something else
            near = [s for n, s in facts if n != where and abs(n - where) <= WINDOW]
            if near:
                scores[person] = len(own & set().union(*near))
        best = sorted(scores.items(), key=lambda kv: -kv[1])
        if not best or best[0][1] < MIN_SHARED or (len(best) > 1 and best[1][1] == best[0][1]):
            return None
        return best[0][0]


def _predicate(tok: Token) -> Token:
    """The verb a noun phrase is an argument of (itself when it is none)."""
    node = tok
    while node.dep_ == "conj" and node.head is not node:
        node = node.head
    if node.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and node.head.pos_ in ("VERB", "AUX"):
        return node.head
    return tok


def _around(name: Token) -> set[str]:
    """What the sentence says of a person named by the phrase whose root is `name`."""
    node = name
    while node.dep_ in ("compound", "appos", "conj") and node.head is not node:
        node = node.head  # "former KGB operative Andrei Lugovoy", "the chief suspect, ... X"
    skip = {t.i for t in name.subtree}
    words = set(_stems(node.subtree, skip)) | set(_stems(name.subtree, set()))
    if node.dep_ == "pobj" and node.head.lower_ == "of":
        owner = node.head.head  # "the extradition of ... Lugovoi"
        words |= _stems([owner, *owner.lefts], skip)
    if node.dep_ in ("nsubj", "nsubjpass"):
        verb = node.head  # "Lugovoi is suspected of playing a role in the poisoning"
        words |= _stems(_clause(verb), skip)
    return words


def _clause(verb: Token) -> list[Token]:
    """A verb with its objects and phrases, not the clauses it governs ("said" is not what
    was said)."""
    out = [verb]
    for child in verb.children:
        if child.dep_ not in _CLAUSES and child.dep_ not in ("nsubj", "nsubjpass"):
            out.extend(child.subtree)
    return out


def _beside(name: Token) -> set[str]:
    """The common nouns an article uses as a person's title or description: a noun right before
    the name ("former KGB *operative* Andrei Lugovoy", "pop *star* Michael Jackson") or an
    indefinite apposition ("Mr Litvinenko, *a* former Russian security *agent*"); not a noun
    the name modifies ("the Litvinenko case") nor a definite apposition, which the parser finds
    between programmes, bands and places and their names as readily as for people."""
    span_start = name.left_edge.i
    titles = {
        c.lemma_.lower()
        for c in name.children
        if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i == span_start - 1
        or c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < name.i
        and all(t.pos_ == "PROPN" for t in name.doc[c.i + 1 : name.i])
    }  # fmt: skip
    described = {
        c.lemma_.lower()
        for c in name.children
        if c.dep_ == "appos" and c.pos_ == "NOUN"
        and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children)
    }  # fmt: skip
    return titles | described
