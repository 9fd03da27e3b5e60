"""Find entities by any name they were written as: the alias index of a built graph.

This is the one lookup every later stage uses (``kg view --focus``, the analysis questions,
``kg serve``'s search), so a name finds the same node everywhere, folded exactly as
resolution folded it. The index is built once per graph and kept beside it (weakly, so it
goes when the graph goes); it is rebuilt when the graph's node count changes.
"""

from __future__ import annotations

import bisect
import weakref
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.errors import EntityNotFound
from kg.names import canonical_key
from kg.schema import entity_labels, load_schema

__all__ = [
    "EntityIndex",
    "alias_index",
    "entity_index",
    "find_entities",
    "find_entity",
    "variants_of",
]


def _names(attrs: dict[str, Any]) -> list[str]:
    if attrs.get("label") == "Repository":
        url = str(attrs.get("url", ""))
        return [url, url.split("://", 1)[-1]]
    return [attrs.get("name", ""), attrs.get("canonical", ""), *attrs.get("aliases", [])]


def _check_labels(labels: str | Iterable[str] | None) -> tuple[str, ...]:
    if labels is None:
        return entity_labels()
    chosen = (labels,) if isinstance(labels, str) else tuple(labels)
    schema = load_schema()
    for label in chosen:
        schema.node(label)  # SchemaError names an unknown label
    return chosen


def _ranked(found: dict[str, tuple[int, int]]) -> list[str]:
    return sorted(found, key=lambda n: (*found[n], n))


class EntityIndex:
    """Every entity of a graph under the canonical key of each of its names.

    ``ids[key]`` lists the ids a key names, best first: the exact canonical match, then by
    paper count (descending), then by id. ``display[key]`` is a name as written, for
    suggestions; ``keys`` is sorted, for prefix search.
    """

    def __init__(self, G: nx.MultiDiGraph):
        labels = set(entity_labels())
        hits: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
        self.display: dict[str, str] = {}
        self.label_of: dict[str, str] = {}
        for n, attrs in G.nodes(data=True):
            label = attrs.get("label")
            if label not in labels:
                continue
            self.label_of[n] = label
            rank = -int(attrs.get("paper_count", 0))
            for name in _names(attrs):
                if not isinstance(name, str):
                    continue
                key = canonical_key(name)
                if not key:
                    continue
                exact = 0 if key == attrs.get("canonical") else 1
                hits[key][n] = min(hits[key].get(n, (exact, rank)), (exact, rank))
                self.display.setdefault(key, name)  # the display name comes first
        self.ids: dict[str, list[str]] = {key: _ranked(found) for key, found in hits.items()}
        self.keys = sorted(self.ids)

    def find(self, name: str, labels: tuple[str, ...]) -> list[str]:
        """Ids ``name`` (folded) names among ``labels``, best first."""
        key = canonical_key(name)
        return [n for n in self.ids.get(key, ()) if self.label_of[n] in labels] if key else []

    def starting_with(self, text: str, labels: tuple[str, ...], limit: int = 10) -> list[str]:
        """Ids whose some name starts with ``text`` (folded), most papers first among the
        first ``limit * 5`` keys in order."""
        key = canonical_key(text)
        if not key:
            return []
        found: dict[str, None] = {}
        start = bisect.bisect_left(self.keys, key)
        for candidate in self.keys[start:start + limit * 5]:
            if not candidate.startswith(key):
                break
            for n in self.ids[candidate]:
                if self.label_of[n] in labels:
                    found.setdefault(n)
        return list(found)[:limit]

    def close_names(self, name: str, labels: tuple[str, ...], n: int = 5) -> list[str]:
        """Names (as written) close to ``name``, one per entity, closest first: RapidFuzz's
        normalised Levenshtein ratio (>= 60, as ``difflib``'s usual 0.6 cutoff) over every
        key, in C, so a miss costs milliseconds on a 100k-entity graph."""
        from rapidfuzz import fuzz, process

        key = canonical_key(name)
        if not key:
            return []
        shown: dict[str, str] = {}
        for close, _, _ in process.extract(key, self.keys, scorer=fuzz.ratio, limit=n * 10,
                                           score_cutoff=60):
            for node in self.ids[close]:
                if self.label_of[node] in labels:
                    shown.setdefault(node, self.display[close])
                    break
        return list(shown.values())[:n]


_INDEXES: weakref.WeakKeyDictionary[nx.MultiDiGraph, tuple[int, EntityIndex]] = (
    weakref.WeakKeyDictionary()
)


def entity_index(G: nx.MultiDiGraph) -> EntityIndex:
    """The :class:`EntityIndex` of ``G``, built on first use and reused after."""
    cached = _INDEXES.get(G)
    if cached is None or cached[0] != G.number_of_nodes():
        cached = (G.number_of_nodes(), EntityIndex(G))
        _INDEXES[G] = cached
    return cached[1]


def alias_index(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Map each canonical key of a name, canonical or alias (a repository's URL, with or
    without scheme), to the ids it names, best first (see :class:`EntityIndex`)."""
    return entity_index(G).ids


def find_entities(G: nx.MultiDiGraph, name: str, *,
                  labels: str | Iterable[str] | None = None) -> list[str]:
    """Ids of every entity ``name`` (a node id, any spelling, any alias, a repository URL)
    refers to, best match first; ``[]`` when none.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    name : str
        Name, alias, canonical key, URL (repositories) or node id.
    labels : str or iterable of str, optional
        Restrict to these labels (default: every entity label of the schema, see
        :func:`kg.schema.entity_labels`). An unknown label raises :class:`SchemaError`.

    Examples
    --------
    >>> from kg.testing import sample_graph
    >>> find_entities(sample_graph(), "ms coco")
    ['entity:mscoco']
    """
    chosen = _check_labels(labels)
    if name in G and G.nodes[name].get("label") in chosen:
        return [name]
    return entity_index(G).find(name, chosen)


def find_entity(G: nx.MultiDiGraph, name: str, *,
                labels: str | Iterable[str] | None = None) -> str:
    """The id of the entity best matching ``name``.

    ``name`` is folded like every canonical key, so ``"ms coco"``, ``"MSCOCO"`` and an alias
    such as ``"COCO"`` all find ``entity:mscoco``. An exact canonical match wins over an
    alias; among aliases the entity in most papers wins.

    Raises
    ------
    EntityNotFound
        Nothing matches; ``matches`` lists close names (RapidFuzz).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("entity:mscoco", label="Dataset", canonical="mscoco", name="MSCOCO",
    ...            aliases=["COCO"], paper_count=2)
    >>> find_entity(G, "coco")
    'entity:mscoco'
    """
    chosen = _check_labels(labels)
    found = find_entities(G, name, labels=chosen)
    if found:
        return found[0]
    raise EntityNotFound(name, chosen, entity_index(G).close_names(name, chosen))


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
