"""Node positions computed in Python, so the browser only draws (no physics warm-up).

Small graphs use networkx's seeded Fruchterman-Reingold ``spring_layout``. Its cost grows with
the square of the node count (and its sparse variant needs SciPy), so larger graphs use an
anchored layout: the best-connected nodes are laid out with ``spring_layout`` on their
co-occurrence graph, then every other node is placed breadth-first on a golden-angle spiral
(Vogel, "A better way to construct the sunflower head", Math. Biosci. 44, 1979) around its
first already-placed neighbour. Linear in nodes + edges after the anchors, and deterministic:
nodes are visited in sorted order and the spring layout is seeded.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from itertools import combinations

import networkx as nx

__all__ = ["layout_positions"]

#: Up to this many nodes the whole graph goes through ``spring_layout``.
SPRING_LIMIT = 400
#: Nodes laid out by ``spring_layout`` in the anchored layout.
ANCHORS = 250
#: Distance in pixels between neighbouring nodes on a spiral.
SPACING = 22.0
GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))


def _simple_graph(G: nx.Graph) -> nx.Graph:
    """Undirected simple graph with nodes and edges inserted in sorted order."""
    H: nx.Graph = nx.Graph()
    H.add_nodes_from(sorted(G))
    H.add_edges_from(sorted((min(u, v), max(u, v)) for u, v in G.edges() if u != v))
    return H


def _spring(H: nx.Graph, seed: int, weight: str | None = None) -> dict[str, tuple[float, float]]:
    if len(H) == 1:
        return {next(iter(H)): (0.0, 0.0)}
    pos = nx.spring_layout(H, seed=seed, iterations=100, weight=weight)
    return {n: (float(p[0]), float(p[1])) for n, p in pos.items()}


def layout_positions(
    G: nx.Graph, *, seed: int = 7, spring_limit: int = SPRING_LIMIT
) -> dict[str, tuple[float, float]]:
    """Pixel positions for every node of ``G``, deterministic for a given graph and seed.

    Parameters
    ----------
    G : networkx graph
        Any graph; direction and parallel edges are ignored.
    seed : int
        Seed of the spring layout.
    spring_limit : int
        Graphs with more nodes than this use the anchored layout.

    Returns
    -------
    dict
        Node -> ``(x, y)`` rounded to 0.1 px, centred near the origin.

    Examples
    --------
    >>> pos = layout_positions(nx.path_graph(["a", "b", "c"]), seed=1)
    >>> sorted(pos) == ["a", "b", "c"]
    True
    """
    H = _simple_graph(G)
    n = len(H)
    if n == 0:
        return {}
    if n <= spring_limit:
        raw = _spring(H, seed)
        scale = SPACING * 2.2 * math.sqrt(n)
        return {v: (round(x * scale, 1), round(y * scale, 1)) for v, (x, y) in raw.items()}
    return _anchored(H, seed)


def _anchored(H: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    degree = dict(H.degree())
    anchors = sorted(H, key=lambda v: (-degree[v], v))[:ANCHORS]
    anchor_set = set(anchors)
    # Anchors are mostly entities, which meet through the papers they share: weight the
    # anchor graph by shared neighbours (a few per node, to bound the quadratic term).
    weights: Counter[tuple[str, str]] = Counter()
    for v in sorted(H):
        near = sorted(u for u in H[v] if u in anchor_set)
        if v in anchor_set:
            weights.update((min(v, u), max(v, u)) for u in near)
        weights.update(combinations(near[:8], 2))
    A: nx.Graph = nx.Graph()
    A.add_nodes_from(anchors)
    A.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(weights.items()) if u != v)
    raw = _spring(A, seed, weight="weight")
    scale = SPACING * 7.0 * math.sqrt(len(H) / 2.0)
    pos: dict[str, tuple[float, float]] = {v: (x * scale, y * scale) for v, (x, y) in raw.items()}

    children: Counter[str] = Counter()

    def place_around(v: str, parent: str) -> None:
        children[parent] += 1
        k = children[parent]
        r = SPACING * (1.2 + 0.9 * math.sqrt(k))
        px, py = pos[parent]
        pos[v] = (px + r * math.cos(k * GOLDEN_ANGLE), py + r * math.sin(k * GOLDEN_ANGLE))

    def grow(seeds: list[str]) -> None:
        queue = deque(seeds)
        while queue:
            v = queue.popleft()
            for u in sorted(H[v], key=lambda u: (-degree[u], u)):
                if u not in pos:
                    place_around(u, v)
                    queue.append(u)

    grow(anchors)
    # Components without an anchor: each gets its own cell on a grid below the main picture.
    rest = sorted((c for c in nx.connected_components(H) if not c & pos.keys()),
                  key=lambda c: (-len(c), min(c)))
    if rest:
        bottom = max(y for _, y in pos.values()) + SPACING * 6
        left = min(x for x, _ in pos.values())
        width = max(x for x, _ in pos.values()) - left
        x, row_height = left, 0.0
        for comp in rest:
            extent = SPACING * (2.5 + 1.8 * math.sqrt(len(comp)))
            if x + extent > left + max(width, extent):
                x, bottom, row_height = left, bottom + row_height, 0.0
            root = min(comp, key=lambda v: (-degree[v], v))
            pos[root] = (x + extent / 2, bottom + extent / 2)
            grow([root])
            x += extent
            row_height = max(row_height, extent)
    return {v: (round(x, 1), round(y, 1)) for v, (x, y) in pos.items()}
