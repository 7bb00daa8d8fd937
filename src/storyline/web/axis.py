"""Lay out the time strip of a timeline: one mark per date, sized by how many articles back it.

A day is a dot; a coarser date (a month, a year, a week) is a bar over the days it may mean,
so "2009" never pretends to be 1 January.  Marks that would overlap go to the next lane down,
so a dense month stays readable; zoom widens the strip (the page scrolls sideways).
"""

from __future__ import annotations

import math
from datetime import date

from storyline.records import month_name
from storyline.web.contexts import Axis, Entry, Mark, Tick

BASE_WIDTH = 1128.0
ZOOMS = [1, 2, 4, 8, 16, 32]
LANE = 22.0
TOP = 16.0
MAX_LANES = 7
PAD = 18.0


def _radius(articles: int) -> float:
    return min(4.0 + 2.6 * math.sqrt(max(articles, 1) - 1), 11.0)


GAP = 26.0  # width of a break in the axis over years without any date
BREAK_YEARS = 3  # empty years that make a break


def _clusters(entries: list[Entry]) -> list[tuple[date, date]]:
    """Year-aligned stretches holding dates (first and last day), split where BREAK_YEARS or
    more years are empty, so one date from 1955 does not squash the 2000s into a corner."""
    years = sorted({y for e in entries for y in range(int(e.earliest[:4]), int(e.latest[:4]) + 1)})
    runs = [[years[0], years[0]]]
    for year in years[1:]:
        if year - runs[-1][1] > BREAK_YEARS:
            runs.append([year, year])
        else:
            runs[-1][1] = year
    return [(date(a, 1, 1), date(b, 12, 31)) for a, b in runs]


class Scale:
    """Piecewise-linear: each cluster gets width in proportion to its days; breaks get GAP."""

    def __init__(self, clusters: list[tuple[date, date]], width: float):
        self.clusters = clusters
        days = sum((b - a).days + 1 for a, b in clusters)
        self.per_day = (width - 2 * PAD - GAP * (len(clusters) - 1)) / days
        self.offsets, x = [], PAD
        for a, b in clusters:
            self.offsets.append(x)
            x += ((b - a).days + 1) * self.per_day + GAP

    def __call__(self, d: date, end: bool = False) -> float:
        """Where day `d` starts (with `end`, where it ends: no need for the day after
        9999-12-31, which no date can hold)."""
        for (a, b), left in zip(self.clusters, self.offsets, strict=True):
            if d <= b:
                return round(left + (max((d - a).days, 0) + end) * self.per_day, 1)
        a, b = self.clusters[-1]
        return round(self.offsets[-1] + ((b - a).days + 1) * self.per_day, 1)

    def breaks(self) -> list[float]:
        return [round(left - GAP / 2, 1) for left in self.offsets[1:]]


def layout(entries: list[Entry], zoom: int = 1) -> Axis | None:
    if not entries:
        return None
    zoom = zoom if zoom in ZOOMS else 1
    width = BASE_WIDTH * zoom
    clusters = _clusters(entries)
    x = Scale(clusters, width)

    lanes: list[float] = []
    marks = []
    ordered = sorted(entries, key=lambda e: (e.earliest, e.latest))
    for entry in ordered:
        start, end = date.fromisoformat(entry.earliest), date.fromisoformat(entry.latest)
        r = _radius(entry.articles)
        if entry.granularity == "day":
            left, right, bar = x(start) - r, x(start) + r, 0.0
        else:
            left, right = x(start), max(x(end, end=True), x(start) + 2 * r)
            bar = right - left
        lane = next((i for i, end_x in enumerate(lanes) if end_x + 3 < left), None)
        if lane is None:
            if len(lanes) < MAX_LANES:
                lanes.append(0.0)
                lane = len(lanes) - 1
            else:
                lane = min(range(len(lanes)), key=lanes.__getitem__)
        lanes[lane] = max(lanes[lane], right)
        y = TOP + lane * LANE + LANE / 2
        cx = x(start) if bar == 0 else left
        marks.append(Mark(cx, y, round(bar, 1), round(r, 1), entry.label, "#" + entry.anchor,
                          entry.articles))  # fmt: skip
    base_y = TOP + max(len(lanes), 1) * LANE + 6
    return Axis(
        width=width,
        height=base_y + 26,
        base_y=base_y,
        ticks=[t for a, b in clusters for t in _ticks(a, b, x, x.per_day)],
        breaks=x.breaks(),
        marks=marks,
        zoom=zoom,
        zooms=ZOOMS,
    )


def _ticks(first: date, last: date, x, scale: float) -> list[Tick]:
    per_year = scale * 365.25
    step = next((s for s in (1, 2, 5, 10, 20, 50, 100) if per_year * s >= 48), 100)
    ticks = []
    for year in range(first.year, last.year + 1):
        if year % step == 0 or year == first.year:
            ticks.append(Tick(x(date(year, 1, 1)), str(year), True))
        if per_year >= 240:
            labelled = per_year >= 420
            for month in range(2, 13):
                label = (
                    month_name(month, short=True)
                    if labelled and (per_year >= 720 or month % 3 == 1)
                    else ""
                )
                ticks.append(Tick(x(date(year, month, 1)), label, False))
    return ticks
