"""Export: every kind of row in every format reads back as the JSON the CLI prints."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.export import COLUMNS, FORMATS, export_rows, write_rows

WHATS = tuple(COLUMNS)
runner = CliRunner()


@pytest.fixture(scope="module")
def expected(seeds_corpus):
    """The rows of each export, as the API describes them (the CLI's --json objects)."""
    return {what: list(export_rows(seeds_corpus, what)) for what in WHATS}


def _read(path, format: str) -> list[dict]:
    if format == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if format == "parquet":
        return pq.read_table(path).to_pylist()
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _csv_row(row: dict, what: str) -> dict:
    """What the CSV cells of a JSON row are: JSON text for lists and objects, '' for null."""

    def cell(value, column):
        if value is None:
            return ""
        return (
            json.dumps(value, ensure_ascii=False) if isinstance(column, list | dict) else str(value)
        )

    return {key: cell(value, COLUMNS[what].get(key, str)) for key, value in row.items()}


def test_rows_are_the_json_contract(seeds_corpus, expected):
    names = seeds_corpus.entity_names()
    assert expected["articles"] == [a.to_json() for a in seeds_corpus.articles()]
    assert expected["entities"] == [e.to_json() for e in seeds_corpus.entities()]
    assert expected["events"] == [seeds_corpus.event_json(e, names) for e in seeds_corpus.events()]
    assert expected["timeline"] == [t.to_json() for t in seeds_corpus.timeline()]
    for what, found in expected.items():
        assert found, f"the seeds have no {what}"
        # each record declares its JSON's keys in order beside its to_json: they cannot drift
        assert all(list(row) == list(COLUMNS[what]) for row in found), what


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("what", WHATS)
def test_every_export_reads_back_as_its_rows(seeds_corpus, expected, tmp_path, what, format):
    path = tmp_path / f"{what}.{format}"
    assert seeds_corpus.export(what, format, path) == len(expected[what])
    found = _read(path, format)
    if format == "csv":
        assert found == [_csv_row(row, what) for row in expected[what]]
    else:
        assert found == expected[what]


def test_pandas_reads_nested_parquet_and_flat_csv(seeds_corpus, expected, tmp_path):
    seeds_corpus.export("events", "parquet", tmp_path / "events.parquet")
    seeds_corpus.export("events", "csv", tmp_path / "events.csv")
    events = pd.read_parquet(tmp_path / "events.parquet")
    flat = pd.read_csv(tmp_path / "events.csv")
    assert list(events.id) == list(flat.id) == [e["id"] for e in expected["events"]]
    texts = {a.id: a.text for a in seeds_corpus.articles()}
    for sources, encoded in zip(events.sources, flat.sources, strict=True):
        assert len(sources) == len(json.loads(encoded)) > 0
        for source in sources:  # provenance: the span is the cited sentence
            assert texts[source["article"]][source["start"] : source["end"]] == source["sentence"]
    actors = [a["name"] for a in events.actor if a is not None]
    assert actors and set(actors) <= set(seeds_corpus.entity_names().values())

    seeds_corpus.export("articles", "parquet", tmp_path / "articles.parquet")
    articles = pd.read_parquet(tmp_path / "articles.parquet")
    assert list(articles.text) == list(texts.values())
    assert list(articles.published) == [a["published"] for a in expected["articles"]]


def test_articles_stream_in_row_groups(seeds_corpus, tmp_path):
    rows = export_rows(seeds_corpus, "articles")
    assert isinstance(rows, Iterator)
    assert write_rows(rows, "articles", "parquet", tmp_path / "a.parquet", batch=3) == 4
    assert pq.ParquetFile(tmp_path / "a.parquet").num_row_groups == 2


def test_a_key_not_yet_declared_is_exported_as_a_string(expected, tmp_path):
    rows = [{**row, "fetched": "2024-05-01T10:00:00Z"} for row in expected["articles"]]
    write_rows(rows, "articles", "parquet", tmp_path / "a.parquet")
    write_rows(rows, "articles", "csv", tmp_path / "a.csv")
    assert _read(tmp_path / "a.parquet", "parquet") == rows
    assert {row["fetched"] for row in _read(tmp_path / "a.csv", "csv")} == {rows[0]["fetched"]}


def test_an_empty_export_keeps_its_columns_and_types(tmp_path):
    write_rows([], "events", "parquet", tmp_path / "none.parquet")
    table = pq.read_table(tmp_path / "none.parquet")
    assert table.num_rows == 0 and table.column_names == list(COLUMNS["events"])
    assert str(table.schema.field("actor").type) == "struct<id: string, name: string>"
    out = io.StringIO()
    write_rows([], "entities", "csv", out)
    assert out.getvalue().strip() == ",".join(COLUMNS["entities"])


def test_filters(seeds_corpus, expected):
    actor = next(e["actor"]["id"] for e in expected["events"] if e["actor"])
    assert list(export_rows(seeds_corpus, "events", entity=actor)) == [
        seeds_corpus.event_json(e) for e in seeds_corpus.events(entity=actor)
    ]
    story = seeds_corpus.stories()[0].id
    assert list(export_rows(seeds_corpus, "timeline", story=story)) == [
        t.to_json() for t in seeds_corpus.timeline(story=story)
    ]
    with pytest.raises(ValueError, match="articles cannot be filtered by entity"):
        export_rows(seeds_corpus, "articles", entity=actor)
    with pytest.raises(ValueError, match="unknown export format"):
        write_rows([], "articles", "xlsx", io.StringIO())


def _cli(*args, ok=True):
    result = runner.invoke(app, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("what", WHATS)
def test_cli_exports_to_stdout_what_json_lists(seeds_corpus, what):
    db = seeds_corpus.store.path
    listed = json.loads(_cli(what, "--db", db, "--json").stdout)
    lines = _cli("export", "--format", "jsonl", "--what", what, "--db", db).stdout.splitlines()
    assert [json.loads(line) for line in lines] == listed
    table = pd.read_csv(
        io.StringIO(_cli("export", "--format", "csv", "--what", what, "--db", db).stdout)
    )
    assert len(table) == len(listed) and list(table.columns) == list(listed[0])


def test_cli_writes_parquet_to_a_file_only(seeds_corpus, tmp_path):
    db = seeds_corpus.store.path
    missing = _cli("export", "--format", "parquet", "--db", db, ok=False)
    assert missing.exit_code == 2 and "--output" in missing.output
    out = tmp_path / "entities.parquet"
    done = _cli("export", "--format", "parquet", "--what", "entities", "--db", db, "-o", out)
    entities = pd.read_parquet(out)
    assert f"wrote {len(entities)} rows (entities)" in done.output
    assert list(entities.name) == [e.name for e in seeds_corpus.entities()]


def test_cli_export_errors(seeds_corpus):
    db = seeds_corpus.store.path
    wrong = _cli(
        "export", "--format", "csv", "--what", "entities", "--story", "x", "--db", db, ok=False
    )
    assert wrong.exit_code == 2 and "cannot be filtered by story" in wrong.output
    nobody = _cli("export", "--format", "jsonl", "--what", "events", "--entity", "Nobody At All",
                  "--db", db, ok=False)  # fmt: skip
    assert nobody.exit_code == 1 and "not found" in nobody.output
    assert "Example:" in _cli("export", "--help").stdout
