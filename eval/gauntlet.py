"""The gauntlet: build every public corpus, and a corpus of hostile files, exactly as a user does,
and fail when storyline breaks on one or says something untrue about what it read.

Usage:
    uv run python eval/gauntlet.py ../shared/data [--only NAME...] [--keep DIR] [--workers N]

Each corpus is converted into a folder of user-ready files (`corpora.py`, `hostile.py`) and built
into its own store with `storyline build FOLDER --db STORE --json` in a subprocess (the console
script of this environment).  The gauntlet fails (exit 1, printing each offender) when a build
exits non-zero, when an input is neither an article, a duplicate nor a skip with a reason, when
a document failed, or when a hostile input comes out wrong (`gauntlet_checks.py`).  When the
hostile build crashes, each hostile case is built again on its own to name the culprits.  Then
`storyline serve` runs on the wikinews and hostile stores and every page type is opened; any 5xx
fails (`gauntlet_web.py`).  A table per corpus and the total time are printed.

`--only` takes corpus names or prefixes (`t17` is every Timeline17 topic, `hostile` the hostile
files); `--workers N` runs N builds at once (each build picks its own engine, as for a user);
`--keep DIR` keeps the inputs and stores there.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import converters
from gauntlet_build import Job, Result, build, cpu_seconds, storyline_command, triage
from gauntlet_checks import warning_kinds, warning_text
from gauntlet_web import check_web
from hostile import CASES, Expect, write_hostile

HOSTILE = "hostile"
WEB_DEFAULT = ("wikinews", HOSTILE)
WARNINGS_SHOWN = 3  # warnings printed per corpus, beside their count by kind


# -- choosing and preparing corpora -------------------------------------------------------------


def select(available: list[str], only: list[str] | None) -> list[str]:
    """The corpora named by `--only` (names or prefixes such as `t17`), all by default."""
    if not only:
        return available
    chosen = [n for n in available if any(n == o or n.startswith(f"{o}-") for o in only)]
    unknown = [o for o in only if not any(n == o or n.startswith(f"{o}-") for n in available)]
    if unknown:
        raise SystemExit(f"unknown corpus {', '.join(unknown)}; known: {', '.join(available)}")
    return chosen


def prepare(data: Path, names: list[str], inputs: Path) -> list[Job]:
    """Write each chosen corpus into `inputs/NAME` as a user would hand it to storyline."""
    found = converters(data)
    shutil.rmtree(inputs, ignore_errors=True)  # a kept folder from an earlier run
    jobs = []
    for name in names:
        folder = inputs / name
        if name == HOSTILE:
            jobs.append(Job(name, folder, write_hostile(folder), list(CASES)))
            continue
        items = found[name](folder)
        jobs.append(Job(name, folder, [Expect(item, name) for item in items]))
    return jobs


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# -- running ------------------------------------------------------------------------------------


def run_all(jobs: list[Job], stores: Path, work: Path, args) -> dict[str, Result]:
    """Build every job, `args.workers` at a time, the largest first; report each as it ends."""
    results: dict[str, Result] = {}
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        futures = {
            pool.submit(_build_and_triage, job, stores, work, args.timeout): job
            for job in sorted(jobs, key=lambda j: -size(j.folder))
        }
        for future in as_completed(futures):
            result = future.result()
            results[result.name] = result
            state = "FAIL" if result.problems else "ok"
            print(f"[{len(results)}/{len(jobs)}] {result.name}: {state} in {result.seconds:.0f} s",
                  flush=True)  # fmt: skip
    return results


def _build_and_triage(job: Job, stores: Path, work: Path, timeout: float) -> Result:
    result = build(job, stores / f"{job.name}.db", timeout)
    if result.crashed and job.cases:
        result.problems += triage(job, work, timeout)
    return result


def check_pages(names: list[str], results: dict[str, Result], stores: Path) -> list[str]:
    """Open every page type on the chosen stores (the first one built if none of them was)."""
    built = [n for n, r in results.items() if not r.crashed]
    chosen = [n for n in names if n in built] or built[:1]
    if not chosen:
        print("web: no store was built, no page opened")
    problems = []
    for name in chosen:
        opened, found, notes = check_web(storyline_command(), stores / f"{name}.db")
        state = f"{len(found)} with a 5xx or no answer" if found else "all answered below 500"
        print(f"web {name}: {opened} pages opened, {state}")
        for note in notes:
            print(f"  note: {note}")
        problems += [f"web {name}: {p}" for p in found]
    return problems


# -- reporting ----------------------------------------------------------------------------------

COLUMNS = ("corpus", "inputs", "articles", "dupes", "skips", "warnings", "failed", "seconds")


def table(order: list[str], results: dict[str, Result]) -> str:
    rows = [COLUMNS]
    for name in order:
        r, v = results[name], results[name].verdict
        counts = (
            (v.articles, v.duplicates, v.skips, len(v.warnings), len(v.failed)) if v else ("-",) * 5
        )
        status = "" if not r.problems else ("  CRASH" if r.crashed else "  FAIL")
        rows.append((name, r.inputs, *counts, f"{r.seconds:.1f}{status}"))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(COLUMNS))]
    return "\n".join(
        "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in
                  enumerate(zip(row, widths, strict=True)))
        for row in rows
    )  # fmt: skip


def print_details(order: list[str], results: dict[str, Result]) -> None:
    """Below the table: skips and warnings by kind (and a few warnings), then every problem."""
    verdicts = {n: results[n].verdict for n in order if results[n].verdict}
    _by_kind("skipped", {n: v.skip_reasons for n, v in verdicts.items() if v.skip_reasons})
    _by_kind("warnings", {n: warning_kinds(v.warnings) for n, v in verdicts.items() if v.warnings})
    for name, verdict in verdicts.items():
        for warning in verdict.warnings[:WARNINGS_SHOWN]:
            print(f"  {name} warning: {warning_text(warning)}")
    for name in order:
        if results[name].problems:
            print(f"\n{name}: FAILED")
        for problem in results[name].problems:
            print(f"  {problem}")


def _by_kind(title: str, kinds: dict[str, Counter]) -> None:
    if kinds:
        print(f"\n{title}, by kind:")
    for name, counted in kinds.items():
        print(f"  {name}: " + ", ".join(f"{k} x{n}" for k, n in counted.most_common()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the shared data folder (seeds are in ../seeds)")
    parser.add_argument(
        "--only", nargs="+", metavar="NAME", help="only these corpora (or prefixes)"
    )
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep inputs and stores here")
    parser.add_argument("--workers", type=int, default=1, help="builds run at once (default 1)")
    parser.add_argument(
        "--timeout", type=float, default=1800, help="seconds per build (a hang, not a slow build)"
    )
    parser.add_argument(
        "--web", nargs="*", default=list(WEB_DEFAULT), metavar="NAME",
        help="stores whose pages are opened (default: wikinews hostile)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        parser.error(f"no data folder at {args.data}")
    started = time.perf_counter()
    order = select([*converters(args.data), HOSTILE], args.only)
    work = args.keep or Path(tempfile.mkdtemp(prefix="gauntlet-"))
    try:
        return _run(args, order, work, started)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _run(args, order: list[str], work: Path, started: float) -> int:
    stores = work / "stores"
    stores.mkdir(parents=True, exist_ok=True)
    jobs = prepare(args.data, order, work / "inputs")
    print(f"gauntlet: {len(jobs)} corpora, {sum(len(j.expected) for j in jobs)} inputs, "
          f"{args.workers} at a time, in {work}", flush=True)  # fmt: skip
    results = run_all(jobs, stores, work, args)
    web_problems = check_pages(args.web, results, stores) if args.web else []
    print()
    print(table(order, results))
    print_details(order, results)
    if web_problems:
        print("\nweb: FAILED")
    for problem in web_problems:
        print(f"  {problem}")
    failing = [n for n in order if results[n].problems] + (["web"] if web_problems else [])
    elapsed = time.perf_counter() - started
    print(
        f"\ntotal: {elapsed:.0f} s ({cpu_seconds():.0f} s of CPU in storyline commands);"
        f" {len(failing)} failing: {', '.join(failing) or 'none'}"
    )
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
