"""Entities: the linked people, organisations and places, and finding them by name or alias."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from storyline.records import (
    Entity,
    Role,
)


def save_entities(db: sqlite3.Connection, entities: Iterable, mention_entity, role_entity) -> None:
    """Replace the corpus's entities; `mention_entity(article, canonical, type)` and
    `role_entity(article, holder, role, of)` give the entity id for each stored row."""
    db.execute("DELETE FROM entities")
    db.executemany(
        "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                e.id,
                e.name,
                e.type,
                json.dumps(list(e.aliases)),
                e.mentions,
                json.dumps([role.to_json() for role in e.roles]),
            )
            for e in entities
        ],
    )
    _relink(db, "mentions", "canonical, type", mention_entity)
    _relink(db, "roles", "holder, role, of", role_entity)


def _relink(db: sqlite3.Connection, table: str, columns: str, entity_of) -> None:
    """Point each row of `table` at its entity, writing only the rows whose entity changed (a
    build that adds a few articles moves few of a large corpus's mentions)."""
    updates = []
    for rowid, current, article, *values in db.execute(
        f"SELECT id, entity_id, article_id, {columns} FROM {table}"
    ).fetchall():
        entity = entity_of(article, *values)
        if entity != current:
            updates.append((entity, rowid))
    db.executemany(f"UPDATE {table} SET entity_id = ? WHERE id = ?", updates)


def entities(
    db: sqlite3.Connection, type: str | None = None, id: str | None = None
) -> list[Entity]:
    """Entities, most mentioned first, with the articles that mention them (or attest a role)."""
    where, params = [], []
    if type:
        where.append("e.type = ?")
        params.append(type.upper())
    if id:
        where.append("e.id = ?")
        params.append(id)
    rows = db.execute(
        "SELECT e.id, e.name, e.type, e.aliases, e.mentions, e.roles,"
        " (SELECT json_group_array(article_id) FROM (SELECT article_id FROM mentions"
        "  WHERE entity_id = e.id UNION SELECT article_id FROM roles WHERE entity_id = e.id))"
        " FROM entities e"
        + (f" WHERE {' AND '.join(where)}" if where else "")
        + " ORDER BY e.mentions DESC, e.name",
        params,
    ).fetchall()
    return [
        Entity(
            id=row[0],
            name=row[1],
            type=row[2],
            aliases=tuple(json.loads(row[3])),
            mentions=row[4],
            articles=tuple(json.loads(row[6])),
            roles=tuple(Role.from_json(r) for r in json.loads(row[5])),
        )
        for row in rows
    ]


def find_entity_ids(db: sqlite3.Connection, name: str) -> list[str]:
    """Ids of the entities whose id, name or one of whose aliases is `name` (case-insensitive),
    most mentioned first."""
    wanted = name.strip().lower()
    return [
        row[0]
        for row in db.execute(
            "SELECT id, mentions, name FROM entities WHERE id = ? OR lower(name) = ? UNION"
            " SELECT e.id, e.mentions, e.name FROM entities e, json_each(e.aliases) a"
            " WHERE lower(a.value) = ? ORDER BY 2 DESC, 3",
            (name.strip(), wanted, wanted),
        )
    ]
