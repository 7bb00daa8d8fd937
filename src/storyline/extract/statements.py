"""Statements that are events: what someone says they will do, or says another must do.

PLOVER codes the statement, not only the action it is about:

- **intent**: a clause in the future ("will", "would", "is ready to") that a statement verb
  reports ("Nigeria announced that it will withdraw its force from Chad", "Israel will
  evacuate the settlements, a spokesman said") is the speaker's AGREE when the action is
  cooperation, THREATEN when it is material conflict, REJECT when a cooperative action is
  ruled out ("Syria says it will not accept refugees"); the action itself stays planned (an
  offer or promise announced for the future is the AGREE: "GM announced that it will offer
  buyouts").
  Bare "X will ..." with nobody saying so is not one: PETRARCH2's dictionary dropped WILL as a
  verb because it over-coded; a clause already told by a verb of intent ("is ready to host",
  "threatened to") is not told twice;
- **demand**: "X said Y must ..." ("should", "has to", "needs to") is X's REQUEST on Y, when Y is
  a known actor other than X ("Russia said on Tuesday that Sudan must return a helicopter").

The statement is told by its statement verb (CAMEO 01: say, announce, tell ...), happened, and
is dated when it was made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.lexicon.plover import Entry
from storyline.records import EventMention

from .arguments import _child, _clause_chain, _governor
from .cameo import statement_verb
from .modality import future_aux

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .dates import Dater
    from .participants import Participants
    from .triggers import Found

__all__ = ["statements"]

_COOPERATION = frozenset({"verbal-cooperation", "material-cooperation"})
_VERBAL = frozenset({"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
_OBLIGATION = frozenset({"must", "should"})


def statements(
    events: list[tuple[Found, EventMention]],
    sent: Span,
    seen: set[tuple[int, int]],
    parts: Participants,
    dates: Dater,
) -> list[EventMention]:
    """The statement events of a sentence, given the events of its triggers; `seen` holds the
    trigger spans already used (one reading per trigger)."""
    out = []
    for kind, speech, actor, target in [*_intents(events, seen, parts), *_demands(sent, parts)]:
        span = (speech.idx, speech.idx + len(speech))
        if span in seen:
            continue
        seen.add(span)
        date, date_from = dates.date(speech, speech, sent)
        out.append(
            EventMention(
                start=span[0],
                end=span[1],
                sentence_start=sent.start_char,
                sentence_end=sent.start_char + len(sent.text.rstrip()),
                type=kind.type,
                quad=kind.quad,
                status="happened",
                actor_text=actor[0] if actor else None,
                actor=actor[1] if actor else None,
                target_text=target[0] if target else None,
                target=target[1] if target else None,
                date=date,
                date_from=date_from,
            )
        )
    return out


def _intents(events, seen, parts):
    verbal = {h.head.i for h, e in events if e.type in _VERBAL}
    for hit, event in events:
        verb = hit.head if not hit.noun else _governor(hit.head)
        if verb is None or event.type in _VERBAL - {"AGREE"} or not future_aux(verb):
            continue
        if any(t.i in verbal for t in _clause_chain(verb, None)[1:]):
            continue  # already told by its own verb: "is ready to host", "threatened to"
        speech = _speech_verb(verb)
        kind = _intent_type(event)
        if speech is None or kind is None:
            continue
        speaker = _child(speech, "nsubj")
        actor = (event.actor_text, event.actor) if event.actor else (
            parts.entity(speaker) if speaker is not None else None)  # fmt: skip
        target = (event.target_text, event.target)
        if actor is not None and actor[1] is not None and actor[1] == event.target:
            target = None  # "Aer Lingus said it will receive": no one else
        yield kind, speech, actor, target


def _demands(sent: Span, parts: Participants):
    for speech in sent:
        if speech.pos_ != "VERB" or not statement_verb(speech):
            continue
        clause = next((c for c in speech.children if c.dep_ == "ccomp"), None)
        if clause is None or not _obliged(clause):
            continue
        speaker, obliged = _child(speech, "nsubj"), _child(clause, "nsubj", "nsubjpass")
        actor = parts.entity(speaker) if speaker is not None else None
        target = parts.entity(obliged) if obliged is not None else None
        if target is None or not (target[1] or target[0] in parts.agents):
            continue  # "the deal must be approved": no one is asked
        if actor is not None and actor[1] is not None and actor[1] == target[1]:
            continue  # "Britain said it must act": an intention, not a demand
        yield Entry("REQUEST"), speech, actor, target


def _obliged(clause: Token) -> bool:
    """ "Sudan must return", "should", "has to", "needs to"."""
    if any(c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in clause.children):
        return True
    return clause.lemma_ in ("have", "need") and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in clause.children
    )


def _speech_verb(verb: Token) -> Token | None:
    """The statement verb whose reported speech a clause is ("said it will", "X will ..., a
    spokesman said")."""
    node = verb
    for _ in range(5):
        if node.dep_ not in ("ccomp", "conj", "xcomp", "acomp") or node.head is node:
            break
        node = node.head
        if statement_verb(node):
            return node
    # an attribution after the clause, parsed under it: "X will provide ..., the WFP said"
    return next(
        (c for c in node.children if c.dep_ in ("conj", "parataxis") and c.i > verb.i
         and statement_verb(c)),
        None,
    )  # fmt: skip


def _intent_type(event: EventMention) -> Entry | None:
    """What stating a future action is, by what the action is and whether it is ruled out."""
    if event.status not in ("planned", "negated"):
        return None
    cooperative = event.quad in _COOPERATION
    if event.status == "negated":
        return Entry("REJECT") if cooperative else None
    return Entry("AGREE") if cooperative else Entry("THREATEN")
