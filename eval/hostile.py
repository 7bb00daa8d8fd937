"""Hostile inputs, made at run time: the files users' scrapes really contain, beside valid ones.

Each case writes one kind of trouble (a 10 MB line, a name that is not UTF-8, a symlink loop,
a UTF-16 file cut at an odd byte...) into a corpus folder and says what a truthful build makes
of it (`Expect`): an article, a skip, either (as long as it is accounted for), and for the
decoding cases a phrase the article must read correctly.  `write_valid` adds the ordinary
articles every case sits beside, so a build always has something to build.

The texts are generated here (a fictional town council), never third-party news.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from corpora import Item


@dataclass(frozen=True)
class Expect:
    """What a truthful build makes of an input: `outcome` is "article", "skip" or "any";
    `reads` is a phrase the article text must hold (a decoding check); `bound` names the stage
    whose documented bound the input is past, where the build keeps the article and reports
    the document as failed at that stage (so a failure there is the truthful outcome)."""

    item: Item
    case: str
    outcome: str = "any"
    reads: str | None = None
    bound: str | None = None


# -- generated text -----------------------------------------------------------------------------

_PEOPLE = ("Alice Varga", "Tomas Reyes", "Mina Okafor", "Jonas Lind", "Petra Novak")
_PLACES = ("Northbridge", "Eastmere", "Port Aldous", "Kellsford")
_ACTS = ("met officials in", "criticised the plan for", "visited", "praised the council of")
_TOPICS = ("the new bridge", "the water tariff", "the harbour lease", "the school budget")
_MONTHS = ("January", "March", "May", "July", "September", "November")


def sentences(seed: int) -> Iterator[str]:
    """An endless, deterministic stream of plausible news sentences."""
    pick = random.Random(seed).choice
    while True:
        day, year = pick(range(1, 29)), pick(range(2004, 2016))
        yield (
            f"{pick(_PEOPLE)} {pick(_ACTS)} {pick(_PLACES)} on {pick(_MONTHS)} {day}, {year},"
            f" and spoke about {pick(_TOPICS)}, the council said."
        )


def paragraphs(seed: int, count: int, size: int = 4) -> list[str]:
    stream = sentences(seed)
    return [" ".join(next(stream) for _ in range(size)) for _ in range(count)]


def article(seed: int, title: str, extra: str = "", paras: int = 4) -> str:
    """A small dated article: title line, date line, body (with `extra` as a paragraph)."""
    body = paragraphs(seed, paras) + ([extra] if extra else [])
    return "\n\n".join([title, f"{_MONTHS[seed % len(_MONTHS)]} {seed % 27 + 1}, 2011", *body])


def text_of_size(seed: int, size: int, sep: str) -> str:
    """At least `size` characters of sentences joined by `sep`."""
    parts, length, stream = [], 0, sentences(seed)
    while length < size:
        parts.append(next(stream))
        length += len(parts[-1]) + len(sep)
    return sep.join(parts)


# -- writing ------------------------------------------------------------------------------------


def _write(out: Path, name: str, data: bytes | str) -> Path:
    path = out / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _one(out: Path, name: str, data: bytes | str, case: str, outcome="any", reads=None, bound=None):
    _write(out, name, data)
    return [Expect(Item(name, name), case, outcome, reads, bound)]


def _jsonl(out: Path, name: str, lines: list[tuple[str, str]], case: str) -> list[Expect]:
    """A JSON Lines file of (line, outcome) pairs, each line checked on its own."""
    _write(out, name, "".join(line + "\n" for line, _ in lines))
    return [
        Expect(Item(name, f"{name}#{n}", n), case, outcome)
        for n, (_, outcome) in enumerate(lines, start=1)
    ]


def _record(seed: int, **fields) -> str:
    return json.dumps({"text": article(seed, f"Council report {seed}"), **fields})


def write_valid(out: Path) -> list[Expect]:
    """Three ordinary articles, one with non-ASCII letters that must survive decoding."""
    found = []
    for seed in (1, 2):
        found += _one(out, f"valid-{seed}.txt", article(seed, f"Council meets ({seed})"), "valid",
                      "article")  # fmt: skip
    text = article(3, "Zürich delegation visits Northbridge", "Its mayor said “yes”.")
    return found + _one(out, "valid-3.txt", text, "valid", "article", "Zürich delegation")


# -- the cases ----------------------------------------------------------------------------------


def huge_article(out: Path) -> list[Expect]:
    """Over 1,000,000 characters (spaCy's default limit) in paragraphs: 1.25 MB."""
    return _one(out, "huge-article.txt", text_of_size(10, 1_250_000, "\n\n"), "huge-article")


def ten_mb_line(out: Path) -> list[Expect]:
    """10 MB of text on one line: no paragraph, no newline to cut at."""
    text = text_of_size(11, 10 * 2**20, " ")
    return _one(out, "ten-mb-line.txt", text, "ten-mb-line", "article", bound="annotate")


def non_utf8_name(out: Path) -> list[Expect]:
    """A file name that is not valid UTF-8 (Latin-1 `café.txt`), with a valid article in it."""
    name = os.fsdecode(b"caf\xe9.txt")
    return _one(out, name, article(12, "Cafe owners meet"), "non-utf8-name", "article")


def utf16_jsonl(out: Path) -> list[Expect]:
    """JSON Lines saved as UTF-16 with a byte-order mark (Windows tools do this)."""
    text = "".join(_record(seed) + "\n" for seed in (13, 14))
    _write(out, "utf16-bom.jsonl", text.encode("utf-16"))
    return [Expect(Item("utf16-bom.jsonl", "utf16-bom.jsonl"), "utf16-bom-jsonl")]


def utf16_cut(out: Path) -> list[Expect]:
    """A UTF-16 text cut at an odd byte (a truncated download)."""
    data = article(15, "Harbour lease signed").encode("utf-16")
    return _one(out, "utf16-cut.txt", data[: len(data) // 2 * 2 - 1], "utf16-cut")


def many_paragraphs(out: Path) -> list[Expect]:
    """An HTML page of 100,000 short <p> elements (a huge comment thread): many paragraphs,
    under 1,000,000 characters of text, so that it tests their number, not the text's length."""
    body = "".join(f"<p>Vote {n % 10}.</p>" for n in range(100_000))
    page = f"<html><head><title>Minutes</title></head><body>{body}</body></html>"
    return _one(out, "many-paragraphs.html", page, "100k-paragraphs", "article", bound="clean")


def stray_byte(out: Path) -> list[Expect]:
    """UTF-8 with one invalid byte: the rest must still read as UTF-8, not as Windows-1252."""
    text = article(17, "Zürich and Malmö sign a pact", "The deal — worth €5m — was signed.")
    data = text.encode("utf-8").replace(b"The deal", b"The \xff deal", 1)
    return _one(out, "stray-byte.txt", data, "stray-byte", "article", "Zürich and Malmö")


def latin1(out: Path) -> list[Expect]:
    """A short Latin-1 file: too short for charset detectors to be sure."""
    text = (
        "Café owners in München protest\n\nCafé owners in München said on Monday that rents rose."
    )
    return _one(out, "latin1.txt", text.encode("latin-1"), "latin1", "article", "München")


def far_future(out: Path) -> list[Expect]:
    """A record dated 9999-12-31, beside a normal one."""
    lines = [(_record(18, published="9999-12-31"), "any"), (_record(19), "article")]
    return _jsonl(out, "far-future.jsonl", lines, "published-9999")


def empty(out: Path) -> list[Expect]:
    return _one(out, "empty.txt", b"", "empty-file", "skip")


def binary_html(out: Path) -> list[Expect]:
    """A PNG saved under an .html name."""
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    return _one(out, "image.html", data, "binary-html", "skip")


def invalid_json_lines(out: Path) -> list[Expect]:
    """Broken JSON lines (cut, not an object, no text) among valid ones."""
    lines = [
        (_record(20), "article"),
        ('{"text": "cut in the mid', "skip"),
        ("[1, 2, 3]", "skip"),
        (_record(21), "article"),
        ('{"title": "no text here"}', "skip"),
    ]
    return _jsonl(out, "invalid-lines.jsonl", lines, "invalid-json-lines")


def broken_gzip(out: Path) -> list[Expect]:
    """A gzip file cut in the middle."""
    data = gzip.compress(article(22, "Budget approved").encode("utf-8"))
    return _one(out, "broken.txt.gz", data[: len(data) // 2], "broken-gzip")


def symlink_loop(out: Path) -> list[Expect]:
    """A folder link to its own parent, and two file links to each other."""
    (out / "loops").mkdir(parents=True, exist_ok=True)
    os.symlink("..", out / "loops" / "up")
    os.symlink("b.txt", out / "loops" / "a.txt")
    os.symlink("a.txt", out / "loops" / "b.txt")
    names = ("loops/up", "loops/a.txt", "loops/b.txt")
    return [Expect(Item(name, name), "symlink-loop", "skip") for name in names]


def symlink_outside(out: Path) -> list[Expect]:
    """A link to a readable article outside the inputs: it must never be read."""
    outside = out.parent / f"{out.name}-outside"
    target = _write(outside, "private.txt", article(23, "Private notes"))
    os.symlink(target, out / "outside.txt")
    return [Expect(Item("outside.txt", "outside.txt"), "symlink-outside", "skip")]


# A paragraph of trouble in an otherwise ordinary article: case -> (file, title, paragraph).
ODD_TEXT = {
    # Names spaCy may tag as people though they are symbols.
    "symbol-names": (
        "symbol-names.txt",
        "Symbols",
        "Mr ½ said the vote was close. `` Smith '' told `` the council. ½ met Varga.",
    ),
    "relative-dates": (
        "relative-dates.txt",
        "Bridge",
        "The bridge will open in the near future, the mayor said a fortnight ago.",
    ),
    "year-like-numbers": (
        "year-like.txt",
        "Fund",
        "In 197980 the fund held -1 reserves; by 10000 it may hold more, in -1.",
    ),
    # Bidirectional controls in a title and a name (the "Trojan Source" characters).
    "bidi-controls": (
        "bidi.txt",
        "\u202eBidi\u202c title",
        "Alice \u202eagraV\u202c met \u2066Tomas Reyes\u2069 in \u200fEastmere\u200e.",
    ),
    "3000-char-word": ("long-word.txt", "Long word", f"The code was {'x' * 3000} and no more."),
}


def odd_text(case: str, out: Path) -> list[Expect]:
    name, title, paragraph = ODD_TEXT[case]
    seed = 24 + list(ODD_TEXT).index(case)
    return _one(out, name, article(seed, title, paragraph), case)


CASES: dict[str, Callable[[Path], list[Expect]]] = {
    "huge-article": huge_article, "ten-mb-line": ten_mb_line, "non-utf8-name": non_utf8_name,
    "utf16-bom-jsonl": utf16_jsonl, "utf16-cut": utf16_cut, "100k-paragraphs": many_paragraphs,
    "stray-byte": stray_byte, "latin1": latin1, "published-9999": far_future,
    "empty-file": empty, "binary-html": binary_html, "invalid-json-lines": invalid_json_lines,
    "broken-gzip": broken_gzip, "symlink-loop": symlink_loop, "symlink-outside": symlink_outside,
    **{case: functools.partial(odd_text, case) for case in ODD_TEXT},
}  # fmt: skip


def write_hostile(out: Path, cases: list[str] | None = None) -> list[Expect]:
    """The valid articles and the named hostile cases (all by default) in the folder `out`."""
    out.mkdir(parents=True, exist_ok=True)
    found = write_valid(out)
    for name in cases or CASES:
        found += CASES[name](out)
    return found
