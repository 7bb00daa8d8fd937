from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis profiles: the default run is bounded and the same every time (the whole default
# suite must stay quick on 2 shared cores); STORYLINE_HYPOTHESIS=slow explores far more, at
# random, for a nightly or pre-release run.
settings.register_profile(
    "storyline",
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "slow",
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("slow" if os.environ.get("STORYLINE_HYPOTHESIS") == "slow" else "storyline")

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Stress checks (minutes each: many repetitions, huge hostile documents) run only when
    asked for, with `-m stress` (or any -m expression naming them) or STORYLINE_STRESS=1.  Slow
    ones (several seconds each) are left out by pyproject's `-m 'not slow'` so that the default
    run stays short; `-m slow` runs them, and CI runs both.  A test on the demo store is slow:
    the store is 120 articles built once (about a minute on two busy cores)."""
    for item in items:
        if "demo_run" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
    if "stress" in (config.getoption("markexpr") or "") or os.environ.get("STORYLINE_STRESS"):
        return
    skip = pytest.mark.skip(reason="stress: run with -m stress or STORYLINE_STRESS=1")
    for item in items:
        if "stress" in item.keywords:
            item.add_marker(skip)


def shared_data(*parts: str) -> Path:
    """A path in the public evaluation sets beside the repo; the test is skipped without them."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"evaluation data not found at {path}")
    return path


def seed_text(number: int) -> str:
    (path,) = SEEDS.glob(f"{number:03d}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def corpus(tmp_path):
    """A fresh store in a temporary file, always closed."""
    from storyline import Corpus

    with Corpus(tmp_path / "test.db") as fresh:
        yield fresh


@pytest.fixture(scope="session")
def seeds_corpus(tmp_path_factory):
    """The four seeds built once per session; tests only read it."""
    from storyline import Corpus

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with Corpus(db) as built:
        built.build([SEEDS])
        yield built


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """`storyline demo --json` run once per session: (store path, parsed output)."""
    from typer.testing import CliRunner

    from storyline.cli import app

    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(app, ["demo", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return db, json.loads(result.stdout)


def build_records(folder: Path, *records: dict):
    """A Corpus built (engine "local") in `folder` from `records` written as JSON Lines."""
    from storyline import Corpus

    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    corpus = Corpus(folder / "store.db")
    corpus.build([source], engine="local", strict=True)  # a failed document fails the test
    return corpus


def short_pages(root: Path, n: int) -> Path:
    """n distinct short pages of real text (demo headlines and first sentences), numbered."""
    from storyline.demo import demo_path

    root.mkdir()
    texts = []
    for path in sorted(demo_path().rglob("*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts.append("\n\n".join(lines[:3]))
    for i in range(n):
        (root / f"page{i:05d}.txt").write_text(f"{texts[i % len(texts)]}\n\nThis is copy {i}.\n")
    return root


BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
LONG_WORD = ("Donaudampfschifffahrtsgesellschaftskapitän" * 72)[:3000]


@pytest.fixture(scope="session")
def unruly_db(tmp_path_factory):
    """A store built from `unruly_pages` once per session."""
    from storyline import Corpus

    root = tmp_path_factory.mktemp("unruly")
    db = root / "unruly.db"
    with Corpus(db) as corpus:
        corpus.build([unruly_pages(root / "in")], engine="local")
    return db


def unruly_pages(root: Path) -> Path:
    """A JSON Lines file of two articles written to break a page: one whose bidi controls would
    show text in another order than it is written, one with a 3,000-character word."""
    root.mkdir()
    articles = [
        {
            "title": "Invoice \u202egnp.exe\u202c for the \u2066Moscow\u2069 talks",
            "published": "2015-03-04",
            "text": "Officials in London said on 3 March 2015 that the \u202etcartnoc\u202c was"
            " signed.\u200f The \u202aForeign Office\u202c and the \u2067Kremlin\u2069 agreed"
            " \u061con\u200e the \u202bterms\u202c and the \u202dorder\u202c of \u2068talks.\n\n"
            "Ministers will meet again in April 2015, a spokesman said.",
        },
        {
            "title": f"A very long word: {LONG_WORD}",
            "published": "2015-03-05",
            "text": f"Officials in London published the word {LONG_WORD} on 5 March 2015, when"
            " the ministers met.\n\nThe word has three thousand letters and no break.",
        },
    ]
    path = root / "unruly.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def growth(run, make, size: int, factor: int = 8) -> float:
    """How much more CPU time `run` takes on an input `factor` times larger: about `factor` for
    linear work, its square for quadratic.  CPU time, best of three: the machine is shared."""

    def best(text: str) -> float:
        times = []
        for _ in range(3):
            started = time.process_time()
            run(text)
            times.append(time.process_time() - started)
        return min(times)

    return best(make(size * factor)) / best(make(size))
