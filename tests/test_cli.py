"""The `storyline` command: JSON contract, exit codes, help text, the demo."""

from __future__ import annotations

import json

import pytest
from conftest import SEEDS
from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()


def _run(*args, ok=True):
    result = runner.invoke(app, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "seeds.db"
    _run("build", SEEDS, "--db", db)
    return db


def test_build_prints_a_report_and_is_idempotent(tmp_path):
    db = tmp_path / "s.db"
    first = json.loads(_run("build", SEEDS, "--db", db, "--json").stdout)
    assert (first["new"], first["unchanged"], first["skipped"]) == (4, 0, [])
    second = _run("build", SEEDS, "--db", db).stdout
    assert "new: 0  unchanged: 4  duplicate: 0  skipped: 0" in second


def test_build_of_nothing_usable_fails_with_a_clear_message(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = _run("build", tmp_path / "empty.txt", "--db", tmp_path / "s.db", ok=False)
    assert result.exit_code == 1
    assert "nothing could be built" in result.output
    assert "empty file" in result.output


def test_articles_and_show_share_one_json_contract(seeds_db):
    listed = json.loads(_run("articles", "--db", seeds_db, "--json").stdout)
    assert len(listed) == 4
    for article in listed:
        shown = json.loads(_run("show", article["id"], "--db", seeds_db, "--json").stdout)
        assert shown == article
        assert {
            "id",
            "source",
            "title",
            "byline",
            "publisher",
            "published",
            "published_how",
            "text",
            "words",
        } <= set(shown)
    assert listed[-1]["published"] is None or listed[0]["published"] <= listed[-1]["published"]


def test_show_prints_hostile_text_literally(tmp_path):
    page = tmp_path / "x.jsonl"
    page.write_text(
        json.dumps(
            {
                "title": "[bold red]Not markup[/]",
                "text": "Body with [link=file:///etc]rich markup[/link] "
                "and <script>alert(1)</script> inside, long enough to be a paragraph of news text.",
            }
        )
    )
    db = tmp_path / "s.db"
    _run("build", page, "--db", db)
    (article,) = json.loads(_run("articles", "--db", db, "--json").stdout)
    out = _run("show", article["id"], "--db", db).stdout
    assert "[bold red]Not markup[/]" in out
    assert "[link=file:///etc]rich markup[/link]" in out


def test_show_unknown_id_fails(seeds_db):
    result = _run("show", "ffffffffffff", "--db", seeds_db, ok=False)
    assert result.exit_code == 1 and "no article" in result.output


def test_search_json_has_ranked_highlighted_hits(seeds_db):
    hits = json.loads(_run("search", "Litvinenko", "--db", seeds_db, "--json").stdout)
    assert len(hits) == 4
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    for hit in hits:
        assert any(hit["snippet"][s:e] == "Litvinenko" for s, e in hit["highlights"])


def test_commands_on_a_missing_store_explain_themselves(tmp_path):
    result = _run("articles", "--db", tmp_path / "none.db", ok=False)
    assert result.exit_code == 1 and "no store" in result.output
    assert not (tmp_path / "none.db").exists()


def test_demo_builds_the_bundled_corpus(demo_run):
    _, data = demo_run
    assert data["build"]["new"] == 120 and data["build"]["skipped"] == []
    overview = data["overview"]
    assert overview["articles"] == 120
    assert overview["groups"] == {"airbus": 30, "apple": 30, "gm": 30, "stock": 30}
    assert overview["undated"] == 0
    assert overview["first"].startswith("2004") and overview["last"].startswith("2013")
    assert any(n["name"] in {"General Motors", "Steve Jobs"} for n in overview["names"])


def _commands() -> list[str]:
    """Every command the CLI registers, so that a new one cannot miss its help."""
    from typer.main import get_command

    return sorted(get_command(app).commands)


def test_the_help_check_sees_every_command():
    assert {"build", "timeline", "annotate", "export", "serve", "demo"} <= set(_commands())


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help_with_an_example(command):
    result = _run(command, "--help")
    assert "Example:" in result.stdout


def test_serve_get_prints_a_rendered_page(seeds_db):
    page = _run("serve", "--db", seeds_db, "--get", "/").stdout
    assert "<!doctype html>" in page.lower() and "story-link" in page
    missing = _run("serve", "--db", seeds_db, "--get", "/articles/ffffffffffff", ok=False)
    assert missing.exit_code == 1
