"""The store protects itself: concurrent openings, stores from newer versions or other programs,
damaged files and full disks give a `StoreError` that says which, never a half-done schema."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading

import pytest
from conftest import SEEDS

from storyline import Corpus
from storyline.errors import NotAStore, StoreDamaged, StoreFull, StoreTooNew
from storyline.store import Store
from storyline.store.lock import one_build_at_a_time
from storyline.store.migrations import MIGRATIONS, statements

FUTURE = "m999_from_a_newer_storyline"

# What differs between two builds of the same inputs without being content: when and by which
# build things happened, the integer row ids of facts written again, and a page reading's
# name sets, serialised in the order of the process's hash seed (what is learnt from them, the
# templates, and everything cleaned with these, is compared).
VOLATILE = {
    "migrations": {"applied"},
    "builds": {"id", "started", "finished", "paths", "report"},
    "inputs": {"build", "status"},
    "skips": {"build"},
    "pages": {"first_build", "reading"},
    "mentions": {"id"},
    "timexes": {"id"},
    "roles": {"id"},
    "event_mentions": {"id"},
}


def content(db) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without the columns in VOLATILE."""
    with sqlite3.connect(db) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'articles_fts%'"
            )
        ]
        found = {}
        for table in tables:
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            kept = [c for c in columns if c not in VOLATILE.get(table, ())]
            if not kept:  # builds: how many there were is not content
                continue
            rows = connection.execute(f"SELECT {', '.join(map(_quoted, kept))} FROM {table}")
            found[table] = sorted(rows, key=repr)
    return found


def _quoted(column: str) -> str:
    return f'"{column}"'


@pytest.fixture(scope="module")
def single_build(tmp_path_factory):
    """The seeds built once, alone: (store path, its content)."""
    db = tmp_path_factory.mktemp("single") / "single.db"
    with Corpus(db) as corpus:
        corpus.build([SEEDS], engine="local")
    return db, content(db)


# migrations --------------------------------------------------------------------------------


def _in_step(barrier, stores: list[str], build: bool) -> None:
    """One of two processes opening (and building the seeds into) each of `stores` at the same
    moment as the other.  Spawned, so at module level; a failure breaks the barrier, so the
    other process stops too instead of waiting for it."""
    try:
        for db in stores:
            barrier.wait(timeout=120)
            with Corpus(db) as corpus:
                if build:
                    corpus.build([SEEDS], engine="local")
    except BaseException:
        barrier.abort()
        raise


def _together(tmp_path, runs: int, build: bool = True) -> list:
    """`runs` new stores, each opened (and built) by two processes at once."""
    stores = [str(tmp_path / f"together{run}.db") for run in range(runs)]
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    processes = [context.Process(target=_in_step, args=(barrier, stores, build)) for _ in range(2)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60 * runs)
        if process.exitcode is None:
            process.kill()
    assert [p.exitcode for p in processes] == [0, 0], "a process failed (its traceback is above)"
    return stores


@pytest.mark.slow
def test_two_processes_opening_a_new_store_together_migrate_it_once(tmp_path):
    for db in _together(tmp_path, runs=40, build=False):
        with sqlite3.connect(db) as connection:
            names = [row[0] for row in connection.execute("SELECT name FROM migrations")]
            mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
        assert names == [m.__name__ for m in MIGRATIONS]
        assert mode == "wal"


@pytest.mark.slow
def test_two_builds_started_together_on_a_new_store_both_succeed(tmp_path, single_build):
    for db in _together(tmp_path, runs=2):
        assert content(db) == single_build[1]


@pytest.mark.stress
def test_two_builds_started_together_twenty_times(tmp_path, single_build):
    for db in _together(tmp_path, runs=20):
        assert content(db) == single_build[1]


def test_a_build_waits_while_another_holds_the_store(tmp_path, single_build):
    """The build lock is held here (as another process's build would hold it): the build waits,
    says so through its progress, and runs once the lock is released."""
    db = tmp_path / "waits.db"
    seen: list[tuple] = []
    asked_to_wait = threading.Event()

    def progress(phase, done, total):
        seen.append((phase, done, total))
        if phase == "waiting":
            asked_to_wait.set()

    def build():
        with Corpus(db) as corpus:
            corpus.build([SEEDS], engine="local", progress=progress)

    with one_build_at_a_time(str(db)):
        builder = threading.Thread(target=build)
        builder.start()
        assert asked_to_wait.wait(timeout=30)
        builder.join(timeout=0.5)
        assert builder.is_alive() and seen == [("waiting", 0, 1)]
    builder.join(timeout=120)
    assert seen[1] == ("waiting", 1, 1) and seen[-1][0] == "link"
    assert content(db) == single_build[1]


def test_migration_scripts_split_into_whole_statements():
    """Triggers keep their bodies; every statement of every migration is one statement."""
    for migration in MIGRATIONS:
        for statement in statements(migration()):
            assert sqlite3.complete_statement(statement), statement
    triggers = [s for s in statements(MIGRATIONS[0]()) if "CREATE TRIGGER" in s]
    assert len(triggers) == 3
    assert all(t.rstrip().endswith("END;") for t in triggers)


# stores this version must not use -------------------------------------------------------------


def test_a_store_from_a_newer_storyline_is_refused_for_reading_and_writing(tmp_path, single_build):
    db = tmp_path / "newer.db"
    db.write_bytes(single_build[0].read_bytes())
    with sqlite3.connect(db) as connection:
        connection.execute("INSERT INTO migrations VALUES (?, '2030-01-01')", (FUTURE,))
    before = db.read_bytes()
    message = f"newer.db was written by a newer storyline (migration {FUTURE}); upgrade storyline"
    for readonly in (False, True):
        with pytest.raises(StoreTooNew) as refused:
            Store(str(db), readonly=readonly)
        assert str(refused.value).endswith(message)
    with pytest.raises(StoreTooNew):
        Corpus(db)
    assert db.read_bytes() == before


def test_another_programs_database_is_refused_and_left_alone(tmp_path):
    db = tmp_path / "places.sqlite"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE places (url TEXT)")
    before = db.read_bytes()
    with pytest.raises(NotAStore, match="not a storyline store"):
        Corpus(db)
    assert db.read_bytes() == before


def test_a_truncated_store_is_damaged(tmp_path, single_build):
    db = tmp_path / "truncated.db"
    db.write_bytes(single_build[0].read_bytes()[:1000])
    with pytest.raises(StoreDamaged, match="truncated.db is damaged"):
        Corpus(db)


@pytest.mark.parametrize("garbage", [b"\x8f\x03" * 4000, b"Dear diary, today I built nothing.\n"])
def test_an_overwritten_store_is_not_a_store(tmp_path, garbage):
    db = tmp_path / "overwritten.db"
    db.write_bytes(garbage)
    with pytest.raises(NotAStore, match=r"overwritten.db is not a storyline store \(file is not"):
        Corpus(db)


# a full disk ----------------------------------------------------------------------------------


def test_a_full_disk_stops_the_build_with_whole_batches_kept(tmp_path, single_build):
    """SQLite's page limit stands in for a full disk: the build stops with StoreFull, what it
    committed is intact, and a build with room finishes the store."""
    db = tmp_path / "full.db"
    with Corpus(db) as corpus:
        pages = corpus.store.db.execute("PRAGMA page_count").fetchone()[0]
        corpus.store.db.execute(f"PRAGMA max_page_count = {pages + 20}")
        with pytest.raises(StoreFull) as full:
            corpus.build([SEEDS], engine="local")
        assert str(full.value).startswith(f"disk full while writing {db}")
        assert corpus.store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert not corpus.store.db.in_transaction
    with Corpus(db) as corpus:
        corpus.build([SEEDS], engine="local")
    assert content(db) == single_build[1]
