"""One document's failure stays that document's: the per-document stages run `Isolated`.

An `Isolated` stage turns an exception raised on one item into that item's `Failure` record, in
place of its result, so the build goes on and the store records what failed.  It is itself a
stage (picklable, `setup` then `__call__`), so it works the same on every engine.  A batch runs
whole first (spaCy parses fastest in batches); only when it raises is it run again one item at a
time, so every item that works still gives its result.

Inside a stage, `step("extract")` names the part that raised, so a failure says where it
happened.  An exception while setting a stage up (no spaCy model installed) belongs to no
document: it still ends the build.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from storyline.records import Failure

from . import Stage

T = TypeVar("T")
R = TypeVar("R")

__all__ = ["Isolated", "StepFailed", "step"]

Describe = Callable[[T], tuple[str, str]]
"""An item's (document id, source), e.g. `operator.attrgetter("id", "source")`: picklable."""


class StepFailed(Exception):
    """An exception raised in a named step of a stage, carrying the step's name."""

    def __init__(self, name: str, error: Exception):
        super().__init__(name, error)
        self.name = name
        self.error = error


@contextlib.contextmanager
def step(name: str) -> Iterator[None]:
    """Name the step that runs in this block, for the failure an exception in it becomes."""
    try:
        yield
    except StepFailed:
        raise
    except Exception as error:
        raise StepFailed(name, error) from error


class Isolated(Generic[T, R]):
    """`stage` run so that an item it raises on gives a `Failure` (stage `name`), not an error."""

    def __init__(self, stage: Stage[T, R], name: str, describe: Describe):
        self.stage = stage
        self.name = name
        self.describe = describe

    def setup(self) -> None:
        self.stage.setup()

    def __call__(self, batch: list[T]) -> list[R | Failure]:
        try:
            return list(self.stage(batch))
        except Exception as error:  # noqa: BLE001 - which item raised is found out below
            if len(batch) == 1:
                return [self._failure(batch[0], error)]
        return [self._one(item) for item in batch]

    def _one(self, item: T) -> R | Failure:
        try:
            (result,) = self.stage([item])
        except Exception as error:  # noqa: BLE001 - this document's failure, not the build's
            return self._failure(item, error)
        return result

    def _failure(self, item: T, error: Exception) -> Failure:
        name = self.name
        if isinstance(error, StepFailed):
            name, error = error.name, error.error
        return Failure.of(*self.describe(item), name, error)
