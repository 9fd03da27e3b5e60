"""The exporters ``kg build`` runs: one :class:`Exporter` record each, in :data:`EXPORTERS`.

:func:`kg.api.write_outputs` writes every registered exporter into the output directory, and
``tests/test_exporter_contract.py`` runs the exporter contract (round trip where a reader
exists, hostile text, same bytes for the same graph) on every one of them, so registering an
exporter is all it takes to have ``kg build`` write it and the contract check it (see
docs/architecture.md, "A new exporter").

Functions are named ``"module:function"`` and imported when first used, so importing this
module (and ``kg``) stays cheap.

>>> [e.target for e in EXPORTERS.values()]
['graph.json', 'graph.graphml', 'neo4j-import', 'graph.html']
>>> EXPORTERS["json"].reader() is not None, EXPORTERS["html"].reader()
(True, None)
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["EXPORTERS", "Exporter"]


@dataclass(frozen=True, slots=True)
class Exporter:
    """One output of ``kg build``."""

    #: Key of the written path in :func:`kg.api.write_outputs`' result ("graphml").
    name: str
    #: What it writes in the output directory: a file name, or a directory's with ``directory``.
    target: str
    #: ``"module:function"``, ``function(G, path) -> Path``, writing the graph to ``path``.
    write: str
    #: ``"module:function"``, ``function(path) -> nx.MultiDiGraph``, reading the output back
    #: whole, where the package has such a reader; the contract then checks the round trip.
    read: str | None = None
    #: ``target`` is a directory, put in place whole once ``write`` has filled it.
    directory: bool = False

    def writer(self) -> Callable[[nx.MultiDiGraph, Path], Any]:
        """The ``write`` function, imported."""
        return _function(self.write)

    def reader(self) -> Callable[[Path], nx.MultiDiGraph] | None:
        """The ``read`` function, imported, or None when there is none."""
        return _function(self.read) if self.read else None

    def export(self, G: nx.MultiDiGraph, out_dir: Path) -> Path:
        """Write ``G`` to ``out_dir / target`` through a temporary name, so a failed run leaves
        the previous output as it was; returns that path."""
        from kg.fileio import atomic_path, swap_directory

        write = self.writer()
        target = out_dir / self.target
        if self.directory:
            return swap_directory(target, lambda tmp: write(G, tmp))
        with atomic_path(target) as tmp:
            write(G, tmp)
        return target

    def remove(self, out_dir: Path) -> None:
        """Remove this exporter's output from ``out_dir``: left there by an earlier build, it
        would no longer match the other outputs."""
        import shutil

        target = out_dir / self.target
        if self.directory:
            shutil.rmtree(target, ignore_errors=True)
        else:
            target.unlink(missing_ok=True)


def _function(ref: str) -> Callable[..., Any]:
    module, _, name = ref.partition(":")
    function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return function


#: Every exporter ``kg build`` runs, in the order it runs them. Registering one is one line.
EXPORTERS: dict[str, Exporter] = {e.name: e for e in (
    Exporter("json", "graph.json", "kg.graph:save_json", read="kg.graph:load_graph"),
    Exporter("graphml", "graph.graphml", "kg.graph:write_graphml"),
    Exporter("neo4j-import", "neo4j-import", "kg.graph:write_neo4j_import", directory=True),
    Exporter("html", "graph.html", "kg.view:write_html"),
)}
