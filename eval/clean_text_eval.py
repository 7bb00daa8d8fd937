"""Score storyline's plain-text cleaner on the AEB text scrapes, through the product.

    uv run python eval/clean_text_eval.py DATA_DIR [--json] [--keep DIR] [--worst N]

The scrapes (`DATA_DIR/aeb-text/ID.txt`, the page's visible text one block a line) are built with
`storyline build` (templates are learned across the folder, as in any build); each article's text
comes from `storyline articles --json` and is scored against `aeb/ground-truth.json` with the
AEB shingle metric (`aeb_metric.py`) on the tune and check halves of `split.py`.  The baseline
keeps every line of the scrape (the raw text: published 0.665 on all 181 pages).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from aeb_product import Task, main
from corpora import aeb_text


def raw_texts(data: Path, ids: list[str]) -> dict[str, str]:
    """The baseline: the scrape as it is, every line kept."""
    return {i: (data / "aeb-text" / f"{i}.txt").read_text(encoding="utf-8") for i in ids}


TASK = Task("AEB text-scrape cleaning", "aeb-text", aeb_text, "keep every line", raw_texts)

if __name__ == "__main__":
    raise SystemExit(main(TASK, __doc__))
