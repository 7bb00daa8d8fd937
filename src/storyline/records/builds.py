"""What a build reports: warnings, failures, the report."""

from __future__ import annotations

from dataclasses import dataclass

from .base import _version
from .pages import Skipped


@dataclass(frozen=True)
class BuildWarning:
    """Something a user should know about an input that was built: bytes replaced in decoding,
    a stated date that was dropped."""

    source: str
    warning: str


@dataclass(frozen=True)
class Failure:
    """A document a per-document stage could not process whole, and why: it raised, or the
    document is past a bound storyline sets on the work one document may cost.

    The build goes on without it; the store keeps the failure (and the article, when cleaning
    gave one) and the next build tries the document again, so a fixed storyline heals the store.
    `document` is the article id (the page's content-hash prefix); `stage` is clean, annotate
    or extract; `error` the exception's type; `version` the storyline that failed.
    """

    document: str
    source: str
    stage: str
    error: str
    message: str
    version: str

    @classmethod
    def of(cls, document: str, source: str, stage: str, error: BaseException) -> Failure:
        """The failure `error` is, raised by `stage` on a document, with this storyline's version."""
        message = str(error) or repr(error)
        return cls(document, source, stage, type(error).__name__, message, _version())

    def to_json(self) -> dict:
        """As the build report lists it."""
        return {
            "source": self.source,
            "stage": self.stage,
            "error": f"{self.error}: {self.message}",
        }


@dataclass(frozen=True)
class BuildReport:
    """What a build did with each input: the counts a user checks, every skip with its reason,
    warnings about inputs that were built, and every document a stage failed on."""

    new: int = 0
    unchanged: int = 0
    duplicate: int = 0
    skipped: tuple[Skipped, ...] = ()
    cleaned: int = 0
    warnings: tuple[BuildWarning, ...] = ()
    failed: tuple[Failure, ...] = ()

    @property
    def built_anything(self) -> bool:
        return self.new + self.unchanged + self.duplicate > 0

    def to_json(self) -> dict:
        return {
            "new": self.new,
            "unchanged": self.unchanged,
            "duplicate": self.duplicate,
            "skipped": [{"source": s.source, "reason": s.reason} for s in self.skipped],
            "cleaned": self.cleaned,
            "warnings": [{"source": w.source, "warning": w.warning} for w in self.warnings],
            "failed": [f.to_json() for f in self.failed],
        }
