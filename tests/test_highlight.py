"""Laying out marks over hostile offsets: the fast layout is the definition, and stays
near-linear on a long article."""

from __future__ import annotations

import random

from conftest import growth
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.web.highlight import Span, nested, render


def nested_by_definition(spans, length):
    """The rule as written: by rank, keep a span unless it crosses one already kept."""
    kept = []
    for span in sorted(spans, key=lambda s: (s.rank, s.start, -s.end)):
        if not 0 <= span.start < span.end <= length:
            continue
        if all(
            span.end <= k.start
            or k.end <= span.start
            or (k.start <= span.start and span.end <= k.end)
            or (span.start <= k.start and k.end <= span.end)
            for k in kept
        ):
            kept.append(span)
    return sorted(kept, key=lambda s: (s.start, -s.end, s.rank))


spans = st.lists(
    st.builds(
        Span,
        start=st.integers(-3, 40),
        end=st.integers(-3, 44),
        tag=st.sampled_from(["span", "mark"]),
        rank=st.integers(0, 3),
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(spans)
def test_the_layout_keeps_exactly_the_spans_the_rule_keeps(found):
    assert nested(found, 40) == nested_by_definition(found, 40)


def test_a_crossing_mark_never_breaks_the_markup():
    text = "<b>Lugovoi</b> & Lugovoy"
    html = render(text, [Span(0, 10, "mark"), Span(5, 20, "span", rank=1)])
    # the span ranks first; the mark that crosses it is dropped; every character is escaped
    assert html == "&lt;b&gt;Lu<span>govoi&lt;/b&gt; &amp; Lug</span>ovoy"


def marks(count: int) -> list[Span]:
    """Sentences, names inside them and some crossing marks, as on a very long article."""
    rng = random.Random(count)
    found = []
    for n in range(count // 4):
        start = n * 100
        found.append(Span(start, start + 90, "span", rank=1))
        found += [Span(start + a, start + a + 8, "mark", rank=2) for a in (3, 30, 60)]
        found.append(
            Span(start + rng.randrange(80), start + 95 + rng.randrange(20), "mark", rank=3)
        )
    return found


def test_laying_out_marks_grows_about_linearly():
    ratio = growth(lambda found: nested(found, 10**9), marks, 1_000)
    assert ratio < 8 * 2.5, ratio  # quadratic would be about 64
