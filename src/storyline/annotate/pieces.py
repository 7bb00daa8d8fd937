"""Long articles are annotated in pieces, and past a bound not at all.

spaCy refuses a text over `nlp.max_length` (1,000,000 characters: error E088), its parser and
NER need memory that grows with the text given at once, and storyline's own work on one Doc
looks names and dates up across the whole article.  A text longer than `PIECE_CHARS` is cut into
pieces at paragraph breaks (else sentence ends, else spaces); each piece is parsed and annotated
on its own, and the pieces' annotations are joined with their offsets moved to the article's, so
every span points into the article's text.  What a piece does not see is the others: a surname
is not resolved to a full name given in an earlier piece.

An article over `MAX_ANNOTATE_CHARS` is not annotated at all: it would hold one worker for
minutes (spaCy reads about 5,000 words a second).  It raises `TooLongToAnnotate`, which the
build stores as the article's failure; the article itself stays stored and searchable.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from storyline.records import Annotation

__all__ = [
    "MAX_ANNOTATE_CHARS",
    "PIECES_AT_ONCE",
    "PIECE_CHARS",
    "TooLongToAnnotate",
    "check_length",
    "joined",
    "pieces",
]

PIECE_CHARS = 100_000  # spaCy's guide: its parser and NER need up to 1 GB per 100,000 characters
PIECES_AT_ONCE = 2  # pieces of one long article parsed together
MAX_ANNOTATE_CHARS = 2_000_000  # ~330,000 words: one to three minutes of one worker
_OFFSETS = frozenset({"start", "end", "sentence_start", "sentence_end"})  # the records' offsets
# Where a piece may end, best first; a piece is never shorter than half `size`.
_BREAKS = (("\n\n",), (". ", "? ", "! ", "\n"), (" ", "\t"))


class TooLongToAnnotate(ValueError):
    """An article longer than storyline annotates (`MAX_ANNOTATE_CHARS`)."""


def check_length(text: str, limit: int = MAX_ANNOTATE_CHARS) -> None:
    if len(text) > limit:
        raise TooLongToAnnotate(
            f"{len(text):,} characters, over the {limit:,} storyline annotates:"
            " the article is stored and searchable, without annotations"
        )


def pieces(text: str, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of at most `size` characters covering `text`."""
    spans, start = [], 0
    while True:
        end = _cut(text, start, size)
        spans.append((start, end))
        if end == len(text):
            return spans
        start = end


def _cut(text: str, start: int, size: int) -> int:
    """Where the piece from `start` ends: after the last good break within `size` characters.
    Each search reads half a piece, so cutting a text is linear in its length."""
    end = start + size
    if end >= len(text):
        return len(text)
    low = start + size // 2
    for breaks in _BREAKS:
        found = max(
            (at + len(mark) for mark in breaks if (at := text.rfind(mark, low, end)) != -1),
            default=-1,
        )
        if found != -1:
            return found
    return end  # no space in half a piece (one unspaced run): cut anywhere


def joined(article_id: str, parts: Iterable[tuple[int, Annotation]]) -> Annotation:
    """One annotation from the annotations of pieces, each given with where its piece starts."""
    fields = ("sentences", "mentions", "timexes", "roles", "events")
    found: dict[str, list] = {name: [] for name in fields}
    for offset, part in parts:
        for name in fields:
            found[name].extend(_moved(record, offset) for record in getattr(part, name))
    return Annotation(article_id, **{name: tuple(records) for name, records in found.items()})


def _moved(record, offset: int):
    """A record with every offset into its piece made an offset into the article."""
    names = [f.name for f in dataclasses.fields(record) if f.name in _OFFSETS]
    return dataclasses.replace(record, **{n: getattr(record, n) + offset for n in names})
