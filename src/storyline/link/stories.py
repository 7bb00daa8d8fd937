"""Story clustering: articles about one developing real-world story, grouped incrementally.

`StoryClusterer` is single-pass online clustering with a final merge pass:

- an article is a bag of lower-cased word unigrams and bigrams (stop words dropped, the title
  counted twice), weighted 1+log(tf) times the corpus IDF at comparison time, plus a bag of
  entity ids (1+log(count), times an entity IDF: "United States" says less than "Litvinenko");
- a story keeps the sum of its articles' bags (the text centroid truncated to its
  `centroid_terms` heaviest terms) and the time span of its dated articles;
- similarity(article, story) = (w_text * cos(text) + w_entities * cos(entities)) * time factor,
  where the time factor is `time_floor + (1 - time_floor) * exp(-gap / time_scale_days)` and the
  gap is the days between the article's date and the story's span (0 inside it; 1 when either
  side is undated: undated articles rely on text and entities).  Without entities on either
  side the text cosine carries the whole weight;
- candidates come from an inverted index over each story's top terms and its entities (postings
  longer than `max_postings` are ignored as uninformative), the best `max_candidates` by shared
  keys: an article is never compared with every story;
- the article joins the best candidate at or above `threshold`, else starts a new story;
- after a batch, every story created by it is compared (centroid to centroid, through the
  same index) with the others and merged into an older one at or above `merge_threshold`.

Stability: a story's id is `st-` + sha1(its first article id)[:12] and never changes: a batch
only adds articles to existing stories, and the merge pass folds a new story into an older one,
never the reverse.  `dumps()`/`loads()` persist everything needed to continue (document
frequencies, centroids, per-article top terms and dates, entity names) as compressed JSON bytes,
to keep in a SQLite BLOB.

Entity names: pass `names={entity_id: display name}` to `add` (kept in the state); a story's
`entities` are its five most frequent entity ids shown by name (the id when no name is known).
A story's `title` is the title of its most central article (highest cosine to the centroid);
`first`/`last` are its earliest and latest article dates.

`cluster_stories(articles, state=None, names=None)` is the functional form:
`(stories, new_state)`.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date

from storyline.lexicon.stopwords import TOPIC_STOPWORDS as _STOP
from storyline.records import FuzzyDate, Story

__all__ = ["StoryClusterer", "StoryInput", "StorySettings", "cluster_stories", "tokens"]

STATE_VERSION = 1

_WORD = re.compile(r"[a-z][a-z0-9]*(?:['’-][a-z0-9]+)*")


def tokens(text: str) -> list[str]:
    """Lower-cased unigrams (no stop words, at least two letters) and adjacent bigrams."""
    words = [w.replace("’", "'") for w in _WORD.findall(text.lower())]
    out: list[str] = []
    prev: str | None = None
    for w in words:
        if w in _STOP or len(w) < 2:
            prev = None
            continue
        out.append(w)
        if prev is not None:
            out.append(prev + " " + w)
        prev = w
    return out


@dataclass(frozen=True)
class StoryInput:
    """One article as story clustering sees it.  `entities` are entity ids, repeated once per
    mention (counts weigh them)."""

    article_id: str
    title: str
    text: str
    entities: tuple[str, ...] = ()
    published: FuzzyDate | None = None


@dataclass(frozen=True)
class StorySettings:
    """Weights and thresholds (see the module docstring); tuned on ECB+ and the Wikinews demo."""

    threshold: float = 0.1
    merge_threshold: float = 0.2
    w_text: float = 0.6
    w_entities: float = 0.6
    time_scale_days: float = 180.0
    time_floor: float = 0.6
    article_terms: int = 80
    centroid_terms: int = 300
    index_terms: int = 25
    query_terms: int = 15
    max_postings: int = 2000
    max_candidates: int = 50


# -- dates as JSON ------------------------------------------------------------------------------
def _date_out(d: FuzzyDate | None) -> list | None:
    return [d.earliest.isoformat(), d.latest.isoformat(), d.granularity] if d else None


def _date_in(v: list | None) -> FuzzyDate | None:
    if not v:
        return None
    return FuzzyDate(date.fromisoformat(v[0]), date.fromisoformat(v[1]), v[2])


@dataclass
class _Story:
    id: str
    seq: int
    articles: list[str]
    text: dict[str, float]
    ents: dict[str, float]
    lo: date | None = None
    hi: date | None = None
    alive: bool = True
    keys: set[str] = field(default_factory=set)

    def to_json(self) -> dict:
        return {
            "id": self.id, "seq": self.seq, "articles": self.articles, "text": self.text,
            "ents": self.ents, "lo": self.lo.isoformat() if self.lo else None,
            "hi": self.hi.isoformat() if self.hi else None, "alive": self.alive,
        }  # fmt: skip

    @classmethod
    def from_json(cls, v: dict) -> _Story:
        return cls(
            v["id"], v["seq"], v["articles"], v["text"], v["ents"],
            date.fromisoformat(v["lo"]) if v["lo"] else None,
            date.fromisoformat(v["hi"]) if v["hi"] else None, v["alive"],
        )  # fmt: skip


@dataclass
class _Doc:
    title: str
    published: FuzzyDate | None
    text: dict[str, float]  # 1+log(tf) of its top terms
    ents: dict[str, float]
    story: str


class StoryClusterer:
    """Incremental story clustering: `add` batches, read `stories()`, persist with `dumps()`."""

    def __init__(self, settings: StorySettings | None = None) -> None:
        self.settings = settings or StorySettings()
        self.n_docs = 0
        self.df: Counter[str] = Counter()
        self.n_ent_docs = 0
        self.edf: Counter[str] = Counter()
        self.names: dict[str, str] = {}
        self.docs: dict[str, _Doc] = {}
        self._stories: dict[str, _Story] = {}
        self.merged: dict[str, str] = {}  # retired (same-batch) story id → the story it joined
        self._index: dict[str, set[str]] = defaultdict(set)
        self._seq = 0
        self._weights: dict[str, tuple[dict[str, float], dict[str, float]]] = {}

    # -- persistence ---------------------------------------------------------------------------
    def dumps(self) -> bytes:
        state = {
            "version": STATE_VERSION, "settings": asdict(self.settings), "n_docs": self.n_docs,
            "df": self.df, "n_ent_docs": self.n_ent_docs, "edf": self.edf, "names": self.names,
            "docs": {k: [d.title, _date_out(d.published), d.text, d.ents, d.story]
                     for k, d in self.docs.items()},
            "stories": [s.to_json() for s in self._stories.values()], "merged": self.merged,
            "seq": self._seq,
        }  # fmt: skip
        return zlib.compress(json.dumps(state, separators=(",", ":")).encode("utf-8"), 6)

    @classmethod
    def loads(cls, data: bytes, settings: StorySettings | None = None) -> StoryClusterer:
        state = json.loads(zlib.decompress(data).decode("utf-8"))
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"unsupported story state version {state.get('version')!r}")
        self = cls(settings or StorySettings(**state["settings"]))
        self.n_docs, self.df = state["n_docs"], Counter(state["df"])
        self.n_ent_docs, self.edf = state["n_ent_docs"], Counter(state["edf"])
        self.names = state["names"]
        self.docs = {
            k: _Doc(v[0], _date_in(v[1]), v[2], v[3], v[4]) for k, v in state["docs"].items()
        }
        for v in state["stories"]:
            s = _Story.from_json(v)
            self._stories[s.id] = s
            if s.alive:
                self._reindex(s)
        self.merged, self._seq = state["merged"], state["seq"]
        return self

    # -- weights -------------------------------------------------------------------------------
    def _idf(self, term: str) -> float:
        return math.log((1 + self.n_docs) / (1 + self.df.get(term, 0))) + 1.0

    def _eidf(self, ent: str) -> float:
        return math.log((1 + self.n_ent_docs) / (1 + self.edf.get(ent, 0))) + 1.0

    def _weighted(self, bag: Mapping[str, float], ents: bool = False) -> dict[str, float]:
        idf = self._eidf if ents else self._idf
        return {k: v * idf(k) for k, v in bag.items()}

    @staticmethod
    def _cos(a: Mapping[str, float], b: Mapping[str, float]) -> float:
        if not a or not b:
            return 0.0
        if len(a) > len(b):
            a, b = b, a
        dot = sum(v * b.get(k, 0.0) for k, v in a.items())
        if dot <= 0:
            return 0.0
        na = math.sqrt(sum(v * v for v in a.values()))
        nb = math.sqrt(sum(v * v for v in b.values()))
        return dot / (na * nb)

    def _time_factor(self, d: FuzzyDate | None, lo: date | None, hi: date | None) -> float:
        if d is None or lo is None or hi is None:
            return 1.0
        gap = max((d.earliest - hi).days, (lo - d.latest).days, 0)
        s = self.settings
        return s.time_floor + (1 - s.time_floor) * math.exp(-gap / s.time_scale_days)

    def _story_weights(self, story: _Story) -> tuple[dict[str, float], dict[str, float]]:
        """A story's weighted centroid and entities, kept until the story or the document
        frequencies change: every article of a batch is compared with the same few stories."""
        found = self._weights.get(story.id)
        if found is None:
            found = (self._weighted(story.text), self._weighted(story.ents, ents=True))
            self._weights[story.id] = found
        return found

    def _similarity(self, text_w, ents_w, d, story: _Story) -> float:
        s = self.settings
        story_text_w, story_ents_w = self._story_weights(story)
        t = self._cos(text_w, story_text_w)
        if ents_w and story.ents:
            e = self._cos(ents_w, story_ents_w)
            sim = s.w_text * t + s.w_entities * e
        else:
            sim = t
        return sim * self._time_factor(d, story.lo, story.hi)

    # -- the index -----------------------------------------------------------------------------
    def _story_keys(self, story: _Story) -> set[str]:
        w = self._story_weights(story)[0]
        top = sorted(w, key=lambda k: (-w[k], k))[: self.settings.index_terms]
        return {"t:" + k for k in top} | {"e:" + k for k in story.ents}

    def _reindex(self, story: _Story) -> None:
        keys = self._story_keys(story) if story.alive else set()
        for k in story.keys - keys:
            self._index[k].discard(story.id)
        for k in keys - story.keys:
            self._index[k].add(story.id)
        story.keys = keys

    def _candidates(self, text_w: dict[str, float], ents: Iterable[str], skip: str = "") -> list:
        s = self.settings
        top = sorted(text_w, key=lambda k: (-text_w[k], k))[: s.query_terms]
        hits: Counter[str] = Counter()
        for key in [f"t:{k}" for k in top] + [f"e:{e}" for e in ents]:
            posting = self._index.get(key)
            if posting and len(posting) <= s.max_postings:
                hits.update(posting)
        hits.pop(skip, None)
        best = sorted(hits, key=lambda sid: (-hits[sid], self._stories[sid].seq))
        return [self._stories[sid] for sid in best[: s.max_candidates]]

    # -- adding articles -----------------------------------------------------------------------
    def add(self, articles: Iterable[StoryInput], names: Mapping[str, str] | None = None) -> None:
        """Cluster a batch; existing stories keep their ids and only gain articles."""
        batch = [a for a in articles if a.article_id not in self.docs]
        batch = list({a.article_id: a for a in batch}.values())
        if names:
            self.names.update(names)
        bags = {}
        for a in batch:  # document frequencies first, so the batch's own terms are weighed
            text = Counter(tokens(a.title) * 2 + tokens(a.text))
            ents = Counter(a.entities)
            bags[a.article_id] = (text, ents)
            self.n_docs += 1
            self.df.update(text.keys())
            if ents:
                self.n_ent_docs += 1
                self.edf.update(ents.keys())
        self._weights.clear()
        order = sorted(
            batch,
            key=lambda a: (a.published is None, a.published.earliest if a.published else None,
                           a.article_id),
        )  # fmt: skip
        created: list[str] = []
        for a in order:
            text, ents = bags[a.article_id]
            tf = {k: 1 + math.log(v) for k, v in text.items()}
            tw = self._weighted(tf)
            keep = sorted(tw, key=lambda k: (-tw[k], k))[: self.settings.article_terms]
            tf = {k: tf[k] for k in keep}
            tw = {k: tw[k] for k in keep}
            ef = {k: 1 + math.log(v) for k, v in ents.items()}
            ew = self._weighted(ef, ents=True)
            best, best_sim = None, self.settings.threshold
            for story in self._candidates(tw, ef):
                sim = self._similarity(tw, ew, a.published, story)
                if sim >= best_sim:
                    best, best_sim = story, sim
            if best is None:
                best = self._new_story(a.article_id)
                created.append(best.id)
            self.docs[a.article_id] = _Doc(a.title, a.published, tf, ef, best.id)
            self._absorb(best, [a.article_id], tf, ef, a.published)
        self._merge_new(created)

    def _new_story(self, article_id: str) -> _Story:
        sid = "st-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]
        self._seq += 1
        story = _Story(sid, self._seq, [], {}, {})
        self._stories[sid] = story
        return story

    def _absorb(self, story, articles, text, ents, published=None, lo=None, hi=None) -> None:
        story.articles.extend(articles)
        self._weights.pop(story.id, None)
        for k, v in text.items():
            story.text[k] = story.text.get(k, 0.0) + v
        for k, v in ents.items():
            story.ents[k] = story.ents.get(k, 0.0) + v
        if len(story.text) > 2 * self.settings.centroid_terms:
            top = sorted(story.text, key=lambda k: (-story.text[k], k))
            story.text = {k: story.text[k] for k in top[: self.settings.centroid_terms]}
        if published is not None:
            lo, hi = published.earliest, published.latest
        if lo is not None:
            story.lo = min(story.lo or lo, lo)
            story.hi = max(story.hi or hi, hi)
        self._reindex(story)

    def _merge_new(self, created: list[str]) -> None:
        for sid in created:
            story = self._stories[sid]
            if not story.alive:
                continue
            tw, ew = self._story_weights(story)
            best, best_sim = None, self.settings.merge_threshold
            for other in self._candidates(tw, story.ents, skip=sid):
                if other.seq > story.seq:
                    continue  # fold into an older story only
                d = None
                if story.lo is not None:
                    d = FuzzyDate(story.lo, story.hi, "day")
                sim = self._similarity(tw, ew, d, other)
                if sim >= best_sim:
                    best, best_sim = other, sim
            if best is None:
                continue
            story.alive = False
            self._reindex(story)
            self._absorb(best, story.articles, story.text, story.ents, lo=story.lo, hi=story.hi)
            for aid in story.articles:
                self.docs[aid].story = best.id
            self.merged[sid] = best.id
            del self._stories[sid]

    # -- reading -------------------------------------------------------------------------------
    def story_of(self, article_id: str) -> str | None:
        doc = self.docs.get(article_id)
        return doc.story if doc else None

    def stories(self) -> list[Story]:
        """Every story, oldest first."""
        out = []
        for story in sorted(self._stories.values(), key=lambda s: s.seq):
            if not story.alive:
                continue
            centroid = self._story_weights(story)[0]
            docs = [(aid, self.docs[aid]) for aid in story.articles]
            central = max(
                docs, key=lambda p: (self._cos(self._weighted(p[1].text), centroid), p[0])
            )
            dated = [d.published for _, d in docs if d.published is not None]
            first = min(dated, key=lambda d: (d.earliest, d.latest)) if dated else None
            last = max(dated, key=lambda d: (d.latest, d.earliest)) if dated else None
            top = sorted(story.ents, key=lambda k: (-story.ents[k], k))[:5]
            out.append(
                Story(
                    id=story.id,
                    title=central[1].title,
                    articles=tuple(story.articles),
                    first=first,
                    last=last,
                    entities=tuple(self.names.get(e, e) for e in top),
                )
            )
        return out


def cluster_stories(
    articles: Iterable[StoryInput],
    state: bytes | None = None,
    names: Mapping[str, str] | None = None,
    settings: StorySettings | None = None,
) -> tuple[list[Story], bytes]:
    """Add `articles` to the stories persisted in `state` (None: start afresh)."""
    clusterer = StoryClusterer.loads(state, settings) if state else StoryClusterer(settings)
    clusterer.add(articles, names)
    return clusterer.stories(), clusterer.dumps()
