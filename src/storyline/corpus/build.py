"""A build: the stages in one direction, over one store.

Ingest (pages committed batch by batch) → learn publisher templates over all text pages → clean
every page not yet cleaned with the current templates → annotate every article not yet annotated
→ date the undated → link (entities, events, stories) → tell the timelines.  Cleaning and
annotation are per-document stages run on an engine (`storyline.engine`: in process, a process
pool or Ray); their results come back in input order and are committed in batches, so a killed
build resumes where it stopped (the store says what is done) and a re-run on the same inputs
changes nothing.  `Corpus.build` is the door to it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from operator import attrgetter
from pathlib import Path

from storyline.annotate.dating import infer_published, learn_anchors, reanchor
from storyline.annotate.pipeline import AnnotateStage
from storyline.annotate.timex import find_timexes
from storyline.clean import Cleaned, CleanStage, Templates
from storyline.clean.templates import PageReading, learn_from_readings, read_page
from storyline.engine import Engine, EngineName, batched, open_engine
from storyline.engine.isolation import Isolated
from storyline.extract import with_events
from storyline.ingest import InputFile, read_file, walk_inputs
from storyline.link import resolve_entities
from storyline.link.events import merge_events
from storyline.link.stories import StoryClusterer, StoryInput
from storyline.records import (
    BuildReport,
    Failure,
    RawPage,
    Skipped,
)
from storyline.store import Store, facts, failures
from storyline.tell import (
    build_timeline,
)
from storyline.tell.sentences import dated_sentences, digest

Progress = Callable[[str, int, int], None]
"""Called as progress(phase, done, total) while a build runs."""

BATCH = 64
STORY_BATCH = 1000  # articles clustered into stories at a time (a bigger build is several)
TOLD_PER_DATE = 2  # summary sentences per date of the timelines told at build time


class DocumentsFailed(Exception):
    """A strict build (`build(strict=True)`) in which a stage failed on some documents.  The
    build is complete and recorded; `report` lists the failures."""

    def __init__(self, report: BuildReport):
        super().__init__(f"{len(report.failed)} document(s) failed: see report.failed")
        self.report = report


class Build:
    """One run of the stages over `store`, reporting each phase to `progress`."""

    def __init__(self, store: Store, progress: Progress | None = None):
        self.store = store
        self.progress = progress or no_progress

    def run(
        self,
        given: list[str],
        *,
        max_bytes: int,
        engine: EngineName | None,
        workers: int | None,
        ray_address: str | None,
        http_deadline: float,
    ) -> BuildReport:
        """Every stage over `given` (files, folders and URIs), then the build's report."""
        runner = open_engine(
            engine, workers=workers, ray_address=ray_address, shards=self._shards()
        )
        build = self.store.start_build(given)
        with runner:
            self._ingest(given, build, max_bytes, http_deadline)
            templates = self._learn_templates()
            self._clean(templates, runner)
            self._annotate(runner)
        self._date_undated()
        self._link()
        counts = self.store.build_counts(build)
        report = BuildReport(
            new=counts.get("new", 0),
            unchanged=counts.get("unchanged", 0),
            duplicate=counts.get("duplicate", 0),
            skipped=tuple(self.store.build_skips(build)),
            warnings=tuple(self.store.build_warnings(build)),
            failed=tuple(failures.current(self.store.db)),
        )
        self.store.finish_build(build, report.to_json())
        return report

    def _ingest(self, paths: list[str], build: int, max_bytes: int, deadline: float) -> None:
        items = list(walk_inputs(paths))
        batch: list[RawPage | Skipped] = []
        for done, item in enumerate(items, start=1):
            # A JSON Lines or WARC file holds many pages: commit them batch by batch as they
            # stream, so a large archive never sits whole in memory.
            for page in (
                read_file(item, max_bytes=max_bytes, http_deadline=deadline)
                if isinstance(item, InputFile)
                else [item]
            ):
                batch.append(page)
                if len(batch) >= BATCH:
                    self._store_pages(batch, build)
                    batch = []
            self.progress("ingest", done, len(items))
        self._store_pages(batch, build)

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
        readings = self.store.text_page_readings(_reading)
        templates = learn_from_readings(
            PageReading.from_bytes(blob) for blob in readings if blob is not None
        )
        stored = self.store.load_templates()
        if stored is None or stored[0] != templates.signature:
            self.store.save_templates(templates.signature, templates.to_json())
        return templates

    def _shards(self) -> Path | None:
        """Where the Ray engine hands results over: `<db>.shards/`, removed when the build ends.
        Shards left by a killed build are discarded here, never reused: the store alone says
        what is done, and this build redoes what is missing."""
        if self.store.path in ("", ":memory:"):
            return None
        folder = Path(f"{self.store.path}.shards")
        shutil.rmtree(folder, ignore_errors=True)
        return folder

    def _clean(self, templates: Templates, engine: Engine) -> None:
        signature = templates.signature
        total = self.store.count_pages_to_clean(signature)
        if not total:
            return
        pages = self.store.pages_to_clean(signature)
        stage = Isolated(CleanStage(templates), "clean", attrgetter("id", "source"))
        cleaned = engine.map(stage, pages, size=total)

        def save(tx, result: Cleaned) -> None:
            if result.article is not None:
                self.store.save_article(tx, result.article)
            self.store.mark_cleaned(
                tx, result.page, signature, failure=result.failure, warnings=result.warnings
            )
            failures.clear(tx, result.document, "clean")
            if result.partial is not None:
                failures.record(tx, result.partial)

        # A page cleaning failed on is left as it was (not cleaned with these templates), so
        # the next build cleans it again.
        self._commit(cleaned, save, failures.record, "clean", total)

    def _annotate(self, engine: Engine) -> None:
        db = self.store.db
        total = facts.count_to_annotate(db)
        if not total:
            return
        stage = Isolated(
            AnnotateStage(extend=with_events), "annotate", attrgetter("article_id", "source")
        )
        annotations = engine.map(stage, facts.to_annotate(db), size=total)
        self._commit(
            annotations,
            facts.save_annotation,
            facts.save_annotation_failure,
            "annotate",
            total,
        )

    def _commit(self, results, save, fail, phase: str, total: int) -> None:
        """Save an engine's results in committed batches, reporting each saved result; a
        document the stage failed on is saved by `fail`."""
        done = 0
        for batch in batched(results, BATCH):
            with self.store.transaction() as tx:
                for result in batch:
                    (fail if isinstance(result, Failure) else save)(tx, result)
            for _ in batch:
                done += 1
                self.progress(phase, done, total)

    def _date_undated(self) -> None:
        """Infer dates for articles that state none, from their text and their dated peers."""
        db = self.store.db
        undated = facts.undated_articles(db)
        if not undated:
            return
        anchors = learn_anchors(self._anchor_sources(set(undated)))
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

    def _anchor_sources(self, undated: set[str]):
        """(text, sentences, timexes) to learn event anchors from.  An undated article gives its
        expressions read against no date: the ones stored for it were re-read against the date
        inferred last build, and learning from them would let that date vouch for itself and
        make every build date the corpus differently."""
        for article_id, text, _ in facts.article_texts(self.store.db):
            annotation = facts.load_annotation(self.store.db, article_id)
            timexes = find_timexes(text, None) if article_id in undated else annotation.timexes
            yield text, annotation.sentences, timexes

    def _link(self) -> None:
        """The corpus stages, in order: entities, events, stories, then their timelines."""
        stages = (self._link_entities, self._link_events, self._cluster_stories, self._tell)
        self.progress("link", 0, len(stages))
        for done, stage in enumerate(stages, start=1):
            stage()
            self.progress("link", done, len(stages))

    def _link_entities(self) -> None:
        """Resolve entities across all articles; roles without a holder go to who held them then."""
        db = self.store.db
        published = {}

        def articles():
            for article_id, when, mentions, roles in facts.names_by_article(db):
                published[article_id] = when
                yield article_id, when, mentions, roles

        resolution = resolve_entities(articles())

        def role_entity(article_id, holder, role, of):
            if holder:
                return resolution.entity_of(article_id, holder, "PERSON")
            when = published.get(article_id)
            return resolution.holder_of(role, of, when) if when else None

        with self.store.transaction() as tx:
            facts.save_entities(tx, resolution.entities, resolution.entity_of, role_entity)

    def _link_events(self) -> None:
        """One event per real-world happening, however many articles report it."""
        events = merge_events(facts.event_inputs(self.store.db))
        with self.store.transaction() as tx:
            facts.save_events(tx, events)

    def _cluster_stories(self) -> None:
        """New articles join the stories they belong to; existing stories keep their ids."""
        db = self.store.db
        state = facts.link_state(db, "stories")
        clusterer = StoryClusterer.loads(state) if state else StoryClusterer()
        placed = {row[0] for row in db.execute("SELECT article_id FROM story_articles")}
        entities: dict[str, list[str]] = {}
        for article_id, entity_id in db.execute(
            "SELECT article_id, entity_id FROM mentions WHERE entity_id IS NOT NULL"
            " ORDER BY article_id, start"
        ):
            entities.setdefault(article_id, []).append(entity_id)
        names = dict(db.execute("SELECT id, name FROM entities"))
        new = (
            StoryInput(a.id, a.title, a.text, tuple(entities.get(a.id, ())), a.published)
            for a in self.store.articles()
            if a.id not in placed
        )
        added = False
        for batch in batched(new, STORY_BATCH):  # a batch's word counts are held in memory
            clusterer.add(batch, names=names)
            added = True
        if not added:
            return
        with self.store.transaction() as tx:
            facts.save_stories(tx, clusterer.stories())
            facts.save_link_state(tx, "stories", clusterer.dumps())

    def _tell(self) -> None:
        """Tell the corpus's and every story's timeline into the store, so that reading one is a
        query; a scope is told again only when the sentences it is told from changed."""
        db = self.store.db
        sentences = dated_sentences(db, facts.events(db))
        story_of = dict(db.execute("SELECT article_id, story_id FROM story_articles"))
        scopes: dict[str, list] = {facts.CORPUS_SCOPE: sentences}
        for sentence in sentences:
            if sentence.article in story_of:
                scopes.setdefault(story_of[sentence.article], []).append(sentence)
        told = facts.timeline_signatures(db)
        with self.store.transaction() as tx:
            facts.drop_timelines(tx, told.keys() - scopes.keys())
            for scope, members in scopes.items():
                signature = digest(members)
                if told.get(scope) != signature:
                    facts.save_timeline(
                        tx, scope, signature, build_timeline(members, per_date=TOLD_PER_DATE)
                    )

    # reading ----------------------------------------------------------------------------------


def _reading(text: str) -> bytes | None:
    """A text page's reading for learning templates, or None when reading it raised: the page
    is then left out of the templates and read again by the next build (cleaning it runs the
    same line routines, isolated, and reports the failure)."""
    try:
        return read_page(text).to_bytes()
    except Exception:  # noqa: BLE001 - one page never stops a build
        return None


def no_progress(phase: str, done: int, total: int) -> None:
    pass
