"""What event extraction costs per document, apart from spaCy, on the 120 bundled demo articles.

Usage:
    uv run python bench/extract_cost.py
    uv run python bench/extract_cost.py --before main     # the same, for git revision main too

The articles are parsed once (spaCy and storyline's own annotation: names, dates, roles), then
`events_from_doc` alone is timed over all of them, best of `--repeat` runs (what extraction keeps
in a Doc is cleared between runs); reading the lexicon once per process is reported apart.  With `--before REF`, the same script
runs again in a subprocess on the `src/` of git revision REF (extracted with `git archive`),
so both figures come from one run on one machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(repeat: int) -> dict:
    from storyline.annotate.pipeline import annotate_doc, load_nlp
    from storyline.demo import demo_path
    from storyline.extract import events_from_doc
    from storyline.records import ToAnnotate

    texts = [p.read_text(encoding="utf-8") for p in sorted(demo_path().rglob("*.txt"))]
    lexicon = _lexicon_load()
    nlp = load_nlp()
    docs = list(nlp.pipe(texts, batch_size=32))
    annotations = [
        annotate_doc(ToAnnotate(str(n), t), d)
        for n, (t, d) in enumerate(zip(texts, docs, strict=True))
    ]
    started = time.perf_counter()
    events_from_doc(docs[0], annotations[0], None)  # reads the lexicon
    first = time.perf_counter() - started
    best, count = float("inf"), 0
    for _ in range(repeat):
        for doc in docs:
            doc.user_data.clear()  # what extraction keeps in a Doc must not carry over
        started = time.perf_counter()
        count = sum(
            len(events_from_doc(d, a, None)) for d, a in zip(docs, annotations, strict=True)
        )
        best = min(best, time.perf_counter() - started)
    words = sum(len(t.split()) for t in texts)
    return {"docs": len(texts), "words": words, "events": count, "first_call_s": first,
            "lexicon_s": lexicon, "total_s": best, "ms_per_doc": 1000 * best / len(texts)}  # fmt: skip


def _lexicon_load() -> float | None:
    """Seconds to read the word tables once (None for a version without them)."""
    try:
        from storyline.lexicon import cameo_verbs, crosswalk
    except ImportError:
        return None
    started = time.perf_counter()
    cameo_verbs(), crosswalk()
    return time.perf_counter() - started


def before(ref: str, repeat: int) -> dict:
    blob = subprocess.run(
        ["git", "archive", "--format=tar", ref, "src"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=BytesIO(blob)) as tar:
            tar.extractall(tmp, filter="data")
        env = dict(os.environ, PYTHONPATH=str(Path(tmp) / "src"))
        out = subprocess.run(
            [sys.executable, __file__, "--repeat", str(repeat), "--json"],
            env=env, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    return json.loads(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--before", metavar="REF", help="also measure git revision REF")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    runs = {"after": measure(args.repeat)}
    if args.before:
        runs[f"before:{args.before}"] = before(args.before, args.repeat)
    if args.json:
        print(json.dumps(runs["after"] if len(runs) == 1 else runs))
        return 0
    for name, r in runs.items():
        lexicon = f"{r['lexicon_s'] * 1000:.0f} ms" if r.get("lexicon_s") else "-"
        print(f"{name:14} {r['docs']} docs, {r['words']} words: {r['events']} events; "
              f"{r['ms_per_doc']:.1f} ms/doc ({r['total_s']:.2f} s); reading the lexicon {lexicon}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
