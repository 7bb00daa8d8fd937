"""The `storyline` command: a thin shell over `storyline.Corpus`.

`commands.py` holds the commands (each opens the store, asks `Corpus` one thing and prints it),
`render.py` the tables a person reads, `shared.py` the options and consoles every command uses,
`failures.py` how a command fails: one line and an exit code, never a traceback by default.
"""

from storyline.cli.commands import app

__all__ = ["app"]
