"""The import contract: one flow of stages, and shells that go through the one door.

The stage graph is ingest → clean → annotate → extract → link → tell, with the store and the
engines below it and the corpus, the CLI and the web app above (docs/architecture.md).  An
import from a lower layer to a higher one is a cycle in waiting; this test walks every import
in `src/storyline` (type-only imports under `if TYPE_CHECKING:` excepted) and fails on one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "storyline"

# Lower first.  A unit is a top-level module or package of storyline.
LAYERS = [
    {"lexicon", "dates", "casefold", "textkit", "unionfind", "errors"},  # words and helpers
    {"records"},  # the contract
    {"store", "engine"},
    {"ingest"},
    {"clean"},
    {"annotate"},
    {"extract"},
    {"link"},
    {"tell"},
    {"overview", "export", "demo"},
    {"corpus"},
    {"storyline", "cli", "web", "__main__"},  # the door and the shells
]
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}

# Upward imports allowed for now: none (extraction rides on the annotate pass through the
# `extend` the corpus gives `AnnotateStage`, not through an import).
KNOWN: set[tuple[str, str]] = set()

DOOR = {"storyline", "storyline.records", "storyline.errors"}


def unit_of(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return "storyline" if parts == ("__init__",) else parts[0]


def runtime_imports(tree: ast.AST) -> set[str]:
    """Absolute storyline imports, leaving out those under `if TYPE_CHECKING:`."""
    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for stmt in node.body
        for inner in ast.walk(stmt)
    }
    names = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {n for n in names if n == "storyline" or n.startswith("storyline.")}


def upward_imports() -> set[tuple[str, str, str]]:
    found = set()
    for path in SRC.rglob("*.py"):
        unit = unit_of(path)
        for name in runtime_imports(ast.parse(path.read_text("utf-8"))):
            target = name.split(".")[1] if "." in name else "storyline"
            if target != unit and RANK[target] > RANK[unit]:
                found.add((unit, target, str(path.relative_to(SRC))))
    return found


def test_every_unit_has_a_layer():
    units = {unit_of(p) for p in SRC.rglob("*.py")} - {"data"}
    assert units <= RANK.keys(), sorted(units - RANK.keys())


def test_stages_import_only_downwards():
    upward = upward_imports()
    assert {(a, b) for a, b, _ in upward} == KNOWN, sorted(upward)


def test_a_cycle_is_caught():
    tree = ast.parse("from storyline.tell import build_timeline\n")
    (name,) = runtime_imports(tree)
    assert RANK[name.split(".")[1]] > RANK["store"]  # store → tell would be reported
    typed = ast.parse(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import storyline.corpus\n"
    )
    assert runtime_imports(typed) == set()


@pytest.mark.parametrize("path", sorted((SRC / "cli").glob("*.py")), ids=lambda p: p.name)
def test_the_cli_goes_through_the_door(path):
    """The CLI is a shell: the Corpus, the records and the errors, its own modules, and the web
    app it serves."""
    imported = runtime_imports(ast.parse(path.read_text("utf-8")))
    own = {name for name in imported if name.startswith("storyline.cli.")}
    assert imported - own <= DOOR | {"storyline.web"}, sorted(imported - own - DOOR)
