"""Running the product as a user does, for the evaluation scripts: `storyline` commands in a
subprocess of this environment, their `--json` output parsed.  Nothing here reaches into
storyline's modules, so a score measures what users get.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

__all__ = ["annotate", "articles", "build", "storyline"]


def storyline(*args: str, env: dict | None = None) -> str:
    """Run `storyline ARGS...` and return its stdout; a failure raises with its stderr."""
    command = [sys.executable, "-m", "storyline", *args]
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"storyline {' '.join(args)} exited {done.returncode}: {done.stderr}")
    return done.stdout


def build(folder: Path, db: Path) -> dict:
    """`storyline build FOLDER --db DB --json`, with the engine and workers a user gets by
    default (a process pool on the free cores for a big enough job; every engine builds the
    same store).  The scripts of `run_all.py` run one at a time, so the cores are free."""
    print(f"building {folder} into {db}", file=sys.stderr)
    return json.loads(storyline("build", str(folder), "--db", str(db), "--json"))


def articles(db: Path) -> list[dict]:
    """`storyline articles --json`: every article with its source and clean text."""
    return json.loads(storyline("articles", "--db", str(db), "--json"))


def annotate(records: list[dict], env: dict | None = None) -> dict[str, dict]:
    """Record id → what `storyline annotate --json` prints for `{id, text, published}`."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "records.jsonl"
        lines = [json.dumps({k: r.get(k) for k in ("id", "text", "published")}) for r in records]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out = storyline("annotate", str(path), "--json", env=env)
    found = {}
    for line in out.splitlines():
        item = json.loads(line)
        found[item["id"]] = item
    return found


def store_path(keep: Path | None, name: str, tmp: str) -> Path:
    """Where a benchmark's store lives: under `--keep DIR` (reused by the next run: a build of
    the same inputs adds nothing) or in this run's temporary folder."""
    folder = keep or Path(tmp)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}.db"


def env_with_src(src: Path | None) -> dict | None:
    """This environment with another `src/` first on the path (to score an older revision)."""
    if src is None:
        return None
    return {**os.environ, "PYTHONPATH": str(src) + os.pathsep + os.environ.get("PYTHONPATH", "")}
