"""The site's graph read from a Neo4j/FalkorDB server (``kg serve --store URI``).

Every page of the site is computed from a networkx graph (:mod:`kg.serve.pages`). With
``--store`` that graph is read from the server once, at start-up, with read-only Cypher
(one query per schema label and relationship type, in pages of :data:`PAGE_ROWS` rows, the
offsets passed as parameters) through :func:`kg.store.open_store`, so the pages show what the
server holds, not a ``graph.json``. The Cypher box keeps asking the server itself, live. A
write to the server after start-up shows in the Cypher box at once and in the pages after a
restart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import networkx as nx

from kg.schema import load_schema
from kg.store import GraphStore, open_store
from kg.store.cypher import quote_name

__all__ = ["PAGE_ROWS", "graph_from_store"]

#: Rows per read query: bounded replies, and a 100k-paper graph still needs few round trips.
PAGE_ROWS = 20_000


def _pages(store: GraphStore, cypher: str) -> Iterator[list[Any]]:
    skip = 0
    while True:
        rows = store.query(cypher, {"skip": skip, "limit": PAGE_ROWS}, read_only=True).rows
        yield from rows
        if len(rows) < PAGE_ROWS:
            return
        skip += PAGE_ROWS


def graph_from_store(uri: str, *, user: str | None = None, password: str | None = None,
                     database: str | None = None,
                     on_progress: Callable[[str, int], None] | None = None) -> nx.MultiDiGraph:
    """The graph the server at ``uri`` holds, as :func:`kg.graph.load_graph` would give it
    from the ``graph.json`` that was written there: nodes with ``label`` and their
    properties, edges keyed by relationship type with ``type`` and their properties, nodes
    and edges in sorted order.

    ``on_progress(what, count)`` is called after each label or type is read.
    :class:`~kg.errors.StoreError` when the server cannot be reached,
    :class:`~kg.errors.QueryError` when it refuses a query.
    """
    schema = load_schema()
    G: nx.MultiDiGraph = nx.MultiDiGraph(schema_version=schema.version)
    with open_store(uri, user=user, password=password, database=database) as store:
        nodes: list[tuple[str, dict[str, Any]]] = []
        for label in schema.nodes:
            before = len(nodes)
            cypher = (f"MATCH (n:{quote_name(label)}) RETURN n ORDER BY n.id "
                      "SKIP $skip LIMIT $limit")
            for (props,) in _pages(store, cypher):
                attrs = {k: v for k, v in props.items() if v is not None}
                nodes.append((str(attrs["id"]), {**attrs, "label": label}))
            if on_progress:
                on_progress(label, len(nodes) - before)
        G.add_nodes_from(sorted(nodes, key=lambda item: item[0]))
        edges: list[tuple[str, str, str, dict[str, Any]]] = []
        for rel in schema.relationships:
            before = len(edges)
            cypher = (f"MATCH (a)-[r:{quote_name(rel)}]->(b) RETURN a.id, b.id, r "
                      "ORDER BY a.id, b.id SKIP $skip LIMIT $limit")
            for source, target, props in _pages(store, cypher):
                attrs = {k: v for k, v in props.items() if v is not None}
                edges.append((str(source), str(target), rel, {"type": rel, **attrs}))
            if on_progress:
                on_progress(rel, len(edges) - before)
    edges.sort(key=lambda e: (e[0], e[1], e[2]))
    for u, v, key, attrs in edges:
        if u in G and v in G:
            G.add_edge(u, v, key=key, **attrs)
    return G
