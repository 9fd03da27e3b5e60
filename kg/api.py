"""The Python API: ``kg.build(paths)`` -> networkx graph, ``kg.load(path)``, and
``kg.build_outputs(paths, out)`` which is everything ``kg build`` does.

Heavy modules (spaCy, networkx, drivers) are imported inside the functions, so ``import kg``
stays cheap.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    import networkx as nx

    from kg.records import Paper, PaperExtraction, QueryResult

__all__ = ["BuildReport", "build", "build_outputs", "extract_entities", "load", "query", "read",
           "write_outputs", "write_papers_jsonl"]

PathLike = str | os.PathLike[str]
#: ``on_progress(stage, done, total)``: stage is "read", "extract" or "store".
ProgressCallback = Callable[[str, int, "int | None"], None]
WarningCallback = Callable[[str], None]


def _warn_default(message: str) -> None:
    warnings.warn(message, stacklevel=3)


def _extractions(papers: list[Paper], processes: int, on_warning: WarningCallback,
                 on_progress: ProgressCallback | None) -> Iterator[PaperExtraction]:
    from kg.extract import extract_papers

    total = len(papers)
    extractions = extract_papers(papers, processes=processes, on_warning=on_warning)
    for done, extraction in enumerate(extractions, start=1):
        if on_progress is not None:
            on_progress("extract", done, total)
        yield extraction


def build(paths: PathLike | Iterable[PathLike], *, format: str | None = None,
          processes: int = 1, strict: bool = False,
          on_warning: WarningCallback | None = None,
          on_progress: ProgressCallback | None = None) -> nx.MultiDiGraph:
    """Read, extract, resolve and build: the knowledge graph of the papers in ``paths``.

    Parameters
    ----------
    paths : path or iterable of paths
        Input files or directories (HF listing pages, JSON Lines, JSON, CSV/TSV).
    format : str, optional
        Input format for every file (default: detected per file).
    processes : int
        Extractor worker processes.
    strict : bool
        Stop at the first bad input record instead of warning and going on.
    on_warning : callable, optional
        Gets each input warning (``file:line: reason``); default :func:`warnings.warn`.
    on_progress : callable, optional
        ``on_progress(stage, done, total)`` as papers are read and extracted.

    Returns
    -------
    networkx.MultiDiGraph
        See :func:`kg.graph.build_graph`.

    Examples
    --------
    >>> import kg
    >>> from kg.testing import sample_papers_file
    >>> G = kg.build(sample_papers_file())
    >>> G.nodes["arxiv:2401.00001"]["title"]
    'MAFormer: Multi-scale Attention Fusion'
    """
    return _build(paths, format=format, processes=processes, strict=strict,
                  on_warning=on_warning, on_progress=on_progress)[0]


def _build(paths: PathLike | Iterable[PathLike], *, format: str | None,
           processes: int, strict: bool, on_warning: WarningCallback | None,
           on_progress: ProgressCallback | None) -> tuple[nx.MultiDiGraph, Any]:
    """:func:`build`, also returning the readers' statistics (``ReadStats``)."""
    from kg.graph import build_graph
    from kg.readers import read_papers

    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    read_count = 0

    def on_record() -> None:
        nonlocal read_count
        read_count += 1
        if on_progress is not None:
            on_progress("read", read_count, None)

    result = read_papers(paths, format=format, strict=strict,
                         on_warning=on_warning or _warn_default, on_record=on_record)
    return build_graph(_extractions(result.papers, processes, on_warning or _warn_default,
                                    on_progress)), result.stats


def read(paths: PathLike | Iterable[PathLike], *, format: str | None = None,
         strict: bool = False, on_warning: WarningCallback | None = None) -> list[Paper]:
    """The deduplicated papers in ``paths`` (what ``kg papers`` writes), in first-seen order.

    >>> import kg
    >>> from kg.testing import sample_papers_file
    >>> papers = kg.read(sample_papers_file())   # 4 records, one a duplicate
    >>> len(papers)
    3
    """
    from kg.readers import read_papers

    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    return read_papers(paths, format=format, strict=strict,
                       on_warning=on_warning or _warn_default).papers


def write_papers_jsonl(papers: Iterable[Paper], out: PathLike | TextIO) -> int:
    """Write ``papers`` as JSON Lines, one normalised paper a line (what ``kg papers``
    writes), to an open text stream or to a file, which is replaced atomically so a failed
    run leaves an earlier one intact. Returns the number of papers written.

    >>> import io, kg
    >>> from kg.testing import sample_papers_file
    >>> stream = io.StringIO()
    >>> kg.write_papers_jsonl(kg.read(sample_papers_file()), stream)
    3
    >>> stream.getvalue().splitlines()[0][:24]
    '{"id": "arxiv:2401.00001'
    """
    import json

    lines = [json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in papers]
    if isinstance(out, str | os.PathLike):
        from kg.fileio import atomic_write

        with atomic_write(out, newline="\n") as handle:
            handle.writelines(lines)
    else:
        out.writelines(lines)
    return len(lines)


def extract_entities(paths: PathLike | Iterable[PathLike], *, format: str | None = None,
                     processes: int = 1, on_warning: WarningCallback | None = None
                     ) -> Iterator[PaperExtraction]:
    """Stream one :class:`~kg.records.PaperExtraction` per paper in ``paths`` (the records
    ``kg extract`` writes as JSON lines). Papers are read and deduplicated first, exactly as
    :func:`read` and :func:`build` do; extraction then runs lazily.

    >>> import kg
    >>> from kg.testing import sample_papers_file
    >>> first = next(kg.extract_entities(sample_papers_file()))
    >>> first.paper.title
    'MAFormer: Multi-scale Attention Fusion'
    """
    from kg.extract import extract_papers

    return extract_papers(read(paths, format=format, on_warning=on_warning),
                          processes=processes, on_warning=on_warning or _warn_default)


def load(path: PathLike) -> nx.MultiDiGraph:
    """Load a ``graph.json`` written by ``kg build`` (or :func:`kg.graph.save_json`).

    >>> import kg, tempfile
    >>> from kg.graph import save_json
    >>> from kg.testing import sample_graph
    >>> path = save_json(sample_graph(), tempfile.mkdtemp() + "/graph.json")
    >>> kg.load(path).number_of_nodes()
    11
    """
    from kg.graph import load_graph

    return load_graph(path)


def query(cypher: str, params: dict[str, Any] | None = None, *,
          graph: PathLike | nx.MultiDiGraph | None = None, store: str | None = None,
          user: str | None = None, password: str | None = None, database: str | None = None,
          write: bool = False) -> QueryResult:
    """Run one Cypher statement (what ``kg query`` runs) and return its rows.

    The engine follows from the source: ``graph`` (a graph or a ``graph.json`` path) runs
    read-only on the embedded engine, in memory; ``store`` (a Neo4j or FalkorDB URI) runs on
    that server, read-only unless ``write``. Values go in as ``params``, never into the text.

    >>> import kg
    >>> from kg.testing import sample_graph
    >>> kg.query("MATCH (d:Dataset) RETURN d.name AS name ORDER BY name LIMIT $n", {"n": 1},
    ...          graph=sample_graph()).rows
    [['ImageNet']]
    """
    if (graph is None) == (store is None):
        raise ValueError("give graph or store, not both or neither")
    if graph is not None:
        if write:
            raise ValueError("write needs a store: the embedded graph is an in-memory copy")
        from kg.analysis.cypher import query_graph

        G = graph if not isinstance(graph, str | os.PathLike) else load(graph)
        return query_graph(G, cypher, params or {})
    from kg.store import run_query

    assert store is not None
    return run_query(store, cypher, params or {}, user=user, password=password,
                     database=database, read_only=not write)


@dataclass(slots=True)
class BuildReport:
    """What :func:`build_outputs` made: the graph, the files, counts and notes."""

    graph: Any
    files: dict[str, Path] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    store: Any = None
    #: The readers' statistics (entries, unique papers, read, skipped, duplicates); its
    #: ``summary()`` is the line ``kg papers`` and ``kg build`` print.
    reading: Any = None

    def label_counts(self) -> dict[str, int]:
        """Nodes per label, every schema label listed (zero included), sorted."""
        from kg.schema import load_schema

        counts = dict.fromkeys(sorted(load_schema().nodes), 0)
        for _, label in self.graph.nodes(data="label"):
            counts[label] = counts.get(label, 0) + 1
        return counts

    def type_counts(self) -> dict[str, int]:
        """Relationships per type, every schema type listed (zero included), sorted."""
        from kg.schema import load_schema

        counts = dict.fromkeys(sorted(load_schema().relationships), 0)
        for _, _, key in self.graph.edges(keys=True):
            counts[key] = counts.get(key, 0) + 1
        return counts


def write_outputs(G: nx.MultiDiGraph, out: PathLike, *, html: bool = True) -> dict[str, Path]:
    """Write every registered exporter (:data:`kg.exporters.EXPORTERS`: ``graph.json``,
    ``graph.graphml``, ``neo4j-import/`` and, with ``html``, ``graph.html``) into ``out``;
    returns the written path by exporter name. Without ``html``, a ``graph.html`` left by an
    earlier build is removed. Every file is written to a temporary name and renamed, and a
    directory is swapped in whole, so a failed run leaves the previous outputs as they were.
    """
    from kg.exporters import EXPORTERS

    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    skip = set() if html else {"html"}
    files: dict[str, Path] = {}
    for exporter in EXPORTERS.values():
        if exporter.name in skip:
            exporter.remove(out_dir)
        else:
            files[exporter.name] = exporter.export(G, out_dir)
    return files


def build_outputs(paths: PathLike | Iterable[PathLike], out: PathLike, *,
                  format: str | None = None, processes: int = 1, strict: bool = False,
                  html: bool = True, store: str | None = None, user: str | None = None,
                  password: str | None = None, database: str | None = None,
                  batch_size: int | None = None,
                  on_warning: WarningCallback | None = None,
                  on_progress: ProgressCallback | None = None) -> BuildReport:
    """Everything ``kg build`` does: :func:`build`, :func:`write_outputs`, and with ``store``
    :func:`kg.store.write_graph` to that URI.

    Examples
    --------
    >>> import kg
    >>> from kg.testing import sample_papers_file
    >>> path = sample_papers_file()
    >>> report = kg.build_outputs(path, path.parent / "out", html=False)
    >>> report.label_counts()["Paper"]
    3
    """
    if store:
        from kg.store import check_store

        # A wrong port or password shows now, not after the whole extraction.
        check_store(store, user=user, password=password, database=database)
    G, reading = _build(paths, format=format, processes=processes, strict=strict,
                        on_warning=on_warning, on_progress=on_progress)
    report = BuildReport(graph=G, reading=reading)
    report.files = write_outputs(G, out, html=html)
    if store:
        from kg.store import write_graph

        kwargs: dict[str, Any] = {}
        if batch_size is not None:
            kwargs["batch_size"] = batch_size
        if on_progress is not None:
            kwargs["on_progress"] = lambda done, total: on_progress("store", done, total)
        report.store = write_graph(G, store, user=user, password=password, database=database,
                                   **kwargs)
        for problem in report.store.problems:
            (on_warning or _warn_default)(problem)
    return report
