"""Disjoint sets, the one union-find of storyline (duplicate pages in clean, entity nodes in link).

The smaller root always wins a union, so a set's representative is its least member whatever
order the unions came in: ids derived from it do not depend on the order articles were read.
`find` is iterative, so a long chain of unions cannot exhaust Python's recursion limit.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

__all__ = ["UnionFind"]

T = TypeVar("T", bound=Hashable)


class UnionFind(Generic[T]):
    """Items join on first sight (`find` of an unseen item makes it its own set)."""

    def __init__(self, items: Iterable[T] = ()) -> None:
        self.parent: dict[T, T] = {item: item for item in items}

    def find(self, item: T) -> T:
        parent = self.parent
        root = parent.setdefault(item, item)
        while parent[root] != root:
            root = parent[root]
        while item != root:  # path compression: every item on the way points at the root
            parent[item], item = root, parent[item]
        return root

    def union(self, a: T, b: T) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = (ra, rb) if ra < rb else (rb, ra)  # type: ignore[operator]
            self.parent[high] = low
