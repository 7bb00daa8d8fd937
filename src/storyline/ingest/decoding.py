"""Bytes to text, with the encoding and how it was chosen, so a wrong guess is never silent.

The order: a byte-order mark; then UTF-8, also when a few bytes are invalid (they become U+FFFD
and are counted, instead of the whole file going to a legacy code page); then a declared charset
(an HTTP or WARC Content-Type header, `<meta charset>`, an XML declaration); then charset-normalizer,
only when Windows-1252 visibly garbles the text and its own reading does not; else Windows-1252,
by far the likeliest legacy code page for Latin-script news.  Detectors cannot tell the 8-bit
Latin code pages apart on ordinary text (they guess cp1250 and turn "£" into "Ł"), so a Latin
guess only wins where cp1252 reads as garbage (Polish in cp1250 does, French in cp1252 does not).

Decoding never raises: undecodable sequences become U+FFFD, and `Decoding.replaced` says how many.
"""

from __future__ import annotations

import codecs
import re

from storyline.records import Decoding, DecodingHow

__all__ = ["BOMS", "charset_param", "decode", "decode_as", "decode_text", "escaped", "scrub"]

BOMS = (  # UTF-32 first: its little-endian mark starts like UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_VALID_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HIGH = bytes(range(128, 256))
_META = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_XML = re.compile(rb"\s*<\?xml\b[^>]*?encoding\s*=\s*[\"']([\w.:-]+)", re.IGNORECASE)
_PRESCAN = 16384  # bytes of markup searched for a declaration
_SAMPLE = 200_000  # bytes the detector looks at
_EVIDENCE = 8  # non-ASCII bytes below which no detector is trusted
_MESSY = 0.2  # charset-normalizer's mess ratio above which a reading is garbage
_CLEAN = 0.1  # ... and below which it is clean
# Central European letters as Windows-1252 reads them (ł → ³, ą → ¹, ż → ¿, Ł → £, ľ → ¾)
_SYMBOL_IN_WORD = re.compile(r"(?<=[^\W\d_])[¹³¿¥£¯¼¾](?=[^\W\d_])")
_SYMBOLS_IN_WORDS = 3
_SURROGATE = re.compile("[\ud800-\udfff]")


def decode(
    data: bytes, *, declared: str | None = None, markup: bool = False
) -> tuple[str, Decoding]:
    """The text of `data` and how it was decoded.  `declared` is a charset stated beside the
    content (an HTTP header); with `markup`, declarations inside the page are read too."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return decode_as(data[len(bom) :], encoding, "bom")
    try:
        return data.decode("utf-8"), Decoding("utf-8", "utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return decode_as(data, "utf-8", "utf-8")
    stated = next(_declarations(data, declared, markup), None)
    return decode_as(data, *stated) if stated else _guessed(data)


def decode_as(data: bytes, encoding: str, how: DecodingHow) -> tuple[str, Decoding]:
    """`data` decoded with a chosen codec, counting what could not be decoded."""
    try:
        return data.decode(encoding), Decoding(encoding, how)
    except UnicodeDecodeError:
        pass
    text = data.decode(encoding, errors="replace")
    replaced = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    return text, Decoding(encoding, how, replaced)


def decode_text(data: bytes) -> str:
    """Just the text (for `storyline annotate`, which keeps no provenance)."""
    return decode(data)[0]


def charset_param(content_type: str | None) -> str | None:
    """The charset a Content-Type header declares ("text/html; charset=ISO-8859-1")."""
    match = _CHARSET.search(content_type or "")
    return match.group(1) if match else None


def escaped(text: str) -> str:
    """A file name (or any text) that can be stored and printed: bytes that were not valid UTF-8,
    which `os.fsdecode` keeps as lone surrogates, become `\\xe9` escapes."""
    if not _SURROGATE.search(text):
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "backslashreplace")


def scrub(text: str) -> tuple[str, int]:
    """Text without lone surrogates (JSON's "\\ud800" escapes make them; no store can hold them),
    each replaced by U+FFFD; and how many there were."""
    return _SURROGATE.subn("\ufffd", text)


def _mostly_utf8(data: bytes) -> bool:
    """Whether these bytes are UTF-8 with a few bad bytes rather than a legacy code page: the
    reading that garbles less wins.  Read as UTF-8, each invalid byte is lost (one U+FFFD);
    read as Windows-1252, each valid multi-byte character turns into that many characters of
    mojibake ("€" into "â‚¬").  A legacy file's accents are lone high bytes, never valid UTF-8."""
    valid = sum(map(len, _VALID_MULTIBYTE.findall(data)))
    return bool(valid) and valid >= len(data) - len(data.translate(None, _HIGH)) - valid


def _declarations(data: bytes, declared: str | None, markup: bool):
    """(encoding, how) for each usable charset declaration, the most authoritative first."""
    found = [(declared, "http-header")]
    if markup:
        head = data[:_PRESCAN]
        for match, how in ((_META.search(head), "meta"), (_XML.match(head), "xml-declaration")):
            if match:
                found.append((match.group(1).decode("ascii"), how))
    for label, how in found:
        if encoding := _usable(label):
            yield encoding, how


def _usable(label: str | None) -> str | None:
    """The codec a declared charset names, as browsers read it; None when it cannot apply here
    (unknown, or UTF-8/16/32, which the bytes have already been tested for)."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    if name.startswith(("utf-8", "utf-16", "utf-32", "utf_16", "utf_32")):
        return None
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _guessed(data: bytes) -> tuple[str, Decoding]:
    """Windows-1252, unless it garbles enough text and the detector has a clean reading (its
    best guess may garble it too: Polish read as ISO-8859-3 still shows "ma³o")."""
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    sample = data[:_SAMPLE]
    latin = sample.decode("cp1252", errors="replace")
    evidence = len(sample) - len(sample.translate(None, _HIGH))
    if evidence < _EVIDENCE or not (_symbols_in_words(latin) or mess_ratio(latin, 1.0) > _MESSY):
        return decode_as(data, "cp1252", "fallback")
    clean = (m for m in from_bytes(sample) if m.chaos <= _CLEAN and not _symbols_in_words(str(m)))
    for match in clean:
        if (encoding := _usable(match.encoding)) not in (None, "cp1252"):
            return decode_as(data, encoding, "detected")
    return decode_as(data, "cp1252", "unsure")


def _symbols_in_words(text: str) -> bool:
    """Whether a reading shows symbols inside words, as Central European text read as Windows-1252
    does (ł → ³, ą → ¹, ż → ¿); real text does not."""
    return len(_SYMBOL_IN_WORD.findall(text)) >= _SYMBOLS_IN_WORDS
