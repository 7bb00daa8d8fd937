"""Reading one input file into pages: decompression, binary sniffing, charset detection, JSON lines
(and WARC archives, in `warc`).

Everything here is defensive: scraped files arrive empty, truncated, in Windows-1252, as PNGs
with an `.html` name, or as gigabyte dumps.  Each problem becomes a `Skipped` with a reason.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

import charset_normalizer

from storyline.records import PageKind, RawPage, Skipped

from .remote import READ_ERRORS
from .walk import InputFile

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # one page; JSON Lines files are streamed line by line

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
    item: InputFile, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawPage | Skipped]:
    if item.format in (".json", ".jsonl"):
        yield from _read_json(item, max_bytes)
        return
    if item.format == ".warc":
        from .warc import read_warc

        try:
            with item.open() as stream:  # warcio reads gzipped WARCs record by record itself
                yield from read_warc(item.source, stream, max_bytes)
        except READ_ERRORS as error:
            yield _unreadable(item, error)
        return
    data = _read_bytes(item, max_bytes)
    if isinstance(data, Skipped):
        yield data
        return
    kind: PageKind = "html" if item.format in (".html", ".htm") else "text"
    yield _page(item.source, kind, data)


def _read_bytes(item: InputFile, max_bytes: int) -> bytes | Skipped:
    try:
        with _opened(item) as stream:
            data = stream.read(max_bytes + 1)
    except READ_ERRORS as error:
        return _unreadable(item, error)
    if len(data) > max_bytes:
        return Skipped(
            item.source,
            f"too large: over {max_bytes / 2**20:.0f} MiB for one page (raise --max-bytes to read it)",
        )
    return data


@contextmanager
def _opened(item: InputFile):
    """The file's content as a stream, decompressed when it is gzipped."""
    with item.open() as raw:
        if item.gzipped:
            with gzip.open(raw, "rb") as stream:
                yield stream
        else:
            yield raw


def _unreadable(item: InputFile, error: Exception) -> Skipped:
    broken = item.gzipped and isinstance(error, (gzip.BadGzipFile, EOFError, zlib.error))
    return Skipped(item.source, f"{'broken gzip file' if broken else 'cannot read file'}: {error}")


def _page(source: str, kind: PageKind, data: bytes, **fields) -> RawPage | Skipped:
    """A page from bytes that should be text; text pages are stored as UTF-8."""
    if not data.strip():
        return Skipped(source, "empty file")
    binary = sniff_binary(data)
    if binary:
        return Skipped(source, f"binary content ({binary}), not text or HTML")
    if kind == "text":
        text = decode_text(data)
        if not text.strip():
            return Skipped(source, "empty file")
        data = text.encode("utf-8")
    return RawPage.of(source, kind, data, **fields)


def sniff_binary(data: bytes) -> str | None:
    """What kind of binary file this is, or None when it looks like text."""
    for magic, name in _MAGIC.items():
        if data.startswith(magic):
            return name
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 with a byte-order mark: text, decoded below
    if b"\x00" in head:
        return "NUL bytes"
    return None


def decode_text(data: bytes) -> str:
    """UTF-8 when it is, else the charset the bytes themselves suggest (Windows-1252 at worst)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    encoding = best.encoding if best else "cp1252"
    if _single_byte_latin(encoding):
        # Detectors cannot tell the 8-bit Latin code pages apart on short text (they guess
        # cp1250 and turn "£" into "Ł"); for news, Windows-1252 is by far the likeliest.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return data.decode(encoding, errors="replace")


def _single_byte_latin(encoding: str) -> bool:
    return encoding in ("ascii", "latin_1") or encoding.startswith(("cp125", "iso8859", "mac_"))


def _read_json(item: InputFile, max_bytes: int) -> Iterator[RawPage | Skipped]:
    """JSON Lines are streamed; a `.json` file may also hold one object or an array of them."""
    try:
        with _opened(item) as stream:
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
    try:
        document = json.loads(decode_text(data))
    except (json.JSONDecodeError, RecursionError):
        return None
    if isinstance(document, list):
        return [_json_page(f"{item.source}#item{n}", r) for n, r in enumerate(document, start=1)]
    return [_json_page(item.source, document)]


def _json_lines(item: InputFile, stream, max_bytes: int):
    seen_any = False
    for number, line in enumerate(_lines(stream, max_bytes), start=1):
        where = f"{item.source}#line{number}"
        if line is None:
            yield Skipped(where, f"line longer than {max_bytes / 2**20:.0f} MiB")
            continue
        if not line.strip():
            continue
        seen_any = True
        try:
            record = json.loads(decode_text(line))
        except (json.JSONDecodeError, RecursionError) as error:
            yield Skipped(where, f"invalid JSON: {error}")
            continue
        yield _json_page(where, record)
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


def _json_page(where: str, record) -> RawPage | Skipped:
    if not isinstance(record, dict):
        return Skipped(where, "JSON value is not an object")
    url = record.get("url") if isinstance(record.get("url"), str) else None
    source = url or where
    hints = {
        name: value.strip()
        for key, name in _HINT_FIELDS.items()
        if isinstance(value := record.get(key), str) and value.strip()
    }
    for key, kind in (("html", "html"), ("text", "text")):
        content = record.get(key)
        if isinstance(content, str) and content.strip():
            return _page(source, kind, content.encode("utf-8"), url=url, hints=hints)
    return Skipped(source, "no `text` or `html` field with content")
