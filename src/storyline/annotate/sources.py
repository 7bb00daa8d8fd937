"""Documents for `storyline annotate`: .txt files, JSON Lines of {id, text, published}, or stdin."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from storyline.ingest.decoding import decode_text
from storyline.records import FuzzyDate, ToAnnotate


def documents_from(
    files: Sequence[Path], default_date: str | None, stdin: TextIO | None = None
) -> Iterator[ToAnnotate]:
    """Raises ValueError, with the file and line, for a bad date or a malformed line."""
    fallback = _date(default_date, "--date") if default_date else None
    if not files and stdin is not None:
        yield ToAnnotate("-", stdin.read(), fallback)
        return
    for path in files:
        if path.suffix.lower() == ".jsonl":
            yield from _json_lines(path, fallback)
        else:
            yield ToAnnotate(str(path), decode_text(path.read_bytes()), fallback)


def _json_lines(path: Path, fallback: FuzzyDate | None) -> Iterator[ToAnnotate]:
    with path.open("rb") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{path}#line{number}"
            try:
                record = json.loads(decode_text(line))
            except json.JSONDecodeError as error:
                raise ValueError(f"{where}: invalid JSON: {error}") from None
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise ValueError(f"{where}: expected an object with a `text` string")
            published = record.get("published")
            yield ToAnnotate(
                str(record.get("id") or where),
                record["text"],
                _date(published, where) if published else fallback,
            )


def _date(value: str, where: str) -> FuzzyDate:
    try:
        return FuzzyDate.parse(str(value)[:10])
    except ValueError:
        raise ValueError(f"{where}: not a YYYY[-MM[-DD]] date: {value!r}") from None
