"""One build at a time on a store, across processes.

Two builds interleaving their batches would each be correct statement by statement, but not as
a whole: stories are clustered incrementally, so a build that clusters while the other rewrites
annotations keeps stories made from half-written facts.  So a build takes an advisory lock on
`<store>.lock` (beside the store, like SQLite's own `-wal` file); one started meanwhile waits,
then finds the work done.  The kernel releases the lock when its process ends, even killed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from storyline.errors import StoreReadOnly

try:
    import fcntl
except ImportError:  # Windows: no flock; concurrent builds there are not kept apart
    fcntl = None


@contextmanager
def one_build_at_a_time(
    path: str, waiting: Callable[[int, int], None] | None = None
) -> Iterator[None]:
    """Hold the build lock of the store at `path`.  If another process holds it, this waits for
    it (however long its build takes), calling `waiting(0, 1)` before and `waiting(1, 1)` after,
    like a progress callback."""
    if fcntl is None or path in ("", ":memory:"):
        yield
        return
    lock = f"{path}.lock"
    try:
        handle = open(lock, "a")  # noqa: SIM115 - closed below, which also releases the lock
    except OSError as error:
        raise StoreReadOnly(path, f"cannot create {lock} ({error.strerror})") from error
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting = waiting or _ignore
            waiting(0, 1)
            fcntl.flock(handle, fcntl.LOCK_EX)
            waiting(1, 1)
        yield


def _ignore(done: int, total: int) -> None:
    pass
