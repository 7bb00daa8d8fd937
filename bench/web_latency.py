"""Latency of the web explorer over a large store, and the build time of that store.

Usage:
    uv run python bench/web_latency.py --articles 20000
    uv run python bench/web_latency.py --articles 2000 --requests 100
    uv run python bench/web_latency.py --store bench/results/web_latency_20000.db   # re-run

The store: the 120 demo articles and the 4 seeds, as storyline cleans them (built once into a
temporary store), repeated to N JSON Lines records with shifted dates (bench/corpus_copies.py:
copy i is published `(i // 124) * 7` days after its original and ends with "Copy i." so no copy
is a duplicate), then built with `Corpus(db).build([...])`, the full pipeline (ingest, clean,
spaCy annotation, dating, entity linking, events, stories).  The build time and pages/s are printed, per phase.
A store that exists already (`--store`, default `bench/results/web_latency_{N}.db`) is reused
as it is: the latency part can be re-run without building again.

The latency: a real server (`python -c "from storyline.web import serve; serve(DB, port=P)"`,
as in tests/test_browser.py) and sequential keep-alive requests, `--requests` per endpoint
(bounded by `--budget` seconds per endpoint), cycling through a few filters — none,
`?entity=`, `?story=`, `?from=&to=` for the timelines; a few queries for search.  Each variant
is requested once first (not counted: the cold request is reported apart).  Reported per
endpoint: p50/p95/max in ms and p95 against the 150 ms target.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # browser_support: the real server in a subprocess
sys.path.insert(0, str(ROOT / "bench"))

from corpus_copies import originals, write_copies  # noqa: E402 - the pages, shared with benchmarks

TARGET_MS = 150.0
QUERIES = [
    "Airbus",
    "General Motors bankruptcy",
    "Apple iPhone",
    "Russia",
    "stock market",
    "Litvinenko",
]


# ---- the store ---------------------------------------------------------------------------------


def build_store(db: Path, n: int) -> dict:
    from storyline import Corpus

    t0 = time.perf_counter()
    base = originals()
    print(f"{len(base)} original articles cleaned in {time.perf_counter() - t0:.1f} s", flush=True)
    phases: dict[str, list[float]] = {}  # phase -> [first, last] progress time
    last_print = [0.0]

    def progress(phase: str, done: int, total: int) -> None:
        now = time.perf_counter()
        phases.setdefault(phase, [now, now])[1] = now
        if now - last_print[0] > 30 or done == total:
            last_print[0] = now
            print(f"  {phase}: {done:,}/{total:,} ({now - start:.0f} s)", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "copies.jsonl"
        write_copies(base, n, pages)
        with Corpus(db) as corpus:
            start = time.perf_counter()
            report = corpus.build([pages], progress=progress)
            end = time.perf_counter()
    seconds = end - start
    # A phase ends at its last progress call and the next one starts there (so the start of
    # the annotating processes counts for annotation); what follows the last annotation
    # (dating, entity linking, events, stories) reports no progress.
    order = sorted(phases, key=lambda name: phases[name][0])
    ends = [start] + [phases[name][1] for name in order]
    timings = {name: round(ends[i + 1] - ends[i], 1) for i, name in enumerate(order)}
    timings["date+link+events+stories"] = round(end - ends[-1], 1)
    print(
        f"built {report.new:,} new articles into {db} in {seconds:.1f} s: "
        f"{report.new / seconds:.1f} pages/s; phases (s): {timings}",
        flush=True,
    )
    return {
        "articles": report.new,
        "build_s": round(seconds, 1),
        "pages_per_s": round(report.new / seconds, 2),
        "phases_s": timings,
    }


# ---- latency -----------------------------------------------------------------------------------


def get(conn: http.client.HTTPConnection, path: str) -> tuple[float, int, int]:
    t = time.perf_counter()
    conn.request("GET", path, headers={"Accept": "*/*"})
    response = conn.getresponse()
    body = response.read()
    return (time.perf_counter() - t) * 1000, response.status, len(body)


def variants(conn: http.client.HTTPConnection) -> dict[str, list[str]]:
    """The requests per endpoint, from what the store holds (stories, entities, dates)."""
    conn.request("GET", "/api/stories")
    stories = json.loads(conn.getresponse().read())
    conn.request("GET", "/api/entities")
    entities = json.loads(conn.getresponse().read())
    story_ids = [s["id"] for s in _items(stories, "stories")][:3]
    names = [e["name"] for e in _items(entities, "entities")][:3]
    timeline = [
        "",
        *(f"?entity={quote(n)}" for n in names),
        *(f"?story={quote(s)}" for s in story_ids),
        "?" + urlencode({"from": "2009-01-01", "to": "2009-06-30"}),
        "?" + urlencode({"from": "2012-01-01", "to": "2012-12-31"}),
    ]
    search = [f"?q={quote(q)}" for q in QUERIES]
    return {
        "/api/timeline": [f"/api/timeline{v}" for v in timeline],
        "/timeline": [f"/timeline{v}" for v in timeline],
        "/api/search": [f"/api/search{v}" for v in search],
        "/search": [f"/search{v}" for v in search],
    }


def _items(payload, key: str) -> list[dict]:
    if isinstance(payload, list):
        return payload
    for name in (key, "items", "results"):
        if isinstance(payload.get(name), list):
            return payload[name]
    return []


def measure(base: str, requests: int, budget: float) -> dict:
    netloc = urlsplit(base).netloc
    conn = http.client.HTTPConnection(netloc, timeout=120)
    results = {}
    for endpoint, paths in variants(conn).items():
        cold, times, per_variant, statuses = {}, [], {p: [] for p in paths}, {}
        for path in paths:
            cold[path], status, _ = get(conn, path)
            statuses[status] = statuses.get(status, 0) + 1
        began = time.perf_counter()
        for i in range(requests):
            if time.perf_counter() - began > budget:
                break
            path = paths[i % len(paths)]
            ms, status, _ = get(conn, path)
            statuses[status] = statuses.get(status, 0) + 1
            times.append(ms)
            per_variant[path].append(ms)
        results[endpoint] = summary(times) | {
            "cold_max_ms": round(max(cold.values()), 1),
            "statuses": statuses,
            "variants": {p: round(statistics.median(v), 1) for p, v in per_variant.items() if v},
        }
        r = results[endpoint]
        verdict = "ok" if r["p95_ms"] <= TARGET_MS else "OVER"
        print(
            f"{endpoint:14} n={r['n']:4}  p50 {r['p50_ms']:8.1f}  p95 {r['p95_ms']:8.1f}  "
            f"max {r['max_ms']:8.1f} ms  cold max {r['cold_max_ms']:8.1f}  "
            f"p95 vs {TARGET_MS:.0f} ms: {verdict}  HTTP {statuses}",
            flush=True,
        )
    conn.close()
    return results


def summary(times: list[float]) -> dict:
    ordered = sorted(times)

    def pct(q: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]

    return {
        "n": len(ordered),
        "p50_ms": round(pct(0.50), 1),
        "p95_ms": round(pct(0.95), 1),
        "max_ms": round(ordered[-1], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--articles", type=int, default=20_000, help="articles in the generated store"
    )
    parser.add_argument("--store", type=Path, help="store to reuse, or to build when missing")
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    parser.add_argument("--budget", type=float, default=120.0, help="seconds per endpoint at most")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    from browser_support import running_server

    from storyline import Corpus

    db = args.store or ROOT / "bench" / "results" / f"web_latency_{args.articles}.db"
    figures: dict = {"store": str(db)}
    if db.exists():
        print(f"reusing the store at {db} (delete it to build again)", flush=True)
    else:
        db.parent.mkdir(parents=True, exist_ok=True)
        figures["build"] = build_store(db, args.articles)
    with Corpus(db) as corpus:
        figures["articles"] = len(corpus.articles())
        figures["stories"] = len(corpus.stories())
    figures["store_mb"] = round(os.path.getsize(db) / 2**20, 1)
    print(
        f"store: {figures['articles']:,} articles, {figures['stories']:,} stories, {figures['store_mb']} MiB",
        flush=True,
    )

    with running_server(db, timeout=120) as base:
        figures["latency"] = measure(base, args.requests, args.budget)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
