"""The tell stage: timelines (the dates that matter, summarised, with sources) and dyad relations."""

from storyline.tell.relations import QUADS, PeriodCounts, Relations, conflict_share, relations
from storyline.tell.timeline import (
    DatedSentence,
    TimelineEntry,
    Weights,
    best_supported,
    build_timeline,
    format_chronology,
)

__all__ = [
    "QUADS",
    "DatedSentence",
    "PeriodCounts",
    "Relations",
    "TimelineEntry",
    "Weights",
    "best_supported",
    "build_timeline",
    "conflict_share",
    "format_chronology",
    "relations",
]
