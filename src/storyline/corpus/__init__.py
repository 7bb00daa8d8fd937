"""`Corpus`: the Python API, the one door.  The CLI and the web app are thin shells over it.

`Corpus.build` runs a `Build` (`build.py`: the stages in one direction, transactional and
resumable); everything else here reads the store for a reader: articles, entities, events,
stories, timelines, relations, search, export, and annotation without a store.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path

from storyline.annotate.names import country_of_institution
from storyline.annotate.pipeline import annotate_documents
from storyline.annotate.sources import documents_from
from storyline.demo import demo_path, story_of
from storyline.engine import EngineName
from storyline.errors import ArticleNotFound, EntityNotFound, StoreTooOld, StoryNotFound
from storyline.export import Format, Output, What, export_rows, write_rows
from storyline.extract import events_to_json, with_events
from storyline.ingest import DEFAULT_MAX_BYTES, HTTP_DEADLINE
from storyline.overview import Overview, overview
from storyline.records import Annotation, Article, BuildReport, DateEvidence, Entity, Event, Story
from storyline.store import SearchHit, Store, facts
from storyline.store.lock import one_build_at_a_time
from storyline.store.migrations import pending
from storyline.tell import (
    Granularity,
    Relations,
    TimelineEntry,
    best_supported,
    build_timeline,
    format_chronology,
    grain,
    relations,
)
from storyline.tell.salience import day_ranking
from storyline.tell.sentences import dated_sentences

from .build import TOLD_PER_DATE, Build, DocumentsFailed, Progress, no_progress


def _one_build_at_a_time(build):
    """A build holds its store's build lock (`storyline.store.lock`), so a build started on the
    same store by another process waits for it (reported as the phase "waiting") rather than
    interleaving with it."""

    @functools.wraps(build)
    def locked(self: Corpus, *args, **kwargs):
        progress = kwargs.get("progress") or no_progress
        with one_build_at_a_time(self.store.path, functools.partial(progress, "waiting")):
            return build(self, *args, **kwargs)

    return locked


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

    @_one_build_at_a_time
    def build(
        self,
        paths: Sequence[str | os.PathLike],
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        engine: EngineName | None = None,
        workers: int | None = None,
        ray_address: str | None = None,
        progress: Progress | None = None,
        http_deadline: float = HTTP_DEADLINE,
        strict: bool = False,
    ) -> BuildReport:
        """Ingest, clean and annotate `paths` (files and folders, recursively) into the store,
        then date the undated articles and resolve entities across the corpus.

        A web (http/https) input that takes longer than `http_deadline` seconds to give a page
        is skipped (for a JSON Lines or WARC file, from that page on); each read also gives up
        after `HTTP_STALL` seconds (20) without a byte.

        `engine` runs cleaning and annotation: "local" in this process, "processes" on a pool of
        `workers` processes, "ray" on Ray Data with `workers` actors (a local Ray instance, or
        the cluster at `ray_address`).  `workers` defaults to one per free core; by default a
        process pool is used when there are several and enough pages to pay for starting it.
        Every engine builds the same store.

        A document a stage fails on (an exception, or past a bound on its size) does not stop
        the build: the failure is stored, listed in the report's `failed`, and the document is
        tried again by the next build.  With `strict`, `DocumentsFailed` is raised at the end of
        a build in which any document failed (the build itself is complete and recorded).
        """
        report = Build(self.store, progress).run(
            [os.fspath(p) for p in paths],
            max_bytes=max_bytes,
            engine=engine,
            workers=workers,
            ray_address=ray_address,
            http_deadline=http_deadline,
        )
        if strict and report.failed:
            raise DocumentsFailed(report)
        return report

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
        return event.to_json(names, texts)

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
        granularity: Granularity = "auto",
    ) -> list[TimelineEntry]:
        """The dates that matter, oldest first, each summarised by its best-supported sentences
        with their sources; from the whole corpus, one story, one entity's events, or the
        articles matching a full-text query.

        `granularity` "day" or "month" puts every date on that grain; "auto" lets the evidence
        choose (a weakly supported day is pooled into its month).  The corpus's and each story's
        auto timeline were told at build time (with `per_date=2`) and are read from the store,
        their dates filtered to [start, end]; others are told now.
        """
        grain_ = grain(granularity)
        if entity is None and query is None and per_date == TOLD_PER_DATE and grain_ is None:
            told = facts.told_timeline(
                self.store.db, story or facts.CORPUS_SCOPE, start=start, end=end, limit=max_dates
            )
            if told is not None:
                return told
        articles = None
        if story:
            articles = set(self.story(story).articles)
        if query:
            found = self.store.matching_ids(query)
            articles = found if articles is None else articles & found
        events = self.events(entity=entity, start=start, end=end)
        sentences = dated_sentences(self.store.db, events, articles, with_timexes=entity is None)
        if start or end:
            sentences = [s for s in sentences if _within(s.date, start, end)]
        # Days are ranked by what the whole scope says of them, not only by the told sentences.
        salience = day_ranking(self.store.db, articles) if grain_ == "day" and not entity else None
        return build_timeline(
            sentences, max_dates=max_dates, per_date=per_date, granularity=grain_, salience=salience
        )

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
        """The ids `name` stands for: its exact matches, else the one entity holding it as
        words (a surname, an alias's spelling); several such are ambiguous, not found."""
        found = facts.find_entity_ids(self.store.db, name)
        if found:
            return found
        holding = self.find_entities(name)
        if len(holding) != 1:
            raise EntityNotFound(name)
        return [holding[0].id]

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

    # reads for the explorer: what `storyline.web` shows, so that it needs no other door --------

    @classmethod
    def open(cls, db: str | os.PathLike, *, readonly: bool = False) -> Corpus:
        """The corpus at `db`; with `readonly`, opened so that nothing can write to it (nothing
        is migrated either: an older store raises `StoreTooOld`)."""
        store = Store(os.fspath(db), readonly=readonly)
        missing = pending(store.db) if readonly else []
        if missing:
            store.close()
            raise StoreTooOld(store.path, ", ".join(missing))
        corpus = cls.__new__(cls)
        corpus.store = store
        return corpus

    @staticmethod
    def annotate(
        files: Sequence[os.PathLike], date: str | None = None, *, stdin=None, workers: int = 1
    ) -> Iterator[dict]:
        """Annotate texts without a store, one JSON object per document (`storyline annotate`):
        sentences, entities, temporal expressions, roles and events, with offsets into the text
        as given.  `files` are .txt files or .jsonl with {id, text, published} per line; with
        none, `stdin` is read.  Raises ValueError, naming the file and line, for a bad date or
        a malformed line."""
        items = documents_from([Path(f) for f in files], date, stdin=stdin)
        for item, annotation, published, how in annotate_documents(
            items, workers=workers, extend=with_events
        ):
            yield {
                "id": annotation.article_id,
                "published": published.value if published else None,
                "published_how": how,
                "sentences": [{"start": s.start, "end": s.end} for s in annotation.sentences],
                "entities": [m.to_json() for m in annotation.mentions],
                "timexes": [t.to_json() for t in annotation.timexes],
                "roles": [dataclasses.asdict(r) for r in annotation.roles],
                "events": events_to_json(annotation.events, item.text, item.article_id),
            }

    @staticmethod
    def demo_inputs() -> Path:
        """The bundled demo corpus (120 Wikinews articles, CC BY 2.5), one folder per story."""
        return demo_path()

    @staticmethod
    def demo_story(article: Article) -> str | None:
        """The demo folder (story) an article of the demo corpus came from."""
        return story_of(article)

    def events_by_id(self, ids: Iterable[str]) -> list[Event]:
        """The events with these ids (those that exist), oldest first."""
        wanted = [i for i in dict.fromkeys(ids) if i]
        return facts.events(self.store.db, ids=wanted) if wanted else []

    def event_types(self) -> list[str]:
        """The PLOVER types of the stored events, sorted."""
        return facts.event_types(self.store.db)

    def articles_by_id(self, ids: Iterable[str]) -> list[Article]:
        """The articles with these ids (those that exist), read in a few queries."""
        return list(self.store.articles_by_id(ids))

    def find_entities(self, name: str) -> list[Entity]:
        """The entities an id, a name or an alias stands for (case-insensitive), best known
        first; failing that, those with a name or alias holding it as whole words ("Lugovoy"
        in "Andrei Lugovoy"), which may be several ("Miliband")."""
        found = facts.find_entity_ids(self.store.db, name)
        if found:
            return [self.entity(i) for i in found]
        words = name.casefold().split()
        if not words:
            return []

        def holds(spelling: str) -> bool:
            have = spelling.casefold().split()
            return any(have[i : i + len(words)] == words for i in range(len(have)))

        return [e for e in self.entities() if any(map(holds, (e.name, *e.aliases)))]

    def resolve_entity(self, name: str) -> str:
        """The id of the entity `name` stands for: an id, name or alias (the best known entity
        when several share it), or words only one entity's name or alias holds; raises
        `EntityNotFound` otherwise."""
        return self._entity_ids(name)[0]

    def similar_entities(self, name: str, limit: int = 6) -> list[Entity]:
        """Entities whose name or an alias is close to `name` (a "did you mean" list for a name
        that matches none exactly), closest first."""
        from rapidfuzz import fuzz, process, utils

        everyone = self.entities()
        spellings = [(n, e) for e in everyone for n in dict.fromkeys((e.name, *e.aliases))]
        matches = process.extract(
            name, [n for n, _ in spellings], scorer=fuzz.WRatio,
            processor=utils.default_process, score_cutoff=70, limit=limit * 4,
        )  # fmt: skip
        chosen = dict.fromkeys(spellings[i][1].id for _, _, i in matches)
        by_id = {e.id: e for e in everyone}
        return [by_id[i] for i in list(chosen)[:limit]]

    def explore_timeline(
        self,
        *,
        entity: str | None = None,
        type: str | None = None,
        max_dates: int | None = None,
        **scope,
    ) -> list[TimelineEntry]:
        """`timeline()` with every filter the explorer offers (`scope`: its story, query, start
        and end).  An `entity` (id, name or alias) is followed through its events *and* the
        dated sentences that name it, so an entity no event involves still has a timeline;
        `type` keeps the dates reporting an event of that PLOVER type."""
        if entity is None:
            entries = self.timeline(max_dates=None if type else max_dates, **scope)
        else:
            entries = self._naming_timeline(entity, **scope)  # told now, at the scope's grain
        if type:
            wanted = {e.id for e in self.events(type=type.upper())}
            entries = [e for e in entries if wanted.intersection(e.events)]
        return best_supported(entries, max_dates) if max_dates else entries

    def _naming_timeline(
        self, entity: str, story=None, query=None, start=None, end=None, granularity="auto"
    ):
        """The dated sentences of `entity`'s events and those naming it, told."""
        ids = self._entity_ids(entity)
        events = self.events(entity=entity, start=start, end=end)
        named: dict[str, set[int]] = {}
        marks = ",".join("?" * len(ids))
        for article, at in self.store.db.execute(
            f"SELECT article_id, start FROM mentions WHERE entity_id IN ({marks})", ids
        ):
            named.setdefault(article, set()).add(at)
        articles = set(named) | {s.article for e in events for s in e.sources}
        if story:
            articles &= set(self.story(story).articles)
        if query:
            articles &= self.store.matching_ids(query)
        starts = {article: sorted(at) for article, at in named.items()}
        sentences = [
            s
            for s in dated_sentences(self.store.db, events, articles)
            if (s.events or _names_in(starts.get(s.article, ()), s.start, s.end))
            and _within(s.date, start, end)
        ]
        return build_timeline(sentences, per_date=TOLD_PER_DATE, granularity=grain(granularity))

    def build_inputs(self) -> list[str]:
        """Every input path or URL given to a build of this store, as it was given."""
        rows = self.store.db.execute("SELECT paths FROM builds ORDER BY id")
        return list(dict.fromkeys(p for (paths,) in rows for p in json.loads(paths or "[]")))

    def version(self) -> tuple:
        """Changes whenever a build starts or finishes: a key for caches of what was read."""
        return tuple(self.store.db.execute("SELECT count(*), max(id), max(finished) FROM builds")
                     .fetchone())  # fmt: skip


def _names_in(starts: Sequence[int], start: int, end: int) -> bool:
    """Whether a name starts in [start, end), by bisection over the sorted `starts`: an entity
    named thousands of times in a 10 MB article is looked up per sentence, not scanned."""
    i = bisect_left(starts, start)
    return i < len(starts) and starts[i] < end


def _within(when, start: date | None, end: date | None) -> bool:
    return (start is None or when.latest >= start) and (end is None or when.earliest <= end)
