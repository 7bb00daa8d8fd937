"""Parse helpers shared by event extraction: word lists, how a trigger sits in its sentence
(governing verb, controller, clause chain, background argument, owned date), and the in-article
passes that link events to each other (a rejection to the request it answers; a generic "the
visit" to the visit named before it).

See `storyline.extract.events` for the rules these implement.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from storyline.annotate.names import canonical_country, country_of_demonym
from storyline.lexicon.plover import LIGHT_VERBS as _LIGHT_VERBS
from storyline.records import EventMention, Mention

from .triggers import is_trigger_verb

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_ASK = frozenset({"urge", "ask", "press", "pressure", "invite", "persuade", "force", "call",
                  "demand", "request", "appeal"})  # fmt: skip
_REQUEST_NOUNS = frozenset({"request", "demand", "call", "appeal", "plea", "invitation",
                            "offer", "proposal"})  # fmt: skip
_GOV_PREPS = frozenset({"during", "for", "on", "in", "at"})
# Heads for which a name modifier stands for the actor itself: "the Russian government" is
# Russia, "a Russian dissident" is not.
_INSTITUTIONS = frozenset(
    [
        "government",
        "authority",
        "official",
        "police",
        "force",
        "troop",
        "army",
        "ministry",
        "minister",
        "prosecutor",
        "diplomat",
        "side",
        "court",
        "parliament",
        "military",
        "regime",
        "state",
        "leader",
        "leadership",
        "delegation",
        "embassy",
        "navy",
        "soldier",
        "negotiator",
        "politician",
        "spokesman",
        "spokeswoman",
        "administration",
        "cabinet",
        "intelligence",
        "service",
        "agency",
        "office",
        "council",
    ]
)


def _lines(sent: Span) -> list[Span]:
    """A sentence cut at line breaks: spaCy glues an unpunctuated heading or standfirst to the
    next paragraph, and a factbox line's date belongs to that line only."""
    cuts = (
        [sent.start] + [t.i + 1 for t in sent if "\n" in t.text and t.i + 1 < sent.end] + [sent.end]
    )
    units = [sent.doc[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if b > a]
    return [u for u in units if u.text.strip()]


def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _governor(tok: Token) -> Token | None:
    """The verb whose clause a noun trigger is an argument of: its object ("hold talks"), its
    passive subject or predicate, or the object of a during/for/on/in/at phrase ("during a
    visit"); None for nouns inside other noun phrases ("the anniversary of the poisoning")."""
    node = tok
    while node.dep_ == "conj" and node.head is not node:
        node = node.head
    head = node.head
    if node.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
        return head
    if node.dep_ == "pobj" and head.lower_ in _GOV_PREPS and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return None


def _controller(tok: Token) -> Token | None:
    """The subject an infinitive or conjoined verb shares: "Russia threatened to cut" → Russia."""
    node = tok
    for _ in range(4):
        if (
            node.dep_ not in ("xcomp", "conj", "advcl", "ccomp", "acl", "relcl")
            or node.head is node
        ):
            return None
        if node.dep_ == "relcl" and not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in node.children
        ):
            return None
        head = node.head
        if node.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN"):
            # "the first senior British politician to speak to" → whoever that politician is
            if head.dep_ in ("attr", "oprd"):
                return _child(head.head, "nsubj") or _controller(head.head)
            return head if head.lemma_.lower() not in _REQUEST_NOUNS else None
        if node.dep_ == "xcomp" and head.lemma_.lower() in _ASK:
            obj = _child(head, "dobj")
            if obj is not None:
                return obj
        subj = _child(head, "nsubj") or _child(head, "nsubjpass") if node.dep_ != "ccomp" else None
        if subj is not None:
            return subj
        node = head
    return None


def _clause_chain(tok: Token, gov: Token | None) -> list[Token]:
    """The trigger, its governing verb, and the words that govern that verb through
    complements and request nouns ("refused to allow", "request to extradite", "call for the
    extradition"); each token's own `dep_` says how it attaches to the next."""
    chain = [tok]
    node = tok
    if gov is not None and gov is not tok:
        chain.append(gov)
        node = gov
    for _ in range(3):
        dep = node.dep_
        head = node.head
        if head is node:
            break
        if dep == "prep" or (dep in ("pobj", "pcomp") and head.lower_ in ("for", "of")):
            chain.append(head)  # through "call for", "request for", "refusal of"
            node = head
            continue
        if dep == "relcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            chain.append(head)  # "the first politician to speak to" → "will become"
            node = head
            continue
        if dep not in ("xcomp", "ccomp", "acl", "advcl", "dobj", "nsubjpass", "pcomp", "attr"):
            break
        chain.append(head)
        node = head
    return [t for t in chain if t.dep_ != "prep" or t is tok] if len(chain) > 1 else chain


def _canonical(mention: Mention) -> str:
    if mention.type == "NORP":
        return country_of_demonym(mention.text) or mention.canonical
    if mention.type == "GPE":
        return (
            canonical_country(mention.canonical)
            or canonical_country(mention.text)
            or mention.canonical
        )
    return mention.canonical


def _strip(text: str) -> str:
    return re.sub(r"['’]s?$", "", text).strip()


def _answer_requests(events: list[EventMention], doc: Doc) -> list[EventMention]:
    """Link a rejection to the request it answers (see the module docstring)."""
    out = list(events)
    for i, event in enumerate(out):
        if event.type != "REJECT" or event.target is not None:
            continue
        tok = doc.char_span(event.start, event.end, alignment_mode="expand")
        if tok is None:
            continue
        obj = _child(tok.root, "dobj", "nsubjpass")
        pronoun = obj is not None and obj.lower_ in ("it", "this", "them", "these")
        earlier = [j for j in range(i - 1, -1, -1) if out[j].sentence_start == event.sentence_start]
        for j in earlier + list(range(min(earlier, default=i) - 1, max(-1, i - 4), -1)):
            request = out[j]
            same = request.sentence_start == event.sentence_start
            if request.type == "REQUEST" and request.actor is not None and (pronoun or same):
                out[i] = dataclasses.replace(event, target=request.actor,
                                             target_text=request.actor_text)  # fmt: skip
                if request.target is None and event.actor is not None:
                    out[j] = dataclasses.replace(request, target=event.actor,
                                                 target_text=event.actor_text)  # fmt: skip
                break
    return out


# -- background nominal events ---------------------------------------------------------------

_PAST_PREPS = frozenset({"since", "after", "following"})
_PAST_NOUNS = frozenset({"anniversary", "aftermath", "wake"})


def _background(tok: Token) -> bool:
    """Whether a nominal trigger is only the background argument of another word: the object
    of a preposition ("over the murder of", "anniversary of the poisoning", "since Mr
    Litvinenko's murder", "involvement in the murder"), the object of a verb other than a light
    verb ("criticised the trip", "accepted an invitation"), the passive subject of an event verb
    ("requests were denied"), or a modifier of another noun.  Not background (a head nominal
    trigger): a subject, a predicate ("was the highest-ranking visit"), the object of a light
    verb ("hold talks", "makes a request"), the logical subject of a non-event passive
    ("exemplified by Miliband's warning"), and a during/for/on/in/at phrase of an event verb, a
    light verb or "be" ("refused … in talks", "hold talks during a visit", "travel … for
    meetings"), which happens when that clause does."""
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    dep, head = node.dep_, node.head
    if dep in ("pobj", "pcomp"):
        word = head.head
        if head.dep_ == "agent":
            return is_trigger_verb(word)
        return not (
            head.lower_ in _GOV_PREPS
            and word.pos_ in ("VERB", "AUX")
            and (word.pos_ == "AUX" or word.lemma_ == "be" or _light_or_event(word))
        )
    if dep in ("dobj", "dative"):
        return not (head.pos_ == "AUX" or head.lemma_.lower() in _LIGHT_VERBS)
    if dep == "nsubjpass":
        return is_trigger_verb(head)
    return dep in ("compound", "nmod", "poss")


def _light_or_event(verb: Token) -> bool:
    return verb.lemma_.lower() in _LIGHT_VERBS or is_trigger_verb(verb)


def _in_past_context(tok: Token) -> bool:
    """Whether a trigger is past by its context: "since X", "after X", "the anniversary of X"
    happened before the clause they modify."""
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ not in ("pobj", "pcomp"):
        return False
    prep = node.head
    return prep.lower_ in _PAST_PREPS or (
        prep.lower_ == "of" and prep.head.lemma_.lower() in _PAST_NOUNS
    )


def _owns_timex(tok: Token, root: Token) -> bool:
    """Whether the date whose parse root is `root` is syntactically the trigger's own: inside
    its phrase with no verb between ("the 2006 poisoning", "the poisoning … in 2006"), or an
    "in <date>" beside the "in <trigger>" phrase of a non-event word ("playing a role in the
    poisoning of Mr Litvinenko … in 2006")."""
    node = root
    for _ in range(8):
        if node.head.i == node.i:
            break
        node = node.head
        if node.i == tok.i:
            return True
        if node.pos_ in ("VERB", "AUX"):
            break
    owner = tok
    while owner.dep_ == "conj" and owner.head.i != owner.i:
        owner = owner.head
    prep = owner.head
    if owner.dep_ != "pobj" or prep.lower_ != "in" or prep.head.i == prep.i:
        return False
    word = prep.head
    if word.pos_ == "VERB" and is_trigger_verb(word):
        return False
    beside = root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.i == word.i
    return (beside or (root.dep_ == "npadvmod" and root.head.i == word.i)) and root.i > tok.i


# -- in-article event coreference --------------------------------------------------------------

_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_GENERIC_MODES = frozenset({"visit", "meet"})


def _corefer_generic(events: list[EventMention], doc: Doc) -> list[EventMention]:
    """A definite CONSULT/visit or CONSULT/meet noun with no participants ("This visit was
    played as…", "the talks", "the meetings") is taken to be the same happening as the latest
    event before it in the article with the same type and mode and an actor (else with a
    target), and borrows that event's actor and target, so the two merge downstream; with no
    modality of its own it also takes that event's status ("stress the visit does not signal"
    is the planned visit).  A simple
    recency rule: no check that the antecedent is the visit the article is about."""
    out = list(events)
    for i, event in enumerate(out):
        if (
            event.type != "CONSULT"
            or event.mode not in _GENERIC_MODES
            or event.actor is not None
            or event.target is not None
        ):
            continue
        span = doc.char_span(event.start, event.end, alignment_mode="expand")
        if span is None or span.root.pos_ not in ("NOUN", "PROPN"):
            continue
        if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in span.root.children):
            continue
        before = [e for e in out[:i] if (e.type, e.mode) == (event.type, event.mode)]
        source = next((e for e in reversed(before) if e.actor is not None), None) or next(
            (e for e in reversed(before) if e.target is not None), None
        )
        if source is not None:
            state = source.status if event.status == "happened" else event.status
            out[i] = dataclasses.replace(event, actor=source.actor, actor_text=source.actor_text,
                                         target=source.target, target_text=source.target_text,
                                         status=state)  # fmt: skip
    return out
