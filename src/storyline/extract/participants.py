"""Who takes part in an event: actor, target and place from the parse, resolved to entities.

- verbs: nsubj → actor, dobj or a "to/with/against/on/into" object → target; passives swap
  (nsubjpass → target, "by" agent → actor); an infinitive or conjoined verb without a subject
  takes its governor's ("Russia threatened to cut" → Russia); "urge/ask X to" → X; a target the
  CAMEO pattern marks (`(TO +)`) wins.
- nouns: a possessive or a name inside the noun phrase is the actor ("Britain's extradition
  request", "a U.S. offer"), or the target for harm nouns ("Mr Litvinenko's murder"); "by" and
  "from" → actor, "of" → target ("the poisoning of Litvinenko"), "with/to/against/on" → target,
  "between X and Y" → X, Y; a noun without an actor takes the subject of the verb that governs
  it ("Mr Cameron will hold talks").
- coordinated subjects: the first conjunct is the actor; for reciprocal types (AGREE, CONSULT,
  COOPERATE) the second is the target when nothing else is ("Jordan and Britain have agreed").

A phrase resolves to an entity (`Participants.entity`): the overlapping `Mention.canonical`; a
demonym, a country or its government stands for the state ("the Russian government" →
"Russia"); a role with a known holder to the holder, a bare role ("the Foreign Secretary") to
its own words, which the link stage resolves to the holder at the article's date; "he/him/his/
she/her" to the latest person named as a subject in the last few sentences, else the latest
person named (`Participants._last_person`); "it/they"
in reported speech to the speaker ("Syria says it will not accept"); a phrase with a named
owner to the owner ("welcomed President Reagan's statement"); a definite description to the
person a nearby sentence names (`storyline.extract.descriptions`).
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from typing import TYPE_CHECKING

from storyline.lexicon import cameo_verbs
from storyline.lexicon.cameo import key
from storyline.lexicon.plover import Entry
from storyline.records import Annotation, Mention

from .arguments import (
    _INSTITUTIONS,
    _LIGHT_VERBS,
    _REQUEST_NOUNS,
    _canonical,
    _child,
    _controller,
    _strip,
)
from .descriptions import Descriptions

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Participants"]

_TARGET_PREPS = frozenset({"to", "with", "against", "on", "into", "upon"})
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "himself", "herself"})
_GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_HARM = frozenset({"ASSAULT", "COERCE"})
_OF_IS_ACTOR = frozenset({"REJECT", "CONSULT", "REQUEST", "THREATEN", "PROTEST", "SUPPORT",
                          "AGREE", "RETREAT"})  # fmt: skip
_PLACE_NOUNS = frozenset(
    ["city", "town", "capital", "village", "region", "province", "area", "centre", "center",
     "camp", "district", "hotel", "street"]
)  # fmt: skip
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_ORDER = {"PERSON": 0, "ORG": 1, "GPE": 1, "NORP": 2}

Party = tuple[str, "str | None"]  # (the text, the canonical name or None)


class Participants:
    """Resolves the arguments of one article's triggers; `unit` is the sentence (or line) read."""

    def __init__(self, doc: Doc, annotation: Annotation):
        self.doc = doc
        self.text = doc.text
        self.mentions = sorted(annotation.mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self._longest = max((m.end - m.start for m in self.mentions), default=0)
        self.roles = list(annotation.roles)
        self.all_timexes = list(annotation.timexes)
        self._in_timex = frozenset(i for t in self.all_timexes for i in range(t.start, t.end))
        self.descriptions = Descriptions(doc, self.mentions)
        self._pronouns: dict[int, str | None] = {}
        self.agents: set[str] = set()  # phrases headed by a kind of actor ("refugees")
        self.unit = (0, len(doc))

    def verb_args(self, tok: Token, entry: Entry, nouns: tuple[int, ...] = ()):
        """(actor, target, second) of a verb trigger; `nouns` are event nouns that are part
        of its reading ("hold talks with Mr Putin"): their own arguments count as the verb's."""
        actor = target = second = None
        subj = _child(tok, "nsubj", "csubj")
        if subj is None and tok.pos_ == "ADJ" and tok.dep_ == "acomp":
            subj = _child(tok.head, "nsubj")  # "France is ready to contribute"
        passive = _child(tok, "nsubjpass")
        agent = _child(tok, "agent")
        if subj is not None:
            actor = self.entity(subj)
            second = self._second(subj)
        elif agent is not None and _child(agent, "pobj") is not None:
            by = _child(agent, "pobj")
            actor = self.entity(by)
        elif tok.dep_ in ("amod", "acl") and tok.tag_ == "VBN" and passive is None:
            target = self.entity(tok.head)  # "the murdered reporter", "the officer accused of"
        elif passive is None:
            ctrl = _controller(tok)
            if ctrl is not None:
                actor = self.entity(ctrl)
                second = self._second(ctrl)
        if actor is None and passive is None and agent is None and self._lost_subject(tok):
            actor = self._leading_name(tok)
        if target is None:
            target = self._verb_target(tok, passive, nouns)
        if target is None:
            target = self._shared_object(tok)
        for i in nouns:
            n_actor, n_target, n_second = self.noun_args(self.doc[i], tok, entry)
            actor, target = actor or n_actor, target or n_target
            second = second or n_second
        return actor, target, second

    def _shared_object(self, tok: Token):
        """The object a verb shares with the verb conjoined after it: "had met or spoken to
        Mr Putin"."""
        if any(c.dep_ in ("dobj", "dative") for c in tok.children):
            return None
        for conj in tok.children:
            if conj.dep_ == "conj" and conj.pos_ == "VERB" and _child(conj, "nsubj") is None:
                return self._verb_target(conj, _child(conj, "nsubjpass"), ())
        return None

    def _verb_target(self, tok: Token, passive: Token | None, nouns: tuple[int, ...]):
        """The first named candidate, else the first candidate: passive subject, object, a
        to/with/against/on/for object, the subject of a demanded clause ("demanded that the US
        cancel"), or the same of an infinitive ("agreed to provide aid for Romania").  A thing
        is no target when an actor stands in its phrase: "threatened to break relations with
        Russia" → Russia, "rejected a call for peacekeepers in East Timor" → not "call"; a
        kind of actor ("to refugees") comes before a thing ("25,000 tons of food aid")."""
        heads = []
        if passive is not None and passive.i not in nouns:
            heads.append(passive)
        heads += [c for c in tok.children if c.dep_ in ("dobj", "dative") and c.i not in nouns]
        heads += [_child(c, "pobj") for c in tok.children if _target_prep(c)]
        heads += [_child(i, "pobj") for i in (self.doc[n] for n in nouns) for i in i.children
                  if _target_prep(i)]  # fmt: skip
        for child in tok.children:
            if child.dep_ == "ccomp":
                heads.append(_child(child, "nsubj", "nsubjpass"))
            if child.dep_ == "xcomp":
                heads += [c for c in child.children if c.dep_ in ("dobj", "dative")]
                heads += [_child(c, "pobj") for c in child.children if _target_prep(c)]
        heads = [h for h in heads if h is not None]
        cands = [self._asker(h) or self.entity(h) for h in heads]
        inner = [self.entity(p) for h in heads for p in _phrase_objects(h)]
        found = [c for c in cands + inner if c is not None]
        named = [c for c in found if c[1] is not None]
        agents = [c for c in found if c[0] in self.agents]
        plain = [c for c in cands if c is not None]
        return (named or agents or plain or [None])[0]

    def noun_args(self, tok: Token, gov: Token | None, entry: Entry):
        actor = target = second = None
        harm = entry.type in _HARM
        for child in tok.children:
            if child.dep_ == "poss" or (
                child.dep_ in ("compound", "amod", "nmod") and self._named(child)
            ):
                found = self.entity(child)
                if found is None:
                    continue
                if harm:
                    target = target or found
                else:
                    actor = actor or found
            elif child.dep_ == "prep":
                pobj = _child(child, "pobj")
                if pobj is None:
                    continue
                prep = child.lower_
                if prep in ("by", "from") and actor is None:
                    actor = self.entity(pobj)
                elif prep == "of" and entry.type in _OF_IS_ACTOR and actor is None:
                    actor = self.entity(pobj)  # "the refusal of the British courts"
                elif prep == "of" and target is None:
                    target = self.entity(pobj)
                elif prep == "between":
                    actor = actor or self.entity(pobj)
                    second = self._second(pobj)
                elif prep in _TARGET_PREPS and target is None:
                    target = self.entity(pobj)
        light = gov is not None and gov.lemma_.lower() in _LIGHT_VERBS and tok.dep_ == "dobj"
        during = gov is not None and tok.dep_ == "pobj" and tok.head.lower_ in ("during", "for")
        if (actor is None or actor[1] is None) and (light or (during and entry.type == "CONSULT")):
            subj = _child(gov, "nsubj") or _controller(gov)
            found = self.entity(subj) if subj is not None and subj.i != tok.i else None
            if found is not None and (actor is None or found[1] is not None):
                actor, second = found, self._second(subj)  # "Russia renewed their request"
        if target is None and light:
            target = self._prep_target(gov)
        return actor, target, second

    def _lost_subject(self, tok: Token) -> bool:
        """Whether a line's main verb came without its subject: the first verb of the line,
        heading its own parse."""
        if tok.dep_ != "ROOT":
            return False
        return not any(t.pos_ in ("VERB", "AUX") for t in self.doc[self.unit[0] : tok.i])

    def _leading_name(self, tok: Token):
        """A line's name before its first verb, when the parse lost the subject ("January
        2006: The FSB accuses …" parsed together with the heading above it)."""
        start = self.doc[self.unit[0]].idx
        names = [
            m for m in self._starting_in(start, tok.idx) if m.end <= tok.idx and m.type in _ORDER
        ]
        return (_strip(names[-1].text), _canonical(names[-1])) if names else None

    def _asker(self, noun: Token):
        """Who made the request, offer or invitation a verb answers ("accepted an invitation
        from Lavrov", "refuses Foreign Secretary's request")."""
        if noun.lemma_.lower() not in _REQUEST_NOUNS:
            return None
        for child in noun.children:
            if child.dep_ == "poss" or (
                child.dep_ in ("compound", "amod", "nmod") and self._named(child)
            ):
                return self.entity(child)
            if (
                child.dep_ == "prep"
                and child.lower_ in ("from", "by")
                and _child(child, "pobj") is not None
            ):
                return self.entity(_child(child, "pobj"))
        return None

    def _prep_target(self, tok: Token):
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
                pobj = _child(child, "pobj")
                if pobj is not None:
                    return self.entity(pobj)
        return None

    def _second(self, tok: Token):
        conj = _child(tok, "conj")
        return self.entity(conj) if conj is not None else None

    def _named(self, tok: Token) -> bool:
        return self.mention_at(tok.idx, tok.idx + len(tok)) is not None

    def entity(self, tok: Token) -> tuple[str, str | None] | None:
        """(text, canonical) of the noun phrase headed by `tok`, or None for nothing usable."""
        if not self.unit[0] <= tok.i < self.unit[1]:
            return None  # the parse crossed a line break: an argument from another line
        if tok.idx in self._in_timex:
            return None  # "agreed on Saturday"
        low = tok.lower_
        if low in _PERSON_PRONOUNS:
            person = self._last_person(tok)
            return (tok.text, person) if person else (tok.text, None)
        if low in _GROUP_PRONOUNS:
            return tok.text, self._speaker(tok)
        if tok.pos_ == "PRON" or tok.tag_ in ("WDT", "WP", "WP$"):
            if tok.tag_ in ("WDT", "WP") and tok.head.dep_ == "relcl":
                return self.entity(tok.head.head)
            return None
        mention = self.mention_at(tok.idx, tok.idx + len(tok))
        if mention is not None:
            return _strip(mention.text), _canonical(mention)
        for role in self.roles:
            if role.start <= tok.idx < role.end:
                return self.text[role.start : role.end], role.holder  # a bare role: holder None
        found = self._apposed(tok)
        if found is not None:
            return _strip(found.text), _canonical(found)
        owner = _child(tok, "poss")
        if owner is not None and self._named(owner) and tok.lemma_.lower() not in _INSTITUTIONS:
            return self.entity(owner)  # "welcomed President Reagan's statement"
        left = tok.left_edge.idx
        best = None
        head = tok.lemma_.lower()
        if head in _INSTITUTIONS or head in _REQUEST_NOUNS or tok.lower_ in _INSTITUTIONS:
            for m in self._starting_in(left, tok.idx):
                if m.end <= tok.idx and m.type in _ORDER:
                    best = m  # the name closest to the head wins
        if best is not None:
            return _strip(best.text), _canonical(best)
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and _child(of, "pobj") is not None:
            inner = self.entity(_child(of, "pobj"))
            if inner is not None and inner[1] is not None:
                return inner
        span = self.doc[tok.left_edge.i : tok.i + 1]
        words = [t for t in span if t.dep_ not in ("det", "predet")]
        if not words:
            return None
        phrase = self.text[words[0].idx : tok.idx + len(tok)]
        if key(tok.lemma_) in _agent_nouns():
            self.agents.add(phrase)
        return phrase, self._described(tok)

    def _speaker(self, tok: Token) -> str | None:
        """Who "it" or "they" is in reported speech: the named subject of the statement verb
        the pronoun's clause reports ("Syria says it will not accept", "Nigeria announced that
        it will withdraw")."""
        node = tok.head
        for _ in range(4):
            if node.dep_ not in ("ccomp", "conj", "xcomp", "advcl") or node.head is node:
                return None
            node = node.head
            subj = _child(node, "nsubj")
            if subj is not None and subj.lower_ not in _GROUP_PRONOUNS:
                found = self.entity(subj)
                return found[1] if found else None
        return None

    def _apposed(self, tok: Token) -> Mention | None:
        """A person named in apposition to a phrase: "Mr Litvinenko's widow, Marina", "the
        former security agent and current MP Andrei Lugovoi" (not a name that only modifies
        the head: "Litvinenko suspect")."""
        frontier = [tok]
        for hop in range(3):
            deps = ("appos", "conj") if hop == 0 else ("appos", "conj", "compound")
            frontier = [c for t in frontier for c in t.children if c.dep_ in deps]
            for near in frontier:
                found = self.mention_at(near.idx, near.idx + len(near))
                if found is not None and found.type == "PERSON":
                    return found
        return None

    def _described(self, tok: Token) -> str | None:
        """The person a definite description names elsewhere in the article, if any."""
        end = tok.right_edge.idx + len(tok.right_edge)
        inside = {m.canonical for m in self._starting_in(tok.left_edge.idx, end)}
        return self.descriptions.resolve(tok, inside)

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The first mention (in text order) overlapping [start, end)."""
        for m in self._starting_in(start - self._longest, end):
            if start < m.end and m.type in _ORDER:
                return m
        return None

    def _starting_in(self, low: int, high: int) -> list[Mention]:
        """The mentions starting in [low, high), in text order: a bisection, not a scan of the
        article's mentions for every argument (a long article has thousands)."""
        return self.mentions[bisect_left(self._starts, low) : bisect_left(self._starts, high)]

    def _last_person(self, pronoun: Token) -> str | None:
        """Who "he" or "she" is: the latest person named as a subject in this sentence (before
        the pronoun) or the three before it, else the latest person named at all.  Subjects
        first, as in centering and Hobbs's search: in "... the polonium poisoning of Alexander
        Litvinenko. 'He is not going in order to reset the relationship'", he is the Foreign
        Secretary the article is about, not Litvinenko.  An earlier "he" that was a subject
        counts as a mention of whom it was resolved to."""
        if pronoun.i in self._pronouns:
            return self._pronouns[pronoun.i]
        here = pronoun.sent.start
        window = self.doc[max(0, here - 1)].sent if here else pronoun.sent
        for _ in range(2):
            window = self.doc[max(0, window.start - 1)].sent if window.start else window
        before = [p for p in self.persons if p[0] < pronoun.idx]
        subjects = [p for p in before if p[2] and p[0] >= window.start_char]
        # an earlier "he" that was a subject stands for whom it was resolved to
        for earlier in self.doc[window.start : pronoun.i]:
            if earlier.lower_ in ("he", "she") and earlier.dep_ in _SUBJECTS:
                found = self._last_person(earlier)
                if found is not None:
                    subjects.append((earlier.idx, found, True))
        subjects.sort()
        pick = subjects[-1] if subjects else (before[-1] if before else None)
        self._pronouns[pronoun.i] = pick[1] if pick else None
        return self._pronouns[pronoun.i]

    @functools.cached_property
    def persons(self) -> list[tuple[int, str, bool]]:
        """(start, canonical, is a subject) of every PERSON mention, in text order."""
        out = []
        for m in self.mentions:
            if m.type != "PERSON":
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            node = span.root if span is not None else None
            while node is not None and node.dep_ in ("compound", "appos", "flat", "conj"):
                node = node.head
            out.append((m.start, m.canonical, node is not None and node.dep_ in _SUBJECTS))
        return out

    def location(self, tok: Token, gov: Token | None, noun: bool) -> str | None:
        heads = [tok] + ([gov] if noun and gov is not None else [])
        for head in heads:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "at"):
                    pobj = _child(child, "pobj")
                    if pobj is None:
                        continue
                    m = self.mention_at(pobj.idx, pobj.idx + len(pobj))
                    if m is not None and m.type in _PLACE_TYPES:
                        return m.canonical
                    if pobj.lemma_.lower() not in _PLACE_NOUNS:
                        continue
                    end = pobj.idx + len(pobj)
                    for m in self._starting_in(pobj.left_edge.idx, end):
                        if m.type in _PLACE_TYPES and m.end <= end:
                            return m.canonical
        return None


_AGENT_SYNSETS = ("PEOPLE", "REFUGEE", "MILITARY", "OPPOSITION", "LEADER", "HOSTAGE",
                  "NEGOTIATOR", "SUSPECT", "PKO")  # fmt: skip


@functools.lru_cache(maxsize=1)
def _agent_nouns() -> frozenset[str]:
    """Nouns for kinds of actors: the CAMEO dictionary's actor synsets (&PEOPLE, &REFUGEE,
    &MILITARY, &OPPOSITION, &LEADER, ...) and storyline's institutions ("government",
    "police")."""
    synsets = cameo_verbs().synsets
    words = {w for name in _AGENT_SYNSETS for phrase in synsets.get(name, ()) for w in phrase[-1]}
    return frozenset(words | {key(w) for w in _INSTITUTIONS})


def _target_prep(tok: Token) -> bool:
    return tok.dep_ == "prep" and tok.lower_ in _TARGET_PREPS | {"for"}


def _phrase_objects(head: Token) -> list[Token]:
    """The objects of the prepositional phrases inside a noun phrase, nearest first ("relations
    with Russia", "assistance to the US-led war", "support from the Assembly")."""
    out = []
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in _TARGET_PREPS | {"for", "from", "between"}:
            pobj = _child(child, "pobj")
            if pobj is not None:
                out.append(pobj)
                out.extend(_phrase_objects(pobj))
    return out
