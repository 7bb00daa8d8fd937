"""Time and peak memory of `storyline build` on hostile single documents.

Usage:
    uv run python bench/hostile_inputs.py                      # both inputs, this checkout
    uv run python bench/hostile_inputs.py --only line --mb 10 --timeout 900
    uv run python bench/hostile_inputs.py --src /tmp/main/src  # another checkout's code

The inputs are generated here, never committed: real sentences (the seed scrapes in
tests/fixtures/seeds, each line's text) repeated into

- `line`: one text file of `--mb` MB on a single line (no newline anywhere), the shape that made
  cleaning quadratic;
- `html`: one HTML page with `--paragraphs` `<p>` elements in an `<article>`, the shape that made
  trafilatura (and everything after it) run for minutes on gigabytes;
- `long`: one text file of `--long-mb` MB of paragraphs (blank lines between), an article over
  spaCy's 1,000,000-character limit (error E088, which ended the build and every later one).

Each is built into a fresh store by `storyline build FILE --json` in a subprocess under
`/usr/bin/time -v` (one page: the build runs in that one process), killed after `--timeout`
seconds.  Reported per input: exit code (or "timeout"), wall seconds, peak resident memory (MiB),
and from the JSON report the articles built, skips and failures.  `--src` puts another source
tree first on the import path, to measure a different branch with the same interpreter.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "seeds"


def sentences() -> list[str]:
    """The seeds' lines, as real text to repeat."""
    lines = []
    for path in sorted(SEEDS.glob("*.txt")):
        lines += [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if len(line) > 40]


def single_line(mb: float) -> str:
    """`mb` MB of prose with no line break."""
    unit = " ".join(sentences())
    size = int(mb * 1_000_000)
    return (unit + " ") * (size // (len(unit) + 1) + 1)


def long_article(mb: float) -> str:
    """`mb` MB of prose paragraphs separated by blank lines."""
    unit = "\n\n".join(sentences())
    size = int(mb * 1_000_000)
    return "\n\n".join([unit] * (size // (len(unit) + 2) + 1))[:size]


def many_paragraphs(count: int) -> str:
    """An HTML article of `count` `<p>` elements of real sentences."""
    texts = sentences()
    body = "".join(f"<p>{texts[i % len(texts)]}</p>\n" for i in range(count))
    return (
        "<html><head><title>A long page</title></head><body><article>"
        f"<h1>A long page</h1>\n{body}</article></body></html>"
    )


def measure(path: Path, src: str | None, timeout: float) -> dict:
    """One `storyline build` of `path` into a fresh store, under /usr/bin/time -v."""
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    with tempfile.TemporaryDirectory() as tmp:
        command = ["/usr/bin/time", "-v", sys.executable, "-m", "storyline", "build"]
        command += [str(path), "--db", str(Path(tmp) / "store.db"), "--json"]
        try:
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"input": path.name, "exit": "timeout", "seconds": f">{timeout:.0f}"}
    return {"input": path.name, "exit": done.returncode, **_usage(done.stderr), **_report(done)}


def _usage(stderr: str) -> dict:
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    hours, minutes, seconds = (float(g or 0) for g in wall.groups()) if wall else (0, 0, 0)
    return {
        "seconds": round(hours * 3600 + minutes * 60 + seconds, 1),
        "peak_mib": round(int(rss.group(1)) / 1024) if rss else None,
    }


def _report(done: subprocess.CompletedProcess) -> dict:
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        own = done.stderr.split("\tCommand being timed:")[0].strip().splitlines()
        return {"error": own[-1] if own else None}
    return {
        "articles": report["new"],
        "skipped": [s["reason"] for s in report["skipped"]],
        "failed": [f"{f['stage']}: {f['error']}" for f in report.get("failed", [])],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["line", "html", "long"], action="append")
    parser.add_argument("--mb", type=float, default=10.0, help="size of the single line")
    parser.add_argument("--paragraphs", type=int, default=100_000, help="<p> in the page")
    parser.add_argument("--long-mb", type=float, default=1.25, help="size of the long article")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per build")
    parser.add_argument("--src", help="a source tree to import storyline from instead")
    args = parser.parse_args()
    wanted = args.only or ["line", "html", "long"]
    with tempfile.TemporaryDirectory() as tmp:
        inputs = {
            "line": (Path(tmp) / f"line-{args.mb:g}mb.txt", lambda: single_line(args.mb)),
            "html": (
                Path(tmp) / f"p-{args.paragraphs}.html",
                lambda: many_paragraphs(args.paragraphs),
            ),
            "long": (
                Path(tmp) / f"long-{args.long_mb:g}mb.txt",
                lambda: long_article(args.long_mb),
            ),
        }
        for name in wanted:
            path, make = inputs[name]
            path.write_text(make(), encoding="utf-8")
            print(json.dumps(measure(path, args.src, args.timeout)), flush=True)


if __name__ == "__main__":
    main()
