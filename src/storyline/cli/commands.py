"""The `storyline` commands: each opens the store, asks `Corpus` one thing and prints it, as
JSON with `--json` (the records' own `to_json`) or as tables (`render.py`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from storyline import Corpus
from storyline.errors import (
    ArticleNotFound,
    EngineOptionError,
    EntityNotFound,
    ExportError,
    StoryNotFound,
)
from storyline.records import DEFAULT_MAX_BYTES, EngineName, TimelineGrain
from storyline.records import ExportFormat as Format
from storyline.records import ExportWhat as What

from . import render
from .failures import StorylineGroup, debug_option
from .shared import (
    DEMO_DB,
    DbOption,
    FromOption,
    HostOption,
    JsonOption,
    PortOption,
    ToOption,
    build_with_progress,
    console,
    day,
    errors,
    open_store,
    print_json,
)

app = typer.Typer(
    cls=StorylineGroup,
    help="storyline: turn a pile of raw news pages into the story they tell.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
app.callback()(debug_option)


@app.command()
def build(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files and folders to read, recursively; also s3://, gs:// and http(s):// URIs."
        ),
    ],
    db: DbOption = Path("storyline.db"),
    max_bytes: Annotated[
        int, typer.Option(help="Largest single page to read, in bytes.")
    ] = DEFAULT_MAX_BYTES,
    engine: Annotated[
        EngineName | None,
        typer.Option(
            help="Where cleaning and annotation run: local (this process), processes (a pool)"
            " or ray (Ray Data). Default: processes for big jobs on several cores, else local."
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Processes or Ray actors (default: one per free core)."),
    ] = None,
    ray_address: Annotated[
        str | None,
        typer.Option(help="A Ray cluster to run on (default with --engine ray: a local one)."),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Exit with status 1 when a stage failed on any document."),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Read news pages (.html, .txt, .json, .jsonl, .warc and .gz of these) into the store.

    Re-running on the same inputs adds nothing; a killed build resumes where it stopped.
    A document a stage fails on is listed under "failed" and the build goes on (exit status 0,
    1 with --strict); the next build tries it again.

    Example:

        storyline build ~/scrapes/ archive.jsonl.gz --db news.db

        storyline build ~/scrapes/ --engine ray --workers 4
    """
    options = {"engine": engine, "workers": workers, "ray_address": ray_address}
    with Corpus(db) as corpus:
        try:
            report = build_with_progress(corpus, paths, max_bytes, **options)
        except EngineOptionError as error:
            raise typer.BadParameter(str(error)) from None
    if as_json:
        print_json(report.to_json())
    else:
        render.report(report)
    if not report.built_anything:
        errors.print("storyline: nothing could be built from these inputs (see the reasons above)")
        raise typer.Exit(1)
    if strict and report.failed:
        errors.print(f"storyline: {len(report.failed)} document(s) failed (--strict)")
        raise typer.Exit(1)


@app.command()
def articles(db: DbOption = Path("storyline.db"), as_json: JsonOption = False) -> None:
    """List the articles in the store, oldest first.

    Example:

        storyline articles --json | jq '.[].title'
    """
    with open_store(db) as corpus:
        found = corpus.articles()
    if as_json:
        print_json([a.to_json() for a in found])
        return
    render.articles(found)


@app.command()
def show(
    id: Annotated[str, typer.Argument(help="An article id (or an unambiguous prefix).")],
    db: DbOption = Path("storyline.db"),
    as_json: JsonOption = False,
) -> None:
    """Print one article: its metadata and clean text.

    Example:

        storyline show 2ed898d6fd10
    """
    with open_store(db) as corpus:
        try:
            article = corpus.article(id)
        except ArticleNotFound:
            errors.print(Text(f"storyline: no article with id {id!r}"))
            raise typer.Exit(1) from None
        annotation = corpus.annotation(article.id)
        evidence = corpus.date_evidence(article.id)
    if as_json:
        print_json(article.to_json())
        return
    render.article(article, annotation, evidence)


@app.command()
def entities(
    db: DbOption = Path("storyline.db"),
    type: Annotated[
        str | None, typer.Option("--type", help="Only this type: PERSON, ORG, GPE, NORP, ...")
    ] = None,
    limit: Annotated[
        int, typer.Option(help="How many to list in the table (all with --json).")
    ] = 50,
    as_json: JsonOption = False,
) -> None:
    """List the corpus's entities: one per real-world person, organisation or place.

    Example:

        storyline entities --type PERSON --json
    """
    with open_store(db) as corpus:
        found = corpus.entities(type)
    if as_json:
        print_json([entity.to_json() for entity in found])
        return
    render.entities(found, limit)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find (SQLite FTS5 syntax allowed).")],
    db: DbOption = Path("storyline.db"),
    limit: Annotated[int, typer.Option(help="How many results.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Find articles by full text, best matches first, with highlighted snippets.

    Example:

        storyline search "Lugovoi extradition"
    """
    with open_store(db) as corpus:
        hits = corpus.search(query, limit=limit)
    if as_json:
        print_json([hit.to_json() for hit in hits])
        return
    render.search_hits(query, hits)


@app.command()
def events(
    db: DbOption = Path("storyline.db"),
    entity: Annotated[
        str | None, typer.Option(help="Only events this entity takes part in.")
    ] = None,
    type: Annotated[str | None, typer.Option("--type", help="A PLOVER type, e.g. REJECT.")] = None,
    start: FromOption = None,
    end: ToOption = None,
    as_json: JsonOption = False,
) -> None:
    """List events (PLOVER): who did what to whom, when, with every source.

    Example:

        storyline events --entity Lugovoi --json
    """
    with open_store(db) as corpus:
        try:
            found = corpus.events(entity, type, day(start, "--from"), day(end, "--to"))
        except EntityNotFound:
            errors.print(Text(f"storyline: no entity named {entity!r}"))
            raise typer.Exit(1) from None
        names = corpus.entity_names()
        described = [corpus.event_json(event, names) for event in found]
    if as_json:
        print_json(described)
        return
    render.events(described)


@app.command()
def stories(db: DbOption = Path("storyline.db"), as_json: JsonOption = False) -> None:
    """List the stories: articles grouped by the real-world story they tell, largest first.

    Example:

        storyline stories --json
    """
    with open_store(db) as corpus:
        found = corpus.stories()
    if as_json:
        print_json([story.to_json() for story in found])
        return
    render.stories(found)


@app.command()
def timeline(
    db: DbOption = Path("storyline.db"),
    story: Annotated[
        str | None, typer.Option(help="Only this story (an id from `stories`).")
    ] = None,
    entity: Annotated[str | None, typer.Option(help="Only events of this entity.")] = None,
    query: Annotated[str | None, typer.Option(help="Only articles matching this search.")] = None,
    start: FromOption = None,
    end: ToOption = None,
    max_dates: Annotated[int | None, typer.Option(help="At most this many dates.")] = None,
    per_date: Annotated[int, typer.Option(help="Sentences per date.")] = 2,
    granularity: Annotated[
        TimelineGrain,
        typer.Option(
            help="Dates as days, months, or auto (a weakly supported day is pooled into its month)."
        ),
    ] = "auto",
    as_json: JsonOption = False,
) -> None:
    """The dates that matter, oldest first, each with its best-supported sentences and sources.

    Example:

        storyline timeline --max-dates 10

        storyline timeline --from 2010-04-20 --to 2010-05-02 --granularity day
    """
    with open_store(db) as corpus:
        try:
            entries = corpus.timeline(
                story=story,
                entity=entity,
                query=query,
                start=day(start, "--from"),
                end=day(end, "--to"),
                max_dates=max_dates,
                per_date=per_date,
                granularity=granularity,
            )
        except (EntityNotFound, StoryNotFound) as missing:
            errors.print(Text(f"storyline: not found: {missing}"))
            raise typer.Exit(1) from None
        text = corpus.chronology(entries)
    if as_json:
        print_json([entry.to_json() for entry in entries])
        return
    console.print(Text(text))


@app.command()
def relations(
    a: Annotated[str, typer.Argument(help="One side: an entity name, alias or id.")],
    b: Annotated[str, typer.Argument(help="The other side.")],
    db: DbOption = Path("storyline.db"),
    by: Annotated[str, typer.Option(help="year or month")] = "year",
    as_json: JsonOption = False,
) -> None:
    """Cooperation and conflict between two actors over time, in both directions.

    Example:

        storyline relations "United Kingdom" Russia --by year
    """
    if by not in ("year", "month"):
        raise typer.BadParameter("--by must be year or month")
    with open_store(db) as corpus:
        try:
            found = corpus.relations(a, b, by=by)
        except EntityNotFound as missing:
            errors.print(Text(f"storyline: no entity named {missing}"))
            raise typer.Exit(1) from None
    data = found.to_json()
    if as_json:
        print_json(data)
        return
    render.relations(data, a, b)


@app.command()
def export(
    format: Annotated[Format, typer.Option("--format", help="How to write it (see above).")],
    what: Annotated[What, typer.Option("--what", help="What to write out.")] = "articles",
    db: DbOption = Path("storyline.db"),
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="The file to write (stdout if none; parquet needs one)."
        ),
    ] = None,
    story: Annotated[
        str | None, typer.Option(help="Timeline only: just this story (an id from `stories`).")
    ] = None,
    entity: Annotated[
        str | None, typer.Option(help="Events and timeline only: just this entity's events.")
    ] = None,
) -> None:
    """Write articles (with their text), entities, events or the timeline out for pandas,
    DuckDB or datasette.

    Each row is the object `--json` prints for the same thing (`articles`, `entities`,
    `events`, `timeline`). JSON Lines keeps it as it is. CSV has a column per key, with lists
    and objects (aliases, sources, actor...) as JSON text and null as an empty cell. Parquet
    keeps lists and objects as typed lists and structs, which pandas, DuckDB and pyarrow read
    natively. Dates are ISO strings in every format, as in the JSON contract.

    Example:

        storyline export --format parquet --what events -o events.parquet
    """
    if format == "parquet" and output is None:
        raise typer.BadParameter(
            "parquet is binary: give a file to write to", param_hint="--output"
        )
    with open_store(db) as corpus:
        try:
            count = corpus.export(what, format, output or sys.stdout, story=story, entity=entity)
        except (EntityNotFound, StoryNotFound) as missing:
            errors.print(Text(f"storyline: not found: {missing}"))
            raise typer.Exit(1) from None
        except ExportError as error:
            raise typer.BadParameter(str(error)) from None
    if output is not None:
        errors.print(Text(f"storyline: wrote {count} rows ({what}) to {output}"))


@app.command()
def annotate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help=".txt files, or .jsonl with {id, text, published} per line; stdin if none."
        ),
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="YYYY-MM-DD: the date of documents that have none.")
    ] = None,
    workers: Annotated[int, typer.Option(help="Processes to annotate with.")] = 1,
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON Lines output (the only format).")
    ] = True,
) -> None:
    """Annotate texts without a store: sentences, entities, temporal expressions, as JSON Lines.

    Each output line is {"id", "published", "published_how", "sentences", "entities", "timexes",
    "roles"}; offsets are character offsets into the text as given.

    Example:

        storyline annotate article.txt --date 2009-11-02 --json
    """
    try:
        for found in Corpus.annotate(files or [], date, stdin=sys.stdin, workers=workers):
            sys.stdout.write(json.dumps(found, ensure_ascii=False) + "\n")
    except ValueError as error:
        errors.print(Text(f"storyline: {error}"))
        raise typer.Exit(2) from None


@app.command()
def serve(
    db: DbOption = Path("storyline.db"),
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    get: Annotated[
        str | None, typer.Option("--get", help="Print the page at this path instead of serving.")
    ] = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="Also answer requests addressed to this host name (repeatable), e.g. the"
            " machine's name on your network with --host 0.0.0.0.",
        ),
    ] = None,
) -> None:
    """Explore the store in a browser: timelines, stories, entities, articles, relations, search.

    Read-only; binds to 127.0.0.1 unless --host says otherwise. Only requests addressed to
    localhost, to the --host address or to an --allow-host name are answered (others get a
    400), so a web page cannot reach the store by pointing its own name at your machine.

    Example:

        storyline serve --db news.db --port 8000

        storyline serve --db news.db --host 0.0.0.0 --allow-host newsroom-pc.local
    """
    from storyline.web import create_app, host_header
    from storyline.web import serve as serve_app

    if not db.exists():
        errors.print(
            Text(f"storyline: no store at {db}; run `storyline build PATH --db {db}` first")
        )
        raise typer.Exit(1)
    if get is not None:
        from fastapi.testclient import TestClient

        response = TestClient(create_app(db), base_url="http://localhost").get(get)
        sys.stdout.write(response.text)
        raise typer.Exit(0 if response.status_code < 400 else 1)

    def ready() -> None:
        url = f"http://{host_header(host)}:{port}/"
        console.print(Text(f"storyline: serving {db} at {url}  (Ctrl-C to stop)"))

    serve_app(db, host=host, port=port, also_allow=allow_host or (), ready=ready)


@app.command()
def demo(
    db: DbOption = DEMO_DB,
    as_json: JsonOption = False,
    serve_after: Annotated[
        bool, typer.Option("--serve", help="Then open the demo store in the web explorer.")
    ] = False,
    port: PortOption = 8000,
) -> None:
    """Build the bundled demo corpus (120 Wikinews articles, CC BY 2.5) and show an overview.

    Example:

        storyline demo && storyline articles --db storyline-demo.db
    """
    with Corpus(db) as corpus:
        report = build_with_progress(corpus, [str(Corpus.demo_inputs())], DEFAULT_MAX_BYTES)
        summary = corpus.overview(group_by=Corpus.demo_story)
        found = corpus.stories()
    if as_json:
        print_json({
            "build": report.to_json(), "overview": summary.to_json(),
            "stories": [story.to_json() for story in found],
        })  # fmt: skip
        return
    render.demo(db, report, summary, found)
    if serve_after:
        from storyline.web import serve as serve_app

        console.print(Text(f"storyline: serving the demo at http://127.0.0.1:{port}/"))
        serve_app(db, port=port)
