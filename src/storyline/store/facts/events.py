"""Events merged across articles, with their sources and date claims."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date

from storyline.records import (
    DateClaim,
    Event,
    EventMention,
    Source,
)
from storyline.store import fuzzy_from_row as _fuzzy

from .annotations import article_texts
from .rows import EVENT_COLUMNS, event_mention, overlapping


def event_inputs(
    db: sqlite3.Connection,
) -> Iterator[tuple[str, EventMention, str | None, str | None, str]]:
    """Every stored event mention with its actor's and target's entity ids and its sentence.

    An actor or target that is a bare role ("the Foreign Secretary", whose holder the article
    does not name) takes the entity the link stage found holding that role at the article's
    date (`roles.entity_id`), matched by the role's words in that article."""
    in_article: dict[tuple[str, str], str] = {}
    for article, canonical, entity in db.execute(
        "SELECT article_id, canonical, entity_id FROM mentions WHERE entity_id IS NOT NULL"
    ):
        in_article.setdefault((article, canonical), entity)
    by_name: dict[str, str] = {}
    for entity, name in db.execute("SELECT id, name FROM entities ORDER BY mentions"):
        by_name[name] = entity
    bare_roles: dict[str, list[tuple[int, int, str]]] = {}
    for article, start, end, entity in db.execute(
        'SELECT article_id, start, "end", entity_id FROM roles'
        " WHERE holder IS NULL AND entity_id IS NOT NULL"
    ):
        bare_roles.setdefault(article, []).append((start, end, entity))

    def entity_of(article: str, text: str, name: str | None, words: str | None) -> str | None:
        if name:
            return in_article.get((article, name)) or by_name.get(name)
        if words:
            return next((e for a, b, e in bare_roles.get(article, ()) if text[a:b] == words), None)
        return None

    for article, text, published in article_texts(db):
        rows = db.execute(
            f"SELECT {EVENT_COLUMNS} FROM event_mentions WHERE article_id = ? ORDER BY start",
            (article,),
        ).fetchall()
        for row in rows:
            event = event_mention(row, published)
            sentence = text[event.sentence_start : event.sentence_end]
            yield (
                article,
                event,
                entity_of(article, text, event.actor, event.actor_text),
                entity_of(article, text, event.target, event.target_text),
                sentence,
            )


def save_events(db: sqlite3.Connection, events: Iterable[Event]) -> None:
    """Replace the corpus's events; each event mention gets the id of the event it reports."""
    db.execute("DELETE FROM events")
    db.execute("UPDATE event_mentions SET event_id = NULL")
    for event in events:
        date = event.date
        db.execute(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                event.id,
                event.type,
                event.mode,
                event.quad,
                event.status,
                event.actor,
                event.target,
                event.location,
                date.earliest.isoformat() if date else None,
                date.latest.isoformat() if date else None,
                date.granularity if date else None,
                event.summary,
                json.dumps([_claim_json(claim) for claim in event.claims]),
            ),
        )
        db.executemany(
            'INSERT INTO event_sources (event_id, article_id, start, "end") VALUES (?, ?, ?, ?)',
            [(event.id, s.article, s.start, s.end) for s in event.sources],
        )
        db.executemany(
            "UPDATE event_mentions SET event_id = ? WHERE article_id = ? AND sentence_start = ?"
            " AND sentence_end = ? AND type = ?",
            [(event.id, s.article, s.start, s.end, event.type) for s in event.sources],
        )


def _claim_json(claim: DateClaim) -> dict:
    return {
        "date": claim.date.value,
        "earliest": claim.date.earliest.isoformat(),
        "latest": claim.date.latest.isoformat(),
        "granularity": claim.date.granularity,
        "sources": [s.to_json() for s in claim.sources],
    }


def events(
    db: sqlite3.Connection,
    *,
    entities: Iterable[str] | None = None,
    type: str | None = None,
    start: date | None = None,
    end: date | None = None,
    ids: Iterable[str] | None = None,
) -> list[Event]:
    """Events, oldest first, filtered by participant entity ids, PLOVER type and date range."""
    where, params = [], []
    if entities is not None:
        wanted = list(entities)
        marks = ",".join("?" * len(wanted))
        where.append(f"(actor IN ({marks}) OR target IN ({marks}))")
        params += wanted + wanted
    if ids is not None:
        wanted = list(ids)
        where.append(f"id IN ({','.join('?' * len(wanted))})")
        params += wanted
    if type:
        where.append("type = ?")
        params.append(type.upper())
    overlapping(where, params, start, end, "date_earliest", "date_latest")
    condition = f" WHERE {' AND '.join(where)}" if where else ""
    rows = db.execute(
        "SELECT id, type, quad, status, summary, mode, actor, target, location, date_earliest,"
        f" date_latest, date_granularity, claims FROM events{condition}"
        " ORDER BY date_earliest IS NULL, date_earliest, id",
        params,
    ).fetchall()
    sources: dict[str, list[Source]] = {}
    for event_id, article, s, e in db.execute(
        'SELECT event_id, article_id, start, "end" FROM event_sources'
        + (f" WHERE event_id IN (SELECT id FROM events{condition})" if where else "")
        + " ORDER BY rowid",
        params,
    ):
        sources.setdefault(event_id, []).append(Source(article, s, e))
    return [
        Event(
            id=r[0],
            type=r[1],
            quad=r[2],
            status=r[3],
            summary=r[4],
            mode=r[5],
            actor=r[6],
            target=r[7],
            location=r[8],
            date=_fuzzy(r[9], r[10], r[11]),
            sources=tuple(sources.get(r[0], ())),
            claims=tuple(
                DateClaim(
                    _fuzzy(c["earliest"], c["latest"], c["granularity"]),
                    tuple(Source(x["article"], x["start"], x["end"]) for x in c["sources"]),
                )
                for c in json.loads(r[12])
            ),
        )
        for r in rows
    ]


def event_types(db: sqlite3.Connection) -> list[str]:
    return [row[0] for row in db.execute("SELECT DISTINCT type FROM events ORDER BY type")]


def events_of_type(db: sqlite3.Connection, type: str) -> set[str]:
    return {row[0] for row in db.execute("SELECT id FROM events WHERE type = ?", (type.upper(),))}
