"""The common questions, as networkx-style functions over the graph (no Cypher needed).

Entities are named the way a user types them: display name, any alias, the canonical key or
the node id, case-insensitively (``"imagenet"``, ``"ImageNet-1K"`` and ``"entity:imagenet"``
all find ImageNet).

>>> from kg.analysis.questions import papers_using, methods_evaluated_on
>>> from kg.testing import sample_graph
>>> G = sample_graph()
>>> papers_using(G, "CSWin")
['arxiv:2401.00001', 'title:0123456789abcdef']
>>> methods_evaluated_on(G, "COCO")
[('entity:cswin', 1)]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import networkx as nx

from kg.errors import EntityNotFound
from kg.graph import find_entities, find_entity
from kg.schema import load_schema

__all__ = [
    "EntityNotFound",
    "cooccurrence",
    "find_entities",
    "find_entity",
    "methods_evaluated_on",
    "neighbourhood",
    "papers_using",
]

def papers_using(G: nx.MultiDiGraph, name: str, *,
                 types: Iterable[str] | None = None) -> list[str]:
    """Ids of the papers linked to an entity (proposing, using, introducing, evaluating on it,
    or linking its repository), sorted.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    name : str
        The entity (see :func:`find_entities`).
    types : iterable of str, optional
        Only these relationship types, e.g. ``["PROPOSES"]``.

    Examples
    --------
    >>> from kg.testing import sample_graph
    >>> papers_using(sample_graph(), "ImageNet", types=["EVALUATES_ON"])[:1]
    ['arxiv:2401.00001']
    """
    node = find_entity(G, name)
    wanted = set(types) if types is not None else None
    papers = {
        u for u, _, key in G.in_edges(node, keys=True)
        if G.nodes[u].get("label") == "Paper" and (wanted is None or key in wanted)
    }
    return sorted(papers)


def methods_evaluated_on(G: nx.MultiDiGraph, dataset: str) -> list[tuple[str, int]]:
    """Methods evaluated on a dataset or benchmark, as ``(method id, papers)``, most papers first.

    Read from the derived EVALUATED_ON edges (method and dataset named in one sentence).

    >>> from kg.testing import sample_graph
    >>> methods_evaluated_on(sample_graph(), "ImageNet")[0]
    ('entity:cswin', 1)
    """
    node = find_entity(G, dataset, labels=load_schema().relationship("EVALUATED_ON").targets)
    counts = {
        u: int(attrs.get("count", 1))
        for u, _, key, attrs in G.in_edges(node, keys=True, data=True)
        if key == "EVALUATED_ON"
    }
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def cooccurrence(G: nx.MultiDiGraph, first: str, second: str, *,
                 min_papers: int = 1) -> list[tuple[str, str, int]]:
    """How many papers mention both an entity of label ``first`` and one of label ``second``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    first, second : str
        Entity labels, e.g. ``"Method"`` and ``"Dataset"``. When they are the same label each
        unordered pair is counted once, smaller id first.
    min_papers : int, default 1
        Leave out pairs seen in fewer papers.

    Returns
    -------
    list of (id, id, papers)
        Most papers first, then by ids.

    Examples
    --------
    >>> from kg.testing import sample_graph
    >>> cooccurrence(sample_graph(), "Method", "Dataset")[0]
    ('entity:cswin', 'entity:imagenet', 2)
    """
    for label in (first, second):
        load_schema().node(label)  # SchemaError names an unknown label
    if min_papers < 1:
        raise ValueError(f"min_papers must be at least 1, got {min_papers}")
    pairs: Counter[tuple[str, str]] = Counter()
    for paper, attrs in G.nodes(data=True):
        if attrs.get("label") != "Paper":
            continue
        linked = set(G.successors(paper))
        a_side = sorted(n for n in linked if G.nodes[n].get("label") == first)
        b_side = sorted(n for n in linked if G.nodes[n].get("label") == second)
        for a in a_side:
            for b in b_side:
                if first == second and a >= b:
                    continue
                pairs[(a, b)] += 1
    ranked = sorted(pairs.items(), key=lambda item: (-item[1], item[0]))
    return [(a, b, n) for (a, b), n in ranked if n >= min_papers]


def neighbourhood(G: nx.MultiDiGraph, name: str, hops: int = 1) -> nx.MultiDiGraph:
    """The subgraph within ``hops`` links of an entity or paper, edges in either direction.

    Returns a copy (attributes included) that keeps the graph's schema version, so it can be
    passed to every other ``kg`` function (stats, views, queries).

    >>> from kg.testing import sample_graph
    >>> sorted(neighbourhood(sample_graph(), "GLUE"))
    ['arxiv:2401.00002', 'entity:glue']
    """
    if hops < 0:
        raise ValueError(f"hops must be 0 or more, got {hops}")
    center = name if name in G else find_entity(G, name)
    ego = nx.ego_graph(G, center, radius=hops, undirected=True)
    return nx.MultiDiGraph(ego)
