"""How the `storyline` command fails: one line on stderr and an exit code, like the sqlite3
shell, never a traceback unless asked for (`storyline --debug ...` or `STORYLINE_DEBUG=1`).

    storyline: cannot write to news.db: attempt to write a readonly database     (exit 1)
    storyline: interrupted; run the same build again to resume                   (exit 130)

What storyline can explain is a `storyline.errors.StorylineError`; anything else is a bug and
keeps its traceback.
"""

from __future__ import annotations

import traceback
from typing import Annotated, NoReturn

import click
import typer
from typer.core import TyperGroup

from storyline.errors import StorylineError

INTERRUPTED = 130  # 128 + SIGINT, what shells report for a command stopped by Ctrl-C
RESUME = {
    "build": "run the same build again to resume",
    "demo": "run the demo again to resume",
}


def debug_option(
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            envvar="STORYLINE_DEBUG",
            help="When something fails, show the full traceback, not just one line.",
        ),
    ] = False,
) -> None:
    """The options every command shares (the app's callback); `StorylineGroup` reads them."""


class StorylineGroup(TyperGroup):
    """The command group: runs a command, and turns the failures storyline can explain and
    Ctrl-C into one line and an exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except StorylineError as error:
            fail(ctx, error, str(error), 1)
        except KeyboardInterrupt as error:
            hint = RESUME.get(ctx.invoked_subcommand or "")
            fail(ctx, error, f"interrupted; {hint}" if hint else "interrupted", INTERRUPTED)


def fail(ctx: click.Context, error: BaseException, message: str, code: int) -> NoReturn:
    """Print `message` as one line (the traceback first with --debug) and exit with `code`."""
    if ctx.params.get("debug"):
        traceback.print_exception(error)
    click.echo(f"storyline: {message}", err=True)
    raise typer.Exit(code)
