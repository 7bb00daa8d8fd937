"""The ingest stage: files and folders become `RawPage`s; anything unusable becomes a `Skipped`.

Ingest never raises for bad input.  Every file it sees ends up either as pages or as a skip with
a reason a user can act on, so a build report accounts for every input.
"""

from __future__ import annotations

from .read import DEFAULT_MAX_BYTES, read_file
from .remote import HTTP_DEADLINE
from .walk import InputFile, walk_inputs

__all__ = [
    "DEFAULT_MAX_BYTES",
    "HTTP_DEADLINE",
    "InputFile",
    "read_file",
    "read_inputs",
    "walk_inputs",
]


def read_inputs(paths, *, max_bytes: int = DEFAULT_MAX_BYTES, http_deadline: float = HTTP_DEADLINE):
    """Every page and skip under `paths`, in a stable order."""
    for item in walk_inputs(paths):
        if isinstance(item, InputFile):
            yield from read_file(item, max_bytes=max_bytes, http_deadline=http_deadline)
        else:
            yield item
