"""Find entities by any name they were written as: the alias index of a built graph.

This is the one lookup every later stage uses (``kg view --focus``, the analysis questions),
so a name finds the same node everywhere, folded exactly as resolution folded it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import Any

import networkx as nx

from kg.graph.resolve import canonical_key

__all__ = ["ENTITY_LABELS", "alias_index", "find_entities", "find_entity", "variants_of"]

ENTITY_LABELS = ("Method", "Dataset", "Benchmark")
#: Labels a name can be looked up in: the entities, and repositories by URL.
LOOKUP_LABELS = (*ENTITY_LABELS, "Repository")


def _names(attrs: dict[str, Any]) -> list[str]:
    if attrs.get("label") == "Repository":
        url = str(attrs.get("url", ""))
        return [url, url.split("://", 1)[-1]]
    return [attrs.get("canonical", ""), attrs.get("name", ""), *attrs.get("aliases", [])]


def alias_index(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Map each canonical key of a name, canonical or alias (a repository's URL, with or
    without scheme), to the ids it names.

    Lists are sorted: the exact canonical match first, then by paper count (descending), then
    by id.
    """
    hits: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    for n, attrs in G.nodes(data=True):
        if attrs.get("label") not in LOOKUP_LABELS:
            continue
        rank = -int(attrs.get("paper_count", 0))
        for name in _names(attrs):
            key = canonical_key(name)
            if not key:
                continue
            exact = 0 if key == attrs.get("canonical") else 1
            hits[key][n] = min(hits[key].get(n, (exact, rank)), (exact, rank))
    return {key: sorted(ids, key=lambda n: (*ids[n], n)) for key, ids in hits.items()}


def find_entities(G: nx.MultiDiGraph, name: str, *,
                  label: str | Collection[str] | None = None) -> list[str]:
    """Ids of every entity ``name`` (a node id, any spelling, any alias) refers to, best match
    first. ``label`` restricts the labels (default: Method, Dataset, Benchmark; Repository
    can be asked for, matched by URL).

    Examples
    --------
    >>> from tests.sample_graph import sample_graph  # doctest: +SKIP
    >>> find_entities(sample_graph(), "MS-COCO")  # doctest: +SKIP
    ['entity:mscoco']
    """
    labels = ENTITY_LABELS if label is None else (label,) if isinstance(label, str) else label
    if name in G and G.nodes[name].get("label") in labels:
        return [name]
    key = canonical_key(name)
    ids = alias_index(G).get(key, []) if key else []
    return [n for n in ids if G.nodes[n]["label"] in labels]


def find_entity(G: nx.MultiDiGraph, name: str, *,
                label: str | Collection[str] | None = None) -> str | None:
    """The id of the entity best matching ``name``, or ``None``.

    ``name`` is folded like every canonical key, so ``"ms coco"``, ``"MSCOCO"`` and an alias
    such as ``"COCO"`` all find ``entity:mscoco``. An exact canonical match wins over an
    alias; among aliases the entity in most papers wins.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("entity:mscoco", label="Dataset", canonical="mscoco", name="MSCOCO",
    ...            aliases=["COCO"], paper_count=2)
    >>> find_entity(G, "coco")
    'entity:mscoco'
    """
    ids = find_entities(G, name, label=label)
    return ids[0] if ids else None


def variants_of(G: nx.MultiDiGraph, node: str) -> list[str]:
    """Every method that is a (possibly indirect) VARIANT_OF ``node``, sorted:
    ``variants_of(G, "entity:resnet")`` finds ResNet-50."""
    found: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        for u, _, key in G.in_edges(current, keys=True):
            if key == "VARIANT_OF" and u not in found:
                found.add(u)
                stack.append(u)
    return sorted(found)
