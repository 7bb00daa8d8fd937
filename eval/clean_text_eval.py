"""Score storyline's plain-text cleaner on the AEB text scrapes with the AEB shingle metric.

    uv run python eval/clean_text_eval.py /work/shared/data [--worst N]

Reads DATA/aeb-text/ID.txt (raw scrapes) and DATA/aeb/ground-truth.json ({id: {articleBody}}).
Templates are learned over the whole folder first, as a real build would.  Metric (Zyte's
article-extraction-benchmark): tokens are `\\w+`, shingles are 4-grams kept as multisets; per page
P = TP/|pred| and R = TP/|gold| (an empty side counts as 1 when both are empty, else 0); P and R
are averaged over pages and F1 = 2PR/(P+R).  Self-contained: no import from eval/aeb.py.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from storyline.clean.templates import learn_templates
from storyline.clean.text import clean_text

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text)
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_pr(gold: str, pred: str) -> tuple[float, float]:
    g, p = shingles(gold), shingles(pred)
    if not g and not p:
        return 1.0, 1.0
    tp = sum((g & p).values())
    precision = tp / sum(p.values()) if p else 0.0
    recall = tp / sum(g.values()) if g else 0.0
    return precision, recall


def summarize(rows: list[tuple[float, float]]) -> tuple[float, float, float]:
    p = sum(r[0] for r in rows) / len(rows)
    r = sum(r[1] for r in rows) / len(rows)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("data", type=Path, help="folder holding aeb-text/ and aeb/")
    parser.add_argument("--worst", type=int, default=0, help="list the N lowest-F1 pages")
    args = parser.parse_args(argv)

    gold = json.loads((args.data / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    files = sorted((args.data / "aeb-text").glob("*.txt"))
    texts = {f.stem: f.read_text(encoding="utf-8") for f in files if f.stem in gold}
    if not texts:
        print(f"no scrapes with gold under {args.data}", file=sys.stderr)
        return 1
    templates = learn_templates(texts.values())

    raw_rows, clean_rows, per_page = [], [], []
    for page_id, text in texts.items():
        body = gold[page_id]["articleBody"]
        found = clean_text(text, templates)
        cleaned = "\n\n".join(p for p, _ in found.paragraphs)
        raw_rows.append(page_pr(body, text))
        clean_rows.append(page_pr(body, cleaned))
        p, r = clean_rows[-1]
        per_page.append((2 * p * r / (p + r) if p + r else 0.0, p, r, page_id))

    print(f"pages: {len(texts)}   learned boilerplate units: {len(templates)}")
    for label, rows in (("raw", raw_rows), ("cleaned", clean_rows)):
        p, r, f1 = summarize(rows)
        print(f"{label:8s} P {p:.3f}  R {r:.3f}  F1 {f1:.3f}")
    for f1, p, r, page_id in sorted(per_page)[: args.worst]:
        print(f"  {f1:.3f}  P {p:.3f}  R {r:.3f}  {page_id}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
