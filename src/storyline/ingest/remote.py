"""Inputs that are not local paths: object stores through `pyarrow.fs`, single files over HTTP(S).

Remote reads fail in ways local ones do not (no credentials, no network, a 403, a dropped
connection), so every failure here surfaces as an exception in `READ_ERRORS`, which the readers
turn into a `Skipped` for that one input: a build over a hundred S3 keys survives one bad key.
`file://` URIs are not remote: they are local paths and keep the local walk's symlink rules
(pyarrow's local listing follows every link, loops included).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from http.client import HTTPException
from typing import BinaryIO
from urllib.parse import unquote, urlsplit
from urllib.request import Request, urlopen

from storyline.records import Skipped

READ_ERRORS = (OSError, EOFError, zlib.error, HTTPException)
"""What reading any input may raise: a bad disk, a broken gzip stream, a failed request."""

WEB = ("http", "https")
HTTP_TIMEOUT = 60  # seconds without a byte before a web input is given up
_USER_AGENT = "storyline (news archive reader)"
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*)://")


def scheme(path: str) -> str | None:
    """The URI scheme of an input, lower case ("s3", "https", "file"), or None for a plain path."""
    match = _SCHEME.match(path)
    return match.group(1).lower() if match else None


def local_path(uri: str) -> str:
    """The local path a `file://` URI names."""
    return unquote(urlsplit(uri).path)


def shown(uri: str) -> str:
    """A path or URI as reports and the store show it: without the credentials pyarrow accepts in
    a URI's user part (`s3://key:secret@bucket`) and query (`?secret_key=...`).  Paths and web URLs
    stay whole, since a web URL's query often names the page."""
    if scheme(uri) in (None, *WEB):
        return uri
    parts = urlsplit(uri)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{parts.path}"


def list_uri(uri: str) -> Iterator[tuple[str, str] | Skipped]:
    """(source, uri) for the file a URI names, or for every object under an object-store prefix.

    A web URL is taken as one file without a request: whether it exists is learned on reading.
    """
    if scheme(uri) in WEB:
        yield uri, uri
        return
    from pyarrow.fs import FileSelector, FileType

    try:
        with _arrow_errors_as_oserror():
            filesystem, path = filesystem_of(uri)
            info = filesystem.get_file_info(path)
            found = []
            if info.type == FileType.Directory:
                found = filesystem.get_file_info(FileSelector(path, recursive=True))
    except READ_ERRORS as error:
        yield Skipped(shown(uri), f"cannot list: {error}")
        return
    if info.type == FileType.NotFound:
        yield Skipped(shown(uri), "no such file, object or prefix")
        return
    if info.type == FileType.File:
        yield shown(uri), uri
        return
    parts = urlsplit(uri)
    query = f"?{parts.query}" if parts.query else ""
    base = uri.removesuffix(query).rstrip("/")
    for child in sorted(child.path for child in found if child.type == FileType.File):
        relative = child.removeprefix(path).lstrip("/")
        yield f"{shown(base)}/{relative}", f"{base}/{relative}{query}"


def open_uri(uri: str) -> BinaryIO:
    """A stream of the raw bytes behind a URI, read as it is consumed (never all at once)."""
    if scheme(uri) in WEB:
        return urlopen(Request(uri, headers={"User-Agent": _USER_AGENT}), timeout=HTTP_TIMEOUT)
    with _arrow_errors_as_oserror():
        filesystem, path = filesystem_of(uri)
        return filesystem.open_input_stream(path, compression=None)  # gzip is the reader's job


def filesystem_of(uri: str):
    """pyarrow's filesystem for a URI (credentials from the URI or the environment), and the
    path inside it."""
    from pyarrow.fs import FileSystem

    return FileSystem.from_uri(uri)


@contextmanager
def _arrow_errors_as_oserror():
    """pyarrow raises its own exceptions for bad URIs and unknown schemes; readers catch OSError."""
    from pyarrow.lib import ArrowException

    try:
        yield
    except ArrowException as error:
        if isinstance(error, OSError):
            raise
        raise OSError(str(error)) from error
