"""Full-text search over event summaries: a small in-memory SQLite FTS5 index.

The store indexes articles, not events, so the app builds its own index of event summaries
(with the same porter tokenizer as `articles_fts`), read through `Corpus.events()`, the first
time someone searches, and rebuilds it when the store has seen a newer build.  The index
lives in the app's memory, never in the store, which the explorer only reads through Corpus.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from typing import NamedTuple

from storyline import Corpus

MARK_OPEN, MARK_CLOSE = "\x02", "\x03"  # around matched words; never in a summary


class EventHit(NamedTuple):
    """An event whose summary matches, with the matched words as offsets into the summary."""

    id: str
    summary: str
    highlights: tuple[tuple[int, int], ...]
    score: float


def highlights(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """FTS5's marked text as plain text plus the offsets of the marked words."""
    plain, spans, start = [], [], 0
    for part in re.split(f"([{MARK_OPEN}{MARK_CLOSE}])", marked):
        if part == MARK_OPEN:
            start = sum(map(len, plain))
        elif part == MARK_CLOSE:
            spans.append((start, sum(map(len, plain))))
        else:
            plain.append(part)
    return "".join(plain), tuple(spans)


class EventIndex:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._version: tuple | None = None

    def _ensure(self, corpus: Corpus) -> sqlite3.Connection:
        version = corpus.version()
        if self._db is not None and self._version == version:
            return self._db
        index = sqlite3.connect(":memory:", check_same_thread=False)
        index.execute(
            "CREATE VIRTUAL TABLE events_fts USING fts5("
            "id UNINDEXED, date UNINDEXED, summary, tokenize='porter unicode61')"
        )
        rows = [(e.id, e.date.earliest.isoformat() if e.date else "", e.summary)
                for e in corpus.events()]  # fmt: skip
        index.executemany("INSERT INTO events_fts VALUES (?, ?, ?)", rows)
        if self._db is not None:
            self._db.close()
        self._db, self._version = index, version
        return index

    def search(self, corpus: Corpus, query: str, limit: int = 20) -> list[EventHit]:
        """Events whose summary matches `query` (FTS5 syntax, else its words), best first."""
        with self._lock:
            index = self._ensure(corpus)
            try:
                return self._search(index, query, limit)
            except sqlite3.OperationalError:
                words = re.findall(r"\w+", query)
                quoted = " ".join(f'"{w}"' for w in words)
                return self._search(index, quoted, limit) if words else []

    def _search(self, index: sqlite3.Connection, match: str, limit: int) -> list[EventHit]:
        rows = index.execute(
            f"SELECT id, bm25(events_fts), highlight(events_fts, 2, '{MARK_OPEN}', '{MARK_CLOSE}')"
            " FROM events_fts WHERE events_fts MATCH ? ORDER BY bm25(events_fts) LIMIT ?",
            (match, limit),
        ).fetchall()
        hits = []
        for event_id, score, marked in rows:
            text, spans = highlights(marked)
            hits.append(EventHit(event_id, text, spans, round(-score, 3)))
        return hits

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
