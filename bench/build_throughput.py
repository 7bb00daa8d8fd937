"""Throughput and peak memory of storyline's ingest + clean against trafilatura alone.

Usage:
    uv run python bench/build_throughput.py --pages 300
    uv run python bench/build_throughput.py --pages 300 --data /work/shared/data --full-build --json

N pages are taken round-robin from `aeb/html` and `htmldate/html` (gzipped HTML) under
`--data`, repeating when N is larger, and written once to a temporary folder as `.html` files
(a repeated page gets a trailing comment so its content hash differs: no system may skip it as
a duplicate).  Each system then runs in a fresh subprocess on that folder, so its peak memory
(`ru_maxrss`) is its own:

- storyline: `ingest.read_inputs` + `clean.clean_page` per page, or with `--full-build`
  `Corpus(tmp.db).build([folder])` (ingest → clean → store into a temporary SQLite file);
- trafilatura: read each file and `trafilatura.extract(html)` with default settings.

Reported: pages/s, words/s (words of the clean text), peak RSS and its growth over the
worker's RSS after imports and before the run, and the storyline/trafilatura ratios.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOURCES = ("aeb/html", "htmldate/html")


# ---- the systems: each takes the folder of pages and returns (pages done, words) ----------


def storyline_clean(folder: Path) -> tuple[int, int]:
    """storyline's per-document path: ingest (walk, read, sniff) then clean each page."""
    from storyline.clean import clean_page
    from storyline.ingest import read_inputs
    from storyline.records import RawPage

    pages = words = 0
    for item in read_inputs([folder]):
        if isinstance(item, RawPage):
            article = clean_page(item)
            pages += 1
            words += article.words
    return pages, words


def storyline_build(folder: Path) -> tuple[int, int]:
    """The full build: ingest → clean → store, into a temporary SQLite file."""
    from storyline import Corpus

    with tempfile.TemporaryDirectory() as tmp, Corpus(Path(tmp) / "bench.db") as corpus:
        report = corpus.build([folder])
        words = sum(article.words for article in corpus.articles())
        return report.new + report.unchanged + report.duplicate, words


def trafilatura_alone(folder: Path) -> tuple[int, int]:
    import trafilatura

    pages = words = 0
    for path in sorted(folder.iterdir()):
        text = trafilatura.extract(path.read_bytes())
        pages += 1
        words += len(text.split()) if text else 0
    return pages, words


SYSTEMS = {
    "storyline": storyline_clean,
    "storyline-build": storyline_build,
    "trafilatura": trafilatura_alone,
}


def _warm_imports(system: str) -> None:
    """Import before the clock starts: import time is not throughput."""
    import trafilatura  # noqa: F401

    if system.startswith("storyline"):
        import storyline
        import storyline.clean.html  # noqa: F401
        from storyline.clean import clean_page  # noqa: F401


# ---- the worker (one per system, in a fresh process) ------------------------------------


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def worker(system: str, folder: Path) -> dict:
    _warm_imports(system)
    before = _rss_mib()
    started = time.perf_counter()
    pages, words = SYSTEMS[system](folder)
    seconds = time.perf_counter() - started
    peak = _rss_mib()
    return {
        "system": system,
        "pages": pages,
        "words": words,
        "seconds": round(seconds, 3),
        "pages_per_s": round(pages / seconds, 2) if seconds else None,
        "words_per_s": round(words / seconds) if seconds else None,
        "peak_rss_mib": round(peak, 1),
        "rss_growth_mib": round(peak - before, 1),
    }


# ---- the driver ---------------------------------------------------------------------------


def collect(data: Path, n: int) -> list[Path]:
    """N page files, round-robin over the sources, repeating when N is larger."""
    lists = [sorted((data / source).glob("*.gz")) for source in SOURCES]
    lists = [files for files in lists if files]
    if not lists:
        raise SystemExit(f"no gzipped HTML under {', '.join(str(data / s) for s in SOURCES)}")
    interleaved = []
    for i in range(max(len(files) for files in lists)):
        interleaved.extend(files[i] for files in lists if i < len(files))
    return [interleaved[i % len(interleaved)] for i in range(n)]


def materialize(files: list[Path], folder: Path) -> None:
    seen: set[Path] = set()
    for number, path in enumerate(files):
        html = gzip.decompress(path.read_bytes())
        if path in seen:  # a repeat: make its content unique
            html += f"\n<!-- storyline bench copy {number} -->\n".encode()
        seen.add(path)
        (folder / f"{number:06d}.html").write_bytes(html)


def run_worker(system: str, folder: Path) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--worker", system, "--folder", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{system} worker failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300, help="number of pages (default 300)")
    parser.add_argument(
        "--data",
        type=Path,
        default=Path("/work/shared/data"),
        help="folder holding aeb/ and htmldate/",
    )
    parser.add_argument(
        "--full-build", action="store_true", help="benchmark Corpus.build (ingest → clean → store)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--worker", choices=sorted(SYSTEMS), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        print(json.dumps(worker(args.worker, args.folder)))
        return 0

    files = collect(args.data, args.pages)
    ours = "storyline-build" if args.full_build else "storyline"
    with tempfile.TemporaryDirectory(prefix="storyline-bench-") as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        materialize(files, folder)
        size = sum(p.stat().st_size for p in folder.iterdir())
        results = [run_worker(system, folder) for system in (ours, "trafilatura")]
    a, b = results
    ratio = {
        "pages_per_s": round(a["pages_per_s"] / b["pages_per_s"], 3),
        "words_per_s": round(a["words_per_s"] / b["words_per_s"], 3),
        "peak_rss_mib": round(a["peak_rss_mib"] / b["peak_rss_mib"], 3),
    }
    if args.json:
        print(
            json.dumps(
                {
                    "pages": args.pages,
                    "mib": round(size / 2**20, 1),
                    "results": results,
                    "ratio": ratio,
                },
                indent=2,
            )
        )
        return 0
    print(
        f"{args.pages} pages ({size / 2**20:.1f} MiB of HTML), one process each, python {sys.version.split()[0]}"
    )
    print(
        f"{'system':<16} {'pages/s':>8} {'words/s':>9} {'words':>9} {'peak MiB':>9} {'growth MiB':>10}"
    )
    for r in results:
        print(
            f"{r['system']:<16} {r['pages_per_s']:8.1f} {r['words_per_s']:9d} {r['words']:9d} "
            f"{r['peak_rss_mib']:9.1f} {r['rss_growth_mib']:10.1f}"
        )
    print(
        f"{'ratio':<16} {ratio['pages_per_s']:8.2f} {ratio['words_per_s']:9.2f} {'':9} {ratio['peak_rss_mib']:9.2f}"
        f"   ({ours} / trafilatura)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
