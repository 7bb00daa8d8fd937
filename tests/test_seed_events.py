"""What the four seed scrapes tell, built through `Corpus.build`: modality, participants, and
only happened events told in timelines and relations."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture(scope="module")
def built(seeds_corpus):
    """(corpus, events, entity names, the text of each event's sources)."""
    events = seeds_corpus.events()
    texts = {a.id: seeds_corpus.article(a.id).text for a in seeds_corpus.articles()}
    said = {e.id: [texts[s.article][s.start : s.end] for s in e.sources] for e in events}
    return seeds_corpus, events, seeds_corpus.entity_names(), said


def _from(built, words: str):
    _, events, _, said = built
    return [e for e in events if any(words in s for s in said[e.id])]


def test_not_a_single_politician_had_met_him_since_2007(built):
    """One sentence, one reading: the meeting is denied, and 2007 only bounds the denial."""
    found = _from(built, "not a single senior British politician had met or spoken to")
    meetings = [e for e in found if e.type == "CONSULT" and e.mode != "phone"]
    assert meetings and all(e.status == "negated" for e in meetings)
    assert all(e.date is None or e.date.earliest.year != 2007 for e in found)
    # "apart from one telephone call": an exception that did happen, between nobody named
    assert all(e.status == "negated" or (e.actor, e.target) == (None, None) for e in found)


def test_nothing_happens_in_2012(built):
    """ "as he may be re-elected President of Russia in 2012": a hypothetical, and a date of
    another clause than the meeting the British officials hope for."""
    _, events, _, _ = built
    assert not [e for e in events if e.date and e.date.earliest.year == 2012]
    (hoped,) = [
        e for e in _from(built, "They are keen for Mr Cameron to meet") if e.type == "CONSULT"
    ]
    assert hoped.status in ("hypothetical", "planned")


def test_the_november_2009_refusal_names_the_extradition_of_lugovoi(built):
    _, events, names, _ = built
    refusals = [
        e
        for e in events
        if e.type == "REJECT"
        and e.date
        and (e.date.earliest.year, e.date.earliest.month) == (2009, 11)
        and names.get(e.actor) == "Russia"
    ]
    assert refusals and all(e.status == "happened" for e in refusals)
    assert any(e.mode == "extradition" or names.get(e.target) == "Andrei Lugovoi" for e in refusals)
    # "the man suspected of involvement in the murder of Alexander Litvinenko" is Lugovoi, whom
    # the article names two sentences on; his extradition is what was refused
    extradition = [
        e for e in _from(built, "the man suspected of involvement") if e.type == "COOPERATE"
    ]
    assert [names.get(e.target) for e in extradition] == ["Andrei Lugovoi"]
    assert extradition[0].status == "refused"


def test_a_bare_role_takes_the_holder_at_the_article_date(built):
    """ "The British Foreign Secretary's trip": the article does not say whose; in November
    2009 the Foreign Secretary was David Miliband."""
    (trip,) = [e for e in _from(built, "The British Foreign Secretary's trip") if e.mode == "visit"
               and names_of(built, e.actor) == "David Miliband"]  # fmt: skip
    assert trip.status == "happened"


def names_of(built, entity: str | None) -> str | None:
    return built[2].get(entity)


def test_relations_count_only_what_happened(built):
    corpus, events, _, _ = built
    status = {e.id: e.status for e in events}
    relation = corpus.relations("United Kingdom", "Russia")
    counted = [i for p in relation.periods for i in p.events]
    assert counted and all(status[i] == "happened" for i in counted)
    planned = [e.id for e in events if e.status != "happened"]
    assert planned and not set(planned) & set(counted)
    assert not relation.unplaced or all(status[i] == "happened" for i in relation.unplaced)


def test_the_timeline_tells_only_happened_events_with_a_participant(built):
    corpus, events, _, _ = built
    by_id = {e.id: e for e in events}
    entries = corpus.timeline()
    told = {i for entry in entries for i in entry.events}
    assert told
    for i in told:
        assert by_id[i].status == "happened", by_id[i]
        assert by_id[i].actor or by_id[i].target, by_id[i]
    assert not [x for x in entries if x.date.earliest.year == 2012]
    untold = {e.id for e in events if e.status != "happened" or not (e.actor or e.target)}
    assert untold and not untold & told
    assert date(2009, 11, 1) <= max(
        x.date.earliest for x in entries if x.date.earliest.year == 2009
    )
