"""Dyad relations from hand-made corpus events (UK ⇄ Russia, 2007-2011)."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.records import Event, FuzzyDate, Source
from storyline.tell import QUADS, conflict_share, relations

UK = {"gpe:united-kingdom", "person:david-miliband", "person:david-cameron"}
RU = {"gpe:russia", "person:sergey-lavrov", "person:vladimir-putin"}


def _event(id, actor, target, quad, when, status="happened", type="CONSULT"):
    return Event(
        id=id,
        type=type,
        quad=quad,
        status=status,
        summary=id,
        sources=(Source("a1", 0, 10),),
        actor=actor,
        target=target,
        date=when,
    )


EVENTS = [
    _event(
        "e1",
        "gpe:united-kingdom",
        "gpe:russia",
        "verbal-conflict",
        FuzzyDate.day(date(2007, 7, 16)),
        type="REQUEST",
    ),
    _event(
        "e2",
        "gpe:russia",
        "gpe:united-kingdom",
        "material-conflict",
        FuzzyDate.day(date(2007, 7, 19)),
        type="SANCTION",
    ),
    _event(
        "e3",
        "person:david-miliband",
        "person:sergey-lavrov",
        "verbal-cooperation",
        FuzzyDate.day(date(2009, 11, 2)),
    ),
    _event(
        "e4",
        "person:sergey-lavrov",
        "person:david-miliband",
        "verbal-conflict",
        FuzzyDate.day(date(2009, 11, 2)),
        type="REJECT",
    ),
    _event(
        "e5", "gpe:russia", "gpe:united-kingdom", "verbal-cooperation", FuzzyDate.month(2009, 12)
    ),
    # Not counted: planned, hoped for, only reported, inside one side, a third party, undated.
    _event(
        "e6",
        "person:david-cameron",
        "person:vladimir-putin",
        "verbal-cooperation",
        FuzzyDate.day(date(2011, 9, 12)),
        status="planned",
    ),
    _event(
        "e7",
        "person:david-miliband",
        "gpe:united-kingdom",
        "verbal-cooperation",
        FuzzyDate.day(date(2009, 11, 2)),
    ),
    _event(
        "e8", "gpe:united-states", "gpe:russia", "verbal-conflict", FuzzyDate.day(date(2009, 11, 2))
    ),
    _event("e9", "gpe:russia", "gpe:united-kingdom", "verbal-conflict", None),
    _event(
        "e10",
        "person:vladimir-putin",
        "person:david-cameron",
        "verbal-cooperation",
        FuzzyDate.year(2011),
        status="reported",  # a claim ("is alleged to have phoned"), not a fact
    ),
    _event(
        "e11",
        "person:david-cameron",
        "person:vladimir-putin",
        "verbal-cooperation",
        FuzzyDate.year(2012),
        status="hypothetical",  # "as he may be re-elected in 2012"
    ),
]


def test_counts_per_year_and_direction():
    rel = relations(EVENTS, UK, RU)
    data = rel.to_json()
    assert [p["period"] for p in data["periods"]] == ["2007", "2009"]  # only what happened
    y2007, y2009 = data["periods"]
    assert y2007["a_to_b"]["verbal-conflict"] == 1
    assert y2007["b_to_a"]["material-conflict"] == 1
    assert y2007["events"] == ["e1", "e2"]
    assert y2009["a_to_b"] == {
        "verbal-cooperation": 1,
        "material-cooperation": 0,
        "verbal-conflict": 0,
        "material-conflict": 0,
    }
    assert y2009["b_to_a"]["verbal-conflict"] == 1
    assert y2009["b_to_a"]["verbal-cooperation"] == 1
    assert sorted(y2009["events"]) == ["e3", "e4", "e5"]
    assert data["unplaced"] == ["e9"]
    assert data["totals"]["events"] == 5
    assert data["totals"]["a_to_b"]["verbal-conflict"] == 1
    assert set(data["a"]) == UK and set(data["b"]) == RU


def test_by_month_keeps_coarse_events_apart():
    rel = relations(EVENTS, UK, RU, by="month")
    periods = [p.period for p in rel.periods]
    assert periods == ["2007-07", "2009-11", "2009-12"]
    assert set(rel.unplaced) == {"e9"}  # undated
    with pytest.raises(ValueError):
        relations(EVENTS, UK, RU, by="week")  # type: ignore[arg-type]


def test_sides_swap():
    forward = relations(EVENTS, UK, RU).to_json()
    backward = relations(EVENTS, RU, UK).to_json()
    for f, b in zip(forward["periods"], backward["periods"], strict=True):
        assert f["a_to_b"] == b["b_to_a"] and f["b_to_a"] == b["a_to_b"]


def test_conflict_share():
    assert conflict_share({"verbal-conflict": 1, "verbal-cooperation": 3}) == 0.25
    assert conflict_share({}) is None
    rel = relations(EVENTS, UK, RU)
    # 5 placed events: e1, e2, e4 conflict; e3, e5 cooperation.
    assert rel.conflict_share() == 0.6
    assert rel.conflict_share("a_to_b") == 0.5  # e1 conflict, e3 cooperation
    assert rel.to_json()["periods"][0]["conflict_share"] == 1.0
    assert set(rel.totals["a_to_b"]) == set(QUADS)
