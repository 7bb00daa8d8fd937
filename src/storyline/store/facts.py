"""Reading and writing the facts the annotate and link stages found, with offsets into the article.

Every row carries `article_id` and `start`/`end` into the article's clean text, so any fact
can be shown in its sentence.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import groupby
from operator import itemgetter

from storyline.records import (
    Annotation,
    DateClaim,
    DateEvidence,
    Entity,
    Event,
    EventMention,
    Failure,
    FuzzyDate,
    Mention,
    Role,
    RoleMention,
    Sentence,
    Source,
    Story,
    TimelineEntry,
    Timex,
    ToAnnotate,
    chronological,
)
from storyline.store import failures
from storyline.store import fuzzy_from_row as _fuzzy

_TABLES = ("sentences", "mentions", "timexes", "roles", "event_mentions")


def to_annotate(db: sqlite3.Connection, batch: int = 256) -> Iterator[ToAnnotate]:
    """Articles whose annotations are missing or stale, streamed by rowid."""
    rowids = [
        r[0] for r in db.execute("SELECT rowid FROM articles WHERE annotated = 0 ORDER BY rowid")
    ]
    for offset in range(0, len(rowids), batch):
        chunk = rowids[offset : offset + batch]
        rows = db.execute(
            "SELECT id, text, published_earliest, published_latest, published_granularity,"
            " published_how, source FROM articles"
            f" WHERE rowid IN ({','.join('?' * len(chunk))}) ORDER BY rowid",
            chunk,
        ).fetchall()
        for row in rows:
            published = _fuzzy(row[2], row[3], row[4]) if row[5] != "inferred" else None
            yield ToAnnotate(row[0], row[1], published, source=row[6])


def count_to_annotate(db: sqlite3.Connection) -> int:
    return db.execute("SELECT count(*) FROM articles WHERE annotated = 0").fetchone()[0]


def save_annotation(db: sqlite3.Connection, annotation: Annotation) -> None:
    article = annotation.article_id
    _drop_annotation(db, article)
    failures.clear(db, article, "annotate")
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
    db.executemany(
        'INSERT INTO event_mentions (article_id, start, "end", sentence_start, sentence_end, type,'
        " mode, quad, status, actor_text, actor, target_text, target, location, date_earliest,"
        " date_latest, date_granularity, date_from) VALUES"
        " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [_event_row(article, e) for e in annotation.events],
    )
    db.execute("UPDATE articles SET annotated = 1 WHERE id = ?", (article,))


def save_annotation_failure(db: sqlite3.Connection, failure: Failure) -> None:
    """An article the annotate phase failed on: kept (its text stays searchable) with an empty
    annotation, not marked annotated, so the next build tries it again."""
    _drop_annotation(db, failure.document)
    failures.record(db, failure)


def _drop_annotation(db: sqlite3.Connection, article: str) -> None:
    for table in _TABLES:
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article,))


def _event_row(article: str, e: EventMention) -> tuple:
    on_sentence = e.date is not None and e.date_from == "sentence"
    return (
        article,
        e.start,
        e.end,
        e.sentence_start,
        e.sentence_end,
        e.type,
        e.mode,
        e.quad,
        e.status,
        e.actor_text,
        e.actor,
        e.target_text,
        e.target,
        e.location,
        e.date.earliest.isoformat() if on_sentence else None,
        e.date.latest.isoformat() if on_sentence else None,
        e.date.granularity if on_sentence else None,
        e.date_from,
    )


_EVENT_COLUMNS = (
    'start, "end", sentence_start, sentence_end, type, quad, status, mode, actor_text, actor,'
    " target_text, target, location, date_earliest, date_latest, date_granularity, date_from"
)


def _event_mention(row, published: FuzzyDate | None) -> EventMention:
    """A stored event mention; one dated by its article takes the article's current date."""
    date = _fuzzy(row[13], row[14], row[15]) or (published if row[16] == "article" else None)
    return EventMention(*row[:13], date=date, date_from=row[16])


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

    published = _fuzzy(
        *db.execute(
            "SELECT published_earliest, published_latest, published_granularity FROM articles"
            " WHERE id = ?",
            (article,),
        ).fetchone()
        or (None, None, None)
    )

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
        events=tuple(
            _event_mention(r, published)
            for r in rows(
                f"SELECT {_EVENT_COLUMNS} FROM event_mentions WHERE article_id = ? ORDER BY start"
            )
        ),
    )


def names_by_article(
    db: sqlite3.Connection,
) -> Iterator[tuple[str, FuzzyDate | None, tuple[Mention, ...], tuple[RoleMention, ...]]]:
    """(article id, published, entity mentions, role mentions) of every article in build order:
    what entity resolution reads, in two streamed joins rather than queries per article."""
    order = " JOIN articles a ON a.id = x.article_id ORDER BY a.rowid, x.start"
    mentions = groupby(
        db.execute(
            f'SELECT x.article_id, x.start, x."end", x.text, x.type, x.canonical FROM mentions x{order}'
        ),
        key=itemgetter(0),
    )
    roles = groupby(
        db.execute(
            f'SELECT x.article_id, x.start, x."end", x.holder, x.role, x.of FROM roles x{order}'
        ),
        key=itemgetter(0),
    )
    next_mentions, next_roles = next(mentions, None), next(roles, None)
    for article, published in article_dates(db):
        found, held = (), ()
        if next_mentions and next_mentions[0] == article:
            found = tuple(Mention(*row[1:]) for row in next_mentions[1])
            next_mentions = next(mentions, None)
        if next_roles and next_roles[0] == article:
            held = tuple(RoleMention(*row[1:]) for row in next_roles[1])
            next_roles = next(roles, None)
        yield article, published, found, held


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
    """Articles with no stated date (their inferred date, if any, is recomputed each build).

    An article whose annotation failed is left undated: its date would come from the sentences
    and expressions the annotation did not find."""
    return [
        r[0]
        for r in db.execute(
            "SELECT id FROM articles WHERE annotated = 1"
            " AND (published_how IS NULL OR published_how = 'inferred') ORDER BY rowid"
        )
    ]


def article_texts(db: sqlite3.Connection) -> Iterator[tuple[str, str, FuzzyDate | None]]:
    for row in db.execute(
        "SELECT id, text, published_earliest, published_latest, published_granularity FROM articles"
        " ORDER BY rowid"
    ):
        yield row[0], row[1], _fuzzy(row[2], row[3], row[4])


def article_dates(db: sqlite3.Connection) -> Iterator[tuple[str, FuzzyDate | None]]:
    """Every article's id and date, without reading its text."""
    for row in db.execute(
        "SELECT id, published_earliest, published_latest, published_granularity FROM articles"
        " ORDER BY rowid"
    ):
        yield row[0], _fuzzy(row[1], row[2], row[3])


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
            roles=tuple(
                Role(r["role"], r["of"], r["from"], r["to"], r.get("mentions", 1))
                for r in json.loads(row[5])
            ),
        )
        for row in rows
    ]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# -- events and stories -------------------------------------------------------------------------


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
            f"SELECT {_EVENT_COLUMNS} FROM event_mentions WHERE article_id = ? ORDER BY start",
            (article,),
        ).fetchall()
        for row in rows:
            event = _event_mention(row, published)
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
    _overlapping(where, params, start, end, "date_earliest", "date_latest")
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


def _overlapping(where: list, params: list, start, end, earliest: str, latest: str) -> None:
    """Add the conditions for a [earliest, latest] interval overlapping [start, end]."""
    if start:
        where.append(f"{latest} >= ?")
        params.append(start.isoformat())
    if end:
        where.append(f"{earliest} <= ?")
        params.append(end.isoformat())


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


# -- told timelines -----------------------------------------------------------------------------

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
    _overlapping(where, params, start, end, "earliest", "latest")
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
