"""Walking the requested inputs without ever leaving them.

Symlinks are followed only while they stay inside one of the requested roots, and each real
directory is entered once, so a symlink loop or a link to `/etc` becomes a skip, not a hang or
a leak of files the user did not ask for.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from storyline.records import Skipped

SUPPORTED = (".html", ".htm", ".txt", ".json", ".jsonl")


@dataclass(frozen=True)
class InputFile:
    source: str  # the path as the user gave it (joined with the relative path inside a folder)
    real: str  # the resolved path, used for reading only

    @property
    def format(self) -> str:
        """The format named by the extension, looking through one `.gz`."""
        name = self.source.lower()
        name = name.removesuffix(".gz")
        return os.path.splitext(name)[1]

    @property
    def gzipped(self) -> bool:
        return self.source.lower().endswith(".gz")


def walk_inputs(paths: Sequence[str | os.PathLike]) -> Iterator[InputFile | Skipped]:
    roots = [os.path.realpath(p) for p in paths]
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()
    for given in paths:
        yield from _walk(os.fspath(given), roots, seen_dirs, seen_files)


def _walk(source: str, roots, seen_dirs: set[str], seen_files: set[str]):
    if not os.path.lexists(source):
        yield Skipped(source, "no such file or directory")
        return
    real = os.path.realpath(source)
    if os.path.islink(source) and not _inside(real, roots):
        yield Skipped(source, f"symlink points outside the requested inputs ({real})")
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
            yield from _walk(os.path.join(source, name), roots, seen_dirs, seen_files)
        return
    if not os.path.isfile(real):
        yield Skipped(source, "not a regular file")
        return
    if real in seen_files:
        yield Skipped(source, f"the same file as another input ({real}), read once")
        return
    seen_files.add(real)
    item = InputFile(source, real)
    if item.format not in SUPPORTED:
        kind = item.format or "no extension"
        yield Skipped(
            source,
            f"unsupported file type ({kind}); storyline reads {', '.join(SUPPORTED)} and .gz",
        )
        return
    yield item


def _inside(real: str, roots: Sequence[str]) -> bool:
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots)
