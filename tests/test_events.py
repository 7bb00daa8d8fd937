"""Event extraction on real text: the seed scrapes and a bundled Wikinews article."""

from __future__ import annotations

import pytest
from conftest import seed_text

from storyline.annotate.pipeline import annotate_doc, load_nlp
from storyline.clean.templates import Templates
from storyline.clean.text import clean_text
from storyline.extract import events_from_doc
from storyline.lexicon.plover import (
    NOUNS,
    QUAD,
    VERB_DEFAULTS,
    VERB_PARTICLES,
    VERBS,
    lexicon_size,
)
from storyline.records import FuzzyDate, ToAnnotate

PUBLISHED = {1: FuzzyDate.parse("2009-11-03"), 2: FuzzyDate.parse("2017-03-04"),
             3: FuzzyDate.parse("2011-09-03")}  # fmt: skip


def _clean(raw: str) -> str:
    return "\n\n".join(text for text, _ in clean_text(raw, Templates.empty()).paragraphs)


@pytest.fixture(scope="module")
def seeds():
    """seed number → (text, events), parsed once for the module."""
    nlp = load_nlp()
    out = {}
    for n, published in PUBLISHED.items():
        text = _clean(seed_text(n))
        doc = nlp(text)
        annotation = annotate_doc(ToAnnotate(str(n), text, published), doc)
        out[n] = (text, events_from_doc(doc, annotation, published))
    return out


def _event(found, anchor: str, trigger: str):
    """The event whose trigger is `trigger` inside the first occurrence of `anchor`."""
    text, events = found
    start = text.index(anchor) + anchor.index(trigger)
    matches = [e for e in events if (e.start, e.end) == (start, start + len(trigger))]
    assert matches, (
        f"no event at {trigger!r} in {anchor!r}: {[text[e.start : e.end] for e in events]}"
    )
    return matches[0]


def test_factbox_extradition_request_and_refusal(seeds):
    found = seeds[1]
    request = _event(found, "Britain makes first formal extradition request", "extradition request")
    assert (request.type, request.mode, request.quad) == (
        "REQUEST",
        "extradition",
        "verbal-conflict",  # PLOVER/POLECAT: a demand is verbal conflict
    )
    assert (request.actor, request.target, request.status) == (
        "United Kingdom",
        "Russia",
        "happened",
    )
    assert request.date == FuzzyDate.month(2007, 5) and request.date_from == "sentence"
    refusal = _event(found, "Russia turns it down", "turns")
    assert (refusal.type, refusal.actor, refusal.target) == ("REJECT", "Russia", "United Kingdom")
    assert refusal.date == FuzzyDate.month(2007, 5)


def test_factbox_demand_is_a_request(seeds):
    demand = _event(seeds[1], "Russia demands British Council", "demands")
    assert (demand.type, demand.actor, demand.target) == ("REQUEST", "Russia", "British Council")
    assert demand.date == FuzzyDate.month(2008, 1)


def test_passive_refusal_by_the_russian_government(seeds):
    found = seeds[1]
    refused = _event(found, "were again refused by the Russian government", "refused")
    assert (refused.type, refused.actor, refused.target) == ("REJECT", "Russia", "David Miliband")
    assert refused.status == "happened"
    demands = _event(found, "David Miliband's demands that", "demands")
    assert (demands.type, demands.actor, demands.status) == (
        "REQUEST",
        "David Miliband",
        "happened",
    )
    talks = _event(found, "high-level talks in Moscow", "talks")
    assert (talks.type, talks.mode, talks.location) == ("CONSULT", "meet", "Moscow")


def test_poisoning_of_litvinenko(seeds):
    poisoning = _event(
        seeds[1], "radioactive polonium poisoning of Mr Litvinenko", "polonium poisoning"
    )
    assert (poisoning.type, poisoning.mode, poisoning.quad) == (
        "ASSAULT",
        "poison",
        "material-conflict",
    )
    assert poisoning.target == "Alexander Litvinenko"
    assert poisoning.date == FuzzyDate.year(2006) and poisoning.date_from == "sentence"
    assert poisoning.status == "reported"  # "Mr Lugovoi is suspected of playing a role in ..."
    murder = _event(seeds[1], "since Mr Litvinenko's murder", "murder")
    assert (murder.type, murder.target) == ("ASSAULT", "Alexander Litvinenko")


def test_meeting_with_lavrov(seeds):
    met = _event(seeds[1], "As Mr Miliband and Mr Lavrov met", "met")
    assert (met.type, met.mode, met.actor, met.target) == (
        "CONSULT",
        None,  # CAMEO 040 "consult": the crosswalk gives it no mode
        "David Miliband",
        "Sergey Lavrov",
    )
    assert met.status == "happened"


def test_statements_are_not_events(seeds):
    text, events = seeds[1]
    start = text.index("Mr Miliband insisted that")
    end = text.index("this was not the case") + len("this was not the case")
    assert [text[e.start : e.end] for e in events if start <= e.start < end] == []
    for _, (text, events) in seeds.items():
        assert "said" not in {text[e.start : e.end] for e in events}


def test_accepted_invitation_and_planned_visit(seeds):
    found = seeds[2]
    anchor = (
        "has accepted an invitation from Russian Foreign Minister Sergey Lavrov to visit Moscow"
    )
    accepted = _event(found, anchor, "accepted")
    assert (accepted.type, accepted.status) == ("AGREE", "happened")
    assert (accepted.actor, accepted.target) == ("Boris Johnson", "Sergey Lavrov")
    visit = _event(found, anchor, "visit")
    assert (visit.type, visit.mode, visit.status, visit.target) == (
        "CONSULT",
        "visit",
        "planned",
        "Moscow",
    )
    invitation = _event(found, anchor, "invitation")
    assert (invitation.type, invitation.mode, invitation.actor) == (
        "CONSULT",
        "invite",
        "Sergey Lavrov",
    )


def test_future_talks_are_planned(seeds):
    found = seeds[3]
    speak = _event(found, "to speak to the Russian Prime Minister", "speak to")
    assert (speak.type, speak.status) == ("CONSULT", "planned")
    assert (speak.actor, speak.target) == ("David Cameron", "Vladimir Putin")
    assert speak.date is not None and speak.date.granularity == "week"
    # HOLD * TALKS is one happening: the trigger runs from the verb to the noun
    talks = _event(found, "Mr Cameron will hold talks with Mr Putin", "hold talks")
    assert (talks.type, talks.mode, talks.status, talks.actor, talks.target) == (
        "CONSULT", "meet", "planned", "David Cameron", "Vladimir Putin")  # fmt: skip


def test_background_events_take_only_their_own_date(seeds):
    """A nominal event that is only the argument of another word is not dated by that event's
    date (the factbox line's, the sentence's) nor by the article's."""
    found = seeds[1]
    for anchor, trigger in [
        ("request for Andrei Lugovoi over the murder of Alexander Litvinenko", "murder"),
        ("third anniversary of Mr Litvinenko's poisoning", "poisoning"),
        ("suspected of involvement in the murder of Alexander", "murder"),
        ("since Mr Litvinenko's murder", "murder"),
    ]:
        event = _event(found, anchor, trigger)
        assert event.type == "ASSAULT" and event.target == "Alexander Litvinenko", anchor
        assert (event.date, event.date_from, event.status) == (None, None, "happened"), anchor
    # its own date: "the 2006 poisoning", "the poisoning ... in 2006"
    poisoning = _event(seeds[3], "damaged by the 2006 poisoning", "poisoning")
    assert (poisoning.date, poisoning.date_from) == (FuzzyDate.year(2006), "sentence")
    since = _event(seeds[2], "since the polonium poisoning", "polonium poisoning")
    assert (since.date, since.status) == (FuzzyDate.year(2006), "happened")
    # verbs and head nouns keep the sentence's or the article's date
    request = _event(found, "Britain makes first formal extradition request", "extradition request")
    assert request.date == FuzzyDate.month(2007, 5)
    visit = _event(found, "The visit was unfortunately timed", "visit")
    assert (visit.date, visit.date_from) == (PUBLISHED[1], "article")
    talks = _event(seeds[3], "Mr Cameron will hold talks", "hold talks")
    assert (talks.date, talks.date_from) == (PUBLISHED[3], "article")


def test_generic_visit_takes_the_participants_of_the_visit_before(seeds):
    found = seeds[1]
    named = _event(found, "the highest-ranking official British visit to Russia", "visit")
    assert (named.actor, named.target) == ("United Kingdom", "Russia")
    for anchor in ("This visit was played as", "The visit was unfortunately timed"):
        generic = _event(found, anchor, "visit")
        assert (generic.type, generic.mode) == ("CONSULT", "visit")
        assert (generic.actor, generic.target) == ("United Kingdom", "Russia"), anchor
    meetings = _event(seeds[2], "He will be robust in the meetings", "meetings")
    assert (meetings.mode, meetings.actor, meetings.target) == (
        "meet", "Boris Johnson", "Sergey Lavrov")  # fmt: skip
    visit = _event(seeds[2], "stress the visit does not signal", "visit")
    assert (visit.actor, visit.target) == ("Boris Johnson", "Moscow")
    tough = _event(seeds[2], "it may be a tough visit", "visit")  # indefinite: not a re-mention
    assert (tough.actor, tough.target) == (None, None)


def test_every_event_is_well_formed(seeds):
    for text, events in seeds.values():
        for e in events:
            assert e.sentence_start <= e.start < e.end <= e.sentence_end
            assert e.quad == QUAD[e.type]
            assert text[e.start : e.end].strip() == text[e.start : e.end]
            assert e.to_json(text)["trigger"]["text"] == text[e.start : e.end]


def test_wikinews_demo_article():
    from storyline.demo import demo_path

    (path,) = demo_path().rglob("11716_Airbus_wins_Qatar_Airways_order*.txt")
    text = path.read_text(encoding="utf-8")
    doc = load_nlp()(text)
    events = events_from_doc(doc, annotate_doc(ToAnnotate("qatar", text), doc), None)
    assert events  # an airline's order: at least the agreement is an event
    for e in events:  # no article date: "article" means dated by the article, when known
        assert e.date_from in ("sentence", "article", None)
        assert e.date_from != "article" or e.date is None
        assert text[e.start : e.end]


def test_own_words_add_only_what_the_cameo_dictionary_lacks():
    """storyline's own verbs are missing from PETRARCH2's dictionary; its default verbs are
    there only in a block with no default code; its verb + particle senses are read there as
    statements (CAMEO 01) or not at all."""
    from storyline.lexicon import cameo_verbs

    lexicon = cameo_verbs()
    for lemma in VERBS:
        assert lexicon.entries(lemma, lemma) == [], lemma
    for lemma in VERB_DEFAULTS:
        entries = lexicon.entries(lemma, lemma)
        assert entries and all(lexicon.code_of(v) is None for v in entries), lemma
    for verb, particle in VERB_PARTICLES:
        codes = [lexicon.code_of(v) for v in lexicon.entries(verb, verb) if not v.after]
        assert all(c is None or c.forward.startswith("01") for c in codes), (verb, particle)
    own = list(VERBS.values()) + list(VERB_DEFAULTS.values()) + list(NOUNS.values())
    assert {e.type for e in own} <= set(QUAD)
    assert lexicon_size() < 120
