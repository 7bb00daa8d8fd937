"""Dyad relations: how two sides treat each other over time, from PLOVER quad classes.

`relations(events, a, b)` counts the corpus events between side A and side B per period and
direction (A→B: an actor in A, a target in B; B→A the other way round), per quad class
(verbal/material cooperation/conflict), keeping the event ids behind every count.  A side is a
set of entity ids chosen by the caller: a country usually stands for itself and for the people
who act for it (United Kingdom ⊇ {gpe:united-kingdom, person:david-miliband}).

Only events told as facts count (status "happened" by default): a refused visit, a planned
or hoped-for meeting, a denied one, or one only reported as a claim ("alleged to have ...") is
not an interaction the corpus shows.  An event between two members of the same side, or
whose actor is on both sides, is not a dyad event and is skipped.  An event whose date does not
fit inside one period (dated only "2009" when counting by month, or undated) is listed under
`unplaced` instead of being guessed into a period.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from storyline.records import QUADS, Event, FuzzyDate

Period = Literal["year", "month"]

FACTUAL = frozenset({"happened"})

__all__ = ["QUADS", "PeriodCounts", "Relations", "conflict_share", "relations"]


def conflict_share(counts: Mapping[str, int]) -> float | None:
    """Share of conflict (verbal + material) among the counted events; None when there are none."""
    total = sum(counts.get(q, 0) for q in QUADS)
    if not total:
        return None
    return (counts.get("verbal-conflict", 0) + counts.get("material-conflict", 0)) / total


def _zero() -> dict[str, int]:
    return dict.fromkeys(QUADS, 0)


@dataclass
class PeriodCounts:
    """Event counts of one period, per direction and quad class, with the events behind them."""

    period: str
    a_to_b: dict[str, int] = field(default_factory=_zero)
    b_to_a: dict[str, int] = field(default_factory=_zero)
    events: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        both = Counter(self.a_to_b) + Counter(self.b_to_a)
        return {
            "period": self.period,
            "a_to_b": dict(self.a_to_b),
            "b_to_a": dict(self.b_to_a),
            "events": list(self.events),
            "conflict_share": conflict_share(both),
        }


@dataclass
class Relations:
    """The relation between sides `a` and `b`, period by period, oldest first."""

    a: tuple[str, ...]
    b: tuple[str, ...]
    by: Period
    periods: list[PeriodCounts]
    unplaced: list[str] = field(default_factory=list)

    @property
    def totals(self) -> dict:
        a_to_b, b_to_a = _zero(), _zero()
        for p in self.periods:
            for q in QUADS:
                a_to_b[q] += p.a_to_b[q]
                b_to_a[q] += p.b_to_a[q]
        both = {q: a_to_b[q] + b_to_a[q] for q in QUADS}
        return {
            "a_to_b": a_to_b,
            "b_to_a": b_to_a,
            "events": sum(len(p.events) for p in self.periods),
            "conflict_share": conflict_share(both),
        }

    def conflict_share(self, direction: Literal["a_to_b", "b_to_a"] | None = None) -> float | None:
        """Conflict share over all periods, in one direction or both."""
        totals = self.totals
        if direction:
            return conflict_share(totals[direction])
        return conflict_share(Counter(totals["a_to_b"]) + Counter(totals["b_to_a"]))

    def to_json(self) -> dict:
        return {
            "a": list(self.a),
            "b": list(self.b),
            "by": self.by,
            "periods": [p.to_json() for p in self.periods],
            "totals": self.totals,
            "unplaced": list(self.unplaced),
        }


def _period(event: Event, by: Period) -> str | None:
    """The year or month an event falls in, written so that periods sort in time order."""
    d = event.date
    if d is None or d.earliest.year != d.latest.year:
        return None
    if by == "year":
        return FuzzyDate.year(d.earliest.year).value
    if d.earliest.month != d.latest.month:
        return None
    return FuzzyDate.month(d.earliest.year, d.earliest.month).value


def relations(
    events: Iterable[Event],
    a: set[str],
    b: set[str],
    by: Period = "year",
    *,
    statuses: frozenset[str] = FACTUAL,
) -> Relations:
    """Count the events between sides `a` and `b` per `by` period, direction and quad class."""
    if by not in ("year", "month"):
        raise ValueError(f"by must be 'year' or 'month', not {by!r}")
    periods: dict[str, PeriodCounts] = {}
    unplaced: list[str] = []
    for event in events:
        if event.status not in statuses or event.quad not in QUADS:
            continue
        actor, target = event.actor, event.target
        if actor in a and target in b and actor not in b and target not in a:
            direction = "a_to_b"
        elif actor in b and target in a and actor not in a and target not in b:
            direction = "b_to_a"
        else:
            continue
        period = _period(event, by)
        if period is None:
            unplaced.append(event.id)
            continue
        counts = periods.setdefault(period, PeriodCounts(period))
        getattr(counts, direction)[event.quad] += 1
        counts.events.append(event.id)
    return Relations(
        a=tuple(sorted(a)),
        b=tuple(sorted(b)),
        by=by,
        periods=[periods[k] for k in sorted(periods)],
        unplaced=unplaced,
    )
