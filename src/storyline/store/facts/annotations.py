"""Per-article facts: what to annotate, sentences, mentions, timexes, roles, event mentions, dates.

Every row carries `article_id` and `start`/`end` into the article's clean text, so any fact
can be shown in its sentence.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter

from storyline.records import (
    Annotation,
    DateEvidence,
    Failure,
    FuzzyDate,
    Mention,
    RoleMention,
    Sentence,
    Timex,
    ToAnnotate,
)
from storyline.store import failures
from storyline.store import fuzzy_from_row as _fuzzy

from .rows import EVENT_COLUMNS, day, event_mention, event_row

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
        [event_row(article, e) for e in annotation.events],
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
            Timex(r[0], r[1], r[2], r[3], r[4], day(r[5]), day(r[6]))
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
            event_mention(r, published)
            for r in rows(
                f"SELECT {EVENT_COLUMNS} FROM event_mentions WHERE article_id = ? ORDER BY start"
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
        DateEvidence(r[0], r[1], day(r[2]), day(r[3]), r[4])
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
