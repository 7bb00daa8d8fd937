"""Reading and writing the facts the annotate and link stages found, with offsets into the article.

Every row carries `article_id` and `start`/`end` into the article's clean text, so any fact
can be shown in its sentence.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date

from storyline.records import (
    Annotation,
    DateEvidence,
    Entity,
    FuzzyDate,
    Mention,
    Role,
    RoleMention,
    Sentence,
    Timex,
    ToAnnotate,
)
from storyline.store import fuzzy_from_row as _fuzzy

_TABLES = ("sentences", "mentions", "timexes", "roles")


def to_annotate(db: sqlite3.Connection, batch: int = 256) -> Iterator[ToAnnotate]:
    """Articles whose annotations are missing or stale, streamed by rowid."""
    rowids = [
        r[0] for r in db.execute("SELECT rowid FROM articles WHERE annotated = 0 ORDER BY rowid")
    ]
    for offset in range(0, len(rowids), batch):
        chunk = rowids[offset : offset + batch]
        rows = db.execute(
            "SELECT id, text, published_earliest, published_latest, published_granularity,"
            " published_how FROM articles"
            f" WHERE rowid IN ({','.join('?' * len(chunk))}) ORDER BY rowid",
            chunk,
        ).fetchall()
        for row in rows:
            published = _fuzzy(row[2], row[3], row[4]) if row[5] != "inferred" else None
            yield ToAnnotate(row[0], row[1], published)


def count_to_annotate(db: sqlite3.Connection) -> int:
    return db.execute("SELECT count(*) FROM articles WHERE annotated = 0").fetchone()[0]


def save_annotation(db: sqlite3.Connection, annotation: Annotation) -> None:
    article = annotation.article_id
    for table in _TABLES:
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article,))
    db.executemany(
        "INSERT INTO sentences VALUES (?, ?, ?)",
        [(article, s.start, s.end) for s in annotation.sentences],
    )
    db.executemany(
        'INSERT INTO mentions (article_id, start, "end", text, type, canonical) VALUES (?, ?, ?, ?, ?, ?)',
        [(article, m.start, m.end, m.text, m.type, m.canonical) for m in annotation.mentions],
    )
    replace_timexes(db, article, annotation.timexes)
    db.executemany(
        'INSERT INTO roles (article_id, start, "end", holder, role, of) VALUES (?, ?, ?, ?, ?, ?)',
        [(article, r.start, r.end, r.holder, r.role, r.of) for r in annotation.roles],
    )
    db.execute("UPDATE articles SET annotated = 1 WHERE id = ?", (article,))


def replace_timexes(db: sqlite3.Connection, article: str, timexes: Iterable[Timex]) -> None:
    db.execute("DELETE FROM timexes WHERE article_id = ?", (article,))
    db.executemany(
        'INSERT INTO timexes (article_id, start, "end", text, type, value, earliest, latest)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article,
                t.start,
                t.end,
                t.text,
                t.type,
                t.value,
                t.earliest.isoformat() if t.earliest else None,
                t.latest.isoformat() if t.latest else None,
            )
            for t in timexes
        ],
    )


def load_annotation(db: sqlite3.Connection, article: str) -> Annotation:
    def rows(sql: str):
        return db.execute(sql, (article,)).fetchall()

    return Annotation(
        article_id=article,
        sentences=tuple(
            Sentence(*r)
            for r in rows('SELECT start, "end" FROM sentences WHERE article_id = ? ORDER BY start')
        ),
        mentions=tuple(
            Mention(*r)
            for r in rows(
                'SELECT start, "end", text, type, canonical FROM mentions WHERE article_id = ? ORDER BY start'
            )
        ),
        timexes=tuple(
            Timex(r[0], r[1], r[2], r[3], r[4], _day(r[5]), _day(r[6]))
            for r in rows(
                'SELECT start, "end", text, type, value, earliest, latest FROM timexes'
                " WHERE article_id = ? ORDER BY start"
            )
        ),
        roles=tuple(
            RoleMention(*r)
            for r in rows(
                'SELECT start, "end", holder, role, of FROM roles WHERE article_id = ? ORDER BY start'
            )
        ),
    )


def entity_ids_of_mentions(db: sqlite3.Connection, article: str) -> dict[int, str]:
    """Mention start offset → entity id, for showing an article with its entities."""
    return dict(
        db.execute(
            "SELECT start, entity_id FROM mentions WHERE article_id = ? AND entity_id IS NOT NULL",
            (article,),
        ).fetchall()
    )


def date_evidence(db: sqlite3.Connection, article: str) -> list[DateEvidence]:
    return [
        DateEvidence(r[0], r[1], _day(r[2]), _day(r[3]), r[4])
        for r in db.execute(
            'SELECT start, "end", earliest, latest, reason FROM date_evidence WHERE article_id = ?'
            " ORDER BY start",
            (article,),
        )
    ]


def save_inferred_date(
    db: sqlite3.Connection,
    article: str,
    published: FuzzyDate | None,
    evidence: Iterable[DateEvidence],
) -> None:
    """An undated article's inferred date and the sentences behind it (replacing earlier ones)."""
    db.execute("DELETE FROM date_evidence WHERE article_id = ?", (article,))
    db.executemany(
        "INSERT INTO date_evidence VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                article,
                e.start,
                e.end,
                e.earliest and e.earliest.isoformat(),
                e.latest and e.latest.isoformat(),
                e.reason,
            )
            for e in evidence
        ],
    )
    db.execute(
        "UPDATE articles SET published = ?, published_earliest = ?, published_latest = ?,"
        " published_granularity = ?, published_how = ? WHERE id = ?",
        (
            published.value if published else None,
            published.earliest.isoformat() if published else None,
            published.latest.isoformat() if published else None,
            published.granularity if published else None,
            "inferred" if published else None,
            article,
        ),
    )


def undated_articles(db: sqlite3.Connection) -> list[str]:
    """Articles with no stated date (their inferred date, if any, is recomputed each build)."""
    return [
        r[0]
        for r in db.execute(
            "SELECT id FROM articles WHERE published_how IS NULL OR published_how = 'inferred' ORDER BY rowid"
        )
    ]


def article_texts(db: sqlite3.Connection) -> Iterator[tuple[str, str, FuzzyDate | None]]:
    for row in db.execute(
        "SELECT id, text, published_earliest, published_latest, published_granularity FROM articles"
        " ORDER BY rowid"
    ):
        yield row[0], row[1], _fuzzy(row[2], row[3], row[4])


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
    updates = [
        (mention_entity(article, canonical, kind), rowid)
        for rowid, article, canonical, kind in db.execute(
            "SELECT id, article_id, canonical, type FROM mentions"
        ).fetchall()
    ]
    db.executemany("UPDATE mentions SET entity_id = ? WHERE id = ?", updates)
    updates = [
        (role_entity(article, holder, role, of), rowid)
        for rowid, article, holder, role, of in db.execute(
            "SELECT id, article_id, holder, role, of FROM roles"
        ).fetchall()
    ]
    db.executemany("UPDATE roles SET entity_id = ? WHERE id = ?", updates)


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
            roles=tuple(
                Role(r["role"], r["of"], r["from"], r["to"], r.get("mentions", 1))
                for r in json.loads(row[5])
            ),
        )
        for row in rows
    ]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
