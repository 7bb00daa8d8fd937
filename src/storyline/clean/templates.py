"""Publisher templates: boilerplate learned across a corpus of plain-text scrapes.

A line, or a sentence glued inside a line, that recurs across *different* articles is boilerplate
(donation appeals, comment widgets, newsletter prompts).  Units are kept as 64-bit fingerprints of
their normalised text, never as strings, and learning is two linear passes over the corpus.

Guards against false positives (documented because they decide what survives):

* **Syndicated copies.**  Pages that share most of their prose lines are grouped into one cluster
  (a containment test over fingerprints of their long prose lines).  Support is counted in
  clusters, not pages, so two copies of one story never make each other's body boilerplate.
* **Shared quotations.**  A prose sentence (four or more words and terminal punctuation) recurring in
  only a few clusters is boilerplate only where it sits inside a *block* of at least three
  consecutive recurring lines in two clusters: appeals and footers come in blocks, while a quote
  that two articles of one story both carry is an isolated line between different paragraphs.
  Short, non-sentence units (widgets, labels) need only two clusters.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from storyline.lexicon.time_words import MONTH_NAMES, WEEKDAYS
from storyline.textkit import sentence_spans
from storyline.unionfind import UnionFind

from .dateline import parse_dateline

__all__ = [
    "PageReading",
    "Templates",
    "fingerprint",
    "learn_from_readings",
    "learn_templates",
    "normalize",
    "read_page",
    "split_sentences",
    "units_of_line",
]

_FORMAT = 1
MIN_CLUSTERS = 2  # a short unit is boilerplate once two unrelated pages carry it
PROSE_CLUSTERS = 5  # a prose sentence needs this many clusters outside blocks
BLOCK_RUN = 3  # consecutive recurring lines that make a block
PROSE_WORDS = 4  # a sentence of this many words with terminal punctuation is prose
DUP_CONTAINMENT = 0.6  # share of the smaller page's prose lines that makes two pages copies
DUP_MAX_DF = 20  # lines on more pages than this are furniture, not evidence of copying

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")


def normalize(text: str) -> str:
    """The comparable form of a unit: NFKC, lower case, words only, single spaces."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(_WORD.findall(text))


def fingerprint(text: str) -> int:
    """A 64-bit fingerprint of a unit's normalised text (0 for a unit with no words)."""
    norm = normalize(text)
    if not norm:
        return 0
    return int.from_bytes(hashlib.blake2b(norm.encode(), digest_size=8).digest(), "big")


def split_sentences(line: str) -> list[str]:
    """Sentences of one line, including sentences glued without a space ("end.Start")."""
    return [line[a:b].strip() for a, b in sentence_spans(line)] or [line.strip()]


def units_of_line(line: str) -> list[str]:
    """The line itself, plus its sentences when it has more than one."""
    sentences = split_sentences(line)
    return [line] + sentences if len(sentences) > 1 else [line]


def is_prose(text: str) -> bool:
    """A real sentence: enough words and terminal punctuation."""
    return len(_WORD.findall(text)) >= PROSE_WORDS and bool(_TERMINAL.search(text.strip()))


@dataclass(frozen=True)
class Templates:
    """Boilerplate fingerprints learned from a corpus, plus publisher names seen in them.

    `names` maps a candidate publisher name ("The Independent") to how often learned boilerplate
    mentions it (distinct pairs of page cluster and boilerplate line).  Frozen and made of plain
    values, so it pickles for any engine.
    """

    boilerplate: frozenset[int] = frozenset()
    names: tuple[tuple[str, int], ...] = ()
    pages: int = 0

    @classmethod
    def empty(cls) -> Templates:
        return cls()

    @property
    def signature(self) -> str:
        """Changes whenever the learned boilerplate (or the format) changes."""
        digest = hashlib.sha256(f"v{_FORMAT}".encode())
        for fp in sorted(self.boilerplate):
            digest.update(fp.to_bytes(8, "big"))
        for name, count in self.names:
            digest.update(f"\0{name}\0{count}".encode())
        return digest.hexdigest()[:16]

    def is_boilerplate(self, text: str) -> bool:
        fp = fingerprint(text)
        return fp != 0 and fp in self.boilerplate

    def name_support(self, name: str) -> int:
        return dict(self.names).get(name, 0)

    def __len__(self) -> int:
        return len(self.boilerplate)

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": _FORMAT,
                "pages": self.pages,
                "boilerplate": [f"{fp:016x}" for fp in sorted(self.boilerplate)],
                "names": [list(item) for item in self.names],
            }
        )

    @classmethod
    def from_json(cls, body: str) -> Templates:
        data = json.loads(body)
        if data.get("format") != _FORMAT:
            raise ValueError(f"unknown templates format {data.get('format')!r}")
        return cls(
            boilerplate=frozenset(int(fp, 16) for fp in data["boilerplate"]),
            names=tuple((str(name), int(count)) for name, count in data["names"]),
            pages=int(data.get("pages", 0)),
        )


@dataclass
class PageReading:
    """A text page as learning needs it: fingerprints, not strings.  Reading is the costly,
    per-page part of learning, so a store keeps each page's reading and a build that adds pages
    reads only the new ones (`to_bytes`/`from_bytes`)."""

    positions: list[list[tuple[int, bool]]]  # per non-empty line: (fingerprint, is prose)
    prose: set[int]  # long prose lines, for the syndication test
    names: dict[int, tuple[str, ...]]  # line index -> publisher-name candidates in the line

    def to_bytes(self) -> bytes:
        data = {"positions": self.positions, "prose": sorted(self.prose), "names": self.names}
        return zlib.compress(json.dumps(data, separators=(",", ":")).encode())

    @classmethod
    def from_bytes(cls, blob: bytes) -> PageReading:
        data = json.loads(zlib.decompress(blob))
        return cls(
            [[(fp, prose) for fp, prose in units] for units in data["positions"]],
            set(data["prose"]),
            {int(i): tuple(names) for i, names in data["names"].items()},
        )


def read_page(text: str) -> PageReading:
    """One page's lines as fingerprints, with the publisher-name candidates of each line."""
    positions, prose, names = [], set(), {}
    for raw in text.splitlines():
        line = _SPACE.sub(" ", raw.replace("\u00a0", " ")).strip()
        if not _WORD.search(line):
            continue
        if len(line) <= 80 and parse_dateline(line):
            positions.append([(0, False)])  # a dateline shared by same-day pages is no template
            continue
        units = [(fingerprint(u), is_prose(u)) for u in units_of_line(line)]
        if units[0][1] and len(_WORD.findall(line)) >= 12:
            prose.add(units[0][0])
        candidates = tuple(dict.fromkeys(name_candidates(line)))  # in text order, not hash order
        if candidates:
            names[len(positions)] = candidates
        positions.append(units)
    return PageReading(positions, prose, names)


def _clusters(pages: list[PageReading]) -> list[int]:
    """Union pages that share most of their long prose lines (syndicated or duplicate copies)."""
    sets = UnionFind(range(len(pages)))
    holders: dict[int, list[int]] = defaultdict(list)
    for i, page in enumerate(pages):
        for fp in page.prose:
            holders[fp].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for docs in holders.values():
        if 1 < len(docs) <= DUP_MAX_DF:
            for a_i, a in enumerate(docs):
                for b in docs[a_i + 1 :]:
                    shared[(a, b)] += 1
    for (a, b), count in shared.items():
        if _copies(pages[a], pages[b], count):
            sets.union(a, b)
    # Lines on many pages are no evidence above; copies made many times over are caught by
    # min-hash buckets instead, each page checked against its bucket's first page (linear).
    for salt in _SALTS:
        leaders: dict[int, int] = {}
        for i, page in enumerate(pages):
            if not page.prose:
                continue
            key = min(fp ^ salt for fp in page.prose)
            leader = leaders.setdefault(key, i)
            if leader != i and _copies(pages[leader], page):
                sets.union(i, leader)
    return [sets.find(i) for i in range(len(pages))]


_SALTS = (0, 0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5)


def _copies(a: PageReading, b: PageReading, shared: int | None = None) -> bool:
    """Two pages are copies when they share most of the smaller one's long prose lines."""
    if shared is None:
        shared = len(a.prose & b.prose)
    return shared >= 2 and shared >= DUP_CONTAINMENT * min(len(a.prose), len(b.prose))


_NAME = re.compile(r"\b(?:The\s+)?(?:[A-Z][\w&'’-]*\s+){0,2}[A-Z][\w&'’-]*")


def name_candidates(text: str) -> list[str]:
    """Capitalised phrases that could name a publisher ("The Independent", "SlashGear")."""
    found = []
    for match in _NAME.finditer(text):
        name = match.group(0).strip()
        head = name.split()[-1]
        if len(head) < 3 or head.isupper() and len(head) > 5:
            continue
        if name.split()[0] in _NOT_NAMES:
            continue
        found.append(name)
    return found


_NOT_NAMES = {
    "Your", "Our", "We", "You", "Join", "Sign", "Please", "Click", "Thank", "Start", "Stay",
    "From", "At", "And", "Whether", "If", "This", "These", "It", "Share", "Follow", "Comments",
    "Notifications", "Subscribe", "Read", "Log", "Register", "Get", "See", "Have",
    "Updated", "Published", "Posted", *MONTH_NAMES, *(day.capitalize() for day in WEEKDAYS),
}  # fmt: skip


def learn_templates(texts: Iterable[str]) -> Templates:
    """Learn boilerplate fingerprints across a corpus of raw text scrapes (two linear passes)."""
    return learn_from_readings(read_page(text) for text in texts)


def learn_from_readings(readings: Iterable[PageReading]) -> Templates:
    """Learn boilerplate from pages already read (in corpus order).  A line's publisher names
    are those of its second occurrence, the first that shows it recurs."""
    seen: set[int] = set()
    names_of: dict[int, tuple[str, ...]] = {}
    pages = []
    for page in readings:
        for i, units in enumerate(page.positions):
            fp = units[0][0]
            if fp in seen:
                names_of.setdefault(fp, page.names.get(i, ()))
            elif fp:
                seen.add(fp)
        pages.append(page)
    del seen
    if not pages:
        return Templates.empty()
    cluster_of = _clusters(pages)

    support: dict[int, set[int]] = defaultdict(set)
    for i, page in enumerate(pages):
        for units in page.positions:
            for fp, _ in units:
                if fp:
                    support[fp].add(cluster_of[i])

    block_support: dict[int, set[int]] = defaultdict(set)
    for i, page in enumerate(pages):
        recurring = [any(len(support[fp]) >= MIN_CLUSTERS for fp, _ in u) for u in page.positions]
        run_start = 0
        for j in range(len(recurring) + 1):
            if j < len(recurring) and recurring[j]:
                continue
            if j - run_start >= BLOCK_RUN:
                for units in page.positions[run_start:j]:
                    for fp, _ in units:
                        block_support[fp].add(cluster_of[i])
            run_start = j + 1

    prose_units: set[int] = set()
    for page in pages:
        for units in page.positions:
            prose_units.update(fp for fp, prose in units if prose)

    boilerplate = set()
    for fp, clusters in support.items():
        if len(clusters) < MIN_CLUSTERS:
            continue
        if (
            fp not in prose_units
            or len(block_support.get(fp, ())) >= MIN_CLUSTERS
            or len(clusters) >= PROSE_CLUSTERS
        ):
            boilerplate.add(fp)

    names: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for i, page in enumerate(pages):
        for units in page.positions:
            fp = units[0][0]
            if fp in boilerplate:
                for name in names_of.get(fp, ()):
                    names[name].add((cluster_of[i], fp))
    ranked = sorted(
        (
            (name, len(pairs))
            for name, pairs in names.items()
            if len({cluster for cluster, _ in pairs}) >= MIN_CLUSTERS
        ),
        key=lambda item: (-item[1], item[0]),
    )
    return Templates(frozenset(boilerplate), tuple(ranked[:200]), len(pages))
