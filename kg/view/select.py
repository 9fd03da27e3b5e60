"""Which part of the graph a view shows: pure functions from a graph to a subgraph.

Each function takes the whole graph ``G`` first and returns a new ``nx.MultiDiGraph`` (a copy,
never a view, so the caller may add drawing attributes). Ranking uses the node's number of
distinct neighbours in the whole graph, ties broken by id, so the selection is deterministic.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import networkx as nx

from kg.errors import EntityNotFound
from kg.graph import find_entity
from kg.schema import entity_labels, node_labels

__all__ = [
    "ENTITY_LABELS",
    "VIEWS",
    "EntityNotFound",
    "ego_subgraph",
    "evaluated_on_subgraph",
    "find_entity",
    "overview_subgraph",
    "select_view",
]

#: Labels of the non-paper nodes, in legend order (the schema's).
ENTITY_LABELS = entity_labels()
ALL_LABELS = node_labels()
#: View names accepted by :func:`select_view` (the CLI spells ``evaluated_on`` with a hyphen).
VIEWS = ("overview", "ego", "evaluated_on")
DEFAULT_TOP = {"overview": 150, "evaluated_on": 150}


def _degree(G: nx.MultiDiGraph, node: str) -> int:
    """Number of distinct neighbours, whatever the direction or number of parallel edges."""
    return len(set(G.successors(node)) | set(G.predecessors(node)))


def _check_types(types: Collection[str] | None) -> set[str]:
    if types is None:
        return set(ENTITY_LABELS)
    unknown = sorted(set(types) - set(ALL_LABELS))
    if unknown:
        raise ValueError(f"unknown node type(s) {unknown}; choose from {list(ALL_LABELS)}")
    return set(types) & set(ENTITY_LABELS)


def _ranked_entities(
    G: nx.MultiDiGraph, labels: set[str], min_degree: int, nodes: Iterable[str] | None = None
) -> list[str]:
    """Entities of ``labels`` with degree >= ``min_degree``, most connected first."""
    pool = G.nodes if nodes is None else nodes
    scored = [
        (-_degree(G, n), n)
        for n in pool
        if G.nodes[n].get("label") in labels and _degree(G, n) >= min_degree
    ]
    return [n for _, n in sorted(scored)]


def overview_subgraph(
    G: nx.MultiDiGraph,
    *,
    top: int | None = None,
    types: Collection[str] | None = None,
    min_degree: int = 0,
) -> nx.MultiDiGraph:
    """The ``top`` most connected entities and the papers that mention them.

    Parameters
    ----------
    G : nx.MultiDiGraph
        The knowledge graph.
    top : int, optional
        How many entities to keep (default 150); ``0`` keeps every entity.
    types : collection of str, optional
        Entity labels to show (``Method``, ``Dataset``, ``Benchmark``, ``Repository``); papers
        are always shown as the links between them. Default: every entity label.
    min_degree : int
        Leave out entities with fewer distinct neighbours than this.

    Examples
    --------
    >>> from kg.testing import sample_graph
    >>> H = overview_subgraph(sample_graph(), top=1)
    >>> sorted(H.nodes(data="label"))[0]
    ('arxiv:2401.00001', 'Paper')
    """
    labels = _check_types(types)
    if top is None:
        top = DEFAULT_TOP["overview"]
    entities = _ranked_entities(G, labels, min_degree)
    if top:
        entities = entities[:top]
    keep = set(entities)
    for entity in entities:
        keep.update(n for n in nx.all_neighbors(G, entity) if G.nodes[n].get("label") == "Paper")
    return G.subgraph(keep).copy()


def ego_subgraph(
    G: nx.MultiDiGraph,
    focus: str,
    *,
    radius: int = 2,
    types: Collection[str] | None = None,
    min_degree: int = 0,
) -> nx.MultiDiGraph:
    """One entity, its papers, and the methods/datasets around it (``radius`` hops).

    ``focus`` is a node id or a name/alias (see :func:`find_entity`). Edge direction is
    ignored when counting hops. ``types`` and ``min_degree`` thin out the other entities; the
    focus itself and the papers are always kept.

    Examples
    --------
    >>> from kg.testing import sample_graph
    >>> H = ego_subgraph(sample_graph(), "GLUE")
    >>> "entity:resnet50" in H, "entity:maformer" in H
    (True, False)
    """
    labels = _check_types(types)
    node = focus if focus in G and G.nodes[focus].get("label") in ENTITY_LABELS else None
    if node is None:
        node = find_entity(G, focus)
    hops = nx.single_source_shortest_path_length(nx.Graph(G.to_undirected(as_view=True)), node,
                                                 cutoff=radius)
    keep = {
        n
        for n in hops
        if n == node
        or G.nodes[n].get("label") == "Paper"
        or (G.nodes[n].get("label") in labels and _degree(G, n) >= min_degree)
    }
    return G.subgraph(keep).copy()


def evaluated_on_subgraph(
    G: nx.MultiDiGraph,
    *,
    top: int | None = None,
    types: Collection[str] | None = None,
    min_degree: int = 0,
) -> nx.MultiDiGraph:
    """Methods x datasets/benchmarks joined by ``EVALUATED_ON``, no papers.

    Keeps the ``top`` (default 150, ``0`` for all) methods, datasets and benchmarks with the
    most ``EVALUATED_ON`` partners, and only ``EVALUATED_ON`` edges.

    Examples
    --------
    >>> from kg.testing import sample_graph
    >>> H = evaluated_on_subgraph(sample_graph())
    >>> sorted({t for _, _, t in H.edges(keys=True)})
    ['EVALUATED_ON']
    """
    labels = _check_types(types) & {"Method", "Dataset", "Benchmark"}
    if top is None:
        top = DEFAULT_TOP["evaluated_on"]
    pairs: nx.MultiDiGraph = nx.MultiDiGraph(**G.graph)
    for u, v, key, attrs in G.edges(keys=True, data=True):
        if key == "EVALUATED_ON":
            pairs.add_edge(u, v, key=key, **attrs)
    ranked = [
        n
        for _, n in sorted((-_degree(pairs, n), n) for n in pairs)
        if G.nodes[n].get("label") in labels and _degree(G, n) >= min_degree
    ]
    if top:
        ranked = ranked[:top]
    H = pairs.subgraph(ranked).copy()
    for n in H:
        H.nodes[n].update(G.nodes[n])
    H.remove_nodes_from([n for n in ranked if H.degree(n) == 0])
    return H


def select_view(
    G: nx.MultiDiGraph,
    view: str = "overview",
    *,
    focus: str | None = None,
    types: Collection[str] | None = None,
    top: int | None = None,
    min_degree: int = 0,
) -> nx.MultiDiGraph:
    """Dispatch to the view's selection function; ``focus`` implies the ego view."""
    view = view.replace("-", "_")
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; choose from {list(VIEWS)}")
    if min_degree < 0 or (top is not None and top < 0):
        raise ValueError("top and min_degree must not be negative")
    if focus is not None or view == "ego":
        if not focus:
            raise ValueError("the ego view needs a focus entity")
        return ego_subgraph(G, focus, types=types, min_degree=min_degree)
    if view == "evaluated_on":
        return evaluated_on_subgraph(G, top=top, types=types, min_degree=min_degree)
    return overview_subgraph(G, top=top, types=types, min_degree=min_degree)
