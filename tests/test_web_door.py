"""The explorer goes through one door: `storyline.Corpus` (opened read-only), the records and
the errors.  Walked from the source, so a new import past the door fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import storyline.web

WEB = Path(storyline.web.__file__).parent
ALLOWED = {"storyline", "storyline.records", "storyline.errors"}
MODULES = sorted(WEB.rglob("*.py"))


def imported(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(WEB)))
def test_web_imports_only_the_door(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    ours = {n for n in imported(tree) if n == "storyline" or n.startswith("storyline.")}
    past_the_door = {n for n in ours if n not in ALLOWED and not n.startswith("storyline.web")}
    assert not past_the_door, f"{path.name} imports {sorted(past_the_door)}"
    reached = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    assert not reached & {"store", "__new__"}, f"{path.name} reaches past Corpus"


def test_only_the_event_index_uses_sqlite_and_only_in_memory():
    users = [p.name for p in MODULES if "sqlite3" in imported(ast.parse(p.read_text("utf-8")))]
    assert users == ["eventsearch.py"]
    source = (WEB / "eventsearch.py").read_text(encoding="utf-8")
    assert source.count("sqlite3.connect(") == 1 and 'sqlite3.connect(":memory:"' in source


def test_the_walk_sees_imports():
    """The check above can fail: it finds an import past the door in a module that has one."""
    tree = ast.parse("from storyline.store import facts\nimport storyline.tell\n")
    assert imported(tree) == {"storyline.store", "storyline.tell"}
