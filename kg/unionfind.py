"""Disjoint sets, shared by both stages that group names: :mod:`kg.extract` (a paper's mentions
of one entity) and :mod:`kg.graph` (one entity across the corpus).

Which member represents a set is unspecified: callers group members by :meth:`UnionFind.find`
and derive any name they show from the members themselves, so results never depend on it.

>>> sets = UnionFind()
>>> sets.union("resnet50", "resnet")
>>> sets.union("vit", "visiontransformer")
>>> sets.find("resnet") == sets.find("resnet50"), sets.find("vit") == sets.find("resnet")
(True, False)
>>> list(sets.parent)  # members in the order they were first seen
['resnet50', 'resnet', 'vit', 'visiontransformer']
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

__all__ = ["UnionFind"]

T = TypeVar("T", bound=Hashable)


class UnionFind(Generic[T]):
    """Disjoint sets over hashable items; ``parent`` holds every item seen, in first-seen order."""

    def __init__(self) -> None:
        self.parent: dict[T, T] = {}

    def add(self, item: T) -> None:
        """Make ``item`` a set of its own unless it is already in one."""
        self.parent.setdefault(item, item)

    def find(self, item: T) -> T:
        """The representative of ``item``'s set (adding ``item`` if it is new)."""
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: T, b: T) -> None:
        """Merge the sets of ``a`` and ``b``."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb
