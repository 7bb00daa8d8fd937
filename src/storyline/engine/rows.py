"""The row form of records, for engines that hand them over as Parquet shards.

A shard is a Parquet file with one row per record: key columns (`seq`, the record's position in
the engine's input; `type`, its class; `id`, its article or page id when it has one) and a JSON
`payload`.  Records are the frozen dataclasses of `storyline.records` (and a stage's own, like
`Cleaned`); the payload is built from their fields and read back through their type hints, so
every record round-trips exactly (tuples stay tuples, dates dates, bytes bytes) with no code per
record.  Shards stay readable by any Parquet tool (DuckDB, pandas, Spark).
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import importlib
import json
import os
import types
import typing
from datetime import date
from pathlib import Path
from typing import Any, Literal, Union

__all__ = ["decode", "encode", "read_shard", "type_name", "write_shard"]

_KEYS = ("article_id", "hash", "page", "id")


def type_name(record: object) -> str:
    cls = type(record)
    return f"{cls.__module__}:{cls.__qualname__}"


def encode(record: object) -> str:
    """The JSON payload of a record."""
    return json.dumps(_plain(record), ensure_ascii=False, separators=(",", ":"))


def decode(type_: str, payload: str) -> Any:
    """The record a payload was made from, given its `type_name`."""
    return _build(_resolve(type_), json.loads(payload))


def write_shard(path: str | os.PathLike, records: list, start: int = 0) -> None:
    """Records `start`, `start + 1`, ... as one Parquet file, written whole or not at all."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "seq": pa.array(range(start, start + len(records)), pa.int64()),
            "type": pa.array([type_name(r) for r in records], pa.string()),
            "id": pa.array([_key(r) for r in records], pa.string()),
            "payload": pa.array([encode(r) for r in records], pa.large_string()),
        }
    )
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    pq.write_table(table, partial, compression="zstd")
    os.replace(partial, path)  # a killed writer never leaves half a shard under the real name


def read_shard(path: str | os.PathLike) -> list:
    """The records of a shard, in `seq` order."""
    import pyarrow.parquet as pq

    table = pq.read_table(path, columns=["seq", "type", "payload"]).sort_by("seq")
    return [
        decode(type_, payload)
        for type_, payload in zip(
            table.column("type").to_pylist(), table.column("payload").to_pylist(), strict=True
        )
    ]


def _key(record: object) -> str | None:
    for name in _KEYS:
        value = getattr(record, name, None)
        if isinstance(value, str):
            return value
    return None


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list, frozenset, set)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


@functools.cache
def _resolve(name: str) -> type:
    module, _, qualname = name.partition(":")
    found: Any = importlib.import_module(module)
    for part in qualname.split("."):
        found = getattr(found, part)
    return found


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(hint: Any, value: Any) -> Any:
    """`value` (plain JSON) as the type `hint` says."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _build(_option_for(options, value), value)
    if origin is Literal or hint is Any:
        return value
    if origin in (tuple, list, frozenset, set):
        args = typing.get_args(hint)
        element = args[0] if args else Any
        return origin(_build(element, v) for v in value)
    if origin is dict:
        _, element = typing.get_args(hint) or (str, Any)
        return {k: _build(element, v) for k, v in value.items()}
    if dataclasses.is_dataclass(hint):
        hints = _hints(hint)
        return hint(
            **{
                f.name: _build(hints[f.name], value[f.name])
                for f in dataclasses.fields(hint)
                if f.init and f.name in value
            }
        )
    if hint is date:
        return date.fromisoformat(value)
    if hint is bytes:
        return base64.b64decode(value)
    return value


def _option_for(options: list, value: Any) -> Any:
    """The member of a union a JSON value was made from: a record for an object, else the
    first member whose plain form has the value's JSON type."""
    if len(options) == 1:
        return options[0]
    for option in options:
        if isinstance(value, dict) and dataclasses.is_dataclass(option):
            return option
    for option in options:
        kind = typing.get_origin(option) or option
        if isinstance(kind, type) and isinstance(value, kind):
            return option
    return options[0]
