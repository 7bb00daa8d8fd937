"""Event coreference across articles: each merge rule, each guard, status and dates, scale."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.link import events as events_module
from storyline.link.events import EventSettings, merge_events
from storyline.records import EventMention, FuzzyDate

Y2006 = FuzzyDate.year(2006)
Y2007 = FuzzyDate.year(2007)
NOV2 = FuzzyDate.day(date(2006, 11, 2))
NOV_2009 = FuzzyDate.month(2009, 11)
MAR_2017 = FuzzyDate.month(2017, 3)


def em(type="ASSAULT", date=None, status="happened", mode=None, start=0, date_from="sentence",
       quad="material-conflict"):  # fmt: skip
    return EventMention(
        start, start + 5, start, start + 80, type, quad, status, mode=mode, date=date,
        date_from=date_from if date else None,
    )  # fmt: skip


POISONING = [
    ("a1", em(date=Y2006), None, "e:litvinenko",
     "Alexander Litvinenko was poisoned with polonium in London in 2006."),
    ("a2", em(date=NOV2), "e:lugovoi", "e:litvinenko",
     "Litvinenko was poisoned on 2 November 2006, allegedly by Andrei Lugovoi."),
    ("a3", em(date=Y2006, start=100), None, "e:litvinenko",
     "The  2006 poisoning of Litvinenko   soured relations."),
    ("a4", em(date=Y2006), "e:lugovoi", "e:litvinenko",
     "Britain accuses Lugovoi of poisoning Litvinenko in 2006."),
]  # fmt: skip


def test_one_poisoning_with_four_sources():
    (event,) = merge_events(POISONING)
    assert event.type == "ASSAULT"
    assert {s.article for s in event.sources} == {"a1", "a2", "a3", "a4"}
    assert len(event.sources) == 4
    assert event.target == "e:litvinenko" and event.actor == "e:lugovoi"
    assert event.date == NOV2  # the most precise date that agrees with the majority
    assert event.claims == ()  # 2006 contains 2006-11-02: no conflict
    assert event.status == "happened"
    assert "  " not in event.summary and len(event.summary) <= 300
    assert "Litvinenko" in event.summary


def test_ids_are_stable_across_runs_and_order():
    a = merge_events(POISONING)
    b = merge_events(list(reversed(POISONING)))
    assert [e.id for e in a] == [e.id for e in b]
    assert a[0].id.startswith("ev-")


def test_duplicate_sources_are_collapsed():
    (event,) = merge_events(POISONING + [POISONING[0]])
    assert len(event.sources) == 4


def test_two_meetings_on_different_dates_stay_apart():
    meetings = [
        ("b1", em("CONSULT", NOV_2009, mode="meet", quad="verbal-cooperation"), "e:miliband",
         "e:lavrov", "Miliband met Lavrov in Moscow in November 2009."),
        ("b2", em("CONSULT", MAR_2017, mode="meet", quad="verbal-cooperation"), "e:johnson",
         "e:lavrov", "Johnson met Lavrov in March 2017."),
        ("b3", em("CONSULT", MAR_2017, mode="meet", quad="verbal-cooperation"), "e:miliband",
         "e:lavrov", "Miliband and Lavrov met again in March 2017."),
        ("b4", em("CONSULT", FuzzyDate.day(date(2009, 11, 2)), mode="visit",
                  quad="verbal-cooperation"), "e:miliband", "e:lavrov",
         "Miliband visited Lavrov on 2 November 2009."),
    ]  # fmt: skip
    events = merge_events(meetings)
    groups = sorted(sorted(s.article for s in e.sources) for e in events)
    # b2 and b3 share Lavrov and a date but Johnson vs Miliband contradicts;
    # b1 and b4 (meet/visit, same people, overlapping dates) merge.
    assert groups == [["b1", "b4"], ["b2"], ["b3"]]
    assert len({e.id for e in events}) == 3


def test_different_types_and_unresolved_participants_never_merge():
    items = [
        ("c1", em("ASSAULT", Y2006), None, "e:x", "X was attacked."),
        ("c2", em("ACCUSE", Y2006, quad="verbal-conflict"), None, "e:x", "X was accused."),
        ("c3", em("ASSAULT", Y2006), None, None, "Someone was attacked."),
        ("c4", em("ASSAULT", Y2006), None, None, "Someone was attacked."),
    ]
    assert len(merge_events(items)) == 4


def test_conflicting_dates_become_claims():
    items = POISONING[:3] + [
        ("a5", em(date=Y2007), "e:lugovoi", "e:litvinenko", "Lugovoi poisoned Litvinenko in 2007.")
    ]
    (event,) = merge_events(items)
    assert event.date == NOV2
    claims = {c.date: {s.article for s in c.sources} for c in event.claims}
    assert claims[Y2007] == {"a5"}
    assert claims[Y2006] == {"a1", "a3"} and claims[NOV2] == {"a2"}


def test_month_level_mismatch_is_not_a_conflict_but_two_events():
    items = [
        ("d1", em("CONSULT", FuzzyDate.month(2009, 11), quad="verbal-cooperation"), "e:a", "e:b",
         "A met B."),
        ("d2", em("CONSULT", FuzzyDate.month(2009, 12), quad="verbal-cooperation"), "e:a", "e:b",
         "A met B."),
    ]  # fmt: skip
    assert len(merge_events(items)) == 2


def test_undated_mentions_join_only_with_strong_participant_overlap():
    article_dated = em(date=FuzzyDate.day(date(2009, 5, 1)), date_from="article")
    items = POISONING + [
        ("w1", article_dated, "e:lugovoi", "e:litvinenko", "Lugovoi poisoned Litvinenko."),
        ("w2", em(), None, "e:litvinenko", "Litvinenko was poisoned."),
        # shares Litvinenko, but only weakly (1 of 3 participants): stays apart
        ("w3", em(), "e:someone", "e:other", "Someone attacked another."),
    ]
    events = merge_events(items)
    main = max(events, key=lambda e: len(e.sources))
    assert {s.article for s in main.sources} >= {"a1", "a2", "a3", "a4", "w1", "w2"}
    assert main.date == NOV2 and main.claims == ()  # an article date never becomes a claim
    # a report cannot be about a cluster that starts after the article was published
    early = em(date=FuzzyDate.day(date(2005, 1, 1)), date_from="article")
    events = merge_events(POISONING + [("w4", early, None, "e:litvinenko", "Litvinenko hurt.")])
    assert len(events) == 2


def test_status_aggregation():
    def status(*statuses):
        items = [
            (f"s{i}", em(date=Y2006, status=s, start=i * 100), None, "e:x", "X event.")
            for i, s in enumerate(statuses)
        ]
        (event,) = merge_events(items)
        return event.status

    assert status("happened", "reported") == "happened"
    assert status("happened", "negated") == "reported"  # disputed
    assert status("planned", "refused") == "refused"
    assert status("planned", "reported") == "planned"
    assert status("reported", "reported") == "reported"


def test_summary_is_cut_at_a_word_boundary():
    long = "Litvinenko " + "word " * 100
    (event,) = merge_events([("z", em(date=Y2006), None, "e:x", long)])
    assert len(event.summary) <= 300 and event.summary.endswith("…")


@pytest.mark.slow
def test_blocking_bounds_the_comparisons(monkeypatch):
    """30k mentions over 2k participants and 10 years: each is compared with a bounded number of
    clusters from its blocks (type, participant, year), never with every cluster so far."""
    compared: list[int] = []
    candidates = events_module._Linker._candidates

    def counted(self, item, years):
        found = candidates(self, item, years)
        compared.append(len(found))
        return found

    monkeypatch.setattr(events_module._Linker, "_candidates", counted)
    items = []
    for i in range(30_000):
        d = FuzzyDate.day(date(2010 + i % 10, 1 + i % 12, 1 + i % 28))
        m = em("CONSULT", d, start=i, quad="verbal-cooperation")
        items.append((f"x{i % 5000}", m, f"e:{i % 2000}", f"e:{(i * 7) % 2000}", "A met B."))
    events = merge_events(items, EventSettings())
    assert sum(len(e.sources) for e in events) == 30_000
    bound = EventSettings().max_candidates * 2 * 3  # per participant and year searched
    assert len(compared) >= 30_000 and max(compared) <= bound
    # On average at most one block's worth per mention; unblocked it would be ~15,000.
    assert sum(compared) <= 30_000 * EventSettings().max_candidates


def test_who_did_it_to_whom_matters_for_directed_types():
    """Seed 003's 'Britain's refusal to join' is not Russia turning down Britain's request."""
    refusals = [
        ("a1", em("REJECT", FuzzyDate.month(2007, 5), quad="verbal-conflict"), "gpe:russia",
         "gpe:uk", "May 2007: Britain makes a request. Russia turns it down."),
        ("a2", em("REJECT", FuzzyDate.month(2007, 5), quad="verbal-conflict"), "gpe:uk", None,
         "Britain refused to join the working group."),
    ]  # fmt: skip
    assert len(merge_events(refusals)) == 2
    met = [
        ("a1", em("CONSULT", NOV_2009, quad="verbal-cooperation"), "p:miliband", "p:lavrov",
         "Mr Miliband met Mr Lavrov."),
        ("a2", em("CONSULT", NOV_2009, quad="verbal-cooperation"), "p:lavrov", "p:miliband",
         "Mr Lavrov met Mr Miliband."),
    ]  # fmt: skip
    assert len(merge_events(met)) == 1


def test_a_dated_mention_without_participants_joins_the_one_event_it_fits():
    """Seed 000: 'The former spy was poisoned on November 2, 2006' names nobody the linker
    knows; it is the poisoning that other sentences date to 2006."""
    spy = ("a3", em(date=NOV2, mode="poison", start=300), None, None,
           "The former spy was poisoned on November 2, 2006.")  # fmt: skip
    named = [(a, em(date=Y2006, mode="poison"), actor, target, text)
             for a, _, actor, target, text in POISONING[:2]]  # fmt: skip
    (event,) = merge_events([*named, spy])
    assert event.date == NOV2 and {s.article for s in event.sources} == {"a1", "a2", "a3"}
    other = ("a5", em(date=Y2006, mode="poison"), None, "e:skripal", "Skripal was poisoned.")
    assert len(merge_events([*named, other, spy])) == 3  # two poisonings fit: it stays apart


def test_a_request_told_as_news_years_later_is_a_new_request():
    may_2007 = em("REQUEST", FuzzyDate.month(2007, 5), mode="extradition", quad="verbal-conflict")
    news_2011 = em("REQUEST", FuzzyDate.year(2011), mode="extradition", quad="verbal-conflict",
                   date_from="article")  # fmt: skip
    events = merge_events([
        ("a1", may_2007, "gpe:uk", "gpe:russia", "May 2007: Britain makes an extradition request."),
        ("a2", news_2011, "gpe:uk", "gpe:russia", "Britain's call for the extradition stands."),
    ])  # fmt: skip
    assert len(events) == 2
