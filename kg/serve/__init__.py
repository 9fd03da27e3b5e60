"""``kg serve``: the graph as a local website to browse, search and query.

:mod:`kg.serve.pages` computes each page as a plain dict (also served as JSON);
:mod:`kg.serve.app` renders them with Jinja2 on Starlette; :func:`serve` runs the site with
uvicorn on 127.0.0.1 by default, over a ``graph.json`` or over what a Neo4j/FalkorDB server
holds (:mod:`kg.serve.store_graph`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kg.serve.pages import (
    CypherBox,
    entity_page,
    home_page,
    matrix_page,
    paper_page,
    search_page,
    top_page,
)

__all__ = [
    "CypherBox",
    "entity_page",
    "graph_path",
    "home_page",
    "matrix_page",
    "paper_page",
    "search_page",
    "serve",
    "top_page",
]


def graph_path(out_dir: str | Path) -> Path:
    """``graph.json`` inside ``out_dir`` (the output of ``kg build``), or ``out_dir`` itself
    when it is the file."""
    path = Path(out_dir)
    return path / "graph.json" if path.is_dir() else path


def serve(out_dir: str | Path | None, *, host: str = "127.0.0.1", port: int = 8000,
          store: str | None = None, timeout: float = 10.0, max_rows: int = 1000,
          on_progress: Callable[[str, int], None] | None = None) -> None:
    """Serve the site until interrupted: over ``out_dir/graph.json``, or, when ``store`` is
    a Neo4j/FalkorDB URI, over the graph that server holds (read once at start-up; the
    Cypher box asks the server live). ``on_progress(what, count)`` reports the reading."""
    import uvicorn

    from kg.graph import entity_index, load_graph
    from kg.serve.app import create_app
    from kg.serve.store_graph import graph_from_store

    if store:
        G = graph_from_store(store, on_progress=on_progress)
    elif out_dir is not None:
        G = load_graph(graph_path(out_dir))
    else:
        raise ValueError("serve needs out_dir or store")
    entity_index(G)  # built now, not on the first search
    app = create_app(G, store=store, timeout=timeout, max_rows=max_rows)
    uvicorn.run(app, host=host, port=port, log_level="warning")
