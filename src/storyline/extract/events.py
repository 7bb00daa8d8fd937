"""PLOVER events from one parsed article: trigger, type and mode, actor, target, place, date, status.

`events_from_doc(doc, annotation, published)` reads the spaCy parse of the article's clean text
and the annotation computed from the same Doc (mentions with in-article canonical names, roles,
timexes).  It is pure and per document.

Triggers are verbs and event nouns of the lexicon (`storyline.extract.plover`).  Arguments come
from the dependency parse:

- verbs: nsubj → actor, dobj or a "to/with/against/on/into" object → target; passives swap
  (nsubjpass → target, "by" agent → actor); an infinitive or conjoined verb without a subject
  takes its governor's ("Russia threatened to cut" → Russia); "urge/ask X to" → X.
- nouns: a possessive or a name inside the noun phrase is the actor ("Britain's extradition
  request", "a U.S. offer"), or the target for harm nouns ("Mr Litvinenko's murder"); "by" and
  "from" → actor, "of" → target ("the poisoning of Litvinenko"), "with/to/against/on" → target,
  "between X and Y" → X, Y; a noun without an actor takes the subject of the verb that governs
  it ("Mr Cameron will hold talks").
- coordinated subjects: the first conjunct is the actor; for reciprocal types (AGREE, CONSULT,
  COOPERATE) the second is the target when nothing else is ("Jordan and Britain have agreed").

Names resolve to the overlapping `Mention.canonical`; a demonym or country stands for the state
("the Russian government" → "Russia"); a role with a known holder to the holder; "he/him/his/
she/her" to the most recent PERSON named before it in the article (a deliberately simple rule).

`status`: "refused" when the event is what a refusal governs ("refused to allow"; a refused
*request* or *demand* stays "happened": it was made, and the refusal is its own REJECT event);
"negated" (not/never/no, "failed to", "tried unsuccessfully"); "reported" (under "accused of",
"suspected of", "alleged to", "reportedly"); "planned" (will/would/shall, may/might/could/should,
"is to", plan/intend/hope/threaten/promise/offer to, a purpose infinitive, the content of a
request, or a date after the article's); else "happened".

`date`: a DATE timex attached to the trigger in the parse, else the only DATE timex of the
sentence, else a factbox line's leading date ("May 2007: Britain makes …"), all with
`date_from="sentence"`; else the article's `published` (`date_from="article"`; `date=None`
while the article's date is unknown).  That is for verbs and head nouns.  A *background* noun,
one that is only an argument of another word ("over the murder of", "the anniversary of the
poisoning", "suspected of involvement in the murder", "since Mr Litvinenko's murder", "accepted
an invitation"; `arguments._background`), takes only a date that is syntactically its own ("the
2006 poisoning", "the poisoning … in 2006"; `arguments._owns_timex`), else `date=None,
date_from=None`: it is not happening when the article, or the sentence's main event, is.  One
under "since", "after" or "the anniversary of" is past, so never "planned".

A REJECT whose object is "it"/"this" or a request noun answers the request reported just before
it: the request's actor becomes the rejection's target, and the rejecting actor the request's
target when it had none ("Britain makes first formal extradition request … Russia turns it down").

In-article coreference: a definite CONSULT/visit or CONSULT/meet noun with no participants
("This visit was played as…", "the talks", "the meetings") borrows the actor and target of the
latest earlier event of the same type and mode that has an actor (else a target), so that
generic re-mentions merge with the visit they refer to (`arguments._corefer_generic`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from storyline.annotate.timex import fuzzy
from storyline.records import Annotation, EventMention, FuzzyDate, Mention, Timex

from .arguments import (
    _ASK,
    _INSTITUTIONS,
    _LIGHT_VERBS,
    _REQUEST_NOUNS,
    _answer_requests,
    _background,
    _canonical,
    _child,
    _clause_chain,
    _controller,
    _corefer_generic,
    _governor,
    _in_past_context,
    _lines,
    _owns_timex,
    _strip,
)
from .plover import MODE_WORDS, NOUN_NEEDS, NOUNS, VERB_OBJECTS, VERB_PARTICLES, VERBS, Entry

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["events_from_doc", "events_to_json"]

_REFUSE = frozenset({"refuse", "reject", "deny", "decline", "veto", "rebuff"})
_REPORTED = frozenset({"accuse", "suspect", "allege"})
_PLAN = frozenset(
    [
        "plan",
        "intend",
        "hope",
        "want",
        "expect",
        "aim",
        "prepare",
        "promise",
        "pledge",
        "threaten",
        "offer",
        "vow",
        "agree",
        "decide",
        "propose",
        "seek",
        "try",
        "attempt",
    ]
)
_MODALS = frozenset({"will", "would", "shall", "may", "might", "could", "should", "'ll", "wo"})
_TARGET_PREPS = frozenset({"to", "with", "against", "on", "into", "upon"})
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "himself", "herself"})
_RECIPROCAL = frozenset({"AGREE", "CONSULT", "COOPERATE"})
_HARM = frozenset({"ASSAULT", "COERCE"})
_FUTURE_WORDS = re.compile(r"\b(next|coming|tomorrow|later this|upcoming)\b", re.I)
_OF_IS_ACTOR = frozenset({"REJECT", "CONSULT", "REQUEST", "THREATEN", "PROTEST", "SUPPORT",
                          "AGREE", "RETREAT"})  # fmt: skip
_PREVENT = frozenset({"forbid", "prevent", "block", "bar", "prohibit"})
_NEEDS_ARGUMENT = frozenset(
    ["threat", "warning", "cooperation", "co-operation", "aid", "assistance", "agreement", "deal",
     "criticism", "support"]
)  # fmt: skip
_PLACE_NOUNS = frozenset(
    ["city", "town", "capital", "village", "region", "province", "area", "centre", "center",
     "camp", "district", "hotel", "street"]
)  # fmt: skip
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_ORDER = {"PERSON": 0, "ORG": 1, "GPE": 1, "NORP": 2}


def events_to_json(events: Iterable[EventMention], text: str, doc_id: str) -> list[dict]:
    """One document's events in the shape of `storyline events --json` (actor and target by
    name, since entity ids need a corpus), plus the trigger and the actor and target texts."""
    found = []
    for number, event in enumerate(events, start=1):
        sentence = text[event.sentence_start : event.sentence_end]
        item = event.to_json(text)
        item.update(
            id=f"{doc_id}#e{number}",
            actor={"id": None, "name": event.actor} if event.actor else None,
            target={"id": None, "name": event.target} if event.target else None,
            summary=" ".join(sentence.split()),
            sources=[
                {
                    "article": doc_id,
                    "start": event.sentence_start,
                    "end": event.sentence_end,
                    "sentence": sentence,
                }
            ],
        )
        found.append(item)
    return found


def events_from_doc(
    doc: Doc, annotation: Annotation, published: FuzzyDate | None
) -> list[EventMention]:
    """Every PLOVER event the article reports, in text order."""
    reader = _Reader(doc, annotation, published)
    events: list[EventMention] = []
    for sent in doc.sents:
        for unit in _lines(sent):
            events.extend(reader.sentence(unit))
    return _corefer_generic(_answer_requests(events, doc), doc)


@dataclasses.dataclass
class _Found:
    head: Token
    start: int
    end: int
    entry: Entry
    noun: bool


class _Reader:
    def __init__(self, doc: Doc, annotation: Annotation, published: FuzzyDate | None):
        self.doc = doc
        self.text = doc.text
        self.published = published
        self.mentions = sorted(annotation.mentions, key=lambda m: m.start)
        self.roles = [r for r in annotation.roles if r.holder]
        self.all_timexes = list(annotation.timexes)
        self.timexes = [t for t in annotation.timexes if t.type == "DATE" and fuzzy(t) is not None]

    # -- triggers --------------------------------------------------------------------------

    def sentence(self, sent: Span) -> list[EventMention]:
        self.unit = (sent.start, sent.end)
        found: list[_Found] = []
        consumed: set[int] = set()
        for tok in sent:
            if tok.i in consumed or self._in_name(tok):
                continue
            hit = self._trigger(tok, consumed)
            if hit is not None:
                found.append(hit)
        events = []
        for hit in found:
            if hit.head.i in consumed and not hit.noun:
                continue
            if hit.noun and hit.head.i in consumed:
                continue
            event = self._event(hit, sent)
            if event is not None:
                events.append(event)
        return events

    def _trigger(self, tok: Token, consumed: set[int]) -> _Found | None:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB":
            for child in tok.children:
                if child.dep_ in ("prt", "prep") and (lemma, child.lower_) in VERB_PARTICLES:
                    end = child.idx + len(child) if child.i == tok.i + 1 else tok.idx + len(tok)
                    return _Found(tok, tok.idx, end, VERB_PARTICLES[(lemma, child.lower_)], False)
            if lemma in VERB_OBJECTS:
                nouns, entry = VERB_OBJECTS[lemma]
                for obj in tok.children:
                    if obj.dep_ in ("dobj", "nsubjpass") and (
                        obj.lemma_.lower() in nouns
                        or any(
                            c.lemma_.lower() in nouns for c in obj.children if c.dep_ == "compound"
                        )
                    ):
                        consumed.add(obj.i)
                        return _Found(tok, tok.idx, tok.idx + len(tok), entry, False)
            if lemma in VERBS:
                return _Found(tok, tok.idx, tok.idx + len(tok), VERBS[lemma], False)
            return None
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        key = "talks" if tok.lower_ == "talks" else lemma
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
        return _Found(tok, start, tok.idx + len(tok), entry, True)

    def _in_name(self, tok: Token) -> bool:
        return any(
            m.start <= tok.idx < m.end and m.type not in ("DATE", "NORP", "CARDINAL")
            for m in self.mentions
        )

    # -- one event -------------------------------------------------------------------------

    def _event(self, hit: _Found, sent: Span) -> EventMention | None:
        tok = hit.head
        entry = self._mode(hit)
        gov = _governor(tok) if hit.noun else tok
        if hit.noun:
            actor, target, second = self._noun_args(tok, gov, entry)
        else:
            actor, target, second = self._verb_args(tok, entry)
        if target is None and second is not None and entry.type in _RECIPROCAL:
            target = second
        status = self._status(tok, gov, hit.noun)
        if hit.noun and actor is None and target is None and tok.lemma_.lower() in _NEEDS_ARGUMENT:
            return None  # "security threats", "areas where co-operation is possible"
        if (
            not hit.noun
            and actor is None
            and target is None
            and status != "happened"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        ):
            return None  # an unanchored hypothetical: "all the materials necessary to co-operate"
        if hit.noun and _background(tok):
            own = self._own_timex(tok, sent)
            date, date_from = (fuzzy(own), "sentence") if own is not None else (None, None)
            timex_text = own.text if own is not None else None
            if status == "planned" and _in_past_context(tok):
                status = "happened"  # "since the talks", "the anniversary of the poisoning"
        else:
            date, date_from = self._date(tok, gov, sent)
            timex_text = self._timex_text(tok, sent)
        if status == "happened" and date is not None and self._after_article(date):
            status = "planned"
        if (
            status == "happened"
            and date_from == "sentence"
            and _FUTURE_WORDS.search(timex_text or "")
        ):
            status = "planned"
        return EventMention(
            start=hit.start,
            end=hit.end,
            sentence_start=sent.start_char,
            sentence_end=sent.start_char + len(sent.text.rstrip()),
            type=entry.type,
            quad=entry.quad,
            status=status,
            mode=entry.mode,
            actor_text=actor[0] if actor else None,
            actor=actor[1] if actor else None,
            target_text=target[0] if target else None,
            target=target[1] if target else None,
            location=self._location(tok, gov, hit.noun),
            date=date,
            date_from=date_from,
        )

    def _mode(self, hit: _Found) -> Entry:
        """A refining word beside the trigger sets the mode: "request to extradite", "call for
        the extradition"."""
        entry = hit.entry
        words = MODE_WORDS.get(entry.type)
        if entry.mode or not words:
            return entry
        for child in hit.head.children:
            cands = [child] + [g for g in child.children if child.dep_ == "prep"]
            for cand in cands:
                mode = words.get(cand.lemma_.lower())
                if mode:
                    return Entry(entry.type, mode)
        return entry

    # -- arguments -------------------------------------------------------------------------

    def _verb_args(self, tok: Token, entry: Entry):
        actor = target = second = None
        subj = _child(tok, "nsubj", "csubj")
        passive = _child(tok, "nsubjpass")
        agent = _child(tok, "agent")
        if subj is not None:
            actor = self._entity(subj)
            second = self._second(subj)
        elif agent is not None and _child(agent, "pobj") is not None:
            by = _child(agent, "pobj")
            actor = self._entity(by)
        elif tok.dep_ in ("amod", "acl") and tok.tag_ == "VBN":
            target = self._entity(tok.head)  # "the murdered reporter", "the officer accused of"
        elif passive is None:
            ctrl = _controller(tok)
            if ctrl is not None:
                actor = self._entity(ctrl)
                second = self._second(ctrl)
        if actor is None and passive is None and agent is None and self._first_verb(tok):
            actor = self._leading_name(tok)
        if target is None:
            target = self._verb_target(tok, passive)
        return actor, target, second

    def _verb_target(self, tok: Token, passive: Token | None):
        """The first named candidate, else the first candidate: passive subject, object, a
        to/with/against/on/for object, the subject of a demanded clause ("demanded that the US
        cancel"), or the same of an infinitive ("agreed to provide aid for Romania")."""
        cands = []
        if passive is not None:
            cands.append(self._entity(passive))
        for obj in tok.children:
            if obj.dep_ in ("dobj", "dative"):
                cands.append(self._asker(obj) or self._entity(obj))
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in _TARGET_PREPS | {"for"}:
                pobj = _child(child, "pobj")
                if pobj is not None:
                    cands.append(self._entity(pobj))
        for child in tok.children:
            if child.dep_ == "ccomp" and child.lemma_.lower() not in VERBS:
                subj = _child(child, "nsubj", "nsubjpass")
                if subj is not None:
                    cands.append(self._entity(subj))
            if child.dep_ == "xcomp":
                for obj in child.children:
                    if obj.dep_ in ("dobj", "dative", "prep"):
                        inner = _child(obj, "pobj") if obj.dep_ == "prep" else obj
                        if inner is not None and (
                            obj.dep_ != "prep" or obj.lower_ in _TARGET_PREPS | {"for"}
                        ):
                            cands.append(self._entity(inner))
        cands = [c for c in cands if c is not None]
        return next((c for c in cands if c[1] is not None), cands[0] if cands else None)

    def _noun_args(self, tok: Token, gov: Token | None, entry: Entry):
        actor = target = second = None
        harm = entry.type in _HARM
        for child in tok.children:
            if child.dep_ == "poss" or (
                child.dep_ in ("compound", "amod", "nmod") and self._named(child)
            ):
                found = self._entity(child)
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
                    actor = self._entity(pobj)
                elif prep == "of" and entry.type in _OF_IS_ACTOR and actor is None:
                    actor = self._entity(pobj)  # "the refusal of the British courts"
                elif prep == "of" and target is None:
                    target = self._entity(pobj)
                elif prep == "between":
                    actor = actor or self._entity(pobj)
                    second = self._second(pobj)
                elif prep in _TARGET_PREPS and target is None:
                    target = self._entity(pobj)
        light = gov is not None and gov.lemma_.lower() in _LIGHT_VERBS and tok.dep_ == "dobj"
        during = gov is not None and tok.dep_ == "pobj" and tok.head.lower_ in ("during", "for")
        if actor is None and (light or (during and entry.type == "CONSULT")):
            subj = _child(gov, "nsubj") or _controller(gov)
            if subj is not None and subj.i != tok.i:
                actor = self._entity(subj)
                second = self._second(subj)
        if target is None and light:
            target = self._prep_target(gov)
        return actor, target, second

    def _first_verb(self, tok: Token) -> bool:
        return not any(t.pos_ in ("VERB", "AUX") for t in self.doc[self.unit[0] : tok.i])

    def _leading_name(self, tok: Token):
        """A line's name before its first verb, when the parse lost the subject ("January
        2006: The FSB accuses …" parsed together with the heading above it)."""
        start = self.doc[self.unit[0]].idx
        names = [
            m for m in self.mentions if start <= m.start and m.end <= tok.idx and m.type in _ORDER
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
                return self._entity(child)
            if (
                child.dep_ == "prep"
                and child.lower_ in ("from", "by")
                and _child(child, "pobj") is not None
            ):
                return self._entity(_child(child, "pobj"))
        return None

    def _prep_target(self, tok: Token):
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
                pobj = _child(child, "pobj")
                if pobj is not None:
                    return self._entity(pobj)
        return None

    def _second(self, tok: Token):
        conj = _child(tok, "conj")
        return self._entity(conj) if conj is not None else None

    def _named(self, tok: Token) -> bool:
        return self._mention_at(tok.idx, tok.idx + len(tok)) is not None

    def _entity(self, tok: Token) -> tuple[str, str | None] | None:
        """(text, canonical) of the noun phrase headed by `tok`, or None for nothing usable."""
        if not self.unit[0] <= tok.i < self.unit[1]:
            return None  # the parse crossed a line break: an argument from another line
        if any(t.start <= tok.idx < t.end for t in self.all_timexes):
            return None  # "agreed on Saturday"
        low = tok.lower_
        if low in _PERSON_PRONOUNS:
            person = self._last_person(tok.idx)
            return (tok.text, person) if person else (tok.text, None)
        if tok.pos_ == "PRON" or tok.tag_ in ("WDT", "WP", "WP$"):
            if tok.tag_ in ("WDT", "WP") and tok.head.dep_ == "relcl":
                return self._entity(tok.head.head)
            return None
        mention = self._mention_at(tok.idx, tok.idx + len(tok))
        if mention is not None:
            return _strip(mention.text), _canonical(mention)
        for role in self.roles:
            if role.start <= tok.idx < role.end:
                return self.text[role.start : role.end], role.holder
        appos = _child(tok, "appos")
        if appos is not None:
            found = self._mention_at(appos.idx, appos.idx + len(appos))
            if found is not None and found.type == "PERSON":
                return _strip(found.text), _canonical(found)
        left = tok.left_edge.idx
        best = None
        head = tok.lemma_.lower()
        if head in _INSTITUTIONS or head in _REQUEST_NOUNS or tok.lower_ in _INSTITUTIONS:
            for m in self.mentions:
                if left <= m.start and m.end <= tok.idx and m.type in _ORDER:
                    best = m  # the name closest to the head wins
        if best is not None:
            return _strip(best.text), _canonical(best)
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and _child(of, "pobj") is not None:
            inner = self._entity(_child(of, "pobj"))
            if inner is not None and inner[1] is not None:
                return inner
        span = self.doc[tok.left_edge.i : tok.i + 1]
        words = [t for t in span if t.dep_ not in ("det", "predet")]
        if not words:
            return None
        return self.text[words[0].idx : tok.idx + len(tok)], None

    def _mention_at(self, start: int, end: int) -> Mention | None:
        for m in self.mentions:
            if m.start < end and start < m.end and m.type in _ORDER:
                return m
        return None

    def _last_person(self, before: int) -> str | None:
        last = None
        for m in self.mentions:
            if m.start >= before:
                break
            if m.type == "PERSON":
                last = m.canonical
        return last

    def _location(self, tok: Token, gov: Token | None, noun: bool) -> str | None:
        heads = [tok] + ([gov] if noun and gov is not None else [])
        for head in heads:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "at"):
                    pobj = _child(child, "pobj")
                    if pobj is None:
                        continue
                    m = self._mention_at(pobj.idx, pobj.idx + len(pobj))
                    if m is not None and m.type in _PLACE_TYPES:
                        return m.canonical
                    if pobj.lemma_.lower() not in _PLACE_NOUNS:
                        continue
                    for m in self.mentions:
                        if (
                            m.type in _PLACE_TYPES
                            and pobj.left_edge.idx <= m.start
                            and m.end <= pobj.idx + len(pobj)
                        ):
                            return m.canonical
        return None

    # -- status ----------------------------------------------------------------------------

    def _status(self, tok: Token, gov: Token | None, noun: bool) -> str:
        chain = [t for t in _clause_chain(tok, gov) if self.unit[0] <= t.i < self.unit[1]]
        lemma = tok.lemma_.lower()
        governors = chain[1:] if tok.dep_ != "pobj" else []  # "refused ... in talks in Moscow"
        for head in governors:
            word = head.lemma_.lower()
            if word in _REFUSE | {"refusal", "rejection"} and not (
                noun and lemma in _REQUEST_NOUNS
            ):
                return "refused"
        for head in chain:
            if any(c.dep_ == "neg" for c in head.children):
                return "negated"
            if any(c.lower_ == "unsuccessfully" for c in head.children):
                return "negated"
            if head is not tok and head.lemma_.lower() in _PREVENT | {"fail"}:
                return "negated"
            subj = _child(head, "nsubj", "nsubjpass")
            if subj is not None and subj.left_edge.lower_ in ("no", "not", "neither", "none"):
                return "negated"  # "not a single senior British politician had met"
        if noun and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            return "negated"
        for head in chain:
            if head is not tok and head.lemma_.lower() in _REPORTED:
                return "reported"
            if any(c.lower_ in ("reportedly", "allegedly") for c in head.children):
                return "reported"
        if tok.dep_ in ("nsubj", "nsubjpass") and any(
            c.dep_ == "aux" and c.lower_ in _MODALS for c in tok.head.children
        ):
            return "planned"  # "the talks would lead to agreements"
        for i, head in enumerate(chain):
            if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in head.children):
                return "planned"
            if head is not tok and (
                head.lemma_.lower() in _PLAN | _ASK or head.lower_ in _REQUEST_NOUNS
            ):
                return "planned"  # the content of a request, plan, offer or threat
            if head is not tok and head.lemma_ == "be" and chain[i - 1].dep_ == "xcomp":
                return "planned"  # "is to become"
            if head.dep_ in ("advcl", "acl", "relcl", "xcomp") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in head.children
            ):
                return "planned"  # "an invitation ... to visit Moscow", "in order to meet"
        return "happened"

    # -- date ------------------------------------------------------------------------------

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
                if node.head is node:
                    break
                node = node.head
        return None

    def _date(self, tok: Token, gov: Token | None, sent: Span):
        timex = self._attached(tok, gov, sent)
        if timex is None:
            timex = self._only_clause_timex(tok, gov, sent)
        if timex is None:
            timex = self._line_date(tok)
        if timex is not None:
            return fuzzy(timex), "sentence"
        return self.published, "article"  # None while the article's date is unknown

    def _own_timex(self, tok: Token, sent: Span) -> Timex | None:
        """A DATE that is syntactically a background trigger's own (`_owns_timex`)."""
        for timex in self._sentence_timexes(sent):
            span = self.doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is not None and _owns_timex(tok, span.root):
                return timex
        return None

    def _timex_text(self, tok: Token, sent: Span) -> str | None:
        gov = _governor(tok)
        timex = self._attached(tok, gov, sent) or self._only_clause_timex(tok, gov, sent)
        return timex.text if timex else None

    def _only_clause_timex(self, tok: Token, gov: Token | None, sent: Span) -> Timex | None:
        """The sentence's only DATE, unless it modifies a noun ("the 2006 poisoning") or sits in
        another clause ("as he may be re-elected in 2012")."""
        found = self._sentence_timexes(sent)
        if len(found) != 1:
            return None
        span = self.doc.char_span(found[0].start, found[0].end, alignment_mode="expand")
        if span is None or span.root.dep_ in ("compound", "nummod", "amod", "poss", "nmod"):
            return None
        clause = set(t.i for t in _clause_chain(tok, gov)) | {sent.root.i}
        node = span.root
        for _ in range(8):
            if node.pos_ in ("VERB", "AUX"):
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

    def _after_article(self, date: FuzzyDate) -> bool:
        return self.published is not None and date.earliest > self.published.latest
