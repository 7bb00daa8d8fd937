"""Export: the store written out as JSON Lines, CSV or Parquet for pandas, DuckDB or datasette.

A row is the object the CLI prints with `--json` for the same thing (`Article.to_json`,
`Entity.to_json`, `Corpus.event_json`, `TimelineEntry.to_json`), so an export never invents a
second contract.  Each of those records declares the shape of its JSON beside its `to_json`
(`Article.COLUMNS`, ...); that shape becomes the Parquet schema, so a column that happens to be
all null, or an empty export, still has its type (a test holds the two in step).
CSV cannot nest, so lists and objects are JSON text there; Parquet keeps them as lists and
structs, which pandas, DuckDB and pyarrow read natively.  Dates stay ISO strings, as in the
JSON contract, in every format.

Rows are generated and written in batches (one Parquet row group per batch), so exporting the
articles with their text never holds the corpus in memory.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from itertools import chain
from typing import IO, TYPE_CHECKING, get_args

from storyline.engine import batched
from storyline.errors import ExportError
from storyline.records import (
    Article,
    Column,
    Entity,
    Event,
    ExportFormat,
    ExportWhat,
    TimelineEntry,
)

if TYPE_CHECKING:
    from storyline.corpus import Corpus

What = ExportWhat
Format = ExportFormat
FORMATS = get_args(Format)
Output = str | os.PathLike | IO
"""Where an export goes: a path, or a file already open."""

COLUMNS: dict[What, dict[str, Column]] = {
    "articles": Article.COLUMNS,
    "entities": Entity.COLUMNS,
    "events": Event.COLUMNS,
    "timeline": TimelineEntry.COLUMNS,
}
"""What can be exported, and the shape of its rows."""

FILTERS: dict[What, tuple[str, ...]] = {
    "articles": (),
    "entities": (),
    "events": ("entity",),
    "timeline": ("story", "entity"),
}
"""The filters each export takes; any other is an error rather than silently ignored."""

BATCH = 1000  # rows per Parquet row group: a few MB of article text


def export_rows(
    corpus: Corpus, what: What, *, story: str | None = None, entity: str | None = None
) -> Iterator[dict]:
    """The rows of an export, in the order the CLI lists them.

    Unknown names and filters fail here, before anything is written; `entity` is a name,
    alias or id, `story` a story id.
    """
    if what not in COLUMNS:
        raise ExportError(f"cannot export {what!r}: choose one of {', '.join(COLUMNS)}")
    for name, value in (("story", story), ("entity", entity)):
        if value is not None and name not in FILTERS[what]:
            raise ExportError(f"{what} cannot be filtered by {name}")
    if what == "articles":
        return (article.to_json() for article in corpus.store.articles())
    if what == "entities":
        return (found.to_json() for found in corpus.entities())
    if what == "events":
        names = corpus.entity_names()
        return (corpus.event_json(event, names) for event in corpus.events(entity=entity))
    return (entry.to_json() for entry in corpus.timeline(story=story, entity=entity))


def write_rows(
    rows: Iterable[dict], what: What, format: Format, output: Output, *, batch: int = BATCH
) -> int:
    """Write rows of `what` to `output`, a path or an open file (text for jsonl and csv,
    binary for parquet); returns how many rows were written."""
    writers = {"jsonl": _jsonl, "csv": _csv, "parquet": _parquet}
    if format not in writers:
        raise ExportError(f"unknown export format {format!r}: choose one of {', '.join(FORMATS)}")
    columns, rows = _shape(rows, what)
    with _opened(output, binary=format == "parquet") as out:
        return writers[format](rows, columns, out, batch)


def _shape(rows: Iterable[dict], what: What) -> tuple[dict[str, Column], Iterator[dict]]:
    """The columns of `rows`: the first row's keys in order, typed as declared in `COLUMNS`,
    else as strings (the JSON contract may gain keys); the declared columns for no rows."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return COLUMNS[what], rows
    declared = COLUMNS[what]
    return {key: declared.get(key, str) for key in first}, chain([first], rows)


def _opened(output: Output, binary: bool):
    """A path is opened (and closed) here; a file the caller opened is left open."""
    if hasattr(output, "write"):
        return nullcontext(output)
    return open(output, "wb") if binary else open(output, "w", encoding="utf-8", newline="")


def _jsonl(rows: Iterable[dict], columns, out: IO, batch: int) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _csv(rows: Iterable[dict], columns, out: IO, batch: int) -> int:
    """One column per key; lists and objects as JSON text, null as an empty cell."""
    writer = csv.DictWriter(out, fieldnames=list(columns))
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
        count += 1
    return count


def _cell(value):
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value


def _parquet(rows: Iterable[dict], columns, out: IO, batch: int) -> int:
    """One row group per batch, typed by `columns` (pyarrow is imported only when needed: it
    costs a quarter of a second, more than the rest of the CLI's start-up)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, _arrow_type(column)) for name, column in columns.items()])
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        for chunk in batched(rows, batch):
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
    return count


def _arrow_type(column: Column):
    import pyarrow as pa

    if isinstance(column, list):
        return pa.list_(_arrow_type(column[0]))
    if isinstance(column, dict):
        return pa.struct([(key, _arrow_type(value)) for key, value in column.items()])
    return {str: pa.string(), int: pa.int64(), float: pa.float64()}[column]
