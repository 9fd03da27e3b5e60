"""Analysis of the in-memory graph: statistics, common questions, plots and embedded Cypher.

Everything here works on the ``networkx.MultiDiGraph`` that ``kg.build``/``kg.load`` return,
with no server. Submodules are imported on first use (matplotlib and the Cypher engine are
heavy), so ``import kg.analysis`` does no work.

>>> from kg.analysis import graph_stats, papers_using, query_graph
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = [
    "EmbeddedGraph",
    "cooccurrence",
    "find_entities",
    "graph_stats",
    "methods_evaluated_on",
    "neighbourhood",
    "papers_using",
    "query_graph",
    "write_plots",
]

_HOME = {
    "EmbeddedGraph": "kg.analysis.cypher",
    "query_graph": "kg.analysis.cypher",
    "graph_stats": "kg.analysis.stats",
    "write_plots": "kg.analysis.plots",
    "cooccurrence": "kg.analysis.questions",
    "find_entities": "kg.analysis.questions",
    "methods_evaluated_on": "kg.analysis.questions",
    "neighbourhood": "kg.analysis.questions",
    "papers_using": "kg.analysis.questions",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(import_module(_HOME[name]), name)
    raise AttributeError(f"module 'kg.analysis' has no attribute {name!r}")
