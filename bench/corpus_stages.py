"""How the corpus-level stages (the part of a build that does not parallelise) scale.

Usage:
    uv run python bench/corpus_stages.py bench/results/web_latency_2000.db bench/results/web_latency_20000.db

For each built store (copied first, the original is not touched), every corpus stage is run from
scratch and timed: entity resolution over all mentions (blocked by name keys), event merging over
all event mentions (blocked by type and date), story clustering of every article (an inverted
index over terms and entities proposes candidates), and telling every timeline (the corpus's and
each story's).  Printed per store: the sizes, the seconds per stage, the process's peak memory
after each stage (one store per process gives clean peaks), and between consecutive
stores the growth of each stage against the growth of the corpus — about 1x the corpus growth
means linear, the square of it quadratic.
"""

from __future__ import annotations

import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def measure(store: Path) -> dict:
    from storyline import Corpus

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "copy.db"
        shutil.copy(store, db)
        with Corpus(db) as corpus:
            conn = corpus.store.db
            with corpus.store.transaction() as tx:  # forget what earlier builds linked and told
                tx.execute("DELETE FROM link_state")
                tx.execute("DELETE FROM story_articles")
                tx.execute("DELETE FROM stories")
                tx.execute("DELETE FROM timelines")
            seconds, peak_mib = {}, {"before": _peak_mib()}
            for name, stage in (
                ("entities", corpus._link_entities),
                ("events", corpus._link_events),
                ("stories", corpus._cluster_stories),
                ("timelines", corpus._tell),
            ):
                start = time.perf_counter()
                stage()
                seconds[name] = round(time.perf_counter() - start, 2)
                peak_mib[name] = _peak_mib()
            sizes = {
                table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("articles", "mentions", "entities", "event_mentions", "events",
                              "stories", "timeline_entries")
            }  # fmt: skip
    return {"store": str(store), "sizes": sizes, "seconds": seconds, "peak_mib": peak_mib}


def _peak_mib() -> int:
    """This process's peak resident memory so far (run one store per process to compare)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main() -> None:
    runs = [measure(Path(path)) for path in sys.argv[1:]]
    for run in runs:
        print(run["store"], json.dumps(run["sizes"]))
        print(
            "  seconds", json.dumps(run["seconds"]), "peak MiB after", json.dumps(run["peak_mib"])
        )
    for small, large in zip(runs, runs[1:], strict=False):
        growth = large["sizes"]["articles"] / small["sizes"]["articles"]
        print(f"corpus grows {growth:.1f}x; stage time grows:")
        for stage, seconds in large["seconds"].items():
            ratio = seconds / max(small["seconds"][stage], 0.01)
            print(
                f"  {stage:10} {small['seconds'][stage]:7.2f} s -> {seconds:7.2f} s  ({ratio:.1f}x)"
            )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "corpus_stages.json").write_text(json.dumps(runs, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
