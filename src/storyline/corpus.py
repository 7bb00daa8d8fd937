"""`Corpus`: the Python API.  The CLI and the web app are thin shells over it.

A build runs the stages in one direction: ingest (pages committed batch by batch) → learn
publisher templates over all text pages → clean every page not yet cleaned with the current
templates.  Each phase commits in batches, so a killed build resumes where it stopped and a
re-run on the same inputs changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence

from storyline.clean import Templates, clean_page, learn_templates
from storyline.ingest import DEFAULT_MAX_BYTES, InputFile, read_file, walk_inputs
from storyline.overview import Overview, overview
from storyline.records import Article, BuildReport, RawPage, Skipped
from storyline.store import SearchHit, Store

Progress = Callable[[str, int, int], None]
"""Called as progress(phase, done, total) while a build runs."""

BATCH = 64


class ArticleNotFound(KeyError):
    pass


class Corpus:
    """A store of articles built from raw news pages."""

    def __init__(self, db: str | os.PathLike = "storyline.db"):
        self.store = Store(os.fspath(db))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # building ---------------------------------------------------------------------------------

    def build(
        self,
        paths: Sequence[str | os.PathLike],
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        progress: Progress | None = None,
    ) -> BuildReport:
        """Ingest and clean `paths` (files and folders, recursively) into the store."""
        progress = progress or _no_progress
        given = [os.fspath(p) for p in paths]
        build = self.store.start_build(given)
        self._ingest(given, build, max_bytes, progress)
        templates = self._learn_templates()
        self._clean(templates, progress)
        counts = self.store.build_counts(build)
        report = BuildReport(
            new=counts.get("new", 0),
            unchanged=counts.get("unchanged", 0),
            duplicate=counts.get("duplicate", 0),
            skipped=tuple(self.store.build_skips(build)),
        )
        self.store.finish_build(build, report.to_json())
        return report

    def _ingest(self, paths: list[str], build: int, max_bytes: int, progress: Progress) -> None:
        items = list(walk_inputs(paths))
        batch: list[RawPage | Skipped] = []
        for done, item in enumerate(items, start=1):
            batch.extend(
                read_file(item, max_bytes=max_bytes) if isinstance(item, InputFile) else [item]
            )
            if len(batch) >= BATCH or done == len(items):
                self._store_pages(batch, build)
                batch = []
            progress("ingest", done, len(items))

    def _store_pages(self, batch: Iterable[RawPage | Skipped], build: int) -> None:
        with self.store.transaction() as db:
            for item in batch:
                if isinstance(item, Skipped):
                    self.store.add_skip(db, build, item)
                    continue
                status = self.store.classify(item)
                if status == "new":
                    self.store.add_page(db, item, build)
                self.store.add_input(db, item, status, build)

    def _learn_templates(self) -> Templates:
        templates = learn_templates(self.store.text_pages())
        stored = self.store.load_templates()
        if stored is None or stored[0] != templates.signature:
            self.store.save_templates(templates.signature, templates.to_json())
        return templates

    def _clean(self, templates: Templates, progress: Progress) -> None:
        pages = self.store.pages_to_clean(templates.signature)
        total = self.store.count_pages_to_clean(templates.signature)
        batch: list[tuple[RawPage, Article | str]] = []
        for done, page in enumerate(pages, start=1):
            batch.append((page, _clean_or_reason(page, templates)))
            if len(batch) >= BATCH or done == total:
                self._store_articles(batch, templates.signature)
                batch = []
            progress("clean", done, total)
        if batch:
            self._store_articles(batch, templates.signature)

    def _store_articles(self, batch, signature: str) -> None:
        with self.store.transaction() as db:
            for page, result in batch:
                if isinstance(result, Article):
                    self.store.save_article(db, result)
                    self.store.mark_cleaned(db, page.hash, signature)
                else:
                    self.store.mark_cleaned(db, page.hash, signature, failure=result)

    # reading ----------------------------------------------------------------------------------

    def articles(self) -> list[Article]:
        return list(self.store.articles())

    def article(self, id: str) -> Article:
        found = self.store.article(id)
        if found is None:
            raise ArticleNotFound(id)
        return found

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        return self.store.search(query, limit)

    def last_build_report(self) -> dict | None:
        return self.store.last_build_report()

    def overview(self, group_by: Callable[[Article], str | None] | None = None) -> Overview:
        return overview(self.store.articles(), group_by=group_by)


def _clean_or_reason(page: RawPage, templates: Templates) -> Article | str:
    """The article, or the reason there is none: one hostile page never stops a build."""
    try:
        article = clean_page(page, templates)
    except Exception as error:  # noqa: BLE001 - reported per page, the build goes on
        return f"cleaning failed: {type(error).__name__}: {error}"
    if not article.text.strip():
        return "no article text found"
    return article


def _no_progress(phase: str, done: int, total: int) -> None:
    pass
