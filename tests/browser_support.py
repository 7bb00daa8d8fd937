"""A real `storyline.web` server in a subprocess, for the browser tests and the latency bench.

    with running_server(db) as base:        # "http://127.0.0.1:PORT"
        httpx.get(base + "/")

The server is started as `python -c "from storyline.web import serve; serve(DB, port=PORT)"`
(or, given the command that runs the CLI, as `storyline serve --db DB --port PORT`) on a free
port, waited for (bounded) until `GET /` answers, and always terminated — then killed if it does
not stop — when the block exits, whatever happened inside it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
START_TIMEOUT = 30.0


class ServerFailed(RuntimeError):
    pass


def free_port() -> int:
    """A port nobody listens on now (the OS picks it: bind to port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(
    db: str | os.PathLike, timeout: float = START_TIMEOUT, cli: list[str] | None = None
) -> Iterator[str]:
    """Serve the store at `db` in a subprocess (through the `cli` command when given, as
    `storyline serve` does for a user); yields its base URL."""
    port = free_port()
    code = f"from storyline.web import serve; serve({os.fspath(db)!r}, port={port})"
    args = [*cli, "serve", "--db", os.fspath(db), "--port", str(port)] if cli else None
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            args or [sys.executable, "-c", code],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=os.getcwd(),
        )
        try:
            _wait_until_up(proc, base, timeout, log)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def _wait_until_up(proc: subprocess.Popen, base: str, timeout: float, log) -> None:
    deadline = time.monotonic() + timeout
    last = "no answer yet"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerFailed(f"server exited with {proc.returncode}:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(base + "/", timeout=5) as response:
                if response.status == 200 and proc.poll() is None:
                    return  # answering, and it is our process (not one that took the port)
                last = f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            last = f"HTTP {error.code}"
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            last = str(error)
        time.sleep(0.2)
    raise ServerFailed(f"server not up after {timeout:.0f} s ({last}):\n{_tail(log)}")


def _tail(log, size: int = 4000) -> str:
    log.flush()
    log.seek(0)
    return log.read().decode("utf-8", "replace")[-size:]
