"""Engines run the per-document stages over many items: in this process or on a process pool.

A stage is a picklable object with `setup()` (load models once per worker) and
`__call__(batch) -> results` (a pure function of the batch).  Engines only move batches
around, so every stage runs unchanged in any of them, in order, with a bounded number of
batches in flight (memory stays flat however large the corpus).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

__all__ = ["Stage", "batched", "default_workers", "run_stage"]


class Stage(Protocol[T, R]):
    def setup(self) -> None: ...

    def __call__(self, batch: list[T]) -> list[R]: ...


def default_workers() -> int:
    """One worker per free core, at least one."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, cores)


def run_stage(
    stage: Stage[T, R],
    items: Iterable[T],
    *,
    workers: int = 1,
    batch_size: int = 32,
    on_batch: Callable[[int], None] | None = None,
) -> Iterator[R]:
    """Results of `stage` over `items`, in input order; `on_batch(n)` after each batch of n."""
    batches = batched(items, batch_size)
    if workers <= 1:
        stage.setup()
        for batch in batches:
            yield from stage(batch)
            if on_batch:
                on_batch(len(batch))
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_setup_worker, initargs=(stage,)) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append((len(batch), pool.apply_async(_run_batch, (batch,))))
            if len(pending) >= 2 * workers:
                yield from _collect(pending.popleft(), on_batch)
        while pending:
            yield from _collect(pending.popleft(), on_batch)


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _collect(entry, on_batch):
    size, result = entry
    done = result.get()
    if on_batch:
        on_batch(size)
    return done


_WORKER_STAGE = None


def _setup_worker(stage) -> None:
    global _WORKER_STAGE
    stage.setup()
    _WORKER_STAGE = stage


def _run_batch(batch):
    return _WORKER_STAGE(batch)
