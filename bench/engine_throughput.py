"""Throughput and peak memory of the per-document pipeline on each engine, next to spaCy alone.

Usage:
    uv run python bench/engine_throughput.py --pages 2000 --repeat 2
    uv run python bench/engine_throughput.py --pages 300 --systems spacy-1 local   # a quick look

The pages: the demo articles and the seeds as storyline cleans them, repeated to N JSON Lines
records (bench/corpus_copies.py).  The pipeline is what an engine runs in a build: CleanStage over
the raw pages, then AnnotateStage (spaCy + storyline's entities, timexes, roles and events) over
the clean articles, each through `open_engine(...).map`; the store and the corpus stages are left
out.  spaCy alone is `nlp.pipe` over the same clean texts (batch size 32, `n_process` as the
workers).  Every system runs in a fresh subprocess after its inputs are read (not timed):

- spacy-1, spacy-2: the model is loaded before the clock for 1 process; with 2, spaCy's
  processes load it on the clock, as the engines' workers do;
- local: the model is loaded before the clock, as for spacy-1;
- processes-1, processes-2: a spawn pool of 1 or 2 processes per stage (clean, then annotate);
- ray-2: two actors (0.5 CPU each on 2 cores) on a local Ray instance started before the clock
  (`ray.init` is reported apart, as `startup s`).

Reported: pages/s and words/s of clean text, the seconds of each stage, the CPU seconds of the
main process (what feeding the workers and reading their results costs), the peak resident memory
of the process and all its descendants (workers, Ray's processes; summed RSS, sampled every
0.2 s with psutil), and the ratios against the targets: pipeline / spaCy alone >= 0.75 at the
same number of processes, 2 workers / 1 worker >= 1.8.  With `--repeat N` the systems run in N
rounds and each system's fastest run counts (all its times are listed: the spread shows how
noisy the machine was).  JSON goes to bench/results/.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from corpus_copies import originals, write_copies  # noqa: E402 - the pages, shared with benchmarks

SYSTEMS = {  # name: (engine, or "spacy" for spaCy alone; workers)
    "spacy-1": ("spacy", 1),
    "local": ("local", 1),
    "processes-1": ("processes", 1),
    "spacy-2": ("spacy", 2),
    "processes-2": ("processes", 2),
    "ray-2": ("ray", 2),
}
RATIOS = (  # (what, numerator, denominator, target)
    ("pipeline / spaCy, 1 process", "local", "spacy-1", 0.75),
    ("pipeline / spaCy, 2 processes", "processes-2", "spacy-2", 0.75),
    ("pipeline / spaCy, 2 Ray actors", "ray-2", "spacy-2", 0.75),
    ("2 workers / 1, processes", "processes-2", "processes-1", 1.8),
    ("2 workers / 1, spaCy alone", "spacy-2", "spacy-1", None),
    ("processes-1 / local (pool overhead)", "processes-1", "local", None),
)


# ---- memory: the process and its descendants -----------------------------------------------


def _psutil():
    """psutil from the venv, else the copy Ray vendors (without importing Ray)."""
    try:
        import psutil
    except ImportError:
        spec = importlib.util.find_spec("ray")
        if spec is None or not spec.submodule_search_locations:
            return None
        sys.path.append(os.path.join(spec.submodule_search_locations[0], "thirdparty_files"))
        import psutil
    return psutil


class PeakMemory:
    """Samples the summed RSS of this process and all its descendants in a thread."""

    def __init__(self, every: float = 0.2):
        self.psutil = _psutil()
        self.every = every
        self.peak = 0
        self.processes = 0
        self.on_sample = None  # called with each sample's MiB (e.g. to attribute it to a phase)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        if self.psutil is None:
            return
        me = self.psutil.Process()
        while not self._stop.is_set():
            total, count = 0, 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_info().rss
                    count += 1
                except (self.psutil.NoSuchProcess, self.psutil.AccessDenied):
                    pass
            self.peak = max(self.peak, total)
            self.processes = max(self.processes, count)
            if self.on_sample:
                self.on_sample(total / 2**20)
            self._stop.wait(self.every)

    @property
    def peak_mib(self) -> float:
        if self.psutil is None:  # no psutil: this process and its waited-for children
            import resource

            own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            return (own + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
        return self.peak / 2**20


# ---- the systems (in the worker subprocess) -------------------------------------------------


def run_spacy(folder: Path, workers: int) -> dict:
    from storyline.annotate.pipeline import load_nlp

    texts = json.loads((folder / "texts.json").read_text(encoding="utf-8"))
    nlp = load_nlp()
    started, cpu = time.perf_counter(), time.process_time()
    docs = sum(1 for _ in nlp.pipe(texts, batch_size=32, n_process=workers))
    seconds = time.perf_counter() - started
    main_cpu = time.process_time() - cpu
    return {"pages": docs, "seconds": seconds, "annotate_s": seconds, "main_cpu_s": main_cpu}


def run_engine(folder: Path, *, name: str, workers: int) -> dict:
    from storyline.annotate.pipeline import AnnotateStage, load_nlp
    from storyline.clean import CleanStage, learn_templates
    from storyline.engine import open_engine
    from storyline.ingest import read_inputs
    from storyline.records import RawPage, ToAnnotate

    pages = [p for p in read_inputs([folder / "pages.jsonl"]) if isinstance(p, RawPage)]
    templates = learn_templates(p.content.decode("utf-8") for p in pages if p.kind == "text")
    result: dict = {}
    with open_engine(name, workers=workers) as engine:
        if name == "local":
            load_nlp()
        if name == "ray":
            started = time.perf_counter()
            engine._start()  # ray.init: once per build, reported apart
            result["startup_s"] = time.perf_counter() - started
        started, cpu = time.perf_counter(), time.process_time()
        cleaned = list(engine.map(CleanStage(templates), pages, size=len(pages)))
        clean_end = time.perf_counter()
        items = [
            ToAnnotate(c.article.id, c.article.text, c.article.published)
            for c in cleaned
            if c.article is not None
        ]
        done = sum(1 for _ in engine.map(AnnotateStage(), items, size=len(items)))
        end = time.perf_counter()
        main_cpu = time.process_time() - cpu
    result.update(
        pages=done,
        seconds=end - started,
        clean_s=clean_end - started,
        annotate_s=end - clean_end,
        main_cpu_s=main_cpu,
    )
    return result


def worker(system: str, folder: Path) -> dict:
    engine, workers = SYSTEMS[system]
    run = run_spacy if engine == "spacy" else functools.partial(run_engine, name=engine)
    with PeakMemory() as memory:
        result = run(folder, workers=workers)
    words = json.loads((folder / "words.json").read_text())
    seconds = result["seconds"]
    return {
        "system": system,
        "engine": engine,
        "workers": workers,
        **{k: round(v, 2) if isinstance(v, float) else v for k, v in result.items()},
        "words": words,
        "pages_per_s": round(result["pages"] / seconds, 2),
        "words_per_s": round(words / seconds),
        "peak_mib": round(memory.peak_mib),
        "processes": memory.processes,
    }


# ---- the driver ---------------------------------------------------------------------------


def prepare(folder: Path, n: int) -> None:
    """The pages (JSON Lines) and, for spaCy alone, their clean texts (cleaned here, untimed)."""
    from storyline.clean import CleanStage, learn_templates
    from storyline.ingest import read_inputs
    from storyline.records import RawPage

    write_copies(originals(), n, folder / "pages.jsonl")
    pages = [p for p in read_inputs([folder / "pages.jsonl"]) if isinstance(p, RawPage)]
    templates = learn_templates(p.content.decode("utf-8") for p in pages if p.kind == "text")
    texts = [c.article.text for c in CleanStage(templates)(pages) if c.article is not None]
    (folder / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
    (folder / "words.json").write_text(json.dumps(sum(len(t.split()) for t in texts)))


def measure(system: str, folder: Path) -> dict:
    """One system in a fresh process (its stderr passes through); its JSON result."""
    command = [sys.executable, __file__, "--worker", system, "--folder", str(folder)]
    out = subprocess.check_output(command, text=True)
    return json.loads(out.strip().splitlines()[-1])


def ratios(results: dict[str, dict]) -> list[dict]:
    found = []
    for what, top, bottom, target in RATIOS:
        if top in results and bottom in results:
            value = results[top]["words_per_s"] / results[bottom]["words_per_s"]
            found.append({"what": what, "ratio": round(value, 3), "target": target})
    return found


def table(figures: dict) -> str:
    lines = [
        f"{figures['pages']} pages, {figures['words']:,} words of clean text;"
        f" load average {figures['load_before']} before, {figures['load_after']} after",
        f"{'system':<12} {'pages/s':>8} {'words/s':>8} {'clean s':>8} {'annot. s':>8}"
        f" {'total s':>8} {'startup s':>9} {'main CPU s':>10} {'peak MiB':>9} {'procs':>5}"
        "  runs s",
    ]
    for r in figures["results"]:
        lines.append(
            f"{r['system']:<12} {r['pages_per_s']:>8.1f} {r['words_per_s']:>8,}"
            f" {r.get('clean_s', 0):>8.1f} {r['annotate_s']:>8.1f} {r['seconds']:>8.1f}"
            f" {r.get('startup_s', 0):>9.1f} {r['main_cpu_s']:>10.1f} {r['peak_mib']:>9,}"
            f" {r['processes']:>5}"
            f"  {' / '.join(f'{s:.0f}' for s in r['all_seconds'])}"
        )
    for ratio in figures["ratios"]:
        target = f"target >= {ratio['target']}" if ratio["target"] else ""
        lines.append(f"{ratio['what']:<38} {ratio['ratio']:>6.2f}  {target}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--systems", nargs="+", choices=list(SYSTEMS), default=list(SYSTEMS))
    parser.add_argument(
        "--repeat", type=int, default=1, help="rounds over the systems; the fastest run counts"
    )
    parser.add_argument("--out", type=Path, help="JSON results (default bench/results/...)")
    parser.add_argument("--worker", choices=list(SYSTEMS), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.folder)))
        return 0

    out = args.out or ROOT / "bench" / "results" / f"engine_throughput_{args.pages}.json"
    with tempfile.TemporaryDirectory(prefix="storyline-engines-") as tmp:
        folder = Path(tmp)
        prepare(folder, args.pages)
        load_before = round(os.getloadavg()[0], 2)
        results = {}
        runs: dict[str, list[dict]] = {system: [] for system in args.systems}
        for _ in range(args.repeat):  # rounds, so a busy spell hits every system alike
            for system in args.systems:
                runs[system].append(measure(system, folder))
                print(json.dumps(runs[system][-1]), flush=True)
        for system, done in runs.items():
            results[system] = min(done, key=lambda r: r["seconds"])
            results[system]["all_seconds"] = [r["seconds"] for r in done]
        figures = {
            "pages": args.pages,
            "words": json.loads((folder / "words.json").read_text()),
            "cores": len(os.sched_getaffinity(0)),
            "load_before": load_before,
            "load_after": round(os.getloadavg()[0], 2),
            "results": list(results.values()),
            "ratios": ratios(results),
        }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n")
    print(table(figures))
    print(f"(written to {out})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
