"""Full-text search over event summaries: a small in-memory SQLite FTS5 index.

The store indexes articles, not events, so the app builds its own index of event summaries
(with the same porter tokenizer as `articles_fts`) the first time someone searches, and
rebuilds it when the store has finished a newer build.  The index lives in the app, never in
the store, which the explorer only reads.
"""

from __future__ import annotations

import re
import sqlite3
import threading

from storyline.corpus import Corpus
from storyline.store import MARK_CLOSE, MARK_OPEN, SearchHit, highlights


class EventIndex:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._version: tuple | None = None

    def _store_version(self, corpus: Corpus) -> tuple:
        db = corpus.store.db
        build = db.execute("SELECT max(id), max(finished) FROM builds").fetchone()
        count = db.execute("SELECT count(*) FROM events").fetchone()[0]
        return tuple(build) + (count,)

    def _ensure(self, corpus: Corpus) -> sqlite3.Connection:
        version = self._store_version(corpus)
        if self._db is not None and self._version == version:
            return self._db
        index = sqlite3.connect(":memory:", check_same_thread=False)
        index.execute(
            "CREATE VIRTUAL TABLE events_fts USING fts5("
            "id UNINDEXED, date UNINDEXED, summary, tokenize='porter unicode61')"
        )
        rows = corpus.store.db.execute(
            "SELECT id, coalesce(date_earliest, ''), summary FROM events"
        ).fetchall()
        index.executemany("INSERT INTO events_fts VALUES (?, ?, ?)", [tuple(r) for r in rows])
        if self._db is not None:
            self._db.close()
        self._db, self._version = index, version
        return index

    def search(self, corpus: Corpus, query: str, limit: int = 20) -> list[SearchHit]:
        """Events whose summary matches `query` (FTS5 syntax, else its words), best first."""
        with self._lock:
            index = self._ensure(corpus)
            try:
                return self._search(index, query, limit)
            except sqlite3.OperationalError:
                words = re.findall(r"\w+", query)
                quoted = " ".join(f'"{w}"' for w in words)
                return self._search(index, quoted, limit) if words else []

    def _search(self, index: sqlite3.Connection, match: str, limit: int) -> list[SearchHit]:
        rows = index.execute(
            f"SELECT id, date, bm25(events_fts), highlight(events_fts, 2, '{MARK_OPEN}', '{MARK_CLOSE}')"
            " FROM events_fts WHERE events_fts MATCH ? ORDER BY bm25(events_fts) LIMIT ?",
            (match, limit),
        ).fetchall()
        hits = []
        for event_id, when, score, marked in rows:
            text, spans = highlights(marked)
            hits.append(SearchHit(event_id, text, when or None, text, spans, round(-score, 3)))
        return hits

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
