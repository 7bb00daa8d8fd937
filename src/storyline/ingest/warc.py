"""Reading WARC archives (Common Crawl's CC-NEWS, `wget --warc-file`): HTML responses become pages.

An archive is streamed record by record with warcio, so a 1 GB CC-NEWS file never sits in
memory.  Only successful (HTTP 200) responses whose payload is HTML are pages; the rest of an
archive (warcinfo and request records, images, PDFs, redirects) is counted, and the file gets one
line in the build report saying what was left out and why, not one line per image.  A truncated
or corrupt archive keeps the records before the break and reports where it broke.

The WARC-Date is when a crawler fetched the page, not when it was published: it travels as the
page's `crawled` hint into `Article.crawled` and is never shown to the date finder.  The charset
of the record's HTTP Content-Type travels as its `charset` hint, so the page is decoded as the
server said (when its bytes are not UTF-8).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO

from storyline.records import RawPage, Skipped

from .decoding import charset_param
from .read import html_page, sniff_binary
from .remote import READ_ERRORS

HTML_TYPES = ("text/html", "application/xhtml+xml")
_SNIFF = 4096  # payload bytes looked at to tell HTML from what a Content-Type claims
_HTML_START = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)


class _Broken(Exception):
    """The archive stops being readable here (a record cut short, bytes that are no record)."""


def read_warc(source: str, stream: BinaryIO, max_bytes: int) -> Iterator[RawPage | Skipped]:
    """The HTML pages in a WARC stream (gzipped or not), as `source#recordN`; then what broke the
    archive, if anything, and one summary of the records left out."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    counted = _Counted(stream)
    records = ArchiveIterator(counted)
    left_out: Counter[str] = Counter()
    kept = 0
    reading = 1  # the record being read, for the report when the archive breaks
    broken = False
    try:
        for number, record in enumerate(records, start=1):
            found = _html(record, max_bytes)
            if damage := _damage(record):
                raise _Broken(damage)
            if isinstance(found, str):
                left_out[found] += 1
            else:
                kept += 1
                yield _page(f"{source}#record{number}", record, found)
            reading = number + 1
        if trailing := _rest(counted) - records.offset:  # warcio ends quietly on a cut gzip member
            raise _Broken(f"the last {trailing} bytes are not a whole record")
    except (_Broken, ArchiveLoadFailed, *READ_ERRORS) as error:
        broken = True
        yield Skipped(
            f"{source}#record{reading}",
            f"WARC archive breaks at record {reading} (byte {records.offset}), truncated or"
            f" corrupt: {error}; the {reading - 1} records before it were read, none after",
        )
    if left_out:
        yield Skipped(source, _summary(kept, left_out))
    elif not kept and not broken:
        yield Skipped(source, "empty WARC archive: no records")


def _html(record, max_bytes: int) -> bytes | str:
    """A record's HTML payload, or why it has none (counted in the archive's summary).

    The Content-Type is a claim, not a fact: a payload that starts like an HTML document is
    HTML whatever it was served as, and a binary payload is not HTML whatever it claims.
    """
    if record.rec_type != "response":
        return record.rec_type
    http = record.http_headers
    if http is None:
        return f"non-HTTP response ({record.content_type or 'no type'})"
    status = http.get_statuscode()
    if status != "200":
        return f"HTTP {status}"
    declared = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    payload = record.content_stream()
    head = payload.read(_SNIFF)
    if declared not in HTML_TYPES and not _HTML_START.match(head):
        return declared or "no Content-Type and not HTML"
    if binary := sniff_binary(head):
        return f"binary payload ({binary}) sent as {declared}"
    data = head + payload.read(max_bytes + 1 - len(head))
    if len(data) > max_bytes:
        return f"over {max_bytes / 2**20:.0f} MiB (raise --max-bytes to read them)"
    if not data.strip():
        return "empty payload"
    return data


def _page(source: str, record, content: bytes) -> RawPage | Skipped:
    headers = record.rec_headers
    crawled = _iso_datetime(headers.get_header("WARC-Date"))
    return html_page(
        source,
        content,
        charset_param(record.http_headers.get_header("Content-Type")),
        url=headers.get_header("WARC-Target-URI"),
        hints={"crawled": crawled} if crawled else {},
    )


def _iso_datetime(value: str | None) -> str | None:
    """The WARC-Date as given when it is the ISO 8601 datetime the standard requires, else None."""
    try:
        datetime.fromisoformat(value or "")
    except ValueError:
        return None
    return value


def _damage(record) -> str | None:
    """Read the rest of a record; what is wrong with it when it is not whole."""
    if record.format != "warc":  # warcio reads old ARC files too, and takes junk for them
        return "not a WARC record"
    if record.rec_type is None or record.length is None:
        return "the record's header is cut short (no WARC-Type or Content-Length)"
    while record.raw_stream.read(1 << 16):
        pass
    if missing := getattr(record.raw_stream, "limit", 0):  # warcio's LimitReader: bytes owed
        return f"the record is cut short, {missing} of its {record.length} bytes are missing"
    return None


def _rest(counted: _Counted) -> int:
    """Read the stream to its end; the number of bytes it held."""
    while counted.read(1 << 16):
        pass
    return counted.position


def _summary(kept: int, left_out: Counter[str]) -> str:
    total = sum(left_out.values())
    reasons = ", ".join(f"{count} {reason}" for reason, count in left_out.most_common())
    return (
        f"{total} of the {kept + total} WARC records read are not HTML pages and were left out:"
        f" {reasons}"
    )


class _Counted:
    """A stream that counts the bytes read from it: a cut gzip member ends warcio's iteration
    without an error, and the bytes read past the last whole record are how the loss shows."""

    def __init__(self, stream: BinaryIO):
        self.stream = stream
        self.position = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.position += len(data)
        return data

    def tell(self) -> int:
        return self.position
