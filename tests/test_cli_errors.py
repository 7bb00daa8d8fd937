"""The `storyline` command fails in one line: stores it cannot use, full disks, Ctrl-C; and
`--debug` (or STORYLINE_DEBUG=1) shows the traceback behind the line."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import SEEDS, short_pages
from test_store import FUTURE, content
from typer.testing import CliRunner

from storyline import Corpus
from storyline.cli import app

DAMAGED = "is damaged (database disk image is malformed); build it again from your inputs"
NOT_A_STORE = "is not a storyline store (file is not a database)"


def _run(*args, env=None):
    return CliRunner().invoke(app, [str(a) for a in args], env=env)


def _one_line(result, code: int = 1) -> str:
    """The error line of a failed command, checking it failed with `code` and said only that."""
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("storyline: "), result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    db = tmp_path_factory.mktemp("built") / "news.db"
    with Corpus(db) as corpus:
        corpus.build([SEEDS], engine="local")
    return db


@pytest.fixture
def broken(tmp_path, built, monkeypatch):
    """Stores in the current folder: truncated (the first 1000 bytes of a real one), overwritten
    with random bytes, overwritten with text."""
    monkeypatch.chdir(tmp_path)
    Path("truncated.db").write_bytes(built.read_bytes()[:1000])
    Path("random.db").write_bytes(os.urandom(8192))
    Path("text.db").write_text("These are my notes, not a database.\n")
    return tmp_path


COMMANDS = [
    ["articles"],
    ["timeline", "--json"],
    ["build", SEEDS],
    ["serve"],
    ["serve", "--get", "/"],
    ["export", "--format", "jsonl"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(map(str, c[:2])))
def test_a_damaged_or_foreign_file_is_one_line_for_every_command(broken, command):
    for name, expected in (
        ("truncated.db", DAMAGED),
        ("random.db", NOT_A_STORE),
        ("text.db", NOT_A_STORE),
    ):
        line = _one_line(_run(*command, "--db", name))
        assert line == f"storyline: {name} {expected}"


def test_debug_shows_the_traceback_behind_the_line(broken):
    for args, env in ((["--debug"], None), ([], {"STORYLINE_DEBUG": "1"})):
        result = _run(*args, "articles", "--db", "text.db", env=env)
        assert result.exit_code == 1
        assert "Traceback (most recent call last)" in result.stderr
        assert "sqlite3.DatabaseError: file is not a database" in result.stderr
        assert result.stderr.splitlines()[-1] == f"storyline: text.db {NOT_A_STORE}"


def test_a_store_from_a_newer_storyline_is_refused_in_one_line(tmp_path, built, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(built, "newer.db")
    with sqlite3.connect("newer.db") as connection:
        connection.execute("INSERT INTO migrations VALUES (?, '2030-01-01')", (FUTURE,))
    for command in (["articles"], ["build", SEEDS], ["serve", "--get", "/"]):
        assert _one_line(_run(*command, "--db", "newer.db")) == (
            f"storyline: newer.db was written by a newer storyline (migration {FUTURE});"
            " upgrade storyline"
        )


# real processes: permissions, a full disk, Ctrl-C ----------------------------------------------


def _storyline(*args, cwd, **options) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "storyline", *map(str, args)]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300, **options)


@pytest.fixture
def shared_folder():
    """A folder an unprivileged user can write in (pytest's own are private to their owner)."""
    folder = Path(tempfile.mkdtemp(prefix="storyline-ro-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder)


def _without_privileges() -> list[str]:
    """A command prefix under which file permissions apply: as root, run as nobody."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv (util-linux) to drop privileges")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.mark.slow
def test_a_read_only_store_can_be_read_and_says_why_it_cannot_be_built(shared_folder, built):
    db = shared_folder / "news.db"
    shutil.copy(built, db)
    db.chmod(0o444)
    reader = [*_without_privileges(), sys.executable, "-m", "storyline"]

    def run(*args):
        command = [*reader, *map(str, args), "--db", "news.db"]
        return subprocess.run(command, cwd=shared_folder, capture_output=True, text=True)

    listed = run("articles", "--json")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 4
    refused = run("build", SEEDS)
    assert (refused.returncode, refused.stderr) == (
        1,
        "storyline: cannot write to news.db: attempt to write a readonly database\n",
    )


def _file_size_limit(size: int):
    """A process whose files cannot grow past `size` bytes, as on a full disk (writes past it
    fail instead of raising SIGXFSZ)."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


@pytest.mark.slow
def test_a_disk_that_fills_up_during_a_build_is_one_line(tmp_path, built):
    full = _storyline(
        "build", SEEDS, "--db", "full.db", cwd=tmp_path, preexec_fn=_file_size_limit(150_000)
    )
    assert full.returncode == 1
    assert full.stderr == (
        "storyline: cannot read or write full.db: disk I/O error (is the disk full or failing?)\n"
    )
    with sqlite3.connect(tmp_path / "full.db") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.slow
def test_ctrl_c_stops_a_build_that_the_next_one_resumes(tmp_path):
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it) while a process pool
    annotates: one line, exit 130, and running the same build again completes the store as
    one uninterrupted build makes it (all runs with one hash seed: publisher names are
    chosen from sets)."""
    inputs = short_pages(tmp_path / "pages", 200)
    build = ["build", inputs, "--engine", "processes", "--workers", "2"]
    seeded = {"env": {**os.environ, "PYTHONHASHSEED": "0"}}
    command = [sys.executable, "-m", "storyline", *map(str, build), "--db", "s.db"]
    process = subprocess.Popen(
        command, cwd=tmp_path, stderr=subprocess.PIPE, text=True, start_new_session=True, **seeded
    )
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if _annotated(tmp_path / "s.db"):
            break
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr.strip()) == (
        130,
        "storyline: interrupted; run the same build again to resume",
    )
    assert 0 < _annotated(tmp_path / "s.db") < 200, "not interrupted while annotating"
    for db in ("s.db", "whole.db"):
        finished = _storyline(*build, "--db", db, cwd=tmp_path, **seeded)
        assert finished.returncode == 0, finished.stderr
    assert content(tmp_path / "s.db") == content(tmp_path / "whole.db")


def _annotated(db: Path) -> int:
    try:
        with sqlite3.connect(db) as connection:
            return connection.execute(
                "SELECT count(*) FROM articles WHERE annotated = 1"
            ).fetchone()[0]
    except sqlite3.Error:  # not made yet
        return 0
