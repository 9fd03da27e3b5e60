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

    Each connected component is laid out on its own (``spring_layout`` up to ``spring_limit``
    nodes, the anchored layout above), then the components are packed in rows, largest first,
    so small islands do not get flung to the rim of one big spring layout.

    Parameters
    ----------
    G : networkx graph
        Any graph; direction and parallel edges are ignored.
    seed : int
        Seed of the spring layout.
    spring_limit : int
        Components with more nodes than this use the anchored layout.

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
    if len(H) == 0:
        return {}
    components = sorted(nx.connected_components(H), key=lambda c: (-len(c), min(c)))
    blocks = []
    for comp in components:
        sub = _simple_graph(H.subgraph(comp))
        if len(sub) <= spring_limit:
            raw = _spring(sub, seed)
            scale = SPACING * 2.6 * math.sqrt(len(sub))
            pos = {v: (x * scale, y * scale) for v, (x, y) in raw.items()}
        else:
            pos = _anchored(sub, seed)
        blocks.append(pos)
    return {v: (round(x, 1), round(y, 1)) for v, (x, y) in _pack(blocks).items()}


def _pack(blocks: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """Shelf-pack component layouts (largest first) into rows about as wide as they are tall."""
    margin = SPACING * 3
    boxes = []
    for pos in blocks:
        xs = [x for x, _ in pos.values()]
        ys = [y for _, y in pos.values()]
        boxes.append((min(xs), min(ys), max(xs) - min(xs) + margin, max(ys) - min(ys) + margin))
    area = sum(w * h for _, _, w, h in boxes)
    row_width = max(max(w for _, _, w, _ in boxes), 1.3 * math.sqrt(area))
    out: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for pos, (left, top, w, h) in zip(blocks, boxes, strict=True):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for v, (vx, vy) in pos.items():
            out[v] = (vx - left + x, vy - top + y)
        x += w
        row_height = max(row_height, h)
    cx = (min(p[0] for p in out.values()) + max(p[0] for p in out.values())) / 2
    cy = (min(p[1] for p in out.values()) + max(p[1] for p in out.values())) / 2
    return {v: (px - cx, py - cy) for v, (px, py) in out.items()}


def _anchored(H: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """Layout of one connected component too big for ``spring_layout``."""
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
    queue = deque(anchors)
    while queue:  # breadth-first from the anchors; sunflower spiral around the parent
        parent = queue.popleft()
        for v in sorted(H[parent], key=lambda u: (-degree[u], u)):
            if v in pos:
                continue
            children[parent] += 1
            k = children[parent]
            r = SPACING * (1.2 + 0.9 * math.sqrt(k))
            px, py = pos[parent]
            pos[v] = (px + r * math.cos(k * GOLDEN_ANGLE), py + r * math.sin(k * GOLDEN_ANGLE))
            queue.append(v)
    return pos
