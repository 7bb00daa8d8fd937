"""What can go wrong with a store, as exceptions that say it in the user's terms.

The store layer raises these instead of `sqlite3` errors, so the CLI can print one line
("storyline: news.db is damaged (database disk image is malformed)") and the web app a clear
page, while `--debug` still shows the SQLite error they came from (`__cause__`).
"""

from __future__ import annotations

__all__ = [
    "ArticleNotFound",
    "EngineOptionError",
    "EntityNotFound",
    "ExportError",
    "NotAStore",
    "StoreBusy",
    "StoreDamaged",
    "StoreError",
    "StoreFull",
    "StoreIOError",
    "StoreReadOnly",
    "StoreTooNew",
    "StoreTooOld",
    "StoreUnopenable",
    "StoryNotFound",
    "StorylineError",
]


class StorylineError(Exception):
    """An error storyline can explain in one line; anything else is a bug."""


class StoreError(StorylineError):
    """The store at `path` cannot be used; `reason` is what SQLite (or storyline) found."""

    template = "{path}: {reason}"

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(self.template.format(path=path, reason=reason))


class StoreReadOnly(StoreError):
    template = "cannot write to {path}: {reason}"


class StoreFull(StoreError):
    template = "disk full while writing {path} ({reason})"


class StoreIOError(StoreError):
    template = "cannot read or write {path}: {reason} (is the disk full or failing?)"


class NotAStore(StoreError):
    template = "{path} is not a storyline store ({reason})"


class StoreDamaged(StoreError):
    template = "{path} is damaged ({reason}); build it again from your inputs"


class StoreBusy(StoreError):
    template = "{path} is busy: another process kept it locked ({reason})"


class StoreUnopenable(StoreError):
    template = "cannot open {path}: {reason}"


class StoreTooNew(StoreError):
    """The store records a migration this version does not know: reading it could misread it
    and writing could damage it, so it is refused either way."""

    template = "{path} was written by a newer storyline (migration {reason}); upgrade storyline"


class StoreTooOld(StoreError):
    template = (
        "{path} was made by an older storyline (its schema lacks {reason}): run any `storyline`"
        " command on it (e.g. `storyline articles --db {path}`) to bring it up to date"
    )


class ArticleNotFound(KeyError):
    """No article has this id (or id prefix)."""


class EntityNotFound(KeyError):
    """No entity has this id."""


class StoryNotFound(KeyError):
    """No story has this id."""


class ExportError(ValueError):
    """An export that cannot be made as asked: an unknown name, format or filter."""


class EngineOptionError(ValueError):
    """Engine options that do not fit together (an unknown engine, no workers...)."""
