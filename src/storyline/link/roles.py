"""Roles over time: who was attested in which role when, and who held a role at a date.

An attestation is a `RoleMention` with a holder in a dated article: "Foreign Secretary David
Miliband" in a November 2009 article attests (Miliband, "foreign secretary", "United Kingdom")
in 2009-11.  A role's span for a person runs from the earliest to the latest article date that
attests it; it is evidence, not a term of office: a person attested once has a one-date span.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from storyline.records import FuzzyDate, Role

# Titles only one country uses: "Foreign Secretary David Miliband" needs no "British" to be the
# United Kingdom's (so his visits count for it in relations).
NATIONAL_ROLES = {
    "foreign secretary": "United Kingdom",
    "home secretary": "United Kingdom",
    "chancellor of the exchequer": "United Kingdom",
    "defence secretary": "United Kingdom",
    "taoiseach": "Ireland",
    "bundeskanzler": "Germany",
}


def as_fuzzy(when: FuzzyDate | date | str) -> FuzzyDate:
    if isinstance(when, FuzzyDate):
        return when
    if isinstance(when, date):
        return FuzzyDate.day(when)
    return FuzzyDate.parse(when)


class _Span:
    __slots__ = ("count", "first", "last")

    def __init__(self) -> None:
        self.count = 0
        self.first: FuzzyDate | None = None
        self.last: FuzzyDate | None = None

    def add(self, when: FuzzyDate | None) -> None:
        self.count += 1
        if when is None:
            return
        if self.first is None or (when.earliest, when.latest) < (
            self.first.earliest,
            self.first.latest,
        ):
            self.first = when
        if self.last is None or (when.latest, when.earliest) > (
            self.last.latest,
            self.last.earliest,
        ):
            self.last = when

    def merge(self, other: _Span) -> None:
        total = self.count + other.count
        for when in (other.first, other.last):
            if when is not None:
                self.add(when)
        self.count = total


class RoleBook:
    """Collects attestations (holder, role, of, date) and answers `holder_of` queries."""

    def __init__(self) -> None:
        self._spans: dict[tuple[str, str, str | None], _Span] = defaultdict(_Span)

    def attest(self, holder: str, role: str, of: str | None, when: FuzzyDate | None) -> None:
        role = role.lower().strip()
        self._spans[(holder, role, of or NATIONAL_ROLES.get(role))].add(when)

    def finish(self) -> RoleIndex:
        """Fill a missing `of` from the holder's own attestations, then index.

        A role attested without a country ("Foreign Secretary Boris Johnson") takes the holder's
        only country for that role; otherwise it stays None.  (Taking the role's dominant
        country over the corpus made "Prime Minister Silvio Berlusconi" Russia's.)
        """
        known: dict[tuple[str, str], set[str]] = defaultdict(set)
        for holder, role, of in self._spans:
            if of is not None:
                known[(holder, role)].add(of)
        spans: dict[tuple[str, str, str | None], _Span] = {}
        for (holder, role, of), span in self._spans.items():
            if of is None and len(known[(holder, role)]) == 1:
                of = next(iter(known[(holder, role)]))
            if (holder, role, of) in spans:
                spans[(holder, role, of)].merge(span)
            else:
                spans[(holder, role, of)] = span
        return RoleIndex(spans)


class RoleIndex:
    """Roles per holder, and holders per (role, of) sorted by date for `holder_of`."""

    def __init__(self, spans: dict[tuple[str, str, str | None], _Span]) -> None:
        self.by_holder: dict[str, list[Role]] = defaultdict(list)
        self._holders: dict[tuple[str, str | None], list[tuple[int, int, int, str]]] = defaultdict(
            list
        )
        self._countries: dict[str, Counter] = defaultdict(Counter)
        for (holder, role, of), span in spans.items():
            self.by_holder[holder].append(Role(role, of, span.first, span.last, span.count))
            if of is not None:
                self._countries[role][of] += span.count
            if span.first is not None and span.last is not None:
                self._holders[(role, of)].append(
                    (
                        span.first.earliest.toordinal(),
                        span.last.latest.toordinal(),
                        span.count,
                        holder,
                    )
                )
        for roles in self.by_holder.values():
            roles.sort(key=_role_order)
        for holders in self._holders.values():
            holders.sort()

    def roles_of(self, holder: str) -> tuple[Role, ...]:
        return tuple(self.by_holder.get(holder, ()))

    def dominant_of(self, role: str, share: float) -> str | None:
        """The country a role belongs to when one has at least `share` of its attestations."""
        return _dominant(self._countries.get(role), share)

    def holder_of(self, role: str, of: str | None, when: FuzzyDate, gap_days: int,
                  share: float) -> str | None:  # fmt: skip
        """Who held `role` (of `of`) at `when`.

        A holder whose attested span overlaps `when` wins (most attestations first); otherwise
        the nearest attested holder within `gap_days`; otherwise None.  `of` None means the
        role's dominant country when one has `share` of the attestations, else only roles
        attested without a country; a given `of` falls back to roles attested without one.
        """
        role = role.lower().strip()
        keys = [(role, of)]
        if of is None:
            dominant = self.dominant_of(role, share)
            if dominant is not None:
                keys.append((role, dominant))
            elif self._countries.get(role):
                keys = [(role, None)]
        candidates = [(True, h) for key in keys for h in self._holders.get(key, ())]
        if of is not None:
            # Attestations that name no country ("Foreign Secretary Boris Johnson") may answer
            # for a country, after those that name it.
            candidates += [(False, h) for h in self._holders.get((role, None), ())]
        if not candidates:
            return None
        lo, hi = when.earliest.toordinal(), when.latest.toordinal()
        overlapping = [(exact, c) for exact, c in candidates if c[0] <= hi and c[1] >= lo]
        if overlapping:
            return max(overlapping, key=lambda e: (e[0], e[1][2], -(e[1][1] - e[1][0]), e[1][3]))[
                1
            ][3]
        candidates = [c for _, c in candidates]
        best = min(candidates, key=lambda c: (_distance(c, lo, hi), -c[2], c[3]))
        return best[3] if _distance(best, lo, hi) <= gap_days else None


def _dominant(counts: Counter | None, share: float) -> str | None:
    if not counts:
        return None
    of, n = max(counts.items(), key=lambda item: (item[1], item[0]))
    return of if n >= share * sum(counts.values()) else None


def _distance(candidate: tuple[int, int, int, str], lo: int, hi: int) -> int:
    start, end = candidate[0], candidate[1]
    return start - hi if start > hi else lo - end if end < lo else 0


__all__ = ["RoleBook", "RoleIndex", "as_fuzzy"]


def _role_order(role: Role) -> tuple:
    """A holder's roles oldest first (undated last), then by name and country."""
    start = role.start
    when = (start.earliest, start.latest) if start else (date.max, date.max)
    return (*when, role.role, role.of or "")
