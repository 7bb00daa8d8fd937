"""Story clustering: articles about one developing real-world story, grouped incrementally.

`StoryClusterer` clusters each batch agglomeratively (best pair first), on top of the stories of
earlier batches:

- an article is a bag of lower-cased word unigrams and bigrams (stop words dropped, the title
  counted twice), weighted 1+log(tf) times the corpus IDF at comparison time and cut to its
  `article_terms` heaviest terms, plus a bag of entity ids (1+log(count), times an entity IDF:
  "United States" says less than "Litvinenko");
- a story keeps the sum of its articles' bags (text and entities each cut to their
  `centroid_terms` heaviest);
- similarities are *locally scaled* (self-tuning, as in Zelnik-Manor and Perona's spectral
  clustering): every article keeps the cosines of its `neighbours` nearest articles, text and
  entities apart, and its scale is the last of them (at least `scale_floor`).  A story's scale
  is the mean of its articles'.  Two stories are compared by cosine / sqrt(scale * scale), so
  a tight cluster of reports of one event (where neighbours are close) must be met by close
  articles, while a loose story told over years (where they are not) still gathers its own;
- the score of joining two stories is a logistic regression over those scaled cosines and
  1/size + 1/size (a centroid of few articles is a noisier estimate), fitted by
  `eval/stories_fit.py` on the tune halves of ECB+ and of the Wikinews demo; when either side
  has no entities, a second regression, over the text alone and fitted the same way, scores;
- candidates come from an inverted index over each story's top terms and its entities (postings
  longer than `max_postings` are ignored as uninformative), the best `max_candidates` by shared
  keys: a story is never compared with every story (nor an article with every article: the
  neighbours come from the same kind of index over articles);
- a batch starts as one story per new article; the best-scoring pair of stories with a
  positive score joins, then the next, until none is left.  Two stories of earlier batches
  never join each other: a batch only adds articles to existing stories.  Joining best pair
  first is greedy, so one pass then moves each new article to the story it scores best with
  (among its `reassign_candidates` likeliest) when that beats its own story without it.

A big batch is clustered best (a build clusters its articles 1,000 at a time): articles fed
one by one are joined as they come, and two events of one kind can then share a story that a
batch holding both would have kept apart (ECB+ tune, date order: BCubed F1 0.91 in one batch,
0.82 one article at a time).

Stability: a story's id is `st-` + sha1(the article it started with)[:12] and never changes: when two
stories join, the older keeps its id (and of two new ones, the one whose first article comes
first: articles are taken by date, undated last, then id).  `dumps()`/`loads()` persist
everything needed to continue (document frequencies, centroids, per-article top terms, dates
and neighbour cosines, entity names) as compressed JSON bytes, to keep in a SQLite BLOB.  A
state of version 1 (the single-pass clusterer's) loads: its stories are kept and the
neighbours of its articles are computed once.

Entity names: pass `names={entity_id: display name}` to `add` (kept in the state); a story's
`entities` are its five most frequent entity ids shown by name (the id when no name is known).
A story's `title` is the title of its most central article (highest cosine to the centroid);
`first`/`last` are its earliest and latest article dates.

`cluster_stories(articles, state=None, names=None)` is the functional form:
`(stories, new_state)`.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date

from storyline.lexicon.stopwords import TOPIC_STOPWORDS as _STOP
from storyline.records import FuzzyDate, Story

__all__ = ["StoryClusterer", "StoryInput", "StorySettings", "cluster_stories", "tokens"]

STATE_VERSION = 2

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
    """The join score's weights and the representation (see the module docstring).

    `w_text`, `w_entities`, `w_small` and `bias` are a logistic regression fitted by
    `uv run python eval/stories_fit.py /work/shared/data` on the tune halves only (ECB+ tune
    topics and the tune half of the Wikinews demo, each corpus weighing the same): pairs of
    random groups of 1, 2, 4 or 8 articles of one gold story (joined) or of two (kept apart),
    described by `StoryClusterer.features`; `w_text_alone`, `w_small_alone` and `bias_alone`
    are the same regression over the text alone (the score when a side has no entities).  Two
    stories join when the score is positive (the fitted probability above one half).
    `neighbours` (5) was chosen on the same tune halves (2 to 8 scored alike); `scale_floor`
    (not fitted) keeps an article without near neighbours, in a tiny corpus, from making every
    faint likeness count.  `max_neighbour_candidates` and `reassign_candidates` bound the work
    per article."""

    w_text: float = 2.44
    w_entities: float = 5.1
    w_small: float = 4.02
    bias: float = -10.23
    w_text_alone: float = 5.92
    w_small_alone: float = 3.3
    bias_alone: float = -8.39
    neighbours: int = 5
    scale_floor: float = 0.05
    article_terms: int = 80
    centroid_terms: int = 300
    index_terms: int = 25
    query_terms: int = 15
    max_postings: int = 2000
    max_candidates: int = 50
    max_neighbour_candidates: int = 50
    reassign_candidates: int = 10


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

    def to_json(self) -> dict:
        return {"id": self.id, "seq": self.seq, "articles": self.articles, "text": self.text,
                "ents": self.ents}  # fmt: skip

    @classmethod
    def from_json(cls, v: dict) -> _Story:
        return cls(v["id"], v["seq"], v["articles"], v["text"], v["ents"])


@dataclass
class _Doc:
    title: str
    published: FuzzyDate | None
    text: dict[str, float]  # 1+log(tf) of its top terms
    ents: dict[str, float]
    story: str
    near_text: list[float]  # the cosines of its nearest articles, highest first
    near_ents: list[float]

    def to_json(self) -> list:
        return [self.title, _date_out(self.published), self.text, self.ents, self.story,
                self.near_text, self.near_ents]  # fmt: skip


def _unit(bag: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in bag.values()))
    return {k: v / norm for k, v in bag.items()} if norm else {}


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum([a[k] * b[k] for k in b.keys() & a.keys()])


def _top(bag: Mapping[str, float], n: int) -> list[str]:
    return sorted(bag, key=lambda k: (-bag[k], k))[:n]


def _minus(total: Mapping[str, float], part: Mapping[str, float]) -> dict[str, float]:
    left = {k: v - part.get(k, 0.0) for k, v in total.items()}
    return {k: v for k, v in left.items() if v > 1e-9}


# a story as the score sees it: unit text and entity vectors, text and entity scales, size
_View = tuple[dict[str, float], dict[str, float], float, float, int]


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
        self._index: dict[str, set[str]] = defaultdict(set)  # key → story ids
        self._keys: dict[str, set[str]] = {}  # story id → its keys in the index
        self._doc_index: dict[str, set[str]] = defaultdict(set)  # key → article ids
        self._seq = 0
        self._weights: dict[str, tuple[dict[str, float], dict[str, float]]] = {}
        self._units: dict[str, tuple[dict[str, float], dict[str, float]]] = {}
        self._scales: dict[str, tuple[float, float]] = {}
        self._idfs: dict[str, float] = {}  # until the document frequencies change
        self._eidfs: dict[str, float] = {}

    # -- persistence ---------------------------------------------------------------------------
    def dumps(self) -> bytes:
        state = {
            "version": STATE_VERSION, "settings": asdict(self.settings), "n_docs": self.n_docs,
            "df": self.df, "n_ent_docs": self.n_ent_docs, "edf": self.edf, "names": self.names,
            "docs": {k: d.to_json() for k, d in self.docs.items()},
            "stories": [s.to_json() for s in self._stories.values()], "seq": self._seq,
        }  # fmt: skip
        return zlib.compress(json.dumps(state, separators=(",", ":")).encode("utf-8"), 6)

    @classmethod
    def loads(cls, data: bytes, settings: StorySettings | None = None) -> StoryClusterer:
        """Continue from `dumps()` bytes.  A version 1 state keeps its stories and documents
        under the current settings (its own were the single-pass clusterer's) and gains the
        neighbours of its articles, computed here once."""
        state = json.loads(zlib.decompress(data).decode("utf-8"))
        version = state.get("version")
        if version not in (1, STATE_VERSION):
            raise ValueError(f"unsupported story state version {version!r}")
        if settings is None and version == STATE_VERSION:
            known = {f.name for f in fields(StorySettings)}
            settings = StorySettings(**{k: v for k, v in state["settings"].items() if k in known})
        self = cls(settings)
        self.n_docs, self.df = state["n_docs"], Counter(state["df"])
        self.n_ent_docs, self.edf = state["n_ent_docs"], Counter(state["edf"])
        self.names = state["names"]
        for k, v in state["docs"].items():
            near = (v[5], v[6]) if version == STATE_VERSION else ([], [])
            self.docs[k] = _Doc(v[0], _date_in(v[1]), v[2], v[3], v[4], *near)
        for v in state["stories"]:
            if v.get("alive", True):
                s = _Story.from_json(v)
                self._stories[s.id] = s
                self._reindex(s)
        self._seq = state["seq"]
        for aid in self.docs if version == STATE_VERSION else ():
            self._index_doc(aid)
        if version != STATE_VERSION:
            self._find_neighbours(list(self.docs))
        return self

    # -- weights -------------------------------------------------------------------------------
    def _idf(self, term: str) -> float:
        found = self._idfs.get(term)
        if found is None:
            found = math.log((1 + self.n_docs) / (1 + self.df.get(term, 0))) + 1.0
            self._idfs[term] = found
        return found

    def _eidf(self, ent: str) -> float:
        found = self._eidfs.get(ent)
        if found is None:
            found = math.log((1 + self.n_ent_docs) / (1 + self.edf.get(ent, 0))) + 1.0
            self._eidfs[ent] = found
        return found

    def _weighted(self, bag: Mapping[str, float], ents: bool = False) -> dict[str, float]:
        idf = self._eidf if ents else self._idf
        return {k: v * idf(k) for k, v in bag.items()}

    def _story_weights(self, story: _Story) -> tuple[dict[str, float], dict[str, float]]:
        """A story's weighted centroid and entities as unit vectors, kept until the story or
        the document frequencies change: a batch compares the same stories many times."""
        found = self._weights.get(story.id)
        if found is None:
            found = (_unit(self._weighted(story.text)), _unit(self._weighted(story.ents, True)))
            self._weights[story.id] = found
        return found

    def _doc_units(self, aid: str) -> tuple[dict[str, float], dict[str, float]]:
        found = self._units.get(aid)
        if found is None:
            doc = self.docs[aid]
            found = (_unit(self._weighted(doc.text)), _unit(self._weighted(doc.ents, True)))
            self._units[aid] = found
        return found

    # -- local scale ---------------------------------------------------------------------------
    def _doc_scale(self, doc: _Doc) -> tuple[float, float]:
        k, floor = self.settings.neighbours, self.settings.scale_floor
        t = doc.near_text[k - 1] if len(doc.near_text) >= k else 0.0
        e = doc.near_ents[k - 1] if len(doc.near_ents) >= k else 0.0
        return max(t, floor), max(e, floor)

    def _scale(self, story: _Story) -> tuple[float, float]:
        found = self._scales.get(story.id)
        if found is None:
            scales = [self._doc_scale(self.docs[aid]) for aid in story.articles]
            found = (
                sum(s[0] for s in scales) / len(scales),
                sum(s[1] for s in scales) / len(scales),
            )
            self._scales[story.id] = found
        return found

    def _doc_keys(self, aid: str, n: int) -> list[str]:
        text_w = self._doc_units(aid)[0]
        return [f"t:{k}" for k in _top(text_w, n)] + [f"e:{e}" for e in self.docs[aid].ents]

    def _index_doc(self, aid: str) -> None:
        for key in self._doc_keys(aid, self.settings.index_terms):
            self._doc_index[key].add(aid)

    def _find_neighbours(self, article_ids: list[str]) -> None:
        """Each article's nearest articles among those indexed before it (then it is indexed):
        both sides of every pair keep the cosines, so earlier articles learn of later ones."""
        s = self.settings
        for aid in article_ids:
            hits: Counter[str] = Counter()
            for key in self._doc_keys(aid, s.query_terms):
                posting = self._doc_index.get(key)
                if posting and len(posting) <= s.max_postings:
                    hits.update(posting)
            hits.pop(aid, None)
            best = sorted(hits, key=lambda o: (-hits[o], o))[: s.max_neighbour_candidates]
            text_u, ents_u = self._doc_units(aid)
            doc = self.docs[aid]
            for other in best:
                other_text, other_ents = self._doc_units(other)
                t, e = _dot(text_u, other_text), _dot(ents_u, other_ents)
                for d, sims in ((doc, (t, e)), (self.docs[other], (t, e))):
                    self._keep_near(d.near_text, sims[0])
                    self._keep_near(d.near_ents, sims[1])
                self._scales.pop(self.docs[other].story, None)
            self._index_doc(aid)

    def _keep_near(self, near: list[float], sim: float) -> None:
        if sim <= 0:
            return
        k = self.settings.neighbours
        if len(near) < k or sim > near[-1]:
            near.append(round(sim, 4))
            near.sort(reverse=True)
            del near[k:]

    # -- the score -----------------------------------------------------------------------------
    def _view(self, story: _Story) -> _View:
        return (*self._story_weights(story), *self._scale(story), len(story.articles))

    def _doc_view(self, aid: str) -> _View:
        return (*self._doc_units(aid), *self._doc_scale(self.docs[aid]), 1)

    def _view_without(self, story: _Story, aid: str) -> _View | None:
        """The story as it would be without one of its articles (None: nothing left)."""
        n = len(story.articles)
        if n == 1:
            return None
        doc = self.docs[aid]
        text, ents = _minus(story.text, doc.text), _minus(story.ents, doc.ents)
        (st, se), (dt, de) = self._scale(story), self._doc_scale(doc)
        return (_unit(self._weighted(text)), _unit(self._weighted(ents, True)),
                (n * st - dt) / (n - 1), (n * se - de) / (n - 1), n - 1)  # fmt: skip

    @staticmethod
    def _features(a: _View, b: _View) -> tuple[float, float | None, float]:
        """(scaled text cosine, scaled entity cosine, 1/size + 1/size) of two stories; the
        entity cosine is None when either side has no entities."""
        text_a, ents_a, st_a, se_a, n_a = a
        text_b, ents_b, st_b, se_b, n_b = b
        t = _dot(text_a, text_b) / math.sqrt(st_a * st_b)
        e = _dot(ents_a, ents_b) / math.sqrt(se_a * se_b) if ents_a and ents_b else None
        return t, e, 1 / n_a + 1 / n_b

    def _score(self, a: _View, b: _View) -> float:
        s = self.settings
        t, e, small = self._features(a, b)
        if e is None:  # the text alone, weighed as the regression over the text alone
            return s.w_text_alone * t + s.w_small_alone * small + s.bias_alone
        return s.w_text * t + s.w_entities * e + s.w_small * small + s.bias

    def features(
        self, first: Iterable[str], second: Iterable[str]
    ) -> tuple[float, float | None, float]:
        """The score's features for two groups of added articles, as if each were a story (for
        fitting the weights: `eval/stories_fit.py`)."""
        views = []
        for sid, ids in (("group:a", first), ("group:b", second)):
            group = _Story(sid, 0, [], {}, {})
            for aid in ids:
                doc = self.docs[aid]
                self._sum_into(group, [aid], doc.text, doc.ents)
            views.append(self._view(group))
            self._weights.pop(sid, None)
            self._scales.pop(sid, None)
        return self._features(*views)

    # -- the story index -----------------------------------------------------------------------
    def _reindex(self, story: _Story, alive: bool = True) -> None:
        keys: set[str] = set()
        if alive:
            text_w = self._story_weights(story)[0]
            keys = {"t:" + k for k in _top(text_w, self.settings.index_terms)}
            keys |= {"e:" + k for k in story.ents}
        old = self._keys.get(story.id, set())
        for k in old - keys:
            self._index[k].discard(story.id)
        for k in keys - old:
            self._index[k].add(story.id)
        if alive:
            self._keys[story.id] = keys
        else:
            self._keys.pop(story.id, None)

    def _candidates(self, text_w: Mapping[str, float], ents: Iterable[str], skip: str) -> list:
        s = self.settings
        hits: Counter[str] = Counter()
        keys = [f"t:{k}" for k in _top(text_w, s.query_terms)] + [f"e:{e}" for e in ents]
        for key in keys:
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
        if not batch:
            return
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
        for cache in (self._weights, self._units, self._scales, self._idfs, self._eidfs):
            cache.clear()
        order = sorted(
            batch,
            key=lambda a: (a.published is None, a.published.earliest if a.published else None,
                           a.article_id),
        )  # fmt: skip
        new: list[_Story] = []
        for a in order:
            text, ents = bags[a.article_id]
            tf = {k: 1 + math.log(v) for k, v in text.items()}
            tw = self._weighted(tf)
            tf = {k: tf[k] for k in _top(tw, self.settings.article_terms)}
            ef = {k: 1 + math.log(v) for k, v in ents.items()}
            story = self._new_story(a.article_id)
            self.docs[a.article_id] = _Doc(a.title, a.published, tf, ef, story.id, [], [])
            self._sum_into(story, [a.article_id], tf, ef)
            new.append(story)
        self._find_neighbours([a.article_id for a in order])
        for story in new:
            self._reindex(story)
        self._agglomerate(new, first_new=new[0].seq)
        self._reassign([a.article_id for a in order])

    def _new_story(self, article_id: str) -> _Story:
        sid = "st-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]
        self._seq += 1
        story = _Story(sid, self._seq, [], {}, {})
        self._stories[sid] = story
        return story

    def _sum_into(self, story: _Story, articles: list[str], text, ents) -> None:
        story.articles.extend(articles)
        self._weights.pop(story.id, None)
        self._scales.pop(story.id, None)
        for k, v in text.items():
            story.text[k] = story.text.get(k, 0.0) + v
        for k, v in ents.items():
            story.ents[k] = story.ents.get(k, 0.0) + v
        n = self.settings.centroid_terms
        if len(story.text) > 2 * n:
            story.text = {k: story.text[k] for k in _top(story.text, n)}
        if len(story.ents) > 2 * n:
            story.ents = {k: story.ents[k] for k in _top(story.ents, n)}

    def _agglomerate(self, new: list[_Story], first_new: int) -> None:
        """Join the best-scoring pair of stories while a score is positive; two stories older
        than the batch (seq < first_new) never join."""
        version: Counter[str] = Counter()
        heap: list[tuple[float, int, int, str, str, int, int]] = []

        def push(story: _Story) -> None:
            view = self._view(story)
            for other in self._candidates(view[0], story.ents, story.id):
                if story.seq < first_new and other.seq < first_new:
                    continue
                score = self._score(view, self._view(other))
                if score > 0:
                    older, newer = sorted((story, other), key=lambda s: s.seq)
                    heapq.heappush(heap, (-score, older.seq, newer.seq, older.id, newer.id,
                                          version[older.id], version[newer.id]))  # fmt: skip

        for story in new:
            push(story)
        while heap:
            _, _, _, keep, gone, v_keep, v_gone = heapq.heappop(heap)
            if keep not in self._stories or gone not in self._stories:
                continue
            if version[keep] != v_keep or version[gone] != v_gone:
                continue
            target, source = self._stories[keep], self._stories.pop(gone)
            self._reindex(source, alive=False)
            self._weights.pop(gone, None)
            self._scales.pop(gone, None)
            self._sum_into(target, source.articles, source.text, source.ents)
            for aid in source.articles:
                self.docs[aid].story = target.id
            version[keep] += 1
            self._reindex(target)
            push(target)

    def _reassign(self, article_ids: list[str]) -> None:
        """One pass over the batch's articles: each moves to the story it scores best with when
        that beats its own story without it.  Joining best pair first is greedy: an article
        can join a story before the one it belongs with has gathered."""
        s = self.settings
        for aid in article_ids:
            doc, view = self.docs[aid], self._doc_view(aid)
            own = self._stories[doc.story]
            rest = self._view_without(own, aid)
            best, best_score = None, self._score(view, rest) if rest else 0.0
            for other in self._candidates(view[0], doc.ents, own.id)[: s.reassign_candidates]:
                score = self._score(view, self._view(other))
                if score > max(best_score, 0.0):
                    best, best_score = other, score
            if best is None:
                continue
            own.articles.remove(aid)
            own.text, own.ents = _minus(own.text, doc.text), _minus(own.ents, doc.ents)
            self._weights.pop(own.id, None)
            self._scales.pop(own.id, None)
            if own.articles:
                self._reindex(own)
            else:
                self._reindex(own, alive=False)
                del self._stories[own.id]
            self._sum_into(best, [aid], doc.text, doc.ents)
            self._reindex(best)
            doc.story = best.id

    # -- reading -------------------------------------------------------------------------------
    def story_of(self, article_id: str) -> str | None:
        doc = self.docs.get(article_id)
        return doc.story if doc else None

    def stories(self) -> list[Story]:
        """Every story, oldest first."""
        out = []
        for story in sorted(self._stories.values(), key=lambda s: s.seq):
            centroid = self._story_weights(story)[0]
            docs = [(aid, self.docs[aid]) for aid in story.articles]
            central = max(docs, key=lambda p: (_dot(self._doc_units(p[0])[0], centroid), p[0]))
            dated = [d.published for _, d in docs if d.published is not None]
            first = min(dated, key=lambda d: (d.earliest, d.latest)) if dated else None
            last = max(dated, key=lambda d: (d.latest, d.earliest)) if dated else None
            top = _top(story.ents, 5)
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
