"""The bundled demo corpus: 120 Wikinews articles in four stories (CC BY 2.5, see data/demo/LICENSE.md)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from storyline.records import Article


def demo_path() -> Path:
    """The folder of demo articles inside the installed package."""
    return Path(str(resources.files("storyline") / "data" / "demo" / "articles"))


def story_of(article: Article) -> str | None:
    """The demo's story is the folder an article sits in (airbus, apple, gm, stock)."""
    parts = Path(article.source).parts
    return parts[-2] if len(parts) >= 2 else None
