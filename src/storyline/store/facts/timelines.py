"""Timelines told at build time, by scope (the corpus, or a story)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date

from storyline.records import (
    Source,
    TimelineEntry,
    chronological,
)
from storyline.store import fuzzy_from_row as _fuzzy

from .rows import overlapping

CORPUS_SCOPE = "corpus"  # the scope of the whole corpus's timeline; a story's is its id


def timeline_signatures(db: sqlite3.Connection) -> dict[str, str]:
    return dict(db.execute("SELECT scope, signature FROM timelines"))


def save_timeline(
    db: sqlite3.Connection, scope: str, signature: str, entries: Iterable[TimelineEntry]
) -> None:
    """Replace the timeline told for `scope` (the corpus or a story)."""
    db.execute("DELETE FROM timeline_entries WHERE scope = ?", (scope,))
    db.execute(
        "INSERT INTO timelines VALUES (?, ?)"
        " ON CONFLICT(scope) DO UPDATE SET signature = excluded.signature",
        (scope, signature),
    )
    db.executemany(
        "INSERT INTO timeline_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                scope,
                e.date.value,
                e.date.earliest.isoformat(),
                e.date.latest.isoformat(),
                e.date.granularity,
                e.score,
                json.dumps(list(e.summary)),
                json.dumps(list(e.events)),
                json.dumps([[s.article, s.start, s.end] for s in e.sources]),
                json.dumps(list(e.conflicts)),
            )
            for e in entries
        ],
    )


def drop_timelines(db: sqlite3.Connection, scopes: Iterable[str]) -> None:
    db.executemany("DELETE FROM timelines WHERE scope = ?", [(scope,) for scope in scopes])


def told_timeline(
    db: sqlite3.Connection,
    scope: str,
    *,
    start: date | None = None,
    end: date | None = None,
    limit: int | None = None,
) -> list[TimelineEntry] | None:
    """The timeline told for `scope` at build time (None when none was), its dates overlapping
    [start, end]; with `limit`, the best-supported dates, as `build_timeline(max_dates=)` picks."""
    if not db.execute("SELECT 1 FROM timelines WHERE scope = ?", (scope,)).fetchone():
        return None
    where, params = ["scope = ?"], [scope]
    overlapping(where, params, start, end, "earliest", "latest")
    rows = db.execute(
        "SELECT date, earliest, latest, granularity, score, summary, events, sources, conflicts"
        f" FROM timeline_entries WHERE {' AND '.join(where)}"
        " ORDER BY score DESC, earliest, latest" + (" LIMIT ?" if limit else ""),
        params + ([limit] if limit else []),
    ).fetchall()
    entries = [
        TimelineEntry(
            date=_fuzzy(r[1], r[2], r[3]),
            summary=tuple(json.loads(r[5])),
            events=tuple(json.loads(r[6])),
            sources=tuple(Source(*s) for s in json.loads(r[7])),
            conflicts=tuple(json.loads(r[8])),
            score=r[4],
        )
        for r in rows
    ]
    return chronological(entries)
