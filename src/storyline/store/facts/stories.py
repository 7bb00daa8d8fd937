"""Stories and the link stages' saved state."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from storyline.records import (
    FuzzyDate,
    Story,
)


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
    found = [
        Story(
            id=r[0],
            title=r[1],
            articles=tuple(members.get(r[0], ())),
            first=FuzzyDate.parse(r[2]) if r[2] and len(r[2]) <= 10 else None,
            last=FuzzyDate.parse(r[3]) if r[3] and len(r[3]) <= 10 else None,
            entities=tuple(json.loads(r[4])),
        )
        for r in rows
    ]
    return sorted(found, key=lambda s: (-len(s.articles), s.id))


def link_state(db: sqlite3.Connection, name: str) -> bytes | None:
    row = db.execute("SELECT state FROM link_state WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


def save_link_state(db: sqlite3.Connection, name: str, state: bytes) -> None:
    db.execute(
        "INSERT INTO link_state VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET state = excluded.state",
        (name, state),
    )
