"""What adding 1% new articles to a built store costs, against building everything from scratch.

Usage:
    uv run python bench/incremental_build.py --articles 2000
    uv run python bench/incremental_build.py --articles 20000 \
        --store bench/results/build_memory_20000.db --full-seconds 1500

The pages are the demo articles and the seeds repeated with shifted dates
(bench/corpus_copies.py).  With `--articles N`: a store is built from the first 99% of N pages,
then the last 1% is added in a second build (the incremental build, timed per phase); a second store is built
from all N pages in one build (the full build).  Reported: both times and their ratio against
the issue's target (incremental ≤ 5% of full), with where the incremental build spent its time.

With `--store`, the full build is not repeated: the 1% is added to a copy of that store and the
full-build time comes from `--full-seconds` (e.g. the time bench/build_memory.py printed).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from corpus_copies import originals, write_copies  # noqa: E402

TARGET = 0.05


def timed_build(db: Path, pages: Path) -> tuple[float, dict[str, float], int]:
    """Seconds, seconds per phase (up to each phase's last progress call) and new articles."""
    from storyline import Corpus

    marks: dict[str, float] = {}

    def progress(phase: str, done: int, total: int) -> None:
        marks[phase] = time.perf_counter()

    with Corpus(db) as corpus:
        start = time.perf_counter()
        report = corpus.build([pages], progress=progress)
        end = time.perf_counter()
    phases, last = {}, start
    for phase, at in sorted(marks.items(), key=lambda item: item[1]):
        phases[phase] = round(at - last, 2)
        last = at
    phases["after the last progress report"] = round(end - last, 2)
    return end - start, phases, report.new


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--store", type=Path, help="a built store of --articles pages to add to")
    parser.add_argument("--full-seconds", type=float, help="that store's full build time")
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "incremental_build.json")
    args = parser.parse_args()
    n = args.articles
    added = max(1, n // 100)
    base = originals()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        every = tmp / "every.jsonl"
        write_copies(base, n + (added if args.store else 0), every)
        lines = every.read_text(encoding="utf-8").splitlines(keepends=True)
        first, last = tmp / "first.jsonl", tmp / "last.jsonl"
        first.write_text("".join(lines[: len(lines) - added]), encoding="utf-8")
        last.write_text("".join(lines[len(lines) - added :]), encoding="utf-8")
        if args.store:
            db = tmp / "incremental.db"
            shutil.copy(args.store, db)
            full_s = args.full_seconds
        else:
            db = tmp / "incremental.db"
            print(f"building the first {len(lines) - added:,} pages...", flush=True)
            timed_build(db, first)
            print(f"full build of {n:,} pages...", flush=True)
            full_s, full_phases, _ = timed_build(tmp / "full.db", every)
            print(f"  {full_s:.1f} s {full_phases}", flush=True)
        print(f"adding {added:,} pages...", flush=True)
        inc_s, inc_phases, new = timed_build(db, last)
    figures = {
        "articles": n,
        "added": added,
        "new_articles": new,
        "incremental_s": round(inc_s, 2),
        "incremental_phases_s": inc_phases,
        "full_s": round(full_s, 1) if full_s else None,
        "ratio": round(inc_s / full_s, 4) if full_s else None,
        "target": TARGET,
    }
    print(json.dumps(figures, indent=2))
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
