"""Opening the store's SQLite file, and turning SQLite's failures into `storyline.errors`.

Every statement and every row read through a store connection goes through `StoreCursor`, so
a full disk, a read-only file, a damaged or foreign file or a lock held too long surfaces as a
`StoreError` naming the store, wherever in storyline it happens.  Other SQLite errors (a bad
full-text query, a bug in our SQL) pass through unchanged.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

from storyline.errors import (
    NotAStore,
    StoreBusy,
    StoreDamaged,
    StoreError,
    StoreFull,
    StoreIOError,
    StoreReadOnly,
    StoreUnopenable,
)

BUSY_TIMEOUT = 30.0  # seconds to wait for another process's write (a build commits in batches)

_BY_CODE: dict[int, type[StoreError]] = {
    sqlite3.SQLITE_BUSY: StoreBusy,
    sqlite3.SQLITE_READONLY: StoreReadOnly,
    sqlite3.SQLITE_FULL: StoreFull,
    sqlite3.SQLITE_IOERR: StoreIOError,
    sqlite3.SQLITE_CORRUPT: StoreDamaged,
    sqlite3.SQLITE_NOTADB: NotAStore,
    sqlite3.SQLITE_CANTOPEN: StoreUnopenable,
}


def store_error(path: str, error: sqlite3.Error) -> StoreError | None:
    """The `StoreError` an SQLite error means for the store at `path`, or None when it is not
    about the store (a malformed query, a constraint...)."""
    code = getattr(error, "sqlite_errorcode", None)
    kind = _BY_CODE.get(code & 0xFF) if code is not None else None
    return kind(path, str(error)) if kind else None


def _translating(method):
    """`method` of a cursor, raising the `StoreError` an SQLite error means (from it, so
    --debug shows both)."""

    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as error:
            translated = store_error(self.connection.path, error)
            if translated is None:
                raise
            raise translated from error

    return call


class StoreCursor(sqlite3.Cursor):
    """A cursor whose statements and row reads raise `StoreError`s for storage failures."""


for _name in ("execute", "executemany", "executescript", "fetchone", "fetchmany", "fetchall"):
    setattr(StoreCursor, _name, _translating(getattr(sqlite3.Cursor, _name)))
StoreCursor.__next__ = _translating(sqlite3.Cursor.__next__)


class StoreConnection(sqlite3.Connection):
    """A connection that runs everything on `StoreCursor`s and knows the store's path."""

    path = ""

    def cursor(self, factory=StoreCursor):
        return super().cursor(factory)

    def execute(self, sql: str, parameters=(), /):
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters, /):
        return self.cursor().executemany(sql, parameters)

    def executescript(self, script: str, /):
        return self.cursor().executescript(script)


def connect(path: str, *, readonly: bool = False) -> StoreConnection:
    """A connection to the store at `path` in autocommit mode (writes use explicit
    transactions), rows as `sqlite3.Row`; `readonly` opens it with `mode=ro`, so nothing done
    through it can write.  Nothing is written yet: see `prepare_to_write`."""
    target, uri = (_readonly_uri(path), True) if readonly else (path, False)
    try:
        db = sqlite3.connect(
            target,
            uri=uri,
            timeout=BUSY_TIMEOUT,  # the busy timeout, set before any statement runs
            isolation_level=None,
            check_same_thread=False,
            factory=StoreConnection,
        )
    except sqlite3.Error as error:
        raise (store_error(path, error) or StoreUnopenable(path, str(error))) from error
    db.path = path
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA foreign_keys=ON")
    return db


@contextmanager
def transaction(db: StoreConnection) -> Iterator[StoreConnection]:
    """A write transaction: `BEGIN IMMEDIATE` takes the write lock up front (waiting up to the
    busy timeout), so what is read inside it stays true until it commits."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.in_transaction:  # SQLite has already rolled back after a full disk, for one
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def prepare_to_write(db: StoreConnection, timeout: float = BUSY_TIMEOUT) -> None:
    """Switch to write-ahead logging (readers never wait for a build's batches), retrying while
    another process holds the lock: SQLite answers a journal-mode change with "database is
    locked" at once, without waiting the busy timeout.  A store that cannot be switched (a
    read-only file) keeps its journal: it can still be read, and a write will say why not."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL").fetchone()
            break
        except StoreReadOnly:
            break
        except StoreBusy:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.05)
    db.execute("PRAGMA synchronous=NORMAL")


def _readonly_uri(path: str) -> str:
    return "file:" + quote(os.path.abspath(path)) + "?mode=ro"
