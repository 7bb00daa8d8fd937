"""Strings a regular expression can match, for tests that walk a pattern's alternatives.

`samples(pattern)` reads the compiled pattern's parse tree and writes out strings that take
every alternative of every branch: all combinations while they stay few (`cap`), else a
covering set in which each alternative still appears at least once.  Repeats are taken once
(and zero times when they may be), whitespace classes as one space, character classes as the
ends of their ranges.  In a whole pattern a positive lookbehind or lookahead contributes its
own text before or after, so a sample can satisfy it when searched (a group's words leave it
out: it is not part of what the group captures); negative ones contribute nothing.  A sample is
not guaranteed to match (a negative lookaround may refuse it): callers search for it.
"""

from __future__ import annotations

import re
import re._constants as c
import re._parser as parser

CAP = 400


def samples(pattern: re.Pattern[str], cap: int = CAP) -> list[str]:
    """Strings that exercise every alternative of `pattern` (see the module docstring)."""
    return _seq(parser.parse(pattern.pattern, pattern.flags), cap, True)


def group_samples(pattern: re.Pattern[str], group: str, cap: int = CAP) -> list[str]:
    """The strings the named `group` of `pattern` can match, every alternative taken."""
    index = pattern.groupindex[group]
    found = _find_group(parser.parse(pattern.pattern, pattern.flags), index)
    assert found is not None, f"no group {group!r}"
    return _seq(found, cap, False)


def _find_group(items, index: int):
    for op, av in items:
        if op is c.SUBPATTERN:
            if av[0] == index:
                return av[3]
            inner = _find_group(av[3], index)
        elif op is c.BRANCH:
            inner = next((g for alt in av[1] if (g := _find_group(alt, index))), None)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            inner = _find_group(av[2], index)
        elif op in (c.ASSERT, c.ASSERT_NOT):
            inner = _find_group(av[1], index)
        else:
            inner = None
        if inner is not None:
            return inner
    return None


def _seq(items, cap: int, around: bool) -> list[str]:
    out = [""]
    for op, av in items:
        out = _join(out, _node(op, av, cap, around), cap)
    return out


def _join(left: list[str], right: list[str], cap: int) -> list[str]:
    if len(left) * len(right) <= cap:
        return [a + b for a in left for b in right]
    n = max(len(left), len(right))
    return [left[i % len(left)] + right[i % len(right)] for i in range(n)]


def _node(op, av, cap: int, around: bool) -> list[str]:
    if op is c.LITERAL:
        return [chr(av)]
    if op is c.NOT_LITERAL:
        return ["x" if av != ord("x") else "y"]
    if op is c.ANY:
        return ["x"]
    if op is c.IN:
        return _class(av)
    if op is c.BRANCH:
        return list(dict.fromkeys(s for alt in av[1] for s in _seq(alt, cap, around)))
    if op is c.SUBPATTERN:
        return _seq(av[3], cap, around)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        once = _seq(av[2], cap, around)
        return ([""] if av[0] == 0 else []) + once
    if op is c.ASSERT and around:
        return _seq(av[1], cap, around)  # lookbehind text before, lookahead text after
    return [""]  # AT, ASSERT_NOT, GROUPREF and the like add no text


def _class(items) -> list[str]:
    if items and items[0][0] is c.NEGATE:
        return ["x"]
    out = []
    for op, av in items:
        if op is c.LITERAL:
            out.append(chr(av))
        elif op is c.RANGE:
            out.extend([chr(av[0]), chr(av[1])])
        elif op is c.CATEGORY:
            out.append({c.CATEGORY_SPACE: " ", c.CATEGORY_DIGIT: "1"}.get(av, "a"))
    return list(dict.fromkeys(out)) or ["x"]
