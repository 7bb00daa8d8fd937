"""Peak memory of whole builds as the corpus grows: does a 10x larger build need more memory?

Usage:
    uv run python bench/build_memory.py --pages 2000 20000 [--keep bench/results]

Each size is built from scratch (the demo articles and the seeds repeated with shifted dates,
bench/corpus_copies.py) by `Corpus.build` with the default engine, in a fresh subprocess whose
summed resident memory — the process and all its workers — is sampled every 0.2 s.  Reported per
size: build seconds, pages/s, the peak and which phase it was reached in, and the ratio of the
largest build's peak to the smallest's (the issue's target: at most 1.5 for 20,000 vs 2,000).
With `--keep DIR`, the stores are kept as `DIR/build_memory_{N}.db` (for bench/incremental_build.py
and bench/corpus_stages.py).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus_copies import originals, write_copies  # noqa: E402
from engine_throughput import PeakMemory  # noqa: E402

TARGET = 1.5


def build_one(pages: int, db: Path) -> dict:
    """One build in this process (run as a subprocess by `main`)."""
    from storyline import Corpus

    with tempfile.TemporaryDirectory() as tmp:
        copies = Path(tmp) / "copies.jsonl"
        write_copies(originals(), pages, copies)
        phase_peaks: dict[str, float] = {}
        current = ["ingest"]

        def progress(phase: str, done: int, total: int) -> None:
            current[0] = phase  # "link" covers dating too: it starts when annotation ends

        with PeakMemory() as memory, Corpus(db) as corpus:
            memory.on_sample = lambda mib: phase_peaks.__setitem__(
                current[0], max(phase_peaks.get(current[0], 0), mib)
            )
            start = time.perf_counter()
            report = corpus.build([copies], progress=progress)
            seconds = time.perf_counter() - start
    return {
        "pages": pages,
        "new": report.new,
        "seconds": round(seconds, 1),
        "pages_per_s": round(report.new / seconds, 2),
        "peak_mib": round(memory.peak_mib),
        "peak_mib_by_phase": {k: round(v) for k, v in phase_peaks.items()},
        "processes": memory.processes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--keep", type=Path, help="keep the stores in this folder")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the subprocess
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(build_one(args.one, args.db)))
        return
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.pages:
            db = (args.keep or Path(tmp)) / f"build_memory_{n}.db"
            db.unlink(missing_ok=True)
            print(f"building {n:,} pages...", flush=True)
            out = subprocess.run(
                [sys.executable, __file__, "--one", str(n), "--db", str(db)],
                check=True, capture_output=True, text=True,
            ).stdout  # fmt: skip
            runs.append(json.loads(out.strip().splitlines()[-1]))
            print(json.dumps(runs[-1]), flush=True)
    ratio = runs[-1]["peak_mib"] / runs[0]["peak_mib"]
    verdict = "met" if ratio <= TARGET else "MISSED"
    print(
        f"peak {runs[-1]['pages']:,} / {runs[0]['pages']:,} pages: {ratio:.2f} (target <= {TARGET}: {verdict})"
    )
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "build_memory.json").write_text(
        json.dumps({"runs": runs, "ratio": round(ratio, 3), "target": TARGET}, indent=2) + "\n"
    )


if __name__ == "__main__":
    main()
