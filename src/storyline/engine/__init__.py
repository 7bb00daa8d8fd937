"""Engines run the per-document stages over many items: in this process, on a process pool or on
Ray Data.

A stage is a picklable object with `setup()` (load models once per worker) and
`__call__(batch) -> results` (a pure function of the batch, one result per item, in order).
Engines only move batches around, so every stage runs unchanged in any of them, and every
engine gives the results in input order with a bounded number of batches in flight (memory
stays flat however large the corpus).

    with open_engine("processes", workers=2) as engine:
        for result in engine.map(stage, items, size=len(items)):
            ...

`ray` is imported only when the Ray engine is opened: `import storyline` never imports it.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Protocol, TypeVar, get_args

from storyline.errors import EngineOptionError
from storyline.records import EngineName

T = TypeVar("T")
R = TypeVar("R")

__all__ = [
    "ENGINES",
    "PARALLEL_FROM",
    "AutoEngine",
    "Engine",
    "EngineName",
    "EngineOptionError",
    "LocalEngine",
    "ProcessEngine",
    "Stage",
    "batched",
    "default_workers",
    "open_engine",
    "run_stage",
]

ENGINES: tuple[str, ...] = get_args(EngineName)
PARALLEL_FROM = 100  # items before a process pool pays for its start-up
BATCH_SIZE = 32

OnBatch = Callable[[int], None]


class Stage(Protocol[T, R]):
    def setup(self) -> None: ...

    def __call__(self, batch: list[T]) -> list[R]: ...


class Engine(Protocol):
    """Maps a stage over items; a context manager, closed once the build is over."""

    name: str

    def map(
        self,
        stage: Stage[T, R],
        items: Iterable[T],
        *,
        size: int | None = None,
        batch_size: int = BATCH_SIZE,
        on_batch: OnBatch | None = None,
    ) -> Iterator[R]:
        """Results of `stage` over `items` (about `size` of them, when known), in input order;
        `on_batch(n)` once n more results are computed."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Engine: ...

    def __exit__(self, *exc) -> None: ...


class _Closing:
    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class LocalEngine(_Closing):
    """In this process: the stage is set up once, batches run one after the other."""

    name = "local"

    def map(self, stage, items, *, size=None, batch_size=BATCH_SIZE, on_batch=None):
        stage.setup()
        for batch in batched(items, batch_size):
            results = stage(batch)
            if on_batch:
                on_batch(len(results))
            yield from results


class ProcessEngine(_Closing):
    """A spawn pool of `workers` processes, each setting the stage up once (a pool per map)."""

    name = "processes"

    def __init__(self, workers: int | None = None):
        self.workers = _positive(workers) or default_workers()

    def map(self, stage, items, *, size=None, batch_size=BATCH_SIZE, on_batch=None):
        context = multiprocessing.get_context("spawn")
        with context.Pool(self.workers, initializer=_setup_worker, initargs=(stage,)) as pool:
            pending: deque = deque()
            for batch in batched(items, batch_size):
                pending.append(pool.apply_async(_run_batch, (batch,)))
                if len(pending) >= 2 * self.workers:
                    yield from _collect(pending.popleft(), on_batch)
            while pending:
                yield from _collect(pending.popleft(), on_batch)


class AutoEngine(_Closing):
    """The default: a process pool when more than one worker is available and the job is big
    enough to pay for starting it (`PARALLEL_FROM` items), else this process."""

    name = "auto"

    def __init__(self, workers: int | None = None):
        self.workers = _positive(workers) or default_workers()

    def map(self, stage, items, *, size=None, batch_size=BATCH_SIZE, on_batch=None):
        big = size is None or size >= PARALLEL_FROM
        engine = ProcessEngine(self.workers) if self.workers > 1 and big else LocalEngine()
        return engine.map(stage, items, size=size, batch_size=batch_size, on_batch=on_batch)


def open_engine(
    name: EngineName | None = None,
    *,
    workers: int | None = None,
    ray_address: str | None = None,
    shards: str | os.PathLike | None = None,
) -> Engine:
    """The engine called `name` (None: processes for big jobs when more than one core is free,
    else local; "ray" when a `ray_address` is given).  Ray hands results over as Parquet shards
    under `shards` (a temporary folder when None)."""
    if name is None:
        name = "ray" if ray_address else None
    elif name not in ENGINES:
        raise EngineOptionError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
    if ray_address and name != "ray":
        raise EngineOptionError(f"a Ray address needs the ray engine, not {name!r}")
    if workers is not None and workers < 1:
        raise EngineOptionError(f"workers must be at least 1, not {workers}")
    if name == "local":
        return LocalEngine()
    if name == "processes":
        return ProcessEngine(workers)
    if name == "ray":
        from .ray import RayEngine

        return RayEngine(workers, address=ray_address, shards=Path(shards) if shards else None)
    return AutoEngine(workers)


def run_stage(
    stage: Stage[T, R],
    items: Iterable[T],
    *,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    on_batch: OnBatch | None = None,
) -> Iterator[R]:
    """Results of `stage` over `items`, in input order: in process for one worker, else on a pool."""
    engine = ProcessEngine(workers) if workers > 1 else LocalEngine()
    return engine.map(stage, items, batch_size=batch_size, on_batch=on_batch)


def default_workers() -> int:
    """One worker per free core, at least one."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, cores)


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _positive(workers: int | None) -> int | None:
    return max(1, workers) if workers is not None else None


def _collect(result, on_batch):
    done = result.get()
    if on_batch:
        on_batch(len(done))
    return done


_WORKER_STAGE = None


def _setup_worker(stage) -> None:
    """Runs in each pool process.  Ctrl-C reaches the whole process group: the driver stops the
    pool, so its workers ignore the signal rather than each printing a traceback."""
    global _WORKER_STAGE
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    stage.setup()
    _WORKER_STAGE = stage


def _run_batch(batch):
    return _WORKER_STAGE(batch)
