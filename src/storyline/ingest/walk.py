"""Walking the requested inputs without ever leaving them.

Symlinks are followed only while they stay inside one of the requested roots, and each real
directory is entered once, so a symlink loop or a link to `/etc` becomes a skip, not a hang or
a leak of files the user did not ask for.  URIs are walked too: `file://` as the local path it
names, object stores and the web through `remote`.  A file name that is not valid UTF-8 is read
all the same and reported with its odd bytes escaped (`caf\\xe9.txt`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import urlsplit

from storyline.records import Skipped

from .remote import Deadline, list_uri, local_path, open_uri, scheme, shown

SUPPORTED = (".html", ".htm", ".txt", ".json", ".jsonl", ".warc")


@dataclass(frozen=True)
class InputFile:
    source: str  # the path as the user gave it (joined with the relative path inside a folder)
    real: str  # the resolved path or the full URI, used for reading only

    @property
    def format(self) -> str:
        """The format named by the extension, looking through one `.gz`."""
        return os.path.splitext(self._name.removesuffix(".gz"))[1]

    @property
    def gzipped(self) -> bool:
        return self._name.endswith(".gz")

    @property
    def _name(self) -> str:
        """The lower-case name the extension is read from (a URI's path, without its query)."""
        return (urlsplit(self.source).path if scheme(self.source) else self.source).lower()

    def open(self, deadline: Deadline | None = None) -> BinaryIO:
        """The file's raw bytes as a stream, from disk, an object store or the web (where each
        page must arrive before `deadline`)."""
        return open_uri(self.real, deadline) if scheme(self.real) else open(self.real, "rb")


def walk_inputs(paths: Sequence[str | os.PathLike]) -> Iterator[InputFile | Skipped]:
    given = [_as_local(os.fspath(p)) for p in paths]
    roots = [os.path.realpath(p) for p in given if scheme(p) is None]
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()
    for path in given:
        if scheme(path) is None:
            yield from _walk(path, roots, seen_dirs, seen_files)
        else:
            for found in list_uri(path):
                yield found if isinstance(found, Skipped) else _input(*found, seen_files)


def _as_local(path: str) -> str:
    """A `file://` URI is the local path it names, walked under the local rules."""
    return local_path(path) if scheme(path) == "file" else path


def _walk(path: str, roots, seen_dirs: set[str], seen_files: set[str]):
    source = shown(path)  # `path` may hold undecodable bytes (as surrogates): never shown
    if not os.path.lexists(path):
        yield Skipped(source, "no such file or directory")
        return
    real = os.path.realpath(path)
    if os.path.islink(path) and not _inside(real, roots):
        yield Skipped(source, f"symlink points outside the requested inputs ({shown(real)})")
        return
    if not os.path.exists(real):
        yield Skipped(source, "broken symlink or symlink loop")
        return
    if os.path.isdir(real):
        if real in seen_dirs:
            yield Skipped(source, "directory already visited (symlink loop or repeated input)")
            return
        seen_dirs.add(real)
        try:
            names = sorted(os.listdir(real))
        except OSError as error:
            yield Skipped(source, f"cannot list directory: {error.strerror or error}")
            return
        for name in names:
            yield from _walk(os.path.join(path, name), roots, seen_dirs, seen_files)
        return
    if not os.path.isfile(real):
        yield Skipped(source, "not a regular file")
        return
    yield _input(source, real, seen_files)


def _input(source: str, real: str, seen_files: set[str]) -> InputFile | Skipped:
    """A file to read, unless it was read already or is of a format storyline does not read.
    `source` is as reports show it, `real` as the system reads it."""
    if real in seen_files:
        return Skipped(source, f"the same file as another input ({shown(real)}), read once")
    seen_files.add(real)
    item = InputFile(source, real)
    if item.format not in SUPPORTED:
        kind = item.format or "no extension"
        return Skipped(
            source,
            f"unsupported file type ({kind}); storyline reads {', '.join(SUPPORTED)} and .gz",
        )
    return item


def _inside(real: str, roots: Sequence[str]) -> bool:
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots)
