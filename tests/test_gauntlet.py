"""The gauntlet's parts that decide pass or fail: the converters, the accounting of inputs against
a build's report, and the crash summary.  The full gauntlet runs in CI (`.ci/run`)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from conftest import shared_data

EVAL = Path(__file__).resolve().parents[1] / "eval"
sys.path.insert(0, str(EVAL))
try:
    import corpora
    import gauntlet_checks
    import hostile
finally:
    sys.path.remove(str(EVAL))


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_meantime_becomes_dated_json_lines(tmp_path):
    data = shared_data("meantime").parent
    items = corpora.meantime(data, tmp_path)
    records = _lines(tmp_path / "meantime-apple.jsonl")
    assert len(items) == len(records) == 30
    assert len({i.id for i in items}) == 30
    assert all(len(r["published"]) >= 10 and r["text"].strip() for r in records)
    first = items[0]
    assert first.source(tmp_path) == f"{tmp_path}/meantime-apple.jsonl#line1"
    title, dateline = records[0]["text"].splitlines()[:2]
    assert title and dateline[-4:].isdigit()  # title, then "Month D, YYYY"


def test_plover_records_keep_their_sentence_and_date(tmp_path):
    data = shared_data("plover").parent
    items = corpora.plover(data, tmp_path)
    records = _lines(tmp_path / "plover-gsr-dev.jsonl")
    gold = json.loads((data / "plover" / "gsr-dev.json").read_text(encoding="utf-8"))
    assert [i.id for i in items] == [g["id"] for g in gold]
    assert [(r["text"], r["published"]) for r in records] == [(g["text"], g["date"]) for g in gold]


def test_detokenize_joins_ptb_tokens():
    tokens = ["``", "It", "'s", "over", ",", "''", "he", "said", "(", "twice", ")", "."]
    assert corpora.detokenize(tokens) == '"It\'s over," he said (twice).'


def test_cheap_hostile_cases_are_written_beside_valid_articles(tmp_path):
    out = tmp_path / "hostile"
    cases = ["non-utf8-name", "symlink-loop", "symlink-outside", "invalid-json-lines"]
    expected = hostile.write_hostile(out, cases)
    assert {e.case for e in expected} == {"valid", *cases}
    assert os.path.lexists(os.path.join(os.fsencode(out), b"caf\xe9.txt"))
    assert os.path.islink(out / "loops" / "up") and not (out / "loops" / "a.txt").exists()
    assert not (out / "outside.txt").resolve().is_relative_to(out)
    assert len({e.item.source(out) for e in expected}) == len(expected)


def _expect(name: str, outcome: str = "any", line: int | None = None):
    return hostile.Expect(corpora.Item(name, name, line), "test", outcome)


ROOT = "/in"
EXPECTED = [_expect("a.txt", "article"), _expect("b.txt"), _expect("c.txt"), _expect("d.jsonl")]
REPORT = {
    "new": 2,
    "duplicate": 1,
    "skipped": [{"source": "/in/c.txt", "reason": "empty file"}],
    "warnings": [{"source": "/in/a.txt", "message": "odd date"}],
}
ARTICLES = [{"source": "/in/a.txt", "text": "x"}, {"source": "/in/d.jsonl#line2", "text": "y"}]


def test_every_input_accounted_for_passes():
    verdict = gauntlet_checks.judge(ROOT, EXPECTED, REPORT, ARTICLES)
    assert verdict.problems == []
    assert (verdict.articles, verdict.duplicates, verdict.skips, len(verdict.warnings)) == (
        2, 1, 1, 1
    )  # fmt: skip


@pytest.mark.parametrize(
    ("report", "articles", "complaint"),
    [
        ({**REPORT, "duplicate": 0}, ARTICLES, "neither an article nor a skip"),
        (REPORT, ARTICLES[1:], "should give article"),
        (REPORT, [*ARTICLES, {"source": "/etc/passwd"}], "reported but never given"),
        ({**REPORT, "failed": [{"source": "/in/b.txt", "stage": "annotate", "error": "E088\nx"}]},
         ARTICLES, "failed: '/in/b.txt' at annotate: E088"),
        ({**REPORT, "skipped": [{"source": "/in/c.txt", "reason": " "}]}, ARTICLES,
         "skipped without a reason"),
    ],
)  # fmt: skip
def test_untrue_or_incomplete_reports_fail(report, articles, complaint):
    problems = gauntlet_checks.judge(ROOT, EXPECTED, report, articles).problems
    assert any(complaint in p for p in problems), problems


def test_undecodable_file_names_match_however_they_are_shown():
    name = os.fsdecode(b"caf\xe9.txt")
    expected = [_expect(name, "article")]
    for shown in (f"/in/{name}", "/in/caf\ufffd.txt", "/in/caf\\xe9.txt"):
        verdict = gauntlet_checks.judge(ROOT, expected, {"duplicate": 0}, [{"source": shown}])
        assert verdict.problems == []


TRACEBACK = """Traceback (most recent call last):
  File "/x/src/storyline/cli.py", line 90, in build
    report = corpus.build(paths)
  File "/x/src/storyline/link/entities.py", line 410, in _finish
    return self.ids[key]
  File "/x/.venv/lib/python3.11/site-packages/thing.py", line 3, in get
    raise KeyError(key)
KeyError: ('PERSON', '½')
"""


CHAINED = f"""multiprocessing.pool.RemoteTraceback:
\"\"\"
{TRACEBACK.replace("KeyError: ('PERSON', '½')", "KeyError: 'fortnight'")}\"\"\"

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "/x/src/storyline/engine/__init__.py", line 211, in _collect
    raise error
KeyError: 'fortnight'
"""


def test_crash_summary_gives_the_error_and_where_in_storyline():
    assert gauntlet_checks.crash_summary(TRACEBACK) == (
        "KeyError: ('PERSON', '½')  [at storyline/link/entities.py:410 in _finish]"
    )
    assert gauntlet_checks.crash_summary(CHAINED).endswith(
        "storyline/link/entities.py:410 in _finish]"
    )
    dump = 'Thread 0x1 (most recent call first):\n  File "/x/storyline/clean/t.py", line 8 in f'
    assert gauntlet_checks.crash_summary(dump, "no answer within 5 s").endswith(
        "[at storyline/clean/t.py:8 in f]"
    )


def test_skips_and_warnings_sum_up_by_kind():
    assert gauntlet_checks.reason_kind("invalid JSON: Expecting value: line 1") == "invalid JSON"
    warning = {
        "source": "/in/a.txt",
        "warning": "3 undecodable sequences replaced (read as cp1252)",
    }
    assert gauntlet_checks.warning_kinds([warning]) == {"N undecodable sequences replaced": 1}
    assert gauntlet_checks.warning_text(warning).startswith("/in/a.txt: 3 undecodable")


def test_a_failure_at_an_inputs_documented_bound_is_expected_only_at_that_stage():
    past_bound = hostile.Expect(
        corpora.Item("big.txt", "big.txt"), "test", "article", None, "annotate"
    )
    articles = [*ARTICLES, {"source": "/in/big.txt", "text": "kept"}]
    failed = {"source": "/in/big.txt", "stage": "annotate", "error": "TooLongToAnnotate"}
    report = {**REPORT, "failed": [failed]}
    assert gauntlet_checks.judge(ROOT, [*EXPECTED, past_bound], report, articles).problems == []
    report = {**REPORT, "failed": [{**failed, "stage": "clean"}]}
    problems = gauntlet_checks.judge(ROOT, [*EXPECTED, past_bound], report, articles).problems
    assert any("failed: '/in/big.txt' at clean" in p for p in problems), problems
