"""Stories and the link stages' saved state."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from storyline.records import (
    FuzzyDate,
    Story,
)
from storyline.store import fuzzy_from_row


def save_stories(db: sqlite3.Connection, stories: Iterable[Story]) -> None:
    db.execute("DELETE FROM story_articles")
    db.execute("DELETE FROM stories")
    for story in stories:
        db.execute(
            "INSERT INTO stories VALUES (?, ?, ?, ?, ?)",
            (
                story.id,
                story.title,
                story.first.value if story.first else None,
                story.last.value if story.last else None,
                json.dumps(list(story.entities)),
            ),
        )
        db.executemany(
            "INSERT OR REPLACE INTO story_articles VALUES (?, ?)",
            [(article, story.id) for article in story.articles],
        )


def stories(db: sqlite3.Connection, id: str | None = None) -> list[Story]:
    """Stories, largest first (or the one with this id), their articles oldest first."""
    where, params = (" WHERE s.story_id = ?", [id]) if id else ("", [])
    members: dict[str, list[str]] = {}
    for story, article in db.execute(
        "SELECT s.story_id, s.article_id FROM story_articles s JOIN articles a ON a.id = s.article_id"
        f"{where} ORDER BY a.published_earliest IS NULL, a.published_earliest, a.id",
        params,
    ):
        members.setdefault(story, []).append(article)
    rows = db.execute(
        "SELECT id, title, first, last, entities FROM stories" + (" WHERE id = ?" if id else ""),
        params,
    ).fetchall()
    told = _told_spans(db, id)
    found = []
    for r in rows:
        first, last = (FuzzyDate.parse(v) if v else None for v in (r[2], r[3]))
        earliest, latest = told.get(r[0], (None, None))
        found.append(
            Story(
                id=r[0],
                title=r[1],
                articles=tuple(members.get(r[0], ())),
                first=_outer(first, earliest, min),
                last=_outer(last, latest, max),
                entities=tuple(json.loads(r[4])),
            )
        )
    return sorted(found, key=lambda s: (-len(s.articles), s.id))


def _told_spans(db: sqlite3.Connection, id: str | None) -> dict[str, tuple[FuzzyDate, FuzzyDate]]:
    """Story id -> (the date of its told timeline's first entry, that of its last)."""
    where, params = (" WHERE scope = ?", [id]) if id else ("", [])
    # SQLite gives the bare columns the values of the row that min() or max() picked.
    bounds = (
        "SELECT scope, min(earliest), latest, granularity",
        "SELECT scope, earliest, max(latest), granularity",
    )
    spans: dict[str, list[FuzzyDate]] = {}
    for select in bounds:
        for scope, lo, hi, grain in db.execute(
            f"{select} FROM timeline_entries{where} GROUP BY scope", params
        ):
            spans.setdefault(scope, []).append(fuzzy_from_row(lo, hi, grain))
    return {scope: (first, last) for scope, (first, last) in spans.items()}


def _outer(known: FuzzyDate | None, told: FuzzyDate | None, pick) -> FuzzyDate | None:
    """The earlier (`pick=min`) or later (`max`) of two dates, by their first or last day."""
    if known is None or told is None:
        return known or told
    if pick is min:
        return told if told.earliest < known.earliest else known
    return told if told.latest > known.latest else known


def link_state(db: sqlite3.Connection, name: str) -> bytes | None:
    row = db.execute("SELECT state FROM link_state WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


def save_link_state(db: sqlite3.Connection, name: str, state: bytes) -> None:
    db.execute(
        "INSERT INTO link_state VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET state = excluded.state",
        (name, state),
    )
