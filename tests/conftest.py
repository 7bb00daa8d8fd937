from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


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


@pytest.fixture(scope="module")
def seeds_corpus(tmp_path_factory):
    """The four seeds built once per module."""
    from storyline import Corpus

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with Corpus(db) as built:
        built.build([SEEDS])
        yield built


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """`storyline demo --json` run once per session: (store path, parsed output)."""
    import json

    from typer.testing import CliRunner

    from storyline.cli import app

    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(app, ["demo", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return db, json.loads(result.stdout)


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
