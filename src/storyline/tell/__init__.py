"""The tell stage: timelines (the dates that matter, summarised, with sources) and dyad relations."""

from storyline.tell.relations import QUADS, PeriodCounts, Relations, conflict_share, relations
from storyline.tell.timeline import (
    GRANULARITIES,
    DatedSentence,
    Granularity,
    TimelineEntry,
    Weights,
    best_supported,
    build_timeline,
    format_chronology,
    grain,
)

__all__ = [
    "GRANULARITIES",
    "QUADS",
    "DatedSentence",
    "Granularity",
    "PeriodCounts",
    "Relations",
    "TimelineEntry",
    "Weights",
    "best_supported",
    "build_timeline",
    "conflict_share",
    "format_chronology",
    "grain",
    "relations",
]
