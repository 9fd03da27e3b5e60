"""Interactive HTML views of the knowledge graph: offline, injection-safe, fast on big graphs.

``write_html(G, path)`` selects part of the graph (:mod:`kg.view.select`), lays it out in
Python (:mod:`kg.view.layout`), styles it (:mod:`kg.view.style`) and renders one
self-contained page with pyvis (:mod:`kg.view.render`).
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import networkx as nx

from kg.errors import EntityNotFound
from kg.view.select import (
    DEFAULT_PAPERS_PER_ENTITY,
    VIEWS,
    ego_subgraph,
    evaluated_on_subgraph,
    find_entity,
    find_focus,
    overview_subgraph,
    select_view,
)

__all__ = [
    "DEFAULT_PAPERS_PER_ENTITY",
    "VIEWS",
    "EntityNotFound",
    "ego_subgraph",
    "evaluated_on_subgraph",
    "find_entity",
    "find_focus",
    "overview_subgraph",
    "select_view",
    "write_html",
]

_TITLES = {"overview": "Knowledge graph overview", "evaluated_on": "Methods × datasets"}


def write_html(
    G: nx.MultiDiGraph,
    path: str | Path,
    *,
    view: str = "overview",
    focus: str | None = None,
    types: Collection[str] | None = None,
    top: int | None = None,
    min_degree: int = 0,
    papers_per_entity: int | None = None,
    title: str | None = None,
    seed: int = 7,
) -> Path:
    """Write an interactive HTML view of ``G`` to ``path`` and return the path.

    The page is one file that opens from ``file://`` and makes no network request. The same
    graph and options always give the same bytes.

    Parameters
    ----------
    G : nx.MultiDiGraph
        A knowledge graph as built by :func:`kg.graph.build_graph`.
    path : str or Path
        Output file; parent directories are created.
    view : {"overview", "ego", "evaluated_on"}
        ``overview``: the ``top`` most connected entities and their papers. ``ego``: the
        ``focus`` entity or paper and what is around it (2 hops). ``evaluated_on``:
        methods x datasets/benchmarks over ``EVALUATED_ON``.
    focus : str, optional
        Entity name, alias or id, or paper id or title, for the ego view (giving it implies
        ``view="ego"``; see :func:`kg.view.select.find_focus`).
    types : collection of str, optional
        Entity labels to show, e.g. ``["Method", "Dataset"]``.
    top : int, optional
        Number of entities in the overview / method x dataset view (default 150, 0 = all).
    min_degree : int
        Leave out entities with fewer neighbours.
    papers_per_entity : int, optional
        Papers shown per entity in the overview and ego views (default
        :data:`DEFAULT_PAPERS_PER_ENTITY`, ``0`` = all); a capped entity says "+N papers".
    title : str, optional
        Page heading (escaped like all other text).
    seed : int
        Layout seed.

    Raises
    ------
    EntityNotFound
        ``focus`` names no entity or paper (the message lists close matches).
    ValueError
        Unknown ``view`` or ``types``, negative ``top``/``min_degree``/``papers_per_entity``.

    Examples
    --------
    >>> from kg.testing import sample_graph
    >>> import tempfile, pathlib
    >>> out = write_html(sample_graph(), pathlib.Path(tempfile.mkdtemp()) / "g.html",
    ...                  focus="ImageNet")
    >>> out.read_text(encoding="utf-8").count("https://cdn")
    0
    """
    from kg.view.render import render_html

    H = select_view(G, view, focus=focus, types=types, top=top, min_degree=min_degree,
                    papers_per_entity=papers_per_entity)
    name = view.replace("-", "_")
    if focus is not None:
        name = "ego"
        attrs = G.nodes[find_focus(G, focus)]
        shown = attrs.get("name") or attrs.get("url") or attrs.get("title") or attrs["id"]
        default_title = f"{shown} and its neighbourhood"
    else:
        default_title = _TITLES.get(name, "Knowledge graph")
    notes = []
    if len(H) == 0:
        notes.append("Nothing to show: the selection is empty.")
    page = render_html(G, H, title=title or default_title, view=name.replace("_", " "),
                       notes=notes, seed=seed)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
