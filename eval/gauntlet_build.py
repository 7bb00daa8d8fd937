"""Running storyline commands for the gauntlet, as a user runs them, and judging each build.

Every command is the `storyline` console script of this environment in a subprocess of its own
process group, with plain tracebacks (so a crash can be placed) and Python's fault handler on
(so a build stopped for taking too long says where it was).  A hostile corpus whose build
crashes is triaged: each of its cases is built again alone, beside the valid articles.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from gauntlet_checks import Verdict, crash_summary, judge
from hostile import Expect, write_hostile

TIMED_OUT = -1000  # the return code given to a command the gauntlet had to stop
TRIAGE_TIMEOUT = 240.0  # seconds for a hostile case built alone


@dataclass
class Job:
    """One corpus: its folder of inputs and what each input must become."""

    name: str
    folder: Path
    expected: list[Expect]
    cases: list[str] | None = None  # the hostile cases it holds


@dataclass
class Result:
    name: str
    inputs: int
    seconds: float = 0.0
    verdict: Verdict | None = None
    problems: list[str] = field(default_factory=list)
    crashed: bool = False


def storyline_command() -> list[str]:
    """The `storyline` console script of this environment (what `uv run storyline` runs)."""
    script = Path(sys.executable).with_name("storyline")
    return [str(script)] if script.exists() else [sys.executable, "-m", "storyline"]


def run(args: list[str], timeout: float) -> subprocess.CompletedProcess:
    """A storyline command in its own process group, killed with its workers on timeout;
    tracebacks are plain so the gauntlet can say where a crash happened."""
    env = {**os.environ, "TYPER_STANDARD_TRACEBACK": "1", "NO_COLOR": "1", "COLUMNS": "200",
           "PYTHONFAULTHANDLER": "1"}  # fmt: skip
    process = subprocess.Popen(
        [*storyline_command(), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        out, err = _stop(process)
        return subprocess.CompletedProcess(process.args, TIMED_OUT, out, err)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def _stop(process: subprocess.Popen) -> tuple[bytes, bytes]:
    """Stop a command that ran too long, first with SIGABRT so that Python's fault handler
    prints where each of its processes was, then for good."""
    os.killpg(process.pid, signal.SIGABRT)
    try:
        return process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        return process.communicate()


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def build(job: Job, db: Path, timeout: float) -> Result:
    """Build the job's folder into `db` and judge the result against what went in."""
    result = Result(job.name, len(job.expected))
    for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        stale.unlink(missing_ok=True)  # every build starts from an empty store
    started = time.perf_counter()
    done = run(["build", str(job.folder), "--db", str(db), "--json"], timeout)
    result.seconds = time.perf_counter() - started
    if done.returncode != 0:
        result.crashed = True
        result.problems.append(_crash("build", done, timeout))
        return result
    listed = run(["articles", "--db", str(db), "--json"], timeout)
    if listed.returncode != 0:
        result.problems.append(_crash("`storyline articles`", listed, timeout))
        return result
    report, articles = json.loads(_text(done.stdout)), json.loads(_text(listed.stdout))
    result.verdict = judge(str(job.folder), job.expected, report, articles)
    result.problems += result.verdict.problems
    return result


def _crash(what: str, done: subprocess.CompletedProcess, timeout: float) -> str:
    stderr = _text(done.stderr)
    if done.returncode == TIMED_OUT:
        return f"{what} stopped: {crash_summary(stderr, f'no answer within {timeout:.0f} s')}"
    return f"{what} exited {done.returncode}: {crash_summary(stderr)}"


def triage(job: Job, work: Path, timeout: float) -> list[str]:
    """Build each hostile case alone, beside the valid articles, to name the ones that crash."""
    problems = []
    for case in job.cases or []:
        folder = work / "triage" / case
        shutil.rmtree(folder, ignore_errors=True)  # a kept folder from an earlier run
        alone = Job(case, folder / case, write_hostile(folder / case, [case]))
        found = build(alone, folder / "store.db", min(timeout, TRIAGE_TIMEOUT))
        problems += [f"{case} alone: {p}" for p in found.problems]
    return problems or ["the hostile build crashed, but no case crashes on its own"]


def cpu_seconds() -> float:
    """CPU time of every finished storyline command and its workers: on a shared machine, a
    steadier measure of the gauntlet's cost than the wall clock."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime
