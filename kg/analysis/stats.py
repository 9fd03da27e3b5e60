"""Summary statistics of the graph: what is in it, what dominates, what goes with what.

All functions take the ``networkx.MultiDiGraph`` built by ``kg.build`` (schema in ``schema/``)
and return plain data (dicts, lists, numbers) so the result can be printed, dumped as JSON or
plotted. Output is deterministic: ties are broken by id, Louvain runs with a fixed seed.

>>> from kg.analysis.stats import graph_stats
>>> from kg.testing import sample_graph
>>> graph_stats(sample_graph())["nodes"]["Method"]
4
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import networkx as nx

from kg.schema import load_schema, named_entity_labels

__all__ = ["ENTITY_LABELS", "graph_stats", "pagerank", "papers_per_entity"]

_YEAR_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])")
#: Labels ranked by number of papers.
ENTITY_LABELS = named_entity_labels()


def _name(G: nx.MultiDiGraph, node: str) -> str:
    attrs = G.nodes[node]
    return str(attrs.get("name") or attrs.get("title") or attrs.get("url") or node)


def papers_per_entity(G: nx.MultiDiGraph, label: str) -> dict[str, int]:
    """Number of distinct papers linked to each node of ``label`` (any Paper -> node edge).

    Counted from the edges rather than read from ``paper_count`` so that a subgraph (for
    instance a neighbourhood) is counted as it is.

    >>> from kg.testing import sample_graph
    >>> papers_per_entity(sample_graph(), "Dataset")["entity:imagenet"]
    3
    """
    counts = {}
    for node, attrs in G.nodes(data=True):
        if attrs.get("label") == label:
            papers = {u for u in G.predecessors(node) if G.nodes[u].get("label") == "Paper"}
            counts[node] = len(papers)
    return counts


def pagerank(G: nx.MultiDiGraph, *, alpha: float = 0.85, tol: float = 1.0e-10,
             max_iter: int = 200) -> dict[str, float]:
    """PageRank of every node, by power iteration over the undirected simple graph.

    Page, Brin, Motwani & Winograd (1999), "The PageRank Citation Ranking: Bringing Order to
    the Web", with dangling mass spread uniformly as in ``networkx.pagerank``. Written here
    because ``networkx.pagerank`` needs SciPy, which ``kg`` does not otherwise depend on.
    The graph is taken as undirected (Paper -> entity edges all point one way, so directed
    PageRank would only measure in-degree) and parallel edges count once.

    >>> from kg.testing import sample_graph
    >>> ranks = pagerank(sample_graph())
    >>> max(ranks, key=ranks.get)
    'entity:imagenet'
    """
    simple: nx.Graph = nx.Graph(G)
    nodes = sorted(simple)
    n = len(nodes)
    if n == 0:
        return {}
    rank = dict.fromkeys(nodes, 1.0 / n)
    degree = {v: simple.degree(v) for v in nodes}
    for _ in range(max_iter):
        dangling = alpha * sum(rank[v] for v in nodes if degree[v] == 0) / n
        new = {}
        for v in nodes:
            flow = sum(rank[u] / degree[u] for u in simple.neighbors(v))
            new[v] = alpha * flow + dangling + (1.0 - alpha) / n
        error = sum(abs(new[v] - rank[v]) for v in nodes)
        rank = new
        if error < n * tol:
            break
    return rank


def _top_entities(G: nx.MultiDiGraph, label: str, top: int) -> list[dict[str, Any]]:
    counts = papers_per_entity(G, label)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
    return [{"id": node, "name": _name(G, node), "papers": n} for node, n in ranked]


def _evaluated_on_pairs(G: nx.MultiDiGraph, top: int) -> list[dict[str, Any]]:
    pairs = []
    for u, v, key, attrs in G.edges(keys=True, data=True):
        if key == "EVALUATED_ON":
            pairs.append({"method": _name(G, u), "method_id": u, "target": _name(G, v),
                          "target_id": v, "target_label": G.nodes[v].get("label"),
                          "papers": int(attrs.get("count", len(attrs.get("papers", ()))))})
    pairs.sort(key=lambda p: (-p["papers"], p["method_id"], p["target_id"]))
    return pairs[:top]


def _code_share(G: nx.MultiDiGraph) -> dict[str, Any]:
    papers = [n for n, a in G.nodes(data=True) if a.get("label") == "Paper"]
    with_code = sum(
        1 for p in papers if any(k == "HAS_CODE" for _, _, k in G.out_edges(p, keys=True))
    )
    share = with_code / len(papers) if papers else 0.0
    return {"papers": len(papers), "with_code": with_code, "share": round(share, 4)}


def _components(G: nx.MultiDiGraph) -> dict[str, Any]:
    sizes = sorted((len(c) for c in nx.weakly_connected_components(G)), reverse=True)
    isolated = sum(1 for n in G if G.degree(n) == 0)
    return {"count": len(sizes), "largest": sizes[0] if sizes else 0,
            "sizes": sizes[:10], "isolated_nodes": isolated}


def _communities(G: nx.MultiDiGraph, top: int, seed: int) -> list[dict[str, Any]]:
    """Louvain communities (Blondel et al. 2008) of the undirected graph, largest first."""
    if G.number_of_edges() == 0:
        return []
    simple: nx.Graph = nx.Graph(G)
    simple.remove_nodes_from([n for n in list(simple) if simple.degree(n) == 0])
    found = nx.community.louvain_communities(simple, seed=seed)
    out: list[dict[str, Any]] = []
    for members in found:
        labels = Counter(G.nodes[n].get("label") for n in members)
        entities = [n for n in members if G.nodes[n].get("label") in ENTITY_LABELS]
        # An entity's weight inside its community: the papers of the community that link it.
        inside = {e: sum(1 for u in G.predecessors(e) if u in members) for e in entities}
        ranked = sorted(inside, key=lambda e: (-inside[e], e))[:5]
        out.append({"size": len(members), "labels": dict(sorted(labels.items())),
                    "top_entities": [_name(G, e) for e in ranked],
                    "members_sample": sorted(members)[:3]})
    out.sort(key=lambda c: (-c["size"], c["members_sample"]))
    for c in out:
        del c["members_sample"]
    return out[:top]


def _papers_per_month(G: nx.MultiDiGraph) -> dict[str, Any]:
    months: Counter[str] = Counter()
    undated = 0
    for _, attrs in G.nodes(data=True):
        if attrs.get("label") != "Paper":
            continue
        date = attrs.get("date")
        if isinstance(date, str) and _YEAR_MONTH.match(date):
            months[date[:7]] += 1
        else:
            undated += 1
    return {"months": dict(sorted(months.items())), "undated": undated}


def graph_stats(G: nx.MultiDiGraph, *, top: int = 20, seed: int = 0) -> dict[str, Any]:
    """Everything ``kg stats`` reports, as plain data.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph following ``schema/``.
    top : int, default 20
        Length of each ranking (entities, PageRank, pairs, communities).
    seed : int, default 0
        Seed of the Louvain community detection (the result is reproducible).

    Returns
    -------
    dict
        ``nodes`` (count per label), ``relationships`` (count per type), ``top`` (per entity
        label, the entities with most papers), ``pagerank``, ``pairs`` (most frequent
        method x dataset/benchmark pairs, from EVALUATED_ON), ``code`` (share of papers with a
        repository), ``components``, ``communities`` and ``papers_per_month``.

    Examples
    --------
    >>> from kg.testing import sample_graph
    >>> stats = graph_stats(sample_graph(), top=3)
    >>> stats["top"]["Dataset"][0]
    {'id': 'entity:imagenet', 'name': 'ImageNet', 'papers': 3}
    >>> stats["code"]
    {'papers': 3, 'with_code': 1, 'share': 0.3333}
    """
    if top < 1:
        raise ValueError(f"top must be at least 1, got {top}")
    schema = load_schema()
    labels = Counter(a.get("label") for _, a in G.nodes(data=True))
    types = Counter(k for _, _, k in G.edges(keys=True))
    ranks = pagerank(G)
    ranked = sorted(ranks, key=lambda n: (-ranks[n], n))[:top]
    return {
        "nodes": {label: labels.get(label, 0) for label in schema.nodes},
        "relationships": {t: types.get(t, 0) for t in schema.relationships},
        "top": {label: _top_entities(G, label, top) for label in ENTITY_LABELS},
        "pagerank": [{"id": n, "label": G.nodes[n].get("label"), "name": _name(G, n),
                      "score": round(ranks[n], 6)} for n in ranked],
        "pairs": _evaluated_on_pairs(G, top),
        "code": _code_share(G),
        "components": _components(G),
        "communities": _communities(G, top, seed),
        "papers_per_month": _papers_per_month(G),
    }
