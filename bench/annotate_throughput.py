"""Throughput and peak memory of a full storyline build (ingest → clean → annotate → link)
next to spaCy alone (`nlp.pipe` on the same clean text, same process count), in one run.

Usage:
    uv run python bench/annotate_throughput.py --pages 600 --workers 1 2
    uv run python bench/annotate_throughput.py --pages 300 1200 --workers 2   # memory vs size

Pages are the bundled demo corpus (120 Wikinews articles) repeated with a numbered line, so
each page is new to the store.  Each measurement runs in a fresh subprocess so its peak
memory (`ru_maxrss` of the process and of its worker children) is its own.  Reported:
words/s of clean text, pages/s, peak RSS, and the storyline/spaCy ratio of words/s.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_pages(folder: Path, n: int) -> None:
    from storyline.demo import demo_path

    texts = [p.read_text(encoding="utf-8") for p in sorted(demo_path().rglob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"page{i:06d}.txt").write_text(
            f"{texts[i % len(texts)]}\n\nThis copy is number {i}.\n", encoding="utf-8"
        )


def run_storyline(folder: Path, workers: int) -> dict:
    """The whole build; with one worker the model is loaded before the clock starts, as it is
    for spaCy alone (with more, each worker loads it, as spaCy's own worker processes do)."""
    from storyline import Corpus
    from storyline.annotate.pipeline import load_nlp

    if workers == 1:
        load_nlp()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        with Corpus(Path(tmp) / "bench.db") as corpus:
            corpus.build([folder], workers=workers)
            seconds = time.perf_counter() - started
            words = sum(a.words for a in corpus.articles())
            pages = corpus.store.count("articles")
    return {"seconds": seconds, "words": words, "pages": pages}


def run_spacy(folder: Path, workers: int) -> dict:
    """spaCy alone on the same clean text storyline stores (cleaned beforehand, not timed)."""
    from storyline.annotate.pipeline import load_nlp
    from storyline.clean import clean_page, learn_templates
    from storyline.ingest import read_inputs

    pages = [p for p in read_inputs([str(folder)]) if hasattr(p, "content")]
    templates = learn_templates(p.content.decode("utf-8") for p in pages)
    texts = [clean_page(p, templates).text for p in pages]
    nlp = load_nlp()
    started = time.perf_counter()
    docs = sum(1 for _ in nlp.pipe(texts, batch_size=32, n_process=workers))
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "words": sum(len(t.split()) for t in texts), "pages": docs}


def _worker(system: str, folder: str, workers: int) -> None:
    run = {"storyline": run_storyline, "spacy": run_spacy}[system]
    result = run(Path(folder), workers)
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["children_peak_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(result))


def measure(system: str, folder: Path, workers: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", system, str(folder), str(workers)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result["words_per_s"] = result["words"] / result["seconds"]
    result["pages_per_s"] = result["pages"] / result["seconds"]
    return result


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        _worker(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[600])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for pages in args.pages:
            folder = Path(tmp) / f"pages{pages}"
            make_pages(folder, pages)
            for workers in args.workers:
                spacy_run = measure("spacy", folder, workers)
                ours = measure("storyline", folder, workers)
                rows.append(
                    {
                        "pages": pages,
                        "workers": workers,
                        "spacy": spacy_run,
                        "storyline": ours,
                        "ratio": ours["words_per_s"] / spacy_run["words_per_s"],
                    }
                )
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(
        f"{'pages':>6} {'workers':>7} {'system':<10} {'words/s':>9} {'pages/s':>8} "
        f"{'peak MiB':>9} {'workers MiB':>11}"
    )
    for row in rows:
        for system in ("spacy", "storyline"):
            r = row[system]
            print(
                f"{row['pages']:>6} {row['workers']:>7} {system:<10} {r['words_per_s']:>9.0f} "
                f"{r['pages_per_s']:>8.1f} {r['peak_mib']:>9.0f} {r['children_peak_mib']:>11.0f}"
            )
        print(f"{'':>6} {'':>7} {'ratio':<10} {row['ratio']:>9.2f}")


if __name__ == "__main__":
    main()
