"""Score storyline's HTML cleaner on the Zyte article-extraction benchmark (AEB).

Usage:
    uv run python eval/aeb.py /work/shared/data/aeb
    uv run python eval/aeb.py /work/shared/data/aeb --json
    uv run python eval/aeb.py /work/shared/data/aeb --set favor_recall=true --set include_tables=false
    uv run python eval/aeb.py /work/shared/data/aeb --worst 10

The folder holds `ground-truth.json` (`{id: {articleBody, url}}`) and `html/ID.html.gz`.
storyline (`storyline.clean.html.clean_html`, its paragraphs joined as the Article text) is
scored against plain `trafilatura.extract(html)` with default settings, with the benchmark's
own metric (see `aeb_metric.py`).  `--set FIELD=VALUE` overrides a field of
`storyline.clean.html.HtmlSettings`, which is how the defaults were chosen.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from aeb_metric import benchmark_scores, macro_scores, page_counts


def load(folder: Path) -> list[tuple[str, str, str, bytes]]:
    """(id, url, gold body, html bytes) for every page of the benchmark folder."""
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, item in sorted(gold.items()):
        path = folder / "html" / f"{page_id}.html.gz"
        if not path.exists():
            print(f"missing page: {path}", file=sys.stderr)
            continue
        pages.append(
            (
                page_id,
                item.get("url") or "",
                item.get("articleBody") or "",
                gzip.decompress(path.read_bytes()),
            )
        )
    return pages


def storyline_system(overrides: dict):
    from storyline.clean.html import HTML_SETTINGS, clean_html

    settings = dataclasses.replace(HTML_SETTINGS, **overrides)

    def run(html: bytes, url: str) -> str:
        found = clean_html(html, url=url or None, settings=settings)
        return "\n\n".join(text for text, _ in found.paragraphs)

    return run, settings


def trafilatura_system(html: bytes, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def score(pages, system) -> dict:
    predictions, started = {}, time.perf_counter()
    for page_id, url, _, html in pages:
        predictions[page_id] = system(html, url)
    seconds = time.perf_counter() - started
    pairs = [(gold, predictions[page_id]) for page_id, _, gold, _ in pages]
    return {
        "benchmark": benchmark_scores(pairs).to_json(),
        "macro": macro_scores(pairs).to_json(),
        "empty": sum(1 for _, pred in pairs if not pred.strip()),
        "seconds": round(seconds, 2),
        "predictions": predictions,
    }


def _parse_override(text: str, fields: dict) -> tuple[str, object]:
    name, _, value = text.partition("=")
    if name not in fields:
        raise SystemExit(f"unknown setting {name!r}; one of: {', '.join(fields)}")
    if fields[name] is bool:
        return name, value.lower() in ("1", "true", "yes", "on")
    return name, type(fields[name])(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the AEB folder (ground-truth.json, html/)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="override an HtmlSettings field",
    )
    parser.add_argument(
        "--worst",
        type=int,
        default=0,
        metavar="N",
        help="list the N pages where storyline scores worst",
    )
    parser.add_argument("--no-baseline", action="store_true", help="score storyline only")
    args = parser.parse_args(argv)

    if not (args.folder / "ground-truth.json").exists():
        raise SystemExit(f"{args.folder}: no ground-truth.json (expected the AEB data folder)")
    pages = load(args.folder)
    from storyline.clean.html import HtmlSettings

    fields = {f.name: type(f.default) for f in dataclasses.fields(HtmlSettings)}
    overrides = dict(_parse_override(item, fields) for item in args.set)
    run, settings = storyline_system(overrides)
    results = {"storyline": score(pages, run)}
    if not args.no_baseline:
        results["trafilatura"] = score(pages, trafilatura_system)

    worst = []
    if args.worst:
        golds = {page_id: (url, gold) for page_id, url, gold, _ in pages}
        per_page = []
        for page_id, pred in results["storyline"]["predictions"].items():
            tp, fp, fn = page_counts(golds[page_id][1], pred)
            per_page.append((tp, fp, fn, page_id, golds[page_id][0]))
        worst = sorted(per_page)[: args.worst]

    if args.json:
        out = {
            name: {k: v for k, v in r.items() if k != "predictions"} for name, r in results.items()
        }
        out["settings"] = dataclasses.asdict(settings)
        out["worst"] = [
            {"id": w[3], "url": w[4], "tp": w[0], "fp": w[1], "fn": w[2]} for w in worst
        ]
        print(json.dumps(out, indent=2))
        return 0
    print(f"AEB: {len(pages)} pages; storyline settings: {dataclasses.asdict(settings)}")
    print(
        f"{'system':<12} {'P':>6} {'R':>6} {'F1':>6}   {'macro P':>7} {'macro R':>7} {'macro F1':>8}  {'empty':>5} {'s':>6}"
    )
    for name, r in results.items():
        b, m = r["benchmark"], r["macro"]
        print(
            f"{name:<12} {b['precision']:6.3f} {b['recall']:6.3f} {b['f1']:6.3f}   "
            f"{m['precision']:7.3f} {m['recall']:7.3f} {m['f1']:8.3f}  {r['empty']:5d} {r['seconds']:6.1f}"
        )
    for tp, fp, fn, page_id, url in worst:
        print(f"  tp={tp:.2f} fp={fp:.2f} fn={fn:.2f}  {page_id[:12]}  {url}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
