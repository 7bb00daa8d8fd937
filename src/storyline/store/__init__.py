"""The SQLite store: one file holding raw pages, clean articles, builds and full-text search.

One connection, one writer: writes happen inside `transaction()` (BEGIN IMMEDIATE), so a build
commits batch by batch and a killed build leaves only whole batches behind.
"""

from __future__ import annotations

import json
import re
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

from storyline.records import (
    Article,
    BuildWarning,
    Decoding,
    FuzzyDate,
    Paragraph,
    RawPage,
    Skipped,
)

from .connection import connect, prepare_to_write, transaction
from .migrations import migrate, pending

__all__ = ["SearchHit", "Store"]

MARK_OPEN, MARK_CLOSE = "\x02", "\x03"  # FTS5 highlight markers, never in article text
_TO_CLEAN = "clean_signature IS NULL OR (kind = 'text' AND clean_signature != ?)"
# Articles with how their page was decoded (a page property, so kept on `pages`)
_ARTICLES = (
    "SELECT a.*, p.encoding, p.encoding_how, p.encoding_replaced"
    " FROM articles a JOIN pages p ON p.hash = a.page_hash"
)


@dataclass(frozen=True)
class SearchHit:
    """An article matching a query, with a snippet whose matched words are given as offsets."""

    id: str
    title: str
    published: str | None
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    score: float

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "snippet": self.snippet,
            "highlights": [list(h) for h in self.highlights],
            "score": self.score,
        }


class Store:
    """The store at `path`, its schema brought up to date; with `readonly`, opened so that it
    cannot be written (nothing is migrated: `pending()` says what an older store lacks).

    Storage failures (a read-only or full disk, a damaged or foreign file, a store from a newer
    storyline) raise `storyline.errors.StoreError`s, here or on any later read or write.
    """

    def __init__(self, path: str = "storyline.db", *, readonly: bool = False):
        self.path = path
        self.db = connect(path, readonly=readonly)
        try:
            pending(self.db)  # refuses what this version must not touch, before any write
            if not readonly:
                prepare_to_write(self.db)
                migrate(self.db)
        except BaseException:
            self.db.close()
            raise

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def transaction(self):
        """Write inside this: the batch commits whole or not at all."""
        return transaction(self.db)

    # builds -----------------------------------------------------------------------------------

    def start_build(self, paths: list[str]) -> int:
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO builds (started, paths) VALUES (?, ?)", (_now(), json.dumps(paths))
            )
        return cursor.lastrowid

    def finish_build(self, build: int, report: dict) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE builds SET finished = ?, report = ? WHERE id = ?",
                (_now(), json.dumps(report), build),
            )

    def last_build_report(self) -> dict | None:
        row = self.db.execute(
            "SELECT report FROM builds WHERE report IS NOT NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return json.loads(row[0]) if row else None

    # ingest -----------------------------------------------------------------------------------

    def classify(self, page: RawPage) -> str:
        """`unchanged` (this source gave these bytes before), `duplicate`, or `new`."""
        known = self.db.execute("SELECT 1 FROM pages WHERE hash = ?", (page.hash,)).fetchone()
        if not known:
            return "new"
        same = self.db.execute(
            "SELECT 1 FROM inputs WHERE source = ? AND hash = ?", (page.source, page.hash)
        ).fetchone()
        return "unchanged" if same else "duplicate"

    def add_page(self, db: sqlite3.Connection, page: RawPage, build: int) -> None:
        decoding = page.decoding
        db.execute(
            "INSERT OR IGNORE INTO pages (hash, kind, source, url, hints, content, size, first_build,"
            " encoding, encoding_how, encoding_replaced) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                page.hash,
                page.kind,
                page.source,
                page.url,
                json.dumps(page.hints),
                zlib.compress(page.content),
                len(page.content),
                build,
                decoding.encoding if decoding else None,
                decoding.how if decoding else None,
                decoding.replaced if decoding else 0,
            ),
        )

    def add_input(self, db: sqlite3.Connection, page: RawPage, status: str, build: int) -> None:
        db.execute(
            "INSERT INTO inputs (source, hash, build, status) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(source) DO UPDATE SET hash = excluded.hash, build = excluded.build,"
            " status = excluded.status",
            (page.source, page.hash, build, status),
        )

    def build_counts(self, build: int) -> dict[str, int]:
        """Inputs of a build that gave an article, by how they were found (new, unchanged, ...)."""
        rows = self.db.execute(
            "SELECT i.status, count(*) FROM inputs i JOIN pages p ON p.hash = i.hash"
            " WHERE i.build = ? AND p.clean_status = 'article' GROUP BY i.status",
            (build,),
        )
        return dict(rows.fetchall())

    def build_skips(self, build: int) -> list[Skipped]:
        """Everything a build could not use: unreadable inputs, and pages that gave no article."""
        unreadable = self.db.execute(
            "SELECT source, reason FROM skips WHERE build = ? ORDER BY rowid", (build,)
        ).fetchall()
        articleless = self.db.execute(
            "SELECT i.source, p.clean_reason FROM inputs i JOIN pages p ON p.hash = i.hash"
            " WHERE i.build = ? AND p.clean_status != 'article' ORDER BY i.rowid",
            (build,),
        ).fetchall()
        return [Skipped(source, reason) for source, reason in [*unreadable, *articleless]]

    def build_warnings(self, build: int) -> list[BuildWarning]:
        """What a user should know about the inputs a build made articles of: bytes replaced or
        doubted in decoding, stated dates dropped in cleaning."""
        rows = self.db.execute(
            "SELECT i.source, p.encoding, p.encoding_how, p.encoding_replaced, p.clean_warnings"
            " FROM inputs i JOIN pages p ON p.hash = i.hash WHERE i.build = ?"
            " AND p.clean_status = 'article' AND (p.encoding_replaced > 0"
            " OR p.encoding_how = 'unsure' OR p.clean_warnings != '[]') ORDER BY i.rowid",
            (build,),
        )
        found = []
        for source, encoding, how, replaced, cleaning in rows:
            decoded = Decoding(encoding, how, replaced).warning if encoding else None
            for warning in ([decoded] if decoded else []) + json.loads(cleaning):
                found.append(BuildWarning(source, warning))
        return found

    def add_skip(self, db: sqlite3.Connection, build: int, skipped: Skipped) -> None:
        db.execute("INSERT INTO skips VALUES (?, ?, ?)", (build, skipped.source, skipped.reason))

    # cleaning ---------------------------------------------------------------------------------

    def text_page_readings(
        self, read: Callable[[str], bytes | None], batch: int = 256
    ) -> Iterator[bytes | None]:
        """Every text page as `read(text)` makes it, in corpus order, streamed.  A page is read
        once and its reading kept, so a build that adds pages reads only those (a reading of
        None is not kept: that page is read again next time)."""
        unread = [
            row[0]
            for row in self.db.execute(
                "SELECT rowid FROM pages WHERE kind = 'text' AND reading IS NULL ORDER BY rowid"
            )
        ]
        for offset in range(0, len(unread), batch):
            chunk = unread[offset : offset + batch]
            with self.transaction() as db:
                rows = db.execute(
                    f"SELECT rowid, content FROM pages WHERE rowid IN ({','.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
                db.executemany(
                    "UPDATE pages SET reading = ? WHERE rowid = ?",
                    [
                        (read(zlib.decompress(content).decode("utf-8")), rowid)
                        for rowid, content in rows
                    ],
                )
        for (reading,) in self.db.execute(
            "SELECT reading FROM pages WHERE kind = 'text' ORDER BY rowid"
        ):
            yield reading

    def load_templates(self) -> tuple[str, str] | None:
        row = self.db.execute(
            "SELECT signature, body FROM templates WHERE name = 'text'"
        ).fetchone()
        return (row[0], row[1]) if row else None

    def save_templates(self, signature: str, body: str) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO templates VALUES ('text', ?, ?) ON CONFLICT(name) DO UPDATE"
                " SET signature = excluded.signature, body = excluded.body",
                (signature, body),
            )

    def pages_to_clean(self, signature: str, batch: int = 256) -> Iterator[RawPage]:
        """Pages never cleaned, and text pages cleaned with other templates than the current.

        Streamed in batches of row ids, so a large corpus is never held in memory and the caller
        may write between batches.
        """
        rowids = [
            row[0]
            for row in self.db.execute(
                f"SELECT rowid FROM pages WHERE {_TO_CLEAN} ORDER BY rowid", (signature,)
            )
        ]
        for offset in range(0, len(rowids), batch):
            chunk = rowids[offset : offset + batch]
            rows = self.db.execute(
                "SELECT hash, kind, source, url, hints, content, encoding, encoding_how,"
                " encoding_replaced FROM pages WHERE rowid IN"
                f" ({','.join('?' * len(chunk))}) ORDER BY rowid",
                chunk,
            ).fetchall()
            for row in rows:
                yield RawPage(
                    source=row["source"],
                    kind=row["kind"],
                    content=zlib.decompress(row["content"]),
                    hash=row["hash"],
                    url=row["url"],
                    hints=json.loads(row["hints"]),
                    decoding=_decoding(row),
                )

    def count_pages_to_clean(self, signature: str) -> int:
        return self.db.execute(
            f"SELECT count(*) FROM pages WHERE {_TO_CLEAN}", (signature,)
        ).fetchone()[0]

    def save_article(self, db: sqlite3.Connection, article: Article) -> None:
        published = article.published
        db.execute(
            "INSERT INTO articles (id, page_hash, source, url, title, byline, publisher, published,"
            " published_earliest, published_latest, published_granularity, published_how, updated,"
            " text, words, paragraphs, crawled)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET source = excluded.source, url = excluded.url,"
            " title = excluded.title, byline = excluded.byline, publisher = excluded.publisher,"
            " published = excluded.published, published_earliest = excluded.published_earliest,"
            " published_latest = excluded.published_latest,"
            " published_granularity = excluded.published_granularity,"
            " published_how = excluded.published_how, updated = excluded.updated,"
            " text = excluded.text, words = excluded.words, paragraphs = excluded.paragraphs,"
            " crawled = excluded.crawled, annotated = CASE WHEN articles.text = excluded.text"
            " AND articles.published IS excluded.published THEN articles.annotated ELSE 0 END",
            (
                article.id,
                article.raw_hash,
                article.source,
                article.url,
                article.title,
                article.byline,
                article.publisher,
                published.value if published else None,
                published.earliest.isoformat() if published else None,
                published.latest.isoformat() if published else None,
                published.granularity if published else None,
                article.published_how,
                article.updated.value if article.updated else None,
                article.text,
                article.words,
                json.dumps([[p.start, p.end, p.kind] for p in article.paragraphs]),
                article.crawled,
            ),
        )

    def mark_cleaned(
        self,
        db: sqlite3.Connection,
        hash: str,
        signature: str,
        failure: str | None = None,
        warnings: tuple[str, ...] = (),
    ) -> None:
        """Record that a page was cleaned (with these templates), or why it gave no article, and
        what cleaning warned of."""
        if failure:
            db.execute("DELETE FROM articles WHERE page_hash = ?", (hash,))
        db.execute(
            "UPDATE pages SET clean_status = ?, clean_reason = ?, clean_signature = ?,"
            " clean_warnings = ? WHERE hash = ?",
            ("failed" if failure else "article", failure, signature, json.dumps(warnings), hash),
        )

    # reading ----------------------------------------------------------------------------------

    def articles(self) -> Iterator[Article]:
        rows = self.db.execute(
            f"{_ARTICLES} ORDER BY a.published_earliest IS NULL, a.published_earliest, a.id"
        )
        for row in rows:
            yield _article(row)

    def article(self, id: str) -> Article | None:
        """The article with this id, or with this unambiguous id prefix (at least 4 characters)."""
        row = self.db.execute(f"{_ARTICLES} WHERE a.id = ?", (id,)).fetchone()
        if row is None and len(id) >= 4 and re.fullmatch(r"[0-9a-f]+", id):
            rows = self.db.execute(
                f"{_ARTICLES} WHERE a.id >= ? AND a.id < ? LIMIT 2", (id, id + "g")
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return _article(row) if row else None

    def articles_by_id(self, ids: Iterable[str]) -> Iterator[Article]:
        """The articles with these ids (those that exist), read in a few queries."""
        yield from map(_article, rows_where_in(self.db, _ARTICLES, "a.id", ids))

    def count(self, table: str) -> int:
        return self.db.execute(f"SELECT count(*) FROM {_identifier(table)}").fetchone()[0]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Ranked full-text matches; a query that is not valid FTS5 syntax is searched as words."""
        return self._matched(query, lambda match: self._search(match, limit), [])

    def matching_ids(self, query: str) -> set[str]:
        """The ids of every article `search` would find, unranked and without snippets: the
        filter of a timeline by query.  Snippets cost the whole text of each match (10 s for
        one 10 MB article), and a filter needs none."""
        sql = (
            "SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ?"
        )
        return self._matched(
            query, lambda match: {r[0] for r in self.db.execute(sql, (match,))}, set()
        )

    @staticmethod
    def _matched(query: str, run, nothing):
        """`run(query)`; a query that is not valid FTS5 syntax is run again as quoted words."""
        try:
            return run(query)
        except sqlite3.OperationalError:
            words = re.findall(r"\w+", query)
            return run(" ".join(f'"{w}"' for w in words)) if words else nothing

    def _search(self, match: str, limit: int) -> list[SearchHit]:
        rows = self.db.execute(
            "SELECT a.id, a.title, a.published, bm25(articles_fts, 5.0, 1.0) AS score,"
            f" snippet(articles_fts, 1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', 16) AS snippet"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY score LIMIT ?",
            (match, limit),
        ).fetchall()
        return [
            SearchHit(
                row["id"],
                row["title"],
                row["published"],
                *highlights(row["snippet"]),
                score=round(-row["score"], 3),
            )
            for row in rows
        ]


def highlights(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Turn FTS5's marked snippet into plain text plus offsets, so no caller parses markup."""
    plain, spans, start = [], [], None
    length = 0
    for part in re.split(f"([{MARK_OPEN}{MARK_CLOSE}])", marked):
        if part == MARK_OPEN:
            start = length
        elif part == MARK_CLOSE and start is not None:
            spans.append((start, length))
            start = None
        else:
            plain.append(part)
            length += len(part)
    return "".join(plain), tuple(spans)


def _article(row: sqlite3.Row) -> Article:
    published = fuzzy_from_row(
        row["published_earliest"], row["published_latest"], row["published_granularity"]
    )
    return Article(
        id=row["id"],
        source=row["source"],
        title=row["title"],
        text=row["text"],
        paragraphs=tuple(Paragraph(*p) for p in json.loads(row["paragraphs"])),
        byline=row["byline"],
        publisher=row["publisher"],
        url=row["url"],
        published=published,
        published_how=row["published_how"],
        updated=FuzzyDate.parse(row["updated"]) if row["updated"] else None,
        raw_hash=row["page_hash"],
        crawled=row["crawled"],
        decoding=_decoding(row),
    )


def _decoding(row: sqlite3.Row) -> Decoding | None:
    """How a page was decoded; None for pages stored before this was recorded."""
    if row["encoding"] is None:
        return None
    return Decoding(row["encoding"], row["encoding_how"], row["encoding_replaced"])


def rows_where_in(
    db: sqlite3.Connection, query: str, column: str, values: Iterable[str]
) -> Iterator[sqlite3.Row]:
    """The rows of `query` (which may end in a WHERE clause) whose `column` is one of `values`,
    read in chunks that stay under SQLite's limit on parameters."""
    joiner = " AND " if " WHERE " in query else " WHERE "
    wanted = sorted(set(values))
    for offset in range(0, len(wanted), 500):
        chunk = wanted[offset : offset + 500]
        yield from db.execute(f"{query}{joiner}{column} IN ({','.join('?' * len(chunk))})", chunk)


def fuzzy_from_row(
    earliest: str | None, latest: str | None, granularity: str | None
) -> FuzzyDate | None:
    """A FuzzyDate from the three columns every dated table stores it in."""
    if not earliest:
        return None
    return FuzzyDate(date.fromisoformat(earliest), date.fromisoformat(latest), granularity)


def _identifier(name: str) -> str:
    if not re.fullmatch(r"[a-z_]+", name):
        raise ValueError(f"not a table name: {name!r}")
    return name


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
