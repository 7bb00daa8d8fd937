"""The store's schema as named, ordered migrations recorded in a table.

Re-running is a no-op and every database converges on one schema.  New tables or columns get a
new function at the end of MIGRATIONS; applied ones are never edited.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from storyline.errors import NotAStore, StoreTooNew

from .connection import StoreConnection, transaction


def m001_pages_and_articles() -> str:
    return """
        CREATE TABLE pages (
            hash TEXT PRIMARY KEY,          -- sha256 of the content: the page's identity
            kind TEXT NOT NULL,             -- html | text
            source TEXT NOT NULL,           -- where it was first seen
            url TEXT,
            hints TEXT NOT NULL DEFAULT '{}',  -- JSON: metadata given beside the content
            content BLOB NOT NULL,          -- zlib-compressed raw content, kept for re-cleaning
            size INTEGER NOT NULL,
            first_build INTEGER,
            clean_signature TEXT,           -- templates signature of the last cleaning
            clean_status TEXT,              -- article | empty | failed
            clean_reason TEXT               -- why a page gave no article
        );
        CREATE TABLE inputs (
            source TEXT PRIMARY KEY,        -- path as given, url, or path#lineN
            hash TEXT NOT NULL REFERENCES pages(hash),
            build INTEGER,                  -- the last build that read this input
            status TEXT NOT NULL            -- new | unchanged | duplicate, in that build
        );
        CREATE INDEX inputs_hash ON inputs(hash);
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            page_hash TEXT NOT NULL UNIQUE REFERENCES pages(hash),
            source TEXT NOT NULL,
            url TEXT,
            title TEXT NOT NULL,
            byline TEXT,
            publisher TEXT,
            published TEXT,                 -- YYYY-MM-DD | YYYY-MM | YYYY
            published_earliest TEXT,
            published_latest TEXT,
            published_granularity TEXT,
            published_how TEXT,             -- metadata | dateline | inferred
            updated TEXT,
            text TEXT NOT NULL,
            words INTEGER NOT NULL,
            paragraphs TEXT NOT NULL        -- JSON [[start, end, kind], ...]
        );
        CREATE INDEX articles_published ON articles(published_earliest);
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid', tokenize='porter unicode61'
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TABLE builds (
            id INTEGER PRIMARY KEY,
            started TEXT NOT NULL,
            finished TEXT,
            paths TEXT NOT NULL,            -- JSON list of the inputs as given
            report TEXT                     -- JSON BuildReport, once finished
        );
        CREATE TABLE skips (
            build INTEGER NOT NULL REFERENCES builds(id),
            source TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE TABLE templates (
            name TEXT PRIMARY KEY,
            signature TEXT NOT NULL,
            body TEXT NOT NULL              -- JSON, see storyline.clean.Templates
        );
    """


def m002_annotations_and_entities() -> str:
    return """
        ALTER TABLE articles ADD COLUMN annotated INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE sentences (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            PRIMARY KEY (article_id, start)
        ) WITHOUT ROWID;
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,
            canonical TEXT NOT NULL,
            entity_id TEXT                  -- set by the link stage
        );
        CREATE INDEX mentions_article ON mentions(article_id);
        CREATE INDEX mentions_entity ON mentions(entity_id);
        CREATE TABLE timexes (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,
            value TEXT NOT NULL,
            earliest TEXT,
            latest TEXT
        );
        CREATE INDEX timexes_article ON timexes(article_id);
        CREATE TABLE roles (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            holder TEXT,                    -- canonical name in the article, NULL for a bare role
            role TEXT NOT NULL,
            of TEXT,
            entity_id TEXT                  -- the holder's entity, set by the link stage
        );
        CREATE INDEX roles_article ON roles(article_id);
        CREATE TABLE date_evidence (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            earliest TEXT,
            latest TEXT,
            reason TEXT NOT NULL
        );
        CREATE INDEX date_evidence_article ON date_evidence(article_id);
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            aliases TEXT NOT NULL,          -- JSON list
            mentions INTEGER NOT NULL,
            roles TEXT NOT NULL             -- JSON list of {role, of, from, to}
        );
        CREATE INDEX entities_type ON entities(type);
    """


def m003_events_and_stories() -> str:
    return """
        CREATE TABLE event_mentions (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,         -- the trigger
            "end" INTEGER NOT NULL,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            type TEXT NOT NULL,
            mode TEXT,
            quad TEXT NOT NULL,
            status TEXT NOT NULL,
            actor_text TEXT,
            actor TEXT,                     -- canonical name in the article
            target_text TEXT,
            target TEXT,
            location TEXT,
            date_earliest TEXT,             -- from the sentence; NULL: the article's date applies
            date_latest TEXT,
            date_granularity TEXT,
            date_from TEXT,
            event_id TEXT                   -- set by the link stage
        );
        CREATE INDEX event_mentions_article ON event_mentions(article_id);
        CREATE INDEX event_mentions_event ON event_mentions(event_id);
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            mode TEXT,
            quad TEXT NOT NULL,
            status TEXT NOT NULL,
            actor TEXT,                     -- entity id
            target TEXT,
            location TEXT,
            date_earliest TEXT,
            date_latest TEXT,
            date_granularity TEXT,
            summary TEXT NOT NULL,
            claims TEXT NOT NULL DEFAULT '[]'  -- JSON: [{date, earliest, latest, sources}]
        );
        CREATE INDEX events_date ON events(date_earliest);
        CREATE TABLE event_sources (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL
        );
        CREATE INDEX event_sources_event ON event_sources(event_id);
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            first TEXT,
            last TEXT,
            entities TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY,
            story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE
        );
        CREATE INDEX story_articles_story ON story_articles(story_id);
        CREATE TABLE link_state (
            name TEXT PRIMARY KEY,          -- e.g. 'stories': the incremental clusterer's state
            state BLOB NOT NULL
        );
    """


def m004_crawl_dates_and_told_timelines() -> str:
    return """
        ALTER TABLE articles ADD COLUMN crawled TEXT;  -- WARC-Date: when a crawler fetched it
        CREATE TABLE timelines (
            scope TEXT PRIMARY KEY,         -- 'corpus' or a story id
            signature TEXT NOT NULL         -- digest of what it was told from; stale when changed
        );
        CREATE TABLE timeline_entries (
            scope TEXT NOT NULL REFERENCES timelines(scope) ON DELETE CASCADE,
            date TEXT NOT NULL,             -- TimeML value
            earliest TEXT NOT NULL,
            latest TEXT NOT NULL,
            granularity TEXT NOT NULL,
            score REAL NOT NULL,
            summary TEXT NOT NULL,          -- JSON: [sentence]
            events TEXT NOT NULL,           -- JSON: [event id]
            sources TEXT NOT NULL,          -- JSON: [{article, start, end}]
            conflicts TEXT NOT NULL         -- JSON: [text]
        );
        CREATE INDEX timeline_entries_scope ON timeline_entries(scope, earliest);
        CREATE INDEX events_actor ON events(actor);
        CREATE INDEX events_target ON events(target);
        CREATE INDEX roles_entity ON roles(entity_id);
        CREATE INDEX entities_name ON entities(lower(name));
    """


def m005_page_readings() -> str:
    return """
        ALTER TABLE pages ADD COLUMN reading BLOB;  -- a text page's fingerprints for templates
    """


def m006_event_type_index() -> str:
    return """
        CREATE INDEX events_type ON events(type);
    """


def m007_page_encodings() -> str:
    return """
        ALTER TABLE pages ADD COLUMN encoding TEXT;      -- the codec the input was read with
        ALTER TABLE pages ADD COLUMN encoding_how TEXT;  -- bom | utf-8 | http-header | meta | ...
        ALTER TABLE pages ADD COLUMN encoding_replaced INTEGER NOT NULL DEFAULT 0;  -- U+FFFDs put in
        ALTER TABLE pages ADD COLUMN clean_warnings TEXT NOT NULL DEFAULT '[]';  -- JSON [text]
    """


def m008_document_failures() -> str:
    return """
        CREATE TABLE failures (
            document TEXT NOT NULL,         -- the article id (a page's content-hash prefix)
            stage TEXT NOT NULL,            -- clean | annotate | extract
            source TEXT NOT NULL,
            error TEXT NOT NULL,            -- the exception's type
            message TEXT NOT NULL,
            version TEXT NOT NULL,          -- the storyline that failed
            PRIMARY KEY (document, stage)
        );
        -- an article that is gone takes its annotation's failures with it
        CREATE TRIGGER failures_article_gone AFTER DELETE ON articles BEGIN
            DELETE FROM failures WHERE document = old.id AND stage != 'clean';
        END;
    """


MIGRATIONS: list[Callable[[], str]] = [
    m001_pages_and_articles,
    m002_annotations_and_entities,
    m003_events_and_stories,
    m004_crawl_dates_and_told_timelines,
    m005_page_readings,
    m006_event_type_index,
    m007_page_encodings,
    m008_document_failures,
]


def pending(db: StoreConnection) -> list[str]:
    """The migrations this store has not seen (read-only: it creates nothing).

    Raises `NotAStore` for a database storyline did not make, and `StoreTooNew` for one a
    newer storyline wrote: this version could misread it, and its writes could damage it.
    """
    done = _recorded(db)
    if done and MIGRATIONS[0].__name__ not in done:
        raise NotAStore(db.path, "its migrations table is not storyline's")
    known = {m.__name__ for m in MIGRATIONS}
    if unknown := sorted(done - known):
        raise StoreTooNew(db.path, unknown[0])
    return [m.__name__ for m in MIGRATIONS if m.__name__ not in done]


def migrate(db: StoreConnection) -> list[str]:
    """Apply the migrations this store has not seen, all atomically; returns their names.

    An up-to-date store is only read, so a read-only one can still be opened.  Otherwise the
    migrations are read again and applied inside one `BEGIN IMMEDIATE`, so two processes
    opening a new store together apply each of them once: the second waits, then finds none.
    """
    if not pending(db):
        return []
    with transaction(db):
        db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT)")
        names = pending(db)
        by_name = {m.__name__: m for m in MIGRATIONS}
        for name in names:
            for statement in statements(by_name[name]()):
                db.execute(statement)
            db.execute(
                "INSERT INTO migrations VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
    return names


def statements(script: str) -> Iterator[str]:
    """A migration's statements one by one (`executescript` would commit the transaction
    first); SQLite's own `complete_statement` knows where a trigger's body ends."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            yield statement
            statement = ""
    if statement.strip():
        yield statement  # incomplete: executing it says what is wrong


def _recorded(db: StoreConnection) -> set[str]:
    """The migrations a store records: none for a new, empty database.  The schema is read in
    one statement, so another process migrating meanwhile is seen before or after, not half."""
    schema = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    if "migrations" in schema:
        return {row[0] for row in db.execute("SELECT name FROM migrations")}
    if schema:
        raise NotAStore(db.path, "it holds tables, but no storyline migrations")
    return set()
