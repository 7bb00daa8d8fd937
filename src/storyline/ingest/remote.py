"""Inputs that are not local paths: object stores through `pyarrow.fs`, single files over HTTP(S).

Remote reads fail in ways local ones do not (no credentials, no network, a 403, a dropped
connection), so every failure here surfaces as an exception in `READ_ERRORS`, which the readers
turn into a `Skipped` for that one input: a build over a hundred S3 keys survives one bad key.
`file://` URIs are not remote: they are local paths and keep the local walk's symlink rules
(pyarrow's local listing follows every link, loops included).

A web input has a deadline per page (`HTTP_DEADLINE`, 60 s by default; `Corpus.build(
http_deadline=...)`): a server that sends one byte every few seconds would pass any timeout
on single reads and hold the build for hours.  Each read is also bounded by `HTTP_STALL`, so a
page is given up at most that much after its deadline.  Public buckets are read anonymously
with `?anonymous=true` (`s3://commoncrawl/crawl-data/CC-NEWS/2024/01/?anonymous=true`).
"""

from __future__ import annotations

import io
import re
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from http.client import HTTPException
from typing import BinaryIO
from urllib.parse import parse_qs, unquote, urlencode, urlsplit
from urllib.request import Request, urlopen

from storyline.records import Skipped

from .decoding import charset_param, escaped

READ_ERRORS = (OSError, EOFError, zlib.error, HTTPException)
"""What reading any input may raise: a bad disk, a broken gzip stream, a failed request."""

WEB = ("http", "https")
HTTP_DEADLINE = 60.0  # seconds a web input may take to give each page
HTTP_STALL = 20.0  # seconds without a byte (connecting or reading) before a read gives up
_USER_AGENT = "storyline (news archive reader)"
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*)://")
_ANONYMOUS_OPTIONS = {"s3": ("region", "scheme", "endpoint_override"),
                      "gs": ("scheme", "endpoint_override")}  # fmt: skip


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
    stay whole, since a web URL's query often names the page.  A local path that is not valid
    UTF-8 keeps its odd bytes as `\\xe9` escapes."""
    if scheme(uri) is None:
        return escaped(uri)
    if scheme(uri) in WEB:
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


class Deadline:
    """When the page being read from the web must have arrived; renewed after each page."""

    def __init__(self, seconds: float = HTTP_DEADLINE):
        if not seconds > 0:
            raise ValueError(
                f"the web deadline must be a positive number of seconds, not {seconds}"
            )
        self.seconds = seconds
        self.renew()

    def renew(self) -> None:
        self.until = time.monotonic() + self.seconds

    def check(self) -> None:
        if time.monotonic() > self.until:
            raise TimeoutError(
                f"gave up after {self.seconds:g} s: the server sends too slowly"
                " (Corpus.build(http_deadline=...) allows more time)"
            )


class WebStream(io.BufferedReader):
    """A web response read against a deadline, with the charset its Content-Type declares."""

    def __init__(self, response, deadline: Deadline):
        super().__init__(_Paced(response, deadline))
        self.charset = charset_param(response.headers.get("Content-Type"))


class _Paced(io.RawIOBase):
    """A response read a piece at a time (one socket read each), checking the deadline first."""

    def __init__(self, response, deadline: Deadline):
        self.response = response
        self.deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        self.deadline.check()
        data = self.response.read1(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.response.close()
        super().close()


def open_uri(uri: str, deadline: Deadline | None = None) -> BinaryIO:
    """A stream of the raw bytes behind a URI, read as it is consumed (never all at once); a web
    input must give each page before `deadline`."""
    if scheme(uri) in WEB:
        deadline = deadline or Deadline()
        request = Request(uri, headers={"User-Agent": _USER_AGENT})
        return WebStream(urlopen(request, timeout=min(HTTP_STALL, deadline.seconds)), deadline)
    with _arrow_errors_as_oserror():
        filesystem, path = filesystem_of(uri)
        return filesystem.open_input_stream(path, compression=None)  # gzip is the reader's job


def filesystem_of(uri: str):
    """pyarrow's filesystem for a URI (credentials from the URI or the environment), and the
    path inside it.  `?anonymous=true` reads a public bucket without credentials, which
    pyarrow's own URI parsing refuses."""
    from pyarrow.fs import FileSystem

    parts = urlsplit(uri)
    query = parse_qs(parts.query, keep_blank_values=True)
    if "anonymous" not in query:
        return FileSystem.from_uri(uri)
    if query.pop("anonymous")[-1].lower() not in ("true", "1", "yes"):
        return FileSystem.from_uri(parts._replace(query=urlencode(query, doseq=True)).geturl())
    return _anonymous(parts.scheme.lower(), parts, {k: v[-1] for k, v in query.items()})


def _anonymous(kind: str, parts, options: dict[str, str]):
    """An anonymous S3 or GCS filesystem, with the few options a public bucket needs."""
    from pyarrow.fs import GcsFileSystem, S3FileSystem

    kind = "gs" if kind == "gcs" else kind
    if kind not in _ANONYMOUS_OPTIONS:
        raise OSError(f"anonymous=true is for s3:// and gs:// inputs, not {kind}://")
    allowed = _ANONYMOUS_OPTIONS[kind]
    if unknown := sorted(set(options) - set(allowed)):
        raise OSError(
            f"with anonymous=true, {', '.join(unknown)} cannot be used"
            f" (accepted: {', '.join(allowed)})"
        )
    if kind == "gs":
        options.setdefault("scheme", "https")  # pyarrow's anonymous GCS default is plain http
    filesystem = (S3FileSystem if kind == "s3" else GcsFileSystem)(anonymous=True, **options)
    bucket = parts.netloc.rpartition("@")[2]
    return filesystem, f"{bucket}{unquote(parts.path)}".rstrip("/")


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
