"""Markup from character offsets: hostile text in, well-formed, escaped HTML out.

Every piece of text is passed through `markupsafe.escape`; tags and attribute values are built
here and nowhere else.  Spans must nest: one that crosses a span already placed is dropped
(the outer one wins), so the output is always well formed whatever the offsets say.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

ALLOWED_TAGS = {"p", "span", "mark"}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    rank: int = 9  # among spans with the same extent, a lower rank goes outside


def _open(span: Span) -> str:
    if span.tag not in ALLOWED_TAGS:
        raise ValueError(f"tag not allowed: {span.tag}")
    attrs = "".join(f' {name}="{escape(value)}"' for name, value in span.attrs.items())
    return f"<{span.tag}{attrs}>"


def nested(spans: Iterable[Span], length: int) -> list[Span]:
    """The spans that nest, in document order (outermost first).  Spans are placed by rank,
    so a crossing span of lower importance is the one dropped; empty or out-of-range spans
    are dropped too.

    A span [s, e) crosses a kept one k when k starts inside it and ends after it
    (s < k.start < e < k.end) or ends inside it and starts before it (k.start < s < k.end < e);
    two extremum trees over the spans' ends answer both in O(log n), so a 10 MB article with
    a hundred thousand marks is laid out in seconds, not hours."""
    candidates = sorted(
        (s for s in spans if 0 <= s.start < s.end <= length),
        key=lambda s: (s.rank, s.start, -s.end),
    )
    points = sorted({p for s in candidates for p in (s.start, s.end)})
    index = {p: i for i, p in enumerate(points)}
    end_by_start = _Extremum(len(points), max, -1)  # at a start: the latest end kept from it
    start_by_end = _Extremum(len(points), min, length + 1)  # at an end: the earliest start
    kept: list[Span] = []
    for span in candidates:
        s, e = index[span.start], index[span.end]
        if end_by_start.query(s + 1, e) > span.end or start_by_end.query(s + 1, e) < span.start:
            continue
        end_by_start.put(s, span.end)
        start_by_end.put(e, span.start)
        kept.append(span)
    return sorted(kept, key=lambda s: (s.start, -s.end, s.rank))


class _Extremum:
    """A segment tree over `size` positions holding the max (or min) of the values put at
    each, with `empty` where nothing was put."""

    def __init__(self, size: int, pick, empty: int):
        self.size, self.pick, self.empty = max(size, 1), pick, empty
        self.tree = [empty] * (2 * self.size)

    def put(self, at: int, value: int) -> None:
        at += self.size
        self.tree[at] = self.pick(self.tree[at], value)
        while at > 1:
            at //= 2
            self.tree[at] = self.pick(self.tree[2 * at], self.tree[2 * at + 1])

    def query(self, low: int, high: int) -> int:
        """The extremum over positions [low, high)."""
        found = self.empty
        low += self.size
        high += self.size
        while low < high:
            if low & 1:
                found = self.pick(found, self.tree[low])
                low += 1
            if high & 1:
                high -= 1
                found = self.pick(found, self.tree[high])
            low //= 2
            high //= 2
        return found


def render(text: str, spans: Iterable[Span]) -> Markup:
    """`text` as HTML with `spans` wrapped around their offsets."""
    out: list[str] = []
    pos = 0
    stack: list[Span] = []

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1].end <= limit:
            top = stack.pop()
            out.append(str(escape(text[pos : top.end])))
            out.append(f"</{top.tag}>")
            pos = top.end

    for span in nested(spans, len(text)):
        close_until(span.start)
        out.append(str(escape(text[pos : span.start])))
        out.append(_open(span))
        pos = span.start
        stack.append(span)
    close_until(len(text))
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def marked(text: str, highlights: Sequence[Sequence[int]]) -> Markup:
    """A snippet with its matched words in `<mark>`."""
    return render(text, (Span(s, e, "mark") for s, e in highlights))


def paragraphs(text: str, given: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Paragraph extents covering all the visible text: the article's own, else blank-line
    separated blocks; text between given paragraphs is kept as a paragraph of its own."""
    if not given:
        given = []
        start = 0
        for block in text.split("\n\n"):
            given.append((start, start + len(block)))
            start += len(block) + 2
    out, pos = [], 0
    for start, end in sorted(given):
        if start > pos and text[pos:start].strip():
            out.append((pos, start))
        if end > max(start, pos):
            out.append((max(start, pos), end))
            pos = end
    if text[pos:].strip():
        out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


BIDI_CONTROLS = dict.fromkeys(
    [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)


def without_bidi_controls(value):
    """A value as a page shows it, without the invisible controls that make text display in
    another order than it is written (U+202E turns "gnp.exe" into "exe.png"): the templates'
    `finalize`, so every printed value passes here, markup staying markup."""
    if isinstance(value, Markup):
        return Markup(str.translate(value, BIDI_CONTROLS))
    if isinstance(value, str):
        return value.translate(BIDI_CONTROLS)
    return value
