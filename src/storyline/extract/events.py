"""PLOVER events from one parsed article: trigger, type and mode, actor, target, place, date, status.

`events_from_doc(doc, annotation, published)` reads the spaCy parse of the article's clean text
and the annotation computed from the same Doc (mentions with in-article canonical names, roles,
timexes).  It is pure and per document.  Each step has its own module:

- triggers (`triggers`, `cameo`): verbs read by PETRARCH2's CAMEO dictionary through the PLOVER
  crosswalk, storyline's own event nouns and the few verbs the dictionary lacks;
- participants (`participants`, `descriptions`): actor, target and place from the parse,
  resolved to entities, roles, governments and described persons;
- status (`modality`): happened, planned, hypothetical, refused, negated or reported;
- date (`dates`): a date of the trigger's clause, else the article's.

A verb the dictionary reads only by its block's default code (it is in the block as "close
enough" to its verbs, with no code or pattern of its own: "take", "go", "mark") is an event only
between a known actor and a known target (a named entity, a role holder, or a kind of actor the
dictionary's synsets name: "refugees", "troops"), as PETRARCH2 codes only dyads its actor and
agent dictionaries know; "the US President took office", "differences would not go away" are not events.

One sentence gives one reading per trigger.  Besides the events of its triggers, a sentence may
report a statement that is itself an event, as PLOVER codes it (`statements`): a stated future
action is an AGREE, THREATEN or REJECT ("Nigeria announced that it will withdraw its force"),
and "X said Y must ..." is X's demand on Y.

A background noun ("over the murder of", "the anniversary of the poisoning") is not happening
when its sentence is: it takes only a date of its own, and one under "since", "after" or "the
anniversary of" is past, so never planned.  A date after the article's, or "next week", makes a
happening planned.

In-article links: a REJECT whose object is "it"/"this" or a request noun answers the request
reported just before it (`arguments._answer_requests`); a definite "the visit"/"the talks"
borrows the participants of the latest such event before it (`arguments._corefer_generic`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from storyline.annotate.timex import fuzzy
from storyline.engine.isolation import step
from storyline.lexicon.plover import MODE_WORDS, Entry
from storyline.records import Annotation, EventMention, FuzzyDate, ToAnnotate

from .arguments import (
    _answer_requests,
    _background,
    _corefer_generic,
    _governor,
    _in_past_context,
    _lines,
)
from .dates import Dater
from .modality import status
from .participants import Participants
from .statements import statements
from .triggers import Found, find_triggers

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["events_from_doc", "events_to_json", "with_events"]

_RECIPROCAL = frozenset({"AGREE", "CONSULT", "COOPERATE"})
_FUTURE_WORDS = re.compile(r"\b(next|coming|tomorrow|later this|upcoming)\b", re.I)
_NEEDS_ARGUMENT = frozenset(
    ["threat", "warning", "cooperation", "co-operation", "aid", "assistance", "agreement", "deal",
     "criticism", "support"]
)  # fmt: skip


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


def with_events(item: ToAnnotate, doc: Doc, annotation: Annotation) -> Annotation:
    """The annotation with the events its article reports: the `extend` of `AnnotateStage`.

    An event told as news is dated by its article (`date_from="article"`), whose date may only
    be known later, once an undated article's date is inferred; a background event ("over the
    murder of ...") with no date of its own stays undated.  A failure here is named "extract".
    """
    with step("extract"):
        events = tuple(events_from_doc(doc, annotation, item.published))
    return dataclasses.replace(annotation, events=events)


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


class _Reader:
    def __init__(self, doc: Doc, annotation: Annotation, published: FuzzyDate | None):
        self.doc = doc
        self.published = published
        self.parts = Participants(doc, annotation)
        self.dates = Dater(doc, annotation, published)
        self.in_names = set()
        for m in annotation.mentions:
            if m.type not in ("DATE", "NORP", "CARDINAL"):
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                self.in_names.update(range(span.start, span.end) if span is not None else ())

    def sentence(self, sent: Span) -> list[EventMention]:
        self.parts.unit = (sent.start, sent.end)
        found = find_triggers(sent, self._in_name)
        events, seen = [], set()
        for hit in found:
            event = self._event(hit, sent)
            if event is not None and (event.start, event.end) not in seen:
                seen.add((event.start, event.end))
                events.append((hit, event))
        said = statements(events, sent, seen, self.parts, self.dates)
        return sorted([e for _, e in events] + said, key=lambda e: (e.start, e.end))

    def _in_name(self, tok: Token) -> bool:
        return tok.i in self.in_names

    # -- one event -------------------------------------------------------------------------

    def _event(self, hit: Found, sent: Span) -> EventMention | None:
        tok = hit.head
        entry = self._mode(hit)
        gov = _governor(tok) if hit.noun else tok
        if hit.noun:
            actor, target, second = self.parts.noun_args(tok, gov, entry)
        else:
            actor, target, second = self.parts.verb_args(tok, entry, hit.nouns)
        if hit.target is not None:
            target = self.parts.entity(self.doc[hit.target]) or target
        if (target is None or target[1] is None) and second and entry.type in _RECIPROCAL:
            target = second  # "Jordan and Britain have agreed to undertake exercises"
        if hit.reverse:
            actor, target = target, actor
        if hit.basis == "block" and not (self._known(actor) and self._known(target)):
            return None  # a block's default reading needs a known actor and target
        state = status(tok, gov, hit.noun, (sent.start, sent.end))
        if hit.noun and actor is None and target is None and tok.lemma_.lower() in _NEEDS_ARGUMENT:
            return None  # "security threats", "areas where co-operation is possible"
        if (
            not hit.noun
            and actor is None
            and target is None
            and state != "happened"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        ):
            return None  # an unanchored hypothetical: "all the materials necessary to co-operate"
        if hit.noun and _background(tok):
            own = self.dates.own_timex(tok, sent)
            date, date_from = (fuzzy(own), "sentence") if own is not None else (None, None)
            timex_text = own.text if own is not None else None
            if state == "planned" and _in_past_context(tok):
                state = "happened"  # "since the talks", "the anniversary of the poisoning"
        else:
            date, date_from = self.dates.date(tok, gov, sent)
            timex_text = self.dates.timex_text(tok, sent)
        if state == "happened" and date is not None and self.dates.after_article(date):
            state = "planned"
        if (
            state == "happened"
            and date_from == "sentence"
            and _FUTURE_WORDS.search(timex_text or "")
        ):
            state = "planned"
        return EventMention(
            start=hit.start,
            end=hit.end,
            sentence_start=sent.start_char,
            sentence_end=sent.start_char + len(sent.text.rstrip()),
            type=entry.type,
            quad=entry.quad,
            status=state,
            mode=entry.mode,
            actor_text=actor[0] if actor else None,
            actor=actor[1] if actor else None,
            target_text=target[0] if target else None,
            target=target[1] if target else None,
            location=self.parts.location(tok, gov, hit.noun),
            date=date,
            date_from=date_from,
        )

    def _known(self, party) -> bool:
        """A participant PETRARCH2 would code: a named entity, a role holder, or a kind of
        actor its dictionaries know ("refugees", "troops", "the government")."""
        return bool(party) and (party[1] is not None or party[0] in self.parts.agents)

    def _mode(self, hit: Found) -> Entry:
        """A refining word beside the trigger sets the mode: "request to extradite", "call for
        the extradition"; for a rejection, a word of what it rejects ("refuses ... request to
        extradite").  Such a word names what was asked or refused, so it wins over the general
        mode of the CAMEO code ("decline to yield")."""
        entry = hit.entry
        words = MODE_WORDS.get(entry.type)
        if not words or (entry.mode and hit.basis == "own"):
            return entry
        for child in hit.head.children:
            cands = [child] + [g for g in child.children if child.dep_ == "prep"]
            if entry.type == "REJECT" and child.dep_ in ("dobj", "nsubjpass"):
                cands = list(child.subtree)
            for cand in cands:
                mode = words.get(cand.lemma_.lower())
                if mode:
                    return Entry(entry.type, mode)
        return entry
