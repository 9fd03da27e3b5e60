"""Reading ``graph.json`` for the analysis commands: helper C's loader when it is there."""

from __future__ import annotations

import json
from importlib import import_module
from pathlib import Path

import networkx as nx

from kg.errors import InputError


def read_graph(path: str | Path) -> nx.MultiDiGraph:
    """The graph written by ``kg build`` at ``path`` (a ``graph.json``, or the output
    directory holding one); :class:`InputError` naming the file."""
    if Path(path).is_dir():
        path = Path(path) / "graph.json"
    try:
        load_graph = getattr(import_module("kg.graph"), "load_graph", None)
    except ImportError:
        load_graph = None
    if load_graph is not None:
        G: nx.MultiDiGraph = load_graph(path)
        return G
    # kg.graph not there yet: read node-link JSON directly.
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        G = nx.MultiDiGraph(
            nx.node_link_graph(data, directed=True, multigraph=True, edges="edges"))
        for node, attrs in G.nodes(data=True):
            attrs.setdefault("id", node)  # node-link JSON keeps the id only as the node key
        return G
    except FileNotFoundError:
        raise InputError("no such graph file (run `kg build ... --out DIR` first)",
                         str(path)) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc.msg}", str(path), exc.lineno) from None
    except (OSError, UnicodeDecodeError, KeyError, TypeError) as exc:
        raise InputError(f"not a kg graph file ({exc})", str(path)) from None
