"""What every `storyline` command shares: the consoles, the `--db`/`--json`/date options and
opening a store with a one-line error when there is none."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from storyline import Corpus
from storyline.records import BuildReport, FuzzyDate

console = Console()
errors = Console(stderr=True, soft_wrap=True)  # a path in an error is never broken across lines

DbOption = Annotated[
    Path, typer.Option("--db", help="The SQLite store to use.", envvar="STORYLINE_DB")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
DEMO_DB = Path("storyline-demo.db")
FromOption = Annotated[
    str | None, typer.Option("--from", help="Only from this date (YYYY[-MM[-DD]]).")
]
ToOption = Annotated[
    str | None, typer.Option("--to", help="Only up to this date (YYYY[-MM[-DD]]).")
]
HostOption = Annotated[str, typer.Option(help="Address to bind (localhost only by default).")]
PortOption = Annotated[int, typer.Option(help="Port to listen on.")]


def print_json(value) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def open_store(db: Path) -> Corpus:
    if not db.exists():
        errors.print(
            Text(f"storyline: no store at {db}; run `storyline build PATH --db {db}` first")
        )
        raise typer.Exit(1)
    return Corpus(db)


def day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return (
            FuzzyDate.parse(value).earliest if option == "--from" else FuzzyDate.parse(value).latest
        )
    except ValueError:
        raise typer.BadParameter(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}") from None


def build_with_progress(corpus: Corpus, paths: list[str], max_bytes: int, **options) -> BuildReport:
    columns = (
        TextColumn("{task.description:>8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    # Bars are for terminals: piped or logged, they would only leave a blank line behind.
    with Progress(*columns, console=errors, transient=True, disable=not errors.is_terminal) as bar:
        tasks: dict[str, int] = {}

        def progress(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(phase, total=total)
            bar.update(tasks[phase], completed=done, total=total)

        return corpus.build(paths, max_bytes=max_bytes, progress=progress, **options)
