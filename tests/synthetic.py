"""Seeded synthetic graphs that follow the schema: the one generator of the view and browser
tests and the view, serve and store benchmarks (``scripts/bench_*.py`` import it from the
checkout), so it lives beside the tests, not in ``kg``."""

from __future__ import annotations

import random
from itertools import accumulate

import networkx as nx

__all__ = ["PAPER_SHARE", "nodes_for_papers", "synthetic_graph"]

#: The share of a synthetic graph's nodes that are papers, by default.
PAPER_SHARE = 0.6
_ENTITY_MIX = (("Method", 0.45), ("Dataset", 0.35), ("Benchmark", 0.1), ("Repository", 0.1))
_PAPER_TO = {"Method": "USES", "Dataset": "EVALUATES_ON", "Benchmark": "EVALUATES_ON",
             "Repository": "HAS_CODE"}


def synthetic_graph(n_nodes: int, *, seed: int = 0,
                    paper_share: float = PAPER_SHARE) -> nx.MultiDiGraph:
    """A graph of ``n_nodes`` nodes shaped like a real one: papers link to 2-4 entities picked
    with a heavy-tailed preference (a few hub datasets), methods are EVALUATED_ON datasets.
    ``tests/test_view.py`` checks its size and that it follows the schema.
    """
    if n_nodes < 2:
        raise ValueError(f"n_nodes must be at least 2, got {n_nodes}")
    rng = random.Random(seed)
    G: nx.MultiDiGraph = nx.MultiDiGraph(schema_version=1)
    n_papers = max(1, int(n_nodes * paper_share))
    n_entities = n_nodes - n_papers
    entities: list[tuple[str, str]] = []
    for i in range(n_entities):
        label = rng.choices([m[0] for m in _ENTITY_MIX], [m[1] for m in _ENTITY_MIX])[0]
        if label == "Repository":
            url = f"https://github.com/org{i}/repo{i}"
            nid = f"repo:github.com/org{i}/repo{i}"
            G.add_node(nid, label=label, id=nid, url=url, host="github.com", paper_count=0)
        else:
            name = f"{label[:2]}-{i}"
            nid = f"entity:{name.lower()}"
            G.add_node(nid, label=label, id=nid, name=name, canonical=name.lower(), aliases=[],
                       paper_count=0)
        entities.append((nid, label))
    # Cumulative once: rng.choices would add up all the weights again on every call.
    cum_weights = list(accumulate(1.0 / (rank + 1) ** 0.8 for rank in range(len(entities))))
    for p in range(n_papers):
        pid = f"arxiv:9{p:07d}"
        abstract = f"We study problem {p} and evaluate it on several datasets."
        G.add_node(pid, label="Paper", id=pid, title=f"Synthetic paper {p}", abstract=abstract,
                   date=f"2024-{1 + p % 12:02d}-{1 + p % 28:02d}", sources=[f"synthetic:{p + 1}"])
        draws = (rng.choices(range(len(entities)), cum_weights=cum_weights, k=rng.randint(2, 4))
                 if entities else [])
        picked = {entities[i] for i in draws}
        methods: list[str] = []
        targets: list[str] = []
        for nid, label in sorted(picked):
            type_ = _PAPER_TO[label]
            G.add_edge(pid, nid, key=type_, type=type_, count=1, sentences=[abstract],
                       starts=[0], ends=[2], rules=["synthetic"])
            G.nodes[nid]["paper_count"] += 1
            if label == "Method":
                methods.append(nid)
            elif label in ("Dataset", "Benchmark"):
                targets.append(nid)
        for m in methods:
            for t in targets:
                if G.has_edge(m, t, key="EVALUATED_ON"):
                    data = G.edges[m, t, "EVALUATED_ON"]
                    data["count"] += 1
                    data["papers"].append(pid)
                else:
                    G.add_edge(m, t, key="EVALUATED_ON", type="EVALUATED_ON", count=1, papers=[pid])
    return G


def nodes_for_papers(papers: int, paper_share: float = PAPER_SHARE) -> int:
    """The ``n_nodes`` for which :func:`synthetic_graph` makes exactly ``papers`` papers."""
    n_nodes = max(2, int(papers / paper_share))
    while max(1, int(n_nodes * paper_share)) < papers:
        n_nodes += 1
    return n_nodes
