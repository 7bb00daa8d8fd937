"""`Corpus`: the Python API.  The CLI and the web app are thin shells over it.

A build runs the stages in one direction: ingest (pages committed batch by batch) → learn
publisher templates over all text pages → clean every page not yet cleaned with the current
templates → annotate every article not yet annotated → date, link.  Cleaning and annotation are
per-document stages run on an engine (`storyline.engine`: in process, a process pool or Ray);
their results come back in input order and are committed in batches, so a killed build resumes
where it stopped (the store says what is done) and a re-run on the same inputs changes nothing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

from storyline.annotate.dating import infer_published, learn_anchors, reanchor
from storyline.annotate.names import country_of_institution
from storyline.annotate.pipeline import AnnotateStage
from storyline.annotate.timex import find_timexes
from storyline.clean import Cleaned, CleanStage, Templates
from storyline.clean.templates import PageReading, learn_from_readings, read_page
from storyline.engine import Engine, EngineName, batched, open_engine
from storyline.export import Format, Output, What, export_rows, write_rows
from storyline.ingest import DEFAULT_MAX_BYTES, InputFile, read_file, walk_inputs
from storyline.link import resolve_entities
from storyline.link.events import merge_events
from storyline.link.stories import StoryClusterer, StoryInput
from storyline.overview import Overview, overview
from storyline.records import (
    Annotation,
    Article,
    BuildReport,
    DateEvidence,
    Entity,
    Event,
    RawPage,
    Skipped,
    Story,
)
from storyline.store import SearchHit, Store, facts
from storyline.tell import Relations, TimelineEntry, build_timeline, format_chronology, relations
from storyline.tell.sentences import dated_sentences, digest

Progress = Callable[[str, int, int], None]
"""Called as progress(phase, done, total) while a build runs."""

BATCH = 64
STORY_BATCH = 1000  # articles clustered into stories at a time (a bigger build is several)
TOLD_PER_DATE = 2  # summary sentences per date of the timelines told at build time


class ArticleNotFound(KeyError):
    pass


class EntityNotFound(KeyError):
    pass


class StoryNotFound(KeyError):
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
        engine: EngineName | None = None,
        workers: int | None = None,
        ray_address: str | None = None,
        progress: Progress | None = None,
    ) -> BuildReport:
        """Ingest, clean and annotate `paths` (files and folders, recursively) into the store,
        then date the undated articles and resolve entities across the corpus.

        `engine` runs cleaning and annotation: "local" in this process, "processes" on a pool of
        `workers` processes, "ray" on Ray Data with `workers` actors (a local Ray instance, or
        the cluster at `ray_address`).  `workers` defaults to one per free core; by default a
        process pool is used when there are several and enough pages to pay for starting it.
        Every engine builds the same store.
        """
        progress = progress or _no_progress
        given = [os.fspath(p) for p in paths]
        runner = open_engine(
            engine, workers=workers, ray_address=ray_address, shards=self._shards()
        )
        build = self.store.start_build(given)
        with runner:
            self._ingest(given, build, max_bytes, progress)
            templates = self._learn_templates()
            self._clean(templates, runner, progress)
            self._annotate(runner, progress)
        self._date_undated()
        self._link(progress)
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
            # A JSON Lines or WARC file holds many pages: commit them batch by batch as they
            # stream, so a large archive never sits whole in memory.
            for page in (
                read_file(item, max_bytes=max_bytes) if isinstance(item, InputFile) else [item]
            ):
                batch.append(page)
                if len(batch) >= BATCH:
                    self._store_pages(batch, build)
                    batch = []
            progress("ingest", done, len(items))
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
        readings = self.store.text_page_readings(lambda text: read_page(text).to_bytes())
        templates = learn_from_readings(PageReading.from_bytes(blob) for blob in readings)
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

    def _clean(self, templates: Templates, engine: Engine, progress: Progress) -> None:
        signature = templates.signature
        total = self.store.count_pages_to_clean(signature)
        if not total:
            return
        pages = self.store.pages_to_clean(signature)
        cleaned = engine.map(CleanStage(templates), pages, size=total)

        def save(tx, result: Cleaned) -> None:
            if result.article is not None:
                self.store.save_article(tx, result.article)
            self.store.mark_cleaned(tx, result.page, signature, failure=result.failure)

        self._commit(cleaned, save, "clean", total, progress)

    def _annotate(self, engine: Engine, progress: Progress) -> None:
        db = self.store.db
        total = facts.count_to_annotate(db)
        if not total:
            return
        annotations = engine.map(AnnotateStage(), facts.to_annotate(db), size=total)
        self._commit(annotations, facts.save_annotation, "annotate", total, progress)

    def _commit(self, results, save, phase: str, total: int, progress: Progress) -> None:
        """Save an engine's results in committed batches, reporting each saved result."""
        done = 0
        for batch in batched(results, BATCH):
            with self.store.transaction() as tx:
                for result in batch:
                    save(tx, result)
            for _ in batch:
                done += 1
                progress(phase, done, total)

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

    def _link(self, progress: Progress) -> None:
        """The corpus stages, in order: entities, events, stories, then their timelines."""
        stages = (self._link_entities, self._link_events, self._cluster_stories, self._tell)
        progress("link", 0, len(stages))
        for done, stage in enumerate(stages, start=1):
            stage()
            progress("link", done, len(stages))

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
                    facts.save_timeline(tx, scope, signature, build_timeline(members))

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

    def events(
        self,
        entity: str | None = None,
        type: str | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> list[Event]:
        """Events, oldest first: those `entity` (a name, alias or id) takes part in, of a PLOVER
        `type`, overlapping [start, end]."""
        ids = self._entity_ids(entity) if entity else None
        return facts.events(self.store.db, entities=ids, type=type, start=start, end=end)

    def stories(self) -> list[Story]:
        """Stories, largest first."""
        return facts.stories(self.store.db)

    def story(self, id: str) -> Story:
        found = facts.stories(self.store.db, id=id)
        if not found:
            raise StoryNotFound(id)
        return found[0]

    def event_json(self, event: Event, names: Mapping[str, str] | None = None) -> dict:
        """The event object of the JSON contract: names for ids, the sentence of every source.

        Pass `names` (from `entity_names()`) when describing many events, to read them once.
        """
        names = names if names is not None else self.entity_names()
        texts = {a: self.article(a).text for a in {src.article for src in event.sources}}

        def party(entity_id: str | None) -> dict | None:
            return {"id": entity_id, "name": names.get(entity_id, entity_id)} if entity_id else None

        return {
            "id": event.id,
            "type": event.type,
            "mode": event.mode,
            "quad": event.quad,
            "status": event.status,
            "actor": party(event.actor),
            "target": party(event.target),
            "location": event.location,
            "date": event.date.value if event.date else None,
            "earliest": event.date.earliest.isoformat() if event.date else None,
            "latest": event.date.latest.isoformat() if event.date else None,
            "summary": event.summary,
            "sources": [
                {**src.to_json(), "sentence": texts[src.article][src.start : src.end]}
                for src in event.sources
            ],
            "claims": [
                {"date": c.date.value, "sources": [src.to_json() for src in c.sources]}
                for c in event.claims
            ],
        }

    def timeline(
        self,
        *,
        story: str | None = None,
        entity: str | None = None,
        query: str | None = None,
        start: date | None = None,
        end: date | None = None,
        max_dates: int | None = None,
        per_date: int = TOLD_PER_DATE,
    ) -> list[TimelineEntry]:
        """The dates that matter, oldest first, each summarised by its best-supported sentences
        with their sources; from the whole corpus, one story, one entity's events, or the
        articles matching a full-text query.

        The corpus's and each story's timeline were told at build time (with `per_date=2`) and
        are read from the store, their dates filtered to [start, end]; others are told now.
        """
        if entity is None and query is None and per_date == TOLD_PER_DATE:
            told = facts.told_timeline(
                self.store.db, story or facts.CORPUS_SCOPE, start=start, end=end, limit=max_dates
            )
            if told is not None:
                return told
        articles = None
        if story:
            articles = set(self.story(story).articles)
        if query:
            found = {hit.id for hit in self.search(query, limit=10_000)}
            articles = found if articles is None else articles & found
        events = self.events(entity=entity, start=start, end=end)
        sentences = dated_sentences(self.store.db, events, articles, with_timexes=entity is None)
        if start or end:
            sentences = [s for s in sentences if _within(s.date, start, end)]
        return build_timeline(sentences, max_dates=max_dates, per_date=per_date)

    def chronology(self, entries: list[TimelineEntry]) -> str:
        """A timeline as text a journalist would write, with numbered sources."""
        titles = {a.id: a.title for a in self.store.articles()}
        return format_chronology(entries, titles)

    def relations(self, a: str, b: str, by: str = "year") -> Relations:
        """Cooperation and conflict between two sides over time, from PLOVER quad classes.

        A side is the named entity plus the people whose roles belong to it ("United Kingdom"
        takes in its Foreign Secretaries), so a minister's visit counts for the country.
        """
        side_a, side_b = self._side(a), self._side(b)
        return relations(self.events(), side_a, side_b, by=by)

    def _side(self, name: str) -> set[str]:
        """An entity and what acts for it: people whose roles are of it, and for a country its
        institutions and groups ("British Council", "the Kremlin", "Russian" officials)."""
        ids = set(self._entity_ids(name))
        names = {self.entity(i).name for i in ids}
        for entity in self.entities():
            if entity.type == "PERSON":
                joins = any(role.of in names for role in entity.roles)
            else:
                joins = (
                    entity.type in ("ORG", "NORP") and country_of_institution(entity.name) in names
                )
            if joins:
                ids.add(entity.id)
        return ids

    def entity_names(self) -> dict[str, str]:
        """Entity id → name, for every entity (one query, no aliases or roles)."""
        return dict(self.store.db.execute("SELECT id, name FROM entities"))

    def _entity_ids(self, name: str) -> list[str]:
        found = facts.find_entity_ids(self.store.db, name)
        if not found:
            raise EntityNotFound(name)
        return found

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        return self.store.search(query, limit)

    def last_build_report(self) -> dict | None:
        return self.store.last_build_report()

    def overview(self, group_by: Callable[[Article], str | None] | None = None) -> Overview:
        return overview(self.store.articles(), self.entities(), group_by=group_by)

    def export(
        self,
        what: What,
        format: Format,
        output: Output,
        *,
        story: str | None = None,
        entity: str | None = None,
    ) -> int:
        """Write `what` (articles, entities, events or timeline) to `output` as jsonl, csv or
        parquet, row for row what `--json` prints, for pandas, DuckDB or datasette; returns the
        number of rows.  `entity` filters events and the timeline, `story` the timeline."""
        rows = export_rows(self, what, story=story, entity=entity)
        return write_rows(rows, what, format, output)


def _within(when, start: date | None, end: date | None) -> bool:
    return (start is None or when.latest >= start) and (end is None or when.earliest <= end)


def _no_progress(phase: str, done: int, total: int) -> None:
    pass
