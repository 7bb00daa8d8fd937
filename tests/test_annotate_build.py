"""Part 2 end to end on the seeds: who is in them, when they were written, and the JSON tools."""

from __future__ import annotations

import json

import pytest
from conftest import SEEDS, seed_text
from typer.testing import CliRunner

from storyline.cli import app
from storyline.engine import run_stage

runner = CliRunner()

PEOPLE = {
    "David Miliband", "Sergey Lavrov", "Alexander Litvinenko", "Andrei Lugovoi", "Dmitry Medvedev",
    "Barack Obama", "Mikhail Gorbachev", "Anna Politkovskaya", "Anthony Brenton",
    "Boris Berezovsky", "Vladimir Putin", "Boris Johnson", "David Cameron", "Gordon Brown",
    "Angela Merkel", "Nicolas Sarkozy", "Silvio Berlusconi", "Dmitry Kozak",
}  # fmt: skip


def _by_seed(corpus):
    return {a.source.rsplit("/", 1)[-1][:3]: a for a in corpus.articles()}


def test_undated_seeds_are_dated_from_their_own_text_and_peers(seeds_corpus):
    seeds = _by_seed(seeds_corpus)
    assert (seeds["000"].published.value, seeds["000"].published_how) == ("2009-11", "inferred")
    assert seeds["001"].published.value == "2009-11"
    assert seeds["003"].published.value == "2011"
    assert seeds["002"].published_how == "dateline"
    data = seeds["001"].to_json()
    assert (data["published_earliest"], data["published_latest"]) >= ("2009-11-01", "2009-11-01")
    evidence = seeds_corpus.date_evidence(seeds["000"].id)
    assert evidence and all(e.reason for e in evidence)
    cited = seeds["000"].text[evidence[0].start : evidence[0].end]
    assert "third anniversary" in cited


def test_relative_dates_follow_the_inferred_date(seeds_corpus):
    seeds = _by_seed(seeds_corpus)
    timexes = {t.text: t for t in seeds_corpus.annotation(seeds["000"].id).timexes}
    today = timexes["today"]  # the article is dated to a week: "today" is somewhere in it
    assert (today.value, str(today.earliest), str(today.latest)) == (
        "2009-11", "2009-11-02", "2009-11-09")  # fmt: skip
    assert timexes["November 2, 2006"].value == "2006-11-02"
    assert timexes["last month"].value == "2009-10"
    johnson = {t.text: t for t in seeds_corpus.annotation(seeds["002"].id).timexes}
    assert johnson["the coming weeks"].value == "FUTURE_REF"
    assert johnson["the next few weeks"].value == "PXW"


def test_every_person_is_one_entity_and_no_two_are_merged(seeds_corpus):
    people = {e.name: e for e in seeds_corpus.entities("PERSON")}
    assert set(people) >= PEOPLE
    lugovoi = people["Andrei Lugovoi"]
    assert {"Andrei Lugovoi", "Andrei Lugovoy", "Lugovoi"} <= set(lugovoi.aliases)
    assert len(lugovoi.articles) == 2
    assert {"Sergey Lavrov", "Lavrov"} <= set(people["Sergey Lavrov"].aliases)
    assert len(people["Alexander Litvinenko"].articles) == 4
    for name, entity in people.items():
        others = PEOPLE - {name}
        assert not others & set(entity.aliases), (name, entity.aliases)
    assert "Marina" in people and "Marina" not in people["Alexander Litvinenko"].aliases


def test_roles_over_time_and_the_bare_foreign_secretary(seeds_corpus):
    people = {e.name: e for e in seeds_corpus.entities("PERSON")}
    kozak = people["Dmitry Kozak"].roles
    assert [(r.role, r.of, r.start.value) for r in kozak] == [
        ("deputy prime minister", "Russia", "2011")
    ]
    assert any(r.role == "foreign secretary" and r.start.value == "2017-03-04"
               for r in people["Boris Johnson"].roles)  # fmt: skip
    rows = seeds_corpus.store.db.execute(
        "SELECT a.published, r.entity_id FROM roles r JOIN articles a ON a.id = r.article_id"
        " WHERE r.role = 'foreign secretary' AND r.holder IS NULL"
    ).fetchall()
    rows = [tuple(row) for row in rows]
    assert ("2009-11", "person:david-miliband") in rows  # "The British Foreign Secretary's trip"


def test_entities_cli_json_contract(tmp_path):
    db = tmp_path / "s.db"
    assert runner.invoke(app, ["build", str(SEEDS), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["entities", "--db", str(db), "--type", "PERSON", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found and all(e["type"] == "PERSON" for e in found)
    for entity in found:
        assert set(entity) >= {"id", "name", "type", "aliases", "mentions", "articles", "roles"}
        for role in entity["roles"]:
            assert set(role) >= {"role", "of", "from", "to"}
    shown = runner.invoke(app, ["show", found[0]["articles"][0][:8], "--db", str(db)])
    assert "Entities" in shown.stdout and "Dates and times" in shown.stdout


def test_annotate_cli_on_a_text_file_with_a_date(tmp_path):
    path = tmp_path / "000.txt"
    path.write_text(
        "Foreign Secretary David Miliband is making his first official visit to Russia today.\n\n"
        "His widow Marina criticised Mr Miliband's trip when it was announced last month."
    )
    result = runner.invoke(app, ["annotate", str(path), "--date", "2009-11-02", "--json"])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    doc = json.loads(line)
    text = path.read_text()
    assert doc["id"] == str(path) and doc["published"] == "2009-11-02"
    assert set(doc) >= {"id", "published", "sentences", "entities", "timexes"}
    assert len(doc["sentences"]) == 2
    for entity in doc["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]
    canon = {e["text"]: e["canonical"] for e in doc["entities"]}
    assert canon["Miliband"] == "David Miliband"
    values = {t["text"]: t for t in doc["timexes"]}
    assert values["today"]["value"] == "2009-11-02" and values["today"]["type"] == "DATE"
    assert (values["last month"]["earliest"], values["last month"]["latest"]) == (
        "2009-10-01", "2009-10-31")  # fmt: skip


def test_annotate_cli_jsonl_lines_use_their_own_dates_and_infer_missing_ones(tmp_path):
    lines = tmp_path / "docs.jsonl"
    lines.write_text(
        json.dumps(
            {"id": "dated", "text": "The talks were held yesterday.", "published": "2017-03-04"}
        )
        + "\n"
        + json.dumps({"id": "seed003", "text": _clean(3)})
        + "\n"
    )
    result = runner.invoke(app, ["annotate", str(lines)])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["timexes"][0]["value"] == "2017-03-03"
    assert (second["id"], second["published"], second["published_how"]) == (
        "seed003",
        "2011",
        "inferred",
    )


def test_annotate_cli_reports_a_bad_line(tmp_path):
    lines = tmp_path / "bad.jsonl"
    lines.write_text('{"id": "x", "text": "fine"}\n{oops\n')
    result = runner.invoke(app, ["annotate", str(lines)])
    assert result.exit_code == 2 and "bad.jsonl#line2" in result.output


def _clean(number: int) -> str:
    from storyline.clean.templates import Templates
    from storyline.clean.text import clean_text

    found = clean_text(seed_text(number), Templates.empty())
    return "\n\n".join(text for text, _ in found.paragraphs)


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_engines_give_identical_annotations(workers):
    from storyline.annotate import AnnotateStage
    from storyline.records import ToAnnotate

    items = [ToAnnotate(str(n), _clean(n)) for n in range(4)] * 3
    local = list(run_stage(AnnotateStage(), items, workers=1, batch_size=2))
    again = list(run_stage(AnnotateStage(), items, workers=workers, batch_size=2))
    assert again == local
    assert [a.article_id for a in again] == [i.article_id for i in items]
