"""The Ray engine: a stage as Ray Data `map_batches` on an actor pool, with Parquet shards between
the driver and the actors.

    driver: items → input shards (Parquet, `SHARD_ROWS` records each, see `rows`)
    Ray Data: shard names → map_batches(actor pool) → each actor sets the stage up once, reads an
              input shard, runs the stage on it, writes the output shard of the same name
    driver: output shards, read back in input order as soon as every shard before them is done

Every input shard is one Ray task, so the pool balances load across actors while the driver
streams results into the store in input order (the stores an engine builds are identical).
Without an address a local Ray instance is started (CPUs capped to the workers, a capped object
store, no dashboard) and stopped when the engine is closed, also on error.  With an address the
shard folder must be on a filesystem every node sees.

On small machines actors ask for less than a CPU each (`actor_cpus`): on 2 cores, two 1-CPU
actors left nothing for Ray Data's own tasks and the pipeline deadlocked.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import BATCH_SIZE, OnBatch, Stage, batched, default_workers
from .rows import read_shard, write_shard

__all__ = ["OBJECT_STORE_MEMORY", "SHARD_ROWS", "RayEngine", "actor_cpus"]

SHARD_ROWS = 64  # records per shard: one Ray task, one unit of progress
OBJECT_STORE_MEMORY = 512 * 2**20  # for a local instance; shards carry the data, not the store


class RayEngine:
    """Runs stages on Ray Data; a context manager (Ray starts on first use, stops on close)."""

    name = "ray"

    def __init__(
        self,
        workers: int | None = None,
        *,
        address: str | None = None,
        shards: Path | None = None,
        object_store_memory: int = OBJECT_STORE_MEMORY,
        shard_rows: int = SHARD_ROWS,
    ):
        self.workers = workers
        self.address = address
        self.object_store_memory = object_store_memory
        self.shard_rows = shard_rows
        self._shards = shards
        self._made: Path | None = None  # the shard folder this engine made, removed on close
        self._runs = 0
        self._started = False

    def map(
        self,
        stage: Stage,
        items: Iterable,
        *,
        size: int | None = None,
        batch_size: int = BATCH_SIZE,
        on_batch: OnBatch | None = None,
    ) -> Iterator:
        run = self._run_folder(stage)
        try:
            names = _write_inputs(items, run / "input", self.shard_rows)
            if names:
                self._start()
                yield from self._results(stage, names, run, batch_size, on_batch)
        finally:
            shutil.rmtree(run, ignore_errors=True)

    def close(self) -> None:
        if self._started:
            import ray

            ray.shutdown()
            self._started = False
        if self._made is not None:
            shutil.rmtree(self._made, ignore_errors=True)
            self._made = None

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _run_folder(self, stage: Stage) -> Path:
        if self._shards is None:
            self._shards = self._made = Path(tempfile.mkdtemp(prefix="storyline-shards-"))
        elif not self._shards.exists():
            self._shards.mkdir(parents=True)
            self._made = self._shards
        self._runs += 1
        run = self._shards / f"{self._runs:02d}-{type(stage).__name__}"
        shutil.rmtree(run, ignore_errors=True)
        (run / "input").mkdir(parents=True)
        (run / "output").mkdir()
        return run

    def _start(self) -> None:
        import ray

        if ray.is_initialized():
            return  # the caller's Ray: used as it is, and left running
        quiet = {"log_to_driver": False, "logging_level": "WARNING"}
        with _without_uv_hook():
            if self.address:
                ray.init(address=self.address, **quiet)
            else:
                ray.init(
                    num_cpus=self.workers or default_workers(),
                    object_store_memory=self.object_store_memory,
                    include_dashboard=False,
                    # Ray runs its workers at nice 15, so any other busy process starves the
                    # actors; these do the build's work, as a process pool's workers (nice 0) do.
                    _system_config={"worker_niceness": 0},
                    **quiet,
                )
        self._started = True

    def _results(self, stage, names, run, batch_size, on_batch) -> Iterator:
        import ray.data

        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        cpus = ray.cluster_resources().get("CPU", 1.0)
        workers = min(self.workers or max(1, int(cpus)), len(names))
        shards = ray.data.from_items([{"shard": n} for n in names], override_num_blocks=len(names))
        done = shards.map_batches(
            _ShardWorker,
            fn_constructor_kwargs={"stage": stage, "run": str(run), "batch_size": batch_size},
            batch_size=1,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=workers),
            num_cpus=actor_cpus(cpus, workers),
        )
        finished: set[str] = set()
        position = 0
        for batch in done.iter_batches(batch_size=None, batch_format="pyarrow"):
            for name, count in zip(
                batch.column("shard").to_pylist(), batch.column("rows").to_pylist(), strict=True
            ):
                finished.add(name)
                if on_batch:
                    on_batch(count)
            while position < len(names) and names[position] in finished:
                yield from read_shard(run / "output" / names[position])
                position += 1
        if position != len(names):
            raise RuntimeError(f"Ray returned {position} of {len(names)} shards")


def actor_cpus(cpus: float, workers: int) -> float:
    """CPUs each actor asks for: one, unless that leaves Ray Data's tasks none (then less)."""
    return min(1.0, max(cpus - 1.0, cpus / 2) / workers)


@contextlib.contextmanager
def _without_uv_hook():
    """Ray's `uv run` hook would package the current directory (whatever it holds) for the
    workers and start each through uv, and refuses outright when the project is elsewhere: the
    workers run the cluster's interpreter instead (this one, for a local instance)."""
    from ray._private import ray_constants

    hook = ray_constants.RAY_ENABLE_UV_RUN_RUNTIME_ENV
    ray_constants.RAY_ENABLE_UV_RUN_RUNTIME_ENV = False
    try:
        yield
    finally:
        ray_constants.RAY_ENABLE_UV_RUN_RUNTIME_ENV = hook


def _write_inputs(items: Iterable, folder: Path, rows: int) -> list[str]:
    """Input shards named by the position of their first record, in input order."""
    names = []
    start = 0
    for chunk in batched(items, rows):
        name = f"{start:012d}.parquet"
        write_shard(folder / name, chunk, start)
        names.append(name)
        start += len(chunk)
    return names


class _ShardWorker:
    """One actor of the pool: sets the stage up once, then turns input shards into output shards."""

    def __init__(self, stage: Stage, run: str, batch_size: int):
        stage.setup()
        self.stage = stage
        self.run = Path(run)
        self.batch_size = batch_size

    def __call__(self, batch):
        import pyarrow as pa

        names = batch.column("shard").to_pylist()
        counts = [self._shard(name) for name in names]
        return pa.table({"shard": names, "rows": counts})

    def _shard(self, name: str) -> int:
        items = read_shard(self.run / "input" / name)
        results = []
        for chunk in batched(items, self.batch_size):
            results.extend(self.stage(chunk))
        if len(results) != len(items):
            raise RuntimeError(f"{type(self.stage).__name__} gave {len(results)} of {len(items)}")
        write_shard(self.run / "output" / name, results, start=int(name.partition(".")[0]))
        return len(results)
