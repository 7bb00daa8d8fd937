"""The `storyline` command: a thin shell over `storyline.Corpus`.

Every command opens the store, calls one API method and prints the result, as JSON with
`--json`.  Article text is hostile input, so it is printed as `rich.text.Text`, never as markup.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from storyline import Corpus
from storyline.cli_errors import StorylineGroup, debug_option
from storyline.errors import (
    ArticleNotFound,
    EngineOptionError,
    EntityNotFound,
    ExportError,
    StoryNotFound,
)
from storyline.records import (
    DEFAULT_MAX_BYTES,
    QUADS,
    Article,
    BuildReport,
    EngineName,
    FuzzyDate,
    TimelineGrain,
)
from storyline.records import ExportFormat as Format
from storyline.records import ExportWhat as What

app = typer.Typer(
    cls=StorylineGroup,
    help="storyline: turn a pile of raw news pages into the story they tell.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
app.callback()(debug_option)
console = Console()
errors = Console(stderr=True)

DbOption = Annotated[
    Path, typer.Option("--db", help="The SQLite store to use.", envvar="STORYLINE_DB")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
DEMO_DB = Path("storyline-demo.db")


def _print_json(value) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


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
            report = _build_with_progress(corpus, paths, max_bytes, **options)
        except EngineOptionError as error:
            raise typer.BadParameter(str(error)) from None
    if as_json:
        _print_json(report.to_json())
    else:
        _print_report(report)
    if not report.built_anything:
        errors.print("storyline: nothing could be built from these inputs (see the reasons above)")
        raise typer.Exit(1)
    if strict and report.failed:
        errors.print(f"storyline: {len(report.failed)} document(s) failed (--strict)")
        raise typer.Exit(1)


def _build_with_progress(
    corpus: Corpus, paths: list[str], max_bytes: int, **options
) -> BuildReport:
    columns = (
        TextColumn("{task.description:>8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    # Bars are for terminals: piped or logged, they would only leave a blank line behind.
    with Progress(*columns, console=errors, transient=True, disable=not errors.is_terminal) as bar:
        tasks: dict[str, int] = {}

        def progress(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(phase, total=total)
            bar.update(tasks[phase], completed=done, total=total)

        return corpus.build(paths, max_bytes=max_bytes, progress=progress, **options)


def _print_report(report: BuildReport) -> None:
    console.print(
        f"new: {report.new}  unchanged: {report.unchanged}  "
        f"duplicate: {report.duplicate}  skipped: {len(report.skipped)}  "
        f"warnings: {len(report.warnings)}  failed: {len(report.failed)}",
        markup=False,
    )
    failed = [f.to_json() for f in report.failed]
    for title, headers, rows in (
        ("Skipped", ("skipped input", "reason"), [(s.source, s.reason) for s in report.skipped]),
        ("Warnings", ("input", "warning"), [(w.source, w.warning) for w in report.warnings]),
        ("Failed", ("failed input", "stage", "error"),
         [(f["source"], f["stage"], f["error"]) for f in failed]),
    ):  # fmt: skip
        if rows:
            table = Table(*headers, title=title, title_justify="left")
            for row in rows:
                table.add_row(*(Text(cell) for cell in row))
            console.print(table)


@app.command()
def articles(db: DbOption = Path("storyline.db"), as_json: JsonOption = False) -> None:
    """List the articles in the store, oldest first.

    Example:

        storyline articles --json | jq '.[].title'
    """
    with _open(db) as corpus:
        found = corpus.articles()
    if as_json:
        _print_json([a.to_json() for a in found])
        return
    table = Table("id", "published", "publisher", "words", "title")
    for article in found:
        table.add_row(
            article.id,
            _date(article),
            Text(article.publisher or ""),
            str(article.words),
            Text(article.title),
        )
    console.print(table)


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
    with _open(db) as corpus:
        try:
            article = corpus.article(id)
        except ArticleNotFound:
            errors.print(Text(f"storyline: no article with id {id!r}"))
            raise typer.Exit(1) from None
        annotation = corpus.annotation(article.id)
        evidence = corpus.date_evidence(article.id)
    if as_json:
        _print_json(article.to_json())
        return
    console.print(Text(article.title, style="bold"))
    for label, value in (
        ("id", article.id),
        ("source", article.source),
        ("byline", article.byline),
        ("publisher", article.publisher),
        ("published", f"{_date(article)} ({article.published_how})" if article.published else None),
        ("updated", article.updated.value if article.updated else None),
        ("crawled", article.crawled),
        ("encoding", _encoding(article)),
        ("words", str(article.words)),
    ):
        if value:
            console.print(Text.assemble((f"{label}: ", "dim"), value))
    for found in evidence:
        sentence = article.text[found.start : found.end]
        console.print(
            Text.assemble(
                ("  because ", "dim"),
                found.reason,
                ("  «", "dim"),
                _clip(sentence, 90),
                ("»", "dim"),
            )
        )
    console.print()
    console.print(_highlighted(article.text, annotation))
    _print_annotation_tables(annotation)


def _encoding(article: Article) -> str | None:
    decoding = article.decoding
    return f"{decoding.encoding} ({decoding.explained})" if decoding else None


def _highlighted(text: str, annotation) -> Text:
    """The article with its names (cyan) and dates (magenta) marked, printed literally."""
    marked = Text(text)
    for mention in annotation.mentions:
        marked.stylize("cyan", mention.start, mention.end)
    for timex in annotation.timexes:
        marked.stylize("magenta", timex.start, timex.end)
    return marked


def _print_annotation_tables(annotation) -> None:
    names: dict[tuple[str, str], list[str]] = {}
    for mention in annotation.mentions:
        names.setdefault((mention.canonical, mention.type), []).append(mention.text)
    if names:
        table = Table(
            "name", "type", "mentions", "as written", title="Entities", title_justify="left"
        )
        for (name, kind), texts in sorted(names.items(), key=lambda item: -len(item[1])):
            table.add_row(Text(name), kind, str(len(texts)), Text(", ".join(sorted(set(texts)))))
        console.print(table)
    if annotation.timexes:
        table = Table(
            "expression",
            "type",
            "value",
            "from",
            "to",
            title="Dates and times",
            title_justify="left",
        )
        for timex in annotation.timexes:
            table.add_row(
                Text(timex.text),
                timex.type,
                timex.value,
                str(timex.earliest or ""),
                str(timex.latest or ""),
            )
        console.print(table)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


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
    with _open(db) as corpus:
        found = corpus.entities(type)
    if as_json:
        _print_json([entity.to_json() for entity in found])
        return
    table = Table("id", "name", "type", "mentions", "articles", "aliases", "roles")
    for entity in found[:limit]:
        roles = "; ".join(
            f"{r.role}{' of ' + r.of if r.of else ''} ({r.start or '?'}–{r.end or '?'})"
            for r in entity.roles
        )
        table.add_row(
            Text(entity.id),
            Text(entity.name),
            entity.type,
            str(entity.mentions),
            str(len(entity.articles)),
            Text(", ".join(entity.aliases[1:])),
            Text(roles),
        )
    console.print(table)
    if len(found) > limit:
        console.print(Text(f"... and {len(found) - limit} more (--limit, --type or --json)"))


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
    with _open(db) as corpus:
        hits = corpus.search(query, limit=limit)
    if as_json:
        _print_json([hit.to_json() for hit in hits])
        return
    if not hits:
        console.print(Text(f"no articles match {query!r}"))
    for hit in hits:
        console.print(
            Text.assemble(
                (hit.id, "cyan"),
                "  ",
                (hit.published or "undated", "dim"),
                "  ",
                (hit.title, "bold"),
            )
        )
        snippet = Text(hit.snippet)
        for start, end in hit.highlights:
            snippet.stylize("bold yellow", start, end)
        console.print(snippet)
        console.print()


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return (
            FuzzyDate.parse(value).earliest if option == "--from" else FuzzyDate.parse(value).latest
        )
    except ValueError:
        raise typer.BadParameter(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}") from None


FromOption = Annotated[
    str | None, typer.Option("--from", help="Only from this date (YYYY[-MM[-DD]]).")
]
ToOption = Annotated[
    str | None, typer.Option("--to", help="Only up to this date (YYYY[-MM[-DD]]).")
]


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
    with _open(db) as corpus:
        try:
            found = corpus.events(entity, type, _day(start, "--from"), _day(end, "--to"))
        except EntityNotFound:
            errors.print(Text(f"storyline: no entity named {entity!r}"))
            raise typer.Exit(1) from None
        names = corpus.entity_names()
        described = [corpus.event_json(event, names) for event in found]
    if as_json:
        _print_json(described)
        return
    table = Table("date", "type", "status", "actor", "target", "sources", "summary")
    for event in described:
        table.add_row(
            event["date"] or "—",
            f"{event['type']}{'/' + event['mode'] if event['mode'] else ''}",
            event["status"],
            Text((event["actor"] or {}).get("name") or ""),
            Text((event["target"] or {}).get("name") or ""),
            str(len(event["sources"])),
            Text(_clip(event["summary"], 80)),
        )
    console.print(table)


@app.command()
def stories(db: DbOption = Path("storyline.db"), as_json: JsonOption = False) -> None:
    """List the stories: articles grouped by the real-world story they tell, largest first.

    Example:

        storyline stories --json
    """
    with _open(db) as corpus:
        found = corpus.stories()
    if as_json:
        _print_json([story.to_json() for story in found])
        return
    table = Table("id", "articles", "first", "last", "title", "main actors")
    for story in found:
        table.add_row(
            story.id,
            str(len(story.articles)),
            story.first.value if story.first else "—",
            story.last.value if story.last else "—",
            Text(story.title),
            Text(", ".join(story.entities)),
        )
    console.print(table)


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
    with _open(db) as corpus:
        try:
            entries = corpus.timeline(
                story=story,
                entity=entity,
                query=query,
                start=_day(start, "--from"),
                end=_day(end, "--to"),
                max_dates=max_dates,
                per_date=per_date,
                granularity=granularity,
            )
        except (EntityNotFound, StoryNotFound) as missing:
            errors.print(Text(f"storyline: not found: {missing}"))
            raise typer.Exit(1) from None
        text = corpus.chronology(entries)
    if as_json:
        _print_json([entry.to_json() for entry in entries])
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
    with _open(db) as corpus:
        try:
            found = corpus.relations(a, b, by=by)
        except EntityNotFound as missing:
            errors.print(Text(f"storyline: no entity named {missing}"))
            raise typer.Exit(1) from None
    data = found.to_json()
    if as_json:
        _print_json(data)
        return
    table = Table("period", "direction", *QUADS, "events")
    for period in data["periods"]:
        for direction, label in (("a_to_b", f"{a} → {b}"), ("b_to_a", f"{b} → {a}")):
            counts = period[direction]
            table.add_row(
                period["period"],
                Text(label),
                *(str(counts[q]) for q in QUADS),
                str(sum(counts.values())),
            )
    console.print(table)
    console.print(Text(f"totals: {json.dumps(data['totals'])}"))


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
    with _open(db) as corpus:
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


HostOption = Annotated[str, typer.Option(help="Address to bind (localhost only by default).")]
PortOption = Annotated[int, typer.Option(help="Port to listen on.")]


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
        report = _build_with_progress(corpus, [str(Corpus.demo_inputs())], DEFAULT_MAX_BYTES)
        summary = corpus.overview(group_by=Corpus.demo_story)
        found = corpus.stories()
    if as_json:
        _print_json({
            "build": report.to_json(), "overview": summary.to_json(),
            "stories": [story.to_json() for story in found],
        })  # fmt: skip
        return
    _print_report(report)
    console.print(
        Text(f"\nDemo store: {db}  (Wikinews articles, CC BY 2.5; see `storyline demo --help`)")
    )
    console.print(
        Text(
            f"{summary.articles} articles, {summary.words:,} words, "
            f"published {summary.first} to {summary.last}"
            + (f", {summary.undated} undated" if summary.undated else "")
        )
    )
    table = Table("story (folder)", "articles", title="Articles per story", title_justify="left")
    for name, count in summary.groups.most_common():
        table.add_row(Text(name), str(count))
    console.print(table)
    names = Table("name", "articles", title="Most frequent names", title_justify="left")
    for name, count in summary.names.most_common(12):
        names.add_row(Text(name), str(count))
    console.print(names)
    console.print(Text("Next:"))
    clustered = Table(
        "story",
        "articles",
        "from",
        "to",
        "main actors",
        title=f"Stories found by storyline ({len(found)})",
        title_justify="left",
    )
    for story in found[:8]:
        clustered.add_row(
            Text(story.title),
            str(len(story.articles)),
            story.first.value if story.first else "—",
            story.last.value if story.last else "—",
            Text(", ".join(story.entities[:3])),
        )
    console.print(clustered)
    for command in (
        "timeline --max-dates 12",
        "stories",
        "entities --type PERSON",
        "search Boeing",
        "serve",
    ):
        console.print(Text(f"  storyline {command} --db {db}"))
    if serve_after:
        from storyline.web import serve as serve_app

        console.print(Text(f"storyline: serving the demo at http://127.0.0.1:{port}/"))
        serve_app(db, port=port)


def _open(db: Path) -> Corpus:
    if not db.exists():
        errors.print(
            Text(f"storyline: no store at {db}; run `storyline build PATH --db {db}` first")
        )
        raise typer.Exit(1)
    return Corpus(db)


def _date(article: Article) -> str:
    return article.published.value if article.published else "—"
