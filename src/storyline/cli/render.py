"""How the `storyline` command shows things to a person: Rich tables and highlighted text.

Commands in `commands.py` fetch through `Corpus` and hand the records here (with `--json` they
print the records' own `to_json` instead).  Article text is hostile input, so every cell that
comes from a page is a `rich.text.Text`, never markup.
"""

from __future__ import annotations

import json
from pathlib import Path

from rich.table import Table
from rich.text import Text

from storyline.records import QUADS, Article, BuildReport

from .shared import console


def report(report: BuildReport) -> None:
    """The build report: counts, then what was skipped, warned about or failed, by input."""
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


def articles(found: list[Article]) -> None:
    table = Table("id", "published", "publisher", "words", "title")
    for article in found:
        table.add_row(
            article.id,
            date_of(article),
            Text(article.publisher or ""),
            str(article.words),
            Text(article.title),
        )
    console.print(table)


def article(article: Article, annotation, evidence) -> None:
    """One article: metadata, why its date is what it is, its text marked up, its tables."""
    console.print(Text(article.title, style="bold"))
    for label, value in (
        ("id", article.id),
        ("source", article.source),
        ("byline", article.byline),
        ("publisher", article.publisher),
        (
            "published",
            f"{date_of(article)} ({article.published_how})" if article.published else None,
        ),
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
                clip(sentence, 90),
                ("»", "dim"),
            )
        )
    console.print()
    console.print(_highlighted(article.text, annotation))
    _annotation_tables(annotation)


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


def _annotation_tables(annotation) -> None:
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


def clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _when(date) -> str:
    return date.value if date is not None else "?"


def entities(found, limit: int) -> None:
    table = Table("id", "name", "type", "mentions", "articles", "aliases", "roles")
    for entity in found[:limit]:
        roles = "; ".join(
            f"{r.role}{' of ' + r.of if r.of else ''} ({_when(r.start)}–{_when(r.end)})"
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


def search_hits(query: str, hits) -> None:
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


def events(described: list[dict]) -> None:
    table = Table("date", "type", "status", "actor", "target", "sources", "summary")
    for event in described:
        table.add_row(
            event["date"] or "—",
            f"{event['type']}{'/' + event['mode'] if event['mode'] else ''}",
            event["status"],
            Text((event["actor"] or {}).get("name") or ""),
            Text((event["target"] or {}).get("name") or ""),
            str(len(event["sources"])),
            Text(clip(event["summary"], 80)),
        )
    console.print(table)


def stories(found) -> None:
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


def relations(data: dict, a: str, b: str) -> None:
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


def demo(db: Path, build: BuildReport, summary, found) -> None:
    """The demo's overview: the build, the corpus in numbers, the stories found, what next."""
    report(build)
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


def date_of(article: Article) -> str:
    return article.published.value if article.published else "—"
