"""Reading one input file into pages: decompression, binary sniffing, decoding (`decoding`), JSON
lines (and WARC archives, in `warc`).

Everything here is defensive: scraped files arrive empty, truncated, in Windows-1252 or UTF-16,
as PNGs with an `.html` name, or as gigabyte dumps.  Each problem becomes a `Skipped` with a
reason; bytes that do not decode become U+FFFD, counted in the page's `Decoding`.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from storyline.records import DEFAULT_MAX_BYTES, Decoding, PageKind, RawPage, Skipped

from .decoding import BOMS, decode, decode_as, escaped, scrub
from .remote import HTTP_DEADLINE, READ_ERRORS, Deadline, WebStream
from .walk import InputFile

_MAGIC = {
    b"\x89PNG": "PNG image",
    b"PK\x03\x04": "ZIP archive",
    b"%PDF": "PDF document",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x1f\x8b": "gzip data without a .gz name",
    b"BZh": "bzip2 data",
    b"\x7fELF": "executable",
    b"RIFF": "RIFF media file",
}
_HINT_FIELDS = {"title": "title", "published": "published", "author": "byline", "byline": "byline"}


def read_file(
    item: InputFile, *, max_bytes: int = DEFAULT_MAX_BYTES, http_deadline: float = HTTP_DEADLINE
) -> Iterator[RawPage | Skipped]:
    """The pages of one input; a web input must give each page within `http_deadline` seconds."""
    deadline = Deadline(http_deadline)
    if item.format in (".json", ".jsonl"):
        yield from _renewing(_read_json(item, max_bytes, deadline), deadline)
        return
    if item.format == ".warc":
        from .warc import read_warc

        try:
            with item.open(deadline) as stream:  # warcio reads gzipped WARCs record by record
                yield from _renewing(read_warc(item.source, stream, max_bytes), deadline)
        except READ_ERRORS as error:
            yield _unreadable(item, error)
        return
    read = _read_bytes(item, max_bytes, deadline)
    if isinstance(read, Skipped):
        yield read
        return
    data, declared = read
    kind: PageKind = "html" if item.format in (".html", ".htm") else "text"
    yield _file_page(item.source, kind, data, declared)


def _renewing(pages: Iterator, deadline: Deadline) -> Iterator:
    """The pages of a many-page input, each given the whole deadline to arrive."""
    for page in pages:
        yield page
        deadline.renew()


def _read_bytes(
    item: InputFile, max_bytes: int, deadline: Deadline
) -> tuple[bytes, str | None] | Skipped:
    """The file's bytes and the charset its web server declared, if any."""
    try:
        with _opened(item, deadline) as (stream, declared):
            data = stream.read(max_bytes + 1)
    except READ_ERRORS as error:
        return _unreadable(item, error)
    if len(data) > max_bytes:
        return Skipped(
            item.source,
            f"too large: over {max_bytes / 2**20:.0f} MiB for one page (raise --max-bytes to read it)",
        )
    return data, declared


@contextmanager
def _opened(item: InputFile, deadline: Deadline):
    """The file's content as a stream, decompressed when it is gzipped, and the charset a web
    server declared for it (not for a gzipped file, whose Content-Type is the archive's)."""
    with item.open(deadline) as raw:
        if item.gzipped:
            with gzip.open(raw, "rb") as stream:
                yield stream, None
        else:
            yield raw, raw.charset if isinstance(raw, WebStream) else None


def _unreadable(item: InputFile, error: Exception) -> Skipped:
    broken = item.gzipped and isinstance(error, (gzip.BadGzipFile, EOFError, zlib.error))
    why = "broken gzip file" if broken else "cannot read file"
    return Skipped(item.source, escaped(f"{why}: {error}"))


def _file_page(source: str, kind: PageKind, data: bytes, declared: str | None) -> RawPage | Skipped:
    """A page from a file's bytes: text pages are stored decoded (as UTF-8), HTML pages as the
    bytes given."""
    if not data.strip():
        return Skipped(source, "empty file")
    if binary := sniff_binary(data):
        return Skipped(source, f"binary content ({binary}), not text or HTML")
    if kind == "html":
        return html_page(source, data, declared)
    return _page(source, kind, *decode(data, declared=declared))


def html_page(source: str, data: bytes, declared: str | None, **fields) -> RawPage | Skipped:
    """An HTML page kept as its bytes, with the charset declared beside them (an HTTP header) as
    its `charset` hint: the clean stage decodes the bytes from the same evidence, the same way."""
    text, decoding = decode(data, declared=declared, markup=True)
    hints = fields.pop("hints", {}) | ({"charset": declared} if declared else {})
    return _page(source, "html", text, decoding, raw=data, hints=hints, **fields)


def _page(
    source: str,
    kind: PageKind,
    text: str,
    decoding: Decoding,
    *,
    raw: bytes | None = None,
    **fields,
) -> RawPage | Skipped:
    """A page from its decoded text; stored as `raw` (HTML's own bytes) or else as UTF-8."""
    if not text.strip():
        return Skipped(source, "empty file")
    content = text.encode("utf-8") if raw is None else raw
    return RawPage.of(source, kind, content, decoding=decoding, **fields)


def sniff_binary(data: bytes) -> str | None:
    """What kind of binary file this is, or None when it looks like text."""
    for magic, name in _MAGIC.items():
        if data.startswith(magic):
            return name
    head = data[:8192]
    if _wide_bom(head):
        return None  # UTF-16 or UTF-32 with a byte-order mark: text, decoded later
    if b"\x00" in head:
        return "NUL bytes"
    return None


def _wide_bom(head: bytes) -> tuple[bytes, str] | None:
    """The UTF-16 or UTF-32 byte-order mark these bytes start with, and its codec."""
    return next(((b, e) for b, e in BOMS if e != "utf-8" and head.startswith(b)), None)


def _read_json(item: InputFile, max_bytes: int, deadline: Deadline) -> Iterator[RawPage | Skipped]:
    """JSON Lines are streamed; a `.json` file may also hold one object or an array of them."""
    try:
        with _opened(item, deadline) as (stream, _):
            if item.format == ".json":
                data = stream.read(max_bytes + 1)
                whole = _json_document(item, data, max_bytes)
                if whole is not None:
                    yield from whole
                    return
                stream = io.BytesIO(data)
            yield from _json_lines(item, stream, max_bytes)
    except READ_ERRORS as error:
        yield _unreadable(item, error)


def _json_document(item: InputFile, data: bytes, max_bytes: int) -> list | None:
    """The pages of a whole-file JSON document, or None to read the file as JSON Lines."""
    if not data.strip():
        return [Skipped(item.source, "empty file")]
    if len(data) > max_bytes:
        return [Skipped(item.source, "JSON file too large; use JSON Lines for big collections")]
    text, decoding = decode(data)
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return None
    if isinstance(document, list):
        return [
            _json_page(f"{item.source}#item{n}", record, decoding)
            for n, record in enumerate(document, start=1)
        ]
    return [_json_page(item.source, document, decoding)]


def _json_lines(item: InputFile, stream, max_bytes: int):
    """Each line's page; a UTF-16 or UTF-32 file (told by its byte-order mark) is split only at
    its own newlines, never at a newline byte inside another character."""
    stream = stream if hasattr(stream, "peek") else io.BufferedReader(stream)
    wide = _wide_bom(stream.peek(4)[:4])
    if wide:
        stream.read(len(wide[0]))
        lines = _wide_lines(stream, "\n".encode(wide[1]), max_bytes)
    else:
        lines = _lines(stream, max_bytes)
    seen_any = False
    for number, line in enumerate(lines, start=1):
        where = f"{item.source}#line{number}"
        if line is None:
            yield Skipped(where, f"line longer than {max_bytes / 2**20:.0f} MiB")
            continue
        text, decoding = decode_as(line, wide[1], "bom") if wide else decode(line)
        if not text.strip():
            continue
        seen_any = True
        try:
            record = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as error:
            yield Skipped(where, f"invalid JSON: {error}")
            continue
        yield _json_page(where, record, decoding)
    if not seen_any:
        yield Skipped(item.source, "empty file")


def _lines(stream, max_bytes: int):
    """Lines of a stream, with None standing for a line over the size limit (skipped, not kept)."""
    while line := stream.readline(max_bytes + 1):
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # discard the rest of the huge line
                line = stream.readline(1 << 20)
            yield None
            continue
        yield line


def _wide_lines(stream, newline: bytes, max_bytes: int):
    """Lines of a UTF-16/32 stream (None for one over the size limit), cut at `newline` only
    where it starts on a character boundary."""
    pending, oversized = b"", False
    while chunk := stream.read(1 << 16):
        lines, pending = _split_aligned(pending + chunk, newline)
        for line in lines:
            yield None if oversized else line
            oversized = False
        if len(pending) > max_bytes:  # drop what is read of a huge line, keeping the alignment
            pending, oversized = pending[len(pending) - len(pending) % len(newline) :], True
    if pending:
        yield None if oversized else pending


def _split_aligned(data: bytes, newline: bytes) -> tuple[list[bytes], bytes]:
    """The whole lines at the start of `data` (which starts on a character boundary), and the
    rest."""
    lines, start, unit = [], 0, len(newline)
    at = data.find(newline)
    while at >= 0:
        if (at - start) % unit == 0:
            lines.append(data[start : at + unit])
            start = at + unit
        at = data.find(newline, at + 1)
    return lines, data[start:]


def _json_page(where: str, record, decoding: Decoding) -> RawPage | Skipped:
    if not isinstance(record, dict):
        return Skipped(where, "JSON value is not an object")
    strings, replaced = _strings(record)
    if replaced:  # "\ud800" escapes: characters no store can hold, replaced like bad bytes
        decoding = replace(decoding, replaced=decoding.replaced + replaced)
    url = strings.get("url")
    source = url or where
    hints = {
        name: value.strip()
        for key, name in _HINT_FIELDS.items()
        if (value := strings.get(key)) and value.strip()
    }
    for kind in ("html", "text"):
        content = strings.get(kind)
        if content and content.strip():
            if binary := sniff_binary(content.encode("utf-8")):
                return Skipped(source, f"binary content ({binary}), not text or HTML")
            return _page(source, kind, content, decoding, url=url, hints=hints)
    return Skipped(source, "no `text` or `html` field with content")


def _strings(record: dict) -> tuple[dict[str, str], int]:
    """The record's string fields storyline reads, scrubbed of lone surrogates, and how many
    there were."""
    strings, replaced = {}, 0
    for key in ("url", "html", "text", *_HINT_FIELDS):
        if isinstance(value := record.get(key), str):
            strings[key], count = scrub(value)
            replaced += count
    return strings, replaced
