"""The native graph file: node-link JSON (``graph.json``), written atomically and byte-stable.

Layout (networkx's node-link format with ``edges="edges"``, so
``networkx.node_link_graph(data, edges="edges")`` also reads it)::

    {"directed": true, "multigraph": true, "graph": {"schema_version": 1},
     "nodes": [{"id": ..., "label": ..., ...}, ...],          # sorted by id
     "edges": [{"source": ..., "target": ..., "key": TYPE, "type": TYPE, ...}, ...]}

Nodes are sorted by id, edges by (source, target, key), object keys are sorted, and there is
one node or edge per line, so two builds of the same input are byte-identical and diff well.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import InputError
from kg.fileio import atomic_write

__all__ = ["graph_to_node_link", "load_graph", "save_json"]


def graph_to_node_link(G: nx.MultiDiGraph) -> dict[str, Any]:
    """The node-link dict of ``G``, sorted (nodes by id, edges by source, target, key)."""
    nodes = [{**G.nodes[n], "id": n} for n in sorted(G.nodes)]
    edges = [
        {**attrs, "source": u, "target": v, "key": k}
        for u, v, k, attrs in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3])
    ]
    return {"directed": True, "multigraph": True, "graph": dict(G.graph),
            "nodes": nodes, "edges": edges}


def _dump(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False)


def save_json(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write ``G`` as node-link JSON to ``path`` (atomically) and return the path.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph following the schema (see :func:`kg.graph.build_graph`).
    path : path-like
        Destination, usually ``out/graph.json``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> G = nx.MultiDiGraph(schema_version=1)
    >>> G.add_node("entity:bert", label="Method", id="entity:bert")
    >>> p = save_json(G, pathlib.Path(tempfile.mkdtemp()) / "graph.json")
    >>> sorted(load_graph(p).nodes)
    ['entity:bert']
    """
    data = graph_to_node_link(G)
    lines = ["{",
             f'"directed": true, "multigraph": true, "graph": {_dump(data["graph"])},',
             '"nodes": [']
    lines.append(",\n".join(_dump(n) for n in data["nodes"]))
    lines.append('], "edges": [')
    lines.append(",\n".join(_dump(e) for e in data["edges"]))
    lines.append("]}")
    with atomic_write(path, newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")
    return Path(path)


def load_graph(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read a ``graph.json`` written by :func:`save_json` (``kg build``); ``path`` may also be
    the output directory holding one.

    Raises :class:`kg.errors.InputError` naming the file when it is missing or not a kg graph.

    Examples
    --------
    >>> import tempfile
    >>> from kg.testing import sample_graph
    >>> out = tempfile.mkdtemp()
    >>> path = save_json(sample_graph(), out + "/graph.json")
    >>> G = load_graph(path)
    >>> load_graph(out).number_of_nodes() == G.number_of_nodes()
    True
    """
    if Path(path).is_dir():
        path = Path(path) / "graph.json"
    source = str(path)
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise InputError("no such graph file (run `kg build ... --out DIR` first)",
                         source) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc.msg}", source, exc.lineno) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read graph file: {exc}", source) from None
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list) or not isinstance(
        data.get("edges"), list
    ):
        raise InputError("not a kg graph file (expected node-link JSON with nodes and edges)",
                         source)
    G: nx.MultiDiGraph = nx.MultiDiGraph(**(data.get("graph") or {}))
    _fill(G, data, source)
    return G


def _fill(G: nx.MultiDiGraph, data: dict[str, Any], source: str) -> None:
    def check(ok: bool, message: str) -> None:
        if not ok:
            raise InputError(message, source)

    for i, node in enumerate(data["nodes"]):
        check(isinstance(node, dict) and isinstance(node.get("id"), str),
              f"node #{i} has no string id")
        G.add_node(node["id"], **node)
    for i, edge in enumerate(data["edges"]):
        check(isinstance(edge, dict) and {"source", "target", "key"} <= set(edge),
              f"edge #{i} needs source, target and key")
        attrs = {k: v for k, v in edge.items() if k not in ("source", "target", "key")}
        check(edge["source"] in G and edge["target"] in G,
              f"edge #{i} ({edge['source']} -> {edge['target']}) names a missing node")
        G.add_edge(edge["source"], edge["target"], key=edge["key"], **attrs)
