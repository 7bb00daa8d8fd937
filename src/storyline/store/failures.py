"""The documents a per-document stage failed on, as the latest attempt left them.

A phase's attempt on a document replaces what its earlier attempt left: a failure replaces the
phase's earlier failure, a success clears it.  So the table always says what is wrong now, and
a build that retries a document with a fixed storyline heals the store.  (Extraction runs in the
annotate phase, on the same parse: one attempt covers both.)
"""

from __future__ import annotations

import sqlite3

from storyline.records import Failure

__all__ = ["PHASES", "clear", "current", "record"]

PHASES = {"clean": ("clean",), "annotate": ("annotate", "extract")}
_PHASE_OF = {stage: phase for phase, stages in PHASES.items() for stage in stages}


def record(db: sqlite3.Connection, failure: Failure) -> None:
    """Store a failure in place of what the phase's last attempt on the document left."""
    clear(db, failure.document, _PHASE_OF[failure.stage])
    db.execute(
        "INSERT INTO failures (document, stage, source, error, message, version)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            failure.document,
            failure.stage,
            failure.source,
            failure.error,
            failure.message,
            failure.version,
        ),
    )


def clear(db: sqlite3.Connection, document: str, phase: str) -> None:
    """Forget a phase's failures on a document (the phase has just succeeded on it)."""
    stages = PHASES[phase]
    db.execute(
        f"DELETE FROM failures WHERE document = ? AND stage IN ({','.join('?' * len(stages))})",
        (document, *stages),
    )


def current(db: sqlite3.Connection) -> list[Failure]:
    """Every document a stage failed on at its latest attempt, by source."""
    rows = db.execute(
        "SELECT document, source, stage, error, message, version FROM failures"
        " ORDER BY source, document, stage"
    )
    return [Failure(*row) for row in rows]
