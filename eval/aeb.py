"""Score storyline's HTML cleaning on the Zyte article-extraction benchmark (AEB), through the
product.

    uv run python eval/aeb.py DATA_DIR [--json] [--keep DIR] [--worst N]

The pages (`DATA_DIR/aeb/html/ID.html.gz`) are built with `storyline build`; each article's text
comes from `storyline articles --json` and is scored against `ground-truth.json` with the
benchmark's shingle metric (`aeb_metric.py`), on the tune and check halves of `split.py`.  The
baseline is plain `trafilatura.extract(html)` on the same pages in the same run; the anchor is
trafilatura 2.0's published F1 on all 181 AEB pages (a larger set than these 84).
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from aeb_product import Task, main
from corpora import aeb_html


def trafilatura_texts(data: Path, ids: list[str]) -> dict[str, str]:
    """The baseline: `trafilatura.extract` with its defaults on each page's HTML."""
    import trafilatura

    folder = data / "aeb" / "html"
    return {i: trafilatura.extract(gzip.decompress((folder / f"{i}.html.gz").read_bytes())) or ""
            for i in ids}  # fmt: skip


TASK = Task("AEB HTML cleaning", "aeb-html", aeb_html, "trafilatura.extract", trafilatura_texts,
            ("trafilatura 2.0, all 181 AEB pages (published)", 0.958))  # fmt: skip

if __name__ == "__main__":
    raise SystemExit(main(TASK, __doc__))
