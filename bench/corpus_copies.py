"""A large corpus made from a small real one, for benchmarks: the 120 demo articles and the 4 seeds
as storyline cleans them, repeated to N JSON Lines records.

Copy i is published `(i // 124) * 7` days after its original and ends with "Copy i.", so no copy
is a duplicate of another and the dates spread out as a growing corpus's would.
"""

from __future__ import annotations

import json
import tempfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"


def originals() -> list[dict]:
    """The demo articles and the seeds as storyline cleans them: title, date, text."""
    from storyline import Corpus
    from storyline.demo import demo_path

    with tempfile.TemporaryDirectory() as tmp, Corpus(Path(tmp) / "base.db") as corpus:
        corpus.build([demo_path(), SEEDS])
        return [
            {
                "title": a.title,
                "published": a.published.earliest if a.published else None,
                "text": a.text,
            }
            for a in sorted(corpus.articles(), key=lambda a: a.source)
        ]


def write_copies(base: list[dict], n: int, path: Path) -> None:
    """N records cycling through `base`, as JSON Lines at `path`."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            original = base[i % len(base)]
            record = {
                "url": f"https://example.org/copy/{i}/{i % len(base)}",
                "title": original["title"],
                "text": original["text"] + f"\n\nCopy {i}.",
            }
            if original["published"]:
                shifted = original["published"] + timedelta(days=(i // len(base)) * 7)
                record["published"] = shifted.isoformat()
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
