"""The public evaluation sets as a user would hand them to storyline: files in a folder.

Each converter reads one data set from the shared data folder and writes user-ready inputs into
an output folder (copies of the pages, or JSON Lines made from annotated XML), then returns the
`Item`s it wrote with the data set's own ids, so a script can build the folder through the
product (`storyline build OUT`) and map each article back to its gold by `Item.source`.

    from corpora import converters
    items = converters(Path("../shared/data"))["ecbplus"](Path("/tmp/ecbplus"))

Nothing here is stored in the repository: conversions are written at run time, into a
temporary folder, because the texts belong to their publishers.
"""

from __future__ import annotations

import functools
import gzip
import html
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Item:
    """One document written for storyline.

    `path` is relative to the corpus folder; `line` is the 1-based line of a JSON Lines record
    (None for a whole file); `id` is the data set's own name for the document.
    """

    path: str
    id: str
    line: int | None = None

    def source(self, root: str | os.PathLike) -> str:
        """The name storyline reports for this input when the folder `root` is built: the
        walked path, plus `#lineN` for a JSON Lines record (storyline.ingest.read)."""
        walked = os.path.join(os.fspath(root), self.path)
        return walked if self.line is None else f"{walked}#line{self.line}"


Converter = Callable[[Path], list[Item]]


# -- writing ------------------------------------------------------------------------------------


def page_id(path: Path) -> str:
    """A page file's name without `.gz` and its format's extension (`a.b.html.gz` -> `a.b`)."""
    return os.path.splitext(path.name.removesuffix(".gz"))[0]


def copy_files(
    files: Iterable[Path], base: Path, out: Path, id_of: Callable[[Path], str] = page_id
) -> list[Item]:
    """Copy pages as they are, keeping their path below `base`."""
    items = []
    for path in sorted(files):
        relative = path.relative_to(base)
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        items.append(Item(os.fspath(relative), id_of(path)))
    return items


def write_jsonl(out: Path, name: str, records: Iterable[tuple[str, dict]]) -> list[Item]:
    """Write `(id, record)` pairs as UTF-8 JSON Lines into `out/name`, one record a line."""
    target = out / name
    target.parent.mkdir(parents=True, exist_ok=True)
    items = []
    with target.open("w", encoding="utf-8") as f:
        for line, (item_id, record) in enumerate(records, start=1):
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
            items.append(Item(name, item_id, line))
    return items


# -- reading annotated formats ------------------------------------------------------------------

_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}]|'s|n't|'re|'ll|'ve|'d|'m|'')")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]|``) ")


def detokenize(tokens: list[str]) -> str:
    """Running text from tokens: no space before closing punctuation and clitics, none after
    opening brackets; PTB quotes become plain double quotes."""
    text = " ".join(tokens)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    return text.replace("``", '"').replace("''", '"')


def read_cat(path: Path) -> tuple[list[str], str | None]:
    """A CAT XML document (ECB+, MEANTIME, SemEval-2015): its sentences as text, and the value
    of its creation time (TIMEX3 with functionInDocument=CREATION_TIME) when it has one."""
    root = ET.parse(path).getroot()
    sentences: dict[int, list[str]] = defaultdict(list)
    for token in root.iter("token"):
        sentences[int(token.get("sentence", "0"))].append(token.text or "")
    created = [t.get("value") for t in root.iter("TIMEX3") if _is_dct(t.attrib)]
    return [detokenize(sentences[k]) for k in sorted(sentences)], next(filter(None, created), None)


def _is_dct(attributes: dict[str, str]) -> bool:
    return attributes.get("functionInDocument") == "CREATION_TIME"


_TML_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_TML_DCT = re.compile(r"<TIMEX3[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>")
_TML_VALUE = re.compile(r'\bvalue="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")


def read_tml(path: Path) -> tuple[str, str | None]:
    """A TimeML document: the TEXT element as plain text, and its creation time's value."""
    source = path.read_text(encoding="utf-8")
    body = _TML_TEXT.search(source)
    text = html.unescape(_TAG.sub("", body.group(1))).strip() if body else ""
    dct = _TML_DCT.search(source)
    value = _TML_VALUE.search(dct.group(0)) if dct else None
    return text, value.group(1) if value else None


def _dated(text: str, published: str | None) -> dict:
    """A JSON Lines record; without a date the field is left out, as a user's file would."""
    return {"text": text, "published": published} if published else {"text": text}


# -- the data sets ------------------------------------------------------------------------------


def aeb_html(data: Path, out: Path) -> list[Item]:
    """The article-extraction benchmark's pages as gzipped HTML; id = the benchmark's id."""
    folder = data / "aeb" / "html"
    return copy_files(folder.glob("*.html.gz"), folder, out)


def aeb_text(data: Path, out: Path) -> list[Item]:
    """The same pages saved as plain-text scrapes."""
    folder = data / "aeb-text"
    return copy_files(folder.glob("*.txt"), folder, out)


def htmldate(data: Path, out: Path) -> list[Item]:
    """The htmldate pages, gzipped HTML; id = the file name, as the gold's `file` gives it."""
    folder = data / "htmldate" / "html"
    return copy_files(folder.glob("*.gz"), folder, out, id_of=lambda path: path.name)


def t17_topics(data: Path) -> list[str]:
    """The Timeline17 topics present (`bpoil_bbc`, ...)."""
    return sorted(p.parent.name for p in (data / "t17").glob("*/articles.json.gz"))


def t17(
    data: Path,
    out: Path,
    topics: Iterable[str] | None = None,
    keep: Callable[[str, dict], bool] | None = None,
) -> list[Item]:
    """One `<topic>.jsonl` per Timeline17 topic: the PTB-tokenised text as it is, `published`
    from the article's dct; id = `<topic>/<uid>`.  `keep(topic, article)` selects articles
    (the timeline protocol keeps those published within the gold timeline's range)."""
    items = []
    for topic in topics or t17_topics(data):
        with gzip.open(data / "t17" / topic / "articles.json.gz", "rt", encoding="utf-8") as f:
            articles = [a for a in json.load(f) if keep is None or keep(topic, a)]
        records = ((f"{topic}/{a['uid']}", _dated(a["text"], a["dct"])) for a in articles)
        items += write_jsonl(out, f"{topic}.jsonl", records)
    return items


def ecbplus(data: Path, out: Path) -> list[Item]:
    """One `<topic>.jsonl` per ECB+ topic, a document's sentences one per line, no date (ECB+
    has none); id = the file stem (`1_10ecbplus`)."""
    by_topic: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for path in sorted((data / "ecbplus").glob("*/*.xml")):
        sentences, _ = read_cat(path)
        by_topic[path.parent.name].append((path.stem, _dated("\n".join(sentences), None)))
    items = []
    for topic in sorted(by_topic, key=lambda t: (len(t), t)):
        items += write_jsonl(out, f"{topic}.jsonl", by_topic[topic])
    return items


def _cat_dated(folder: Path, out: Path, name: str) -> list[Item]:
    """CAT XML documents with a creation time as one JSON Lines file; id = the file stem."""
    records = []
    for path in sorted(folder.glob("*.xml")):
        sentences, dct = read_cat(path)
        records.append((path.stem, _dated("\n".join(sentences), dct)))
    return write_jsonl(out, name, records)


def meantime(data: Path, out: Path) -> list[Item]:
    """MEANTIME's Apple Wikinews articles (title, date line, body) with their DCT."""
    return _cat_dated(data / "meantime" / "apple", out, "meantime-apple.jsonl")


def semeval2015(data: Path, out: Path) -> list[Item]:
    """SemEval-2015 Task 4 trial documents with their DCT."""
    return _cat_dated(data / "semeval2015" / "Corpus-trial-data_task4", out, "semeval2015.jsonl")


def tbaq(data: Path, out: Path) -> list[Item]:
    """TimeBank and AQUAINT (and the repeated testpipeline file): the text with the creation
    time as `published`, one JSON Lines file per subfolder; id = the path below `tbaq/`."""
    root = data / "timeml" / "tbaq"
    by_folder: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for path in sorted(root.rglob("*.tml")):
        text, dct = read_tml(path)
        relative = path.relative_to(root)
        by_folder[relative.parent.name or "tbaq"].append((relative.as_posix(), _dated(text, dct)))
    items = []
    for folder, records in sorted(by_folder.items()):
        items += write_jsonl(out, f"{folder}.jsonl", records)
    return items


def wikinews(data: Path, out: Path) -> list[Item]:
    """The Wikinews stories as their plain-text files, one folder per story (the manifest and
    licence stay behind: they are not articles)."""
    folder = data / "wikinews"
    return copy_files(folder.glob("*/*.txt"), folder, out)


def plover(data: Path, out: Path) -> list[Item]:
    """The PLOVER gold records, one JSON line each with the sentence and its date."""
    records = json.loads((data / "plover" / "gsr-dev.json").read_text(encoding="utf-8"))
    return write_jsonl(
        out, "plover-gsr-dev.jsonl", ((r["id"], _dated(r["text"], r.get("date"))) for r in records)
    )


def seeds(data: Path, out: Path) -> list[Item]:
    """The four raw text scrapes beside the data folder (`../seeds/`), as they are."""
    folder = data.parent / "seeds"
    return copy_files(folder.glob("*.txt"), folder, out)


def converters(data: Path) -> dict[str, Converter]:
    """Every corpus the data folder holds, by name, each a function of the output folder.
    Timeline17 gives one corpus per topic (`t17-bpoil_bbc`, ...)."""
    fixed = {
        "aeb-html": aeb_html, "aeb-text": aeb_text, "htmldate": htmldate, "ecbplus": ecbplus,
        "tbaq": tbaq, "meantime": meantime, "semeval2015": semeval2015, "wikinews": wikinews,
        "plover": plover, "seeds": seeds,
    }  # fmt: skip
    found: dict[str, Converter] = {
        name: functools.partial(convert, data) for name, convert in fixed.items()
    }
    for topic in t17_topics(data):
        found[f"t17-{topic}"] = functools.partial(t17, data, topics=[topic])
    return found
