"""`Corpus`: the Python API.  The CLI and the web app are thin shells over it.

A build runs the stages in one direction: ingest (pages committed batch by batch) → learn
publisher templates over all text pages → clean every page not yet cleaned with the current
templates.  Each phase commits in batches, so a killed build resumes where it stopped and a
re-run on the same inputs changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence

from storyline.annotate.dating import infer_published, learn_anchors, reanchor
from storyline.annotate.pipeline import AnnotateStage
from storyline.annotate.timex import find_timexes
from storyline.clean import Templates, clean_page, learn_templates
from storyline.engine import batched, default_workers, run_stage
from storyline.ingest import DEFAULT_MAX_BYTES, InputFile, read_file, walk_inputs
from storyline.link import resolve_entities
from storyline.overview import Overview, overview
from storyline.records import (
    Annotation,
    Article,
    BuildReport,
    DateEvidence,
    Entity,
    RawPage,
    Skipped,
)
from storyline.store import SearchHit, Store, facts

Progress = Callable[[str, int, int], None]
"""Called as progress(phase, done, total) while a build runs."""

BATCH = 64
PARALLEL_FROM = 100  # articles to annotate before a process pool pays for its start-up


class ArticleNotFound(KeyError):
    pass


class EntityNotFound(KeyError):
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
        workers: int | None = None,
        progress: Progress | None = None,
    ) -> BuildReport:
        """Ingest, clean and annotate `paths` (files and folders, recursively) into the store,
        then date the undated articles and resolve entities across the corpus.

        `workers` processes annotate in parallel (default: one per free core, one for small
        batches of work, where starting processes would cost more than it saves).
        """
        progress = progress or _no_progress
        given = [os.fspath(p) for p in paths]
        build = self.store.start_build(given)
        self._ingest(given, build, max_bytes, progress)
        templates = self._learn_templates()
        self._clean(templates, progress)
        self._annotate(workers, progress)
        self._date_undated()
        self._link()
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

    def _annotate(self, workers: int | None, progress: Progress) -> None:
        db = self.store.db
        total = facts.count_to_annotate(db)
        if not total:
            return
        if workers is None:
            workers = default_workers() if total >= PARALLEL_FROM else 1
        done = 0

        def advance(n: int) -> None:
            nonlocal done
            done += n
            progress("annotate", done, total)

        results = run_stage(
            AnnotateStage(), facts.to_annotate(db), workers=workers, on_batch=advance
        )
        for batch in batched(results, BATCH):
            with self.store.transaction() as tx:
                for annotation in batch:
                    facts.save_annotation(tx, annotation)

    def _date_undated(self) -> None:
        """Infer dates for articles that state none, from their text and their dated peers."""
        db = self.store.db
        undated = facts.undated_articles(db)
        if not undated:
            return
        anchors = learn_anchors(
            (text, ann.sentences, ann.timexes) for text, ann in self._texts_with_annotations()
        )
        with self.store.transaction() as tx:
            for article_id in undated:
                text = self.store.article(article_id).text
                sentences = facts.load_annotation(tx, article_id).sentences
                published, evidence = infer_published(
                    text, sentences, find_timexes(text, None), anchors=anchors
                )
                facts.save_inferred_date(tx, article_id, published, evidence)
                facts.replace_timexes(
                    tx,
                    article_id,
                    reanchor(text, None, published) if published else find_timexes(text, None),
                )

    def _texts_with_annotations(self):
        for article_id, text, _ in facts.article_texts(self.store.db):
            yield text, facts.load_annotation(self.store.db, article_id)

    def _link(self) -> None:
        """Resolve entities across all articles; roles without a holder go to who held them then."""
        db = self.store.db
        published = {}

        def articles():
            for article_id, _, date in facts.article_texts(db):
                published[article_id] = date
                found = facts.load_annotation(db, article_id)
                yield article_id, date, found.mentions, found.roles

        resolution = resolve_entities(articles())

        def role_entity(article_id, holder, role, of):
            if holder:
                return resolution.entity_of(article_id, holder, "PERSON")
            when = published.get(article_id)
            return resolution.holder_of(role, of, when) if when else None

        with self.store.transaction() as tx:
            facts.save_entities(tx, resolution.entities, resolution.entity_of, role_entity)

    # reading ----------------------------------------------------------------------------------

    def articles(self) -> list[Article]:
        return list(self.store.articles())

    def article(self, id: str) -> Article:
        found = self.store.article(id)
        if found is None:
            raise ArticleNotFound(id)
        return found

    def entities(self, type: str | None = None) -> list[Entity]:
        """The corpus's entities (people, organisations, places...), most mentioned first."""
        return facts.entities(self.store.db, type=type)

    def entity(self, id: str) -> Entity:
        found = facts.entities(self.store.db, id=id)
        if not found:
            raise EntityNotFound(id)
        return found[0]

    def annotation(self, article_id: str) -> Annotation:
        """An article's sentences, entity mentions, temporal expressions and roles."""
        return facts.load_annotation(self.store.db, self.article(article_id).id)

    def date_evidence(self, article_id: str) -> list[DateEvidence]:
        """Why an undated article is dated where it is (empty for stated dates)."""
        return facts.date_evidence(self.store.db, self.article(article_id).id)

    def entity_of_mentions(self, article_id: str) -> dict[int, str]:
        """Mention start offset → entity id, for an article's mentions."""
        return facts.entity_ids_of_mentions(self.store.db, self.article(article_id).id)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        return self.store.search(query, limit)

    def last_build_report(self) -> dict | None:
        return self.store.last_build_report()

    def overview(self, group_by: Callable[[Article], str | None] | None = None) -> Overview:
        return overview(self.store.articles(), self.entities(), group_by=group_by)


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
