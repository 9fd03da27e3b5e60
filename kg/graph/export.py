"""Exports of the graph for other tools: GraphML (Gephi, Cytoscape, yEd) and the CSV files
of ``neo4j-admin database import full``.

Both are written atomically and deterministically (sorted nodes, edges and columns).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shlex
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import SchemaError
from kg.fileio import atomic_path, atomic_write
from kg.schema import Property, Schema, load_schema

__all__ = [
    "ARRAY_DELIMITER",
    "csv_text",
    "import_script",
    "neo4j_import_command",
    "node_cells",
    "node_header",
    "rel_cells",
    "rel_header",
    "write_graphml",
    "write_neo4j_import",
]

#: Array delimiter in the neo4j-admin CSVs: U+001F (ASCII unit separator), a character that
#: never occurs in text we keep (it is replaced by a space if it does), unlike ``;`` or ``|``.
ARRAY_DELIMITER = "\x1f"
_ARRAY_DELIMITER_OPTION = "U+001F"


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write ``G`` as GraphML that ``networkx.read_graphml`` (and Gephi, yEd) can load.

    GraphML has no list type, so list properties (``aliases``, evidence lists) are written as
    JSON strings; ``json.loads`` turns them back. Nodes and edges are in sorted order.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> G = nx.MultiDiGraph(schema_version=1)
    >>> G.add_node("entity:bert", label="Method", id="entity:bert", aliases=["B"])
    >>> p = write_graphml(G, pathlib.Path(tempfile.mkdtemp()) / "graph.graphml")
    >>> nx.read_graphml(p).nodes["entity:bert"]["aliases"]
    '["B"]'
    """
    H: nx.MultiDiGraph = nx.MultiDiGraph()
    H.graph.update({k: _graphml_value(v) for k, v in sorted(G.graph.items())})
    for n in sorted(G.nodes):
        H.add_node(n, **{k: _graphml_value(v) for k, v in sorted(G.nodes[n].items())})
    for u, v, k, attrs in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]):
        H.add_edge(u, v, key=k, **{a: _graphml_value(x) for a, x in sorted(attrs.items())})
    with atomic_path(path) as tmp:
        nx.write_graphml(H, tmp, encoding="utf-8", prettyprint=True)
    return Path(path)


def _graphml_value(value: Any) -> Any:
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _header_field(name: str, prop: Property) -> str:
    return f"{name}:{prop.type}"


def _csv_value(value: Any, prop: Property) -> str:
    if value is None:
        return ""  # an empty unquoted field: neo4j-admin sets no property
    if prop.is_list:
        return ARRAY_DELIMITER.join(_clean(str(v)) for v in value)
    if prop.type == "boolean":
        return "true" if value else "false"
    return _clean(str(value))


def _clean(text: str) -> str:
    return text.replace(ARRAY_DELIMITER, " ")


def _node_file(label: str) -> str:
    return f"nodes_{label}"


def _rel_file(type_: str) -> str:
    return f"rels_{type_}"


def node_header(label: str, schema: Schema | None = None) -> list[str]:
    """The header row of the ``label`` nodes' CSV (``id:ID,:LABEL,prop:type,...``)."""
    node_type = (schema or load_schema()).node(label)
    props = [p for p in node_type.properties.values() if p.name != node_type.key]
    return [f"{node_type.key}:ID", ":LABEL", *(_header_field(p.name, p) for p in props)]


def node_cells(label: str, node_id: str, attrs: dict[str, Any],
               schema: Schema | None = None) -> list[str]:
    """One node's CSV row, matching :func:`node_header`."""
    node_type = (schema or load_schema()).node(label)
    props = [p for p in node_type.properties.values() if p.name != node_type.key]
    return [node_id, label, *(_csv_value(attrs.get(p.name), p) for p in props)]


def rel_header(type_: str, schema: Schema | None = None) -> list[str]:
    """The header row of the ``type_`` relationships' CSV."""
    rel_props = (schema or load_schema()).relationship(type_).properties.values()
    return [":START_ID", ":END_ID", ":TYPE", *(_header_field(p.name, p) for p in rel_props)]


def rel_cells(type_: str, start: str, end: str, attrs: dict[str, Any],
              schema: Schema | None = None) -> list[str]:
    """One relationship's CSV row, matching :func:`rel_header`."""
    rel_props = (schema or load_schema()).relationship(type_).properties.values()
    return [start, end, type_, *(_csv_value(attrs.get(p.name), p) for p in rel_props)]


def csv_text(rows: list[list[str]]) -> str:
    """``rows`` as CSV text, quoted exactly as the files :func:`write_neo4j_import` writes."""
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def write_neo4j_import(G: nx.MultiDiGraph, directory: str | os.PathLike[str], *,
                       schema: Schema | None = None) -> Path:
    """Write node and relationship CSVs (header files separate) for ``neo4j-admin``.

    For each label ``L``: ``nodes_L.header.csv`` (``id:ID,:LABEL,prop:type,...``) and
    ``nodes_L.csv``; for each relationship type ``T``: ``rels_T.header.csv``
    (``:START_ID,:END_ID,:TYPE,prop:type,...``) and ``rels_T.csv``. Property columns and
    types come from the schema; arrays are joined with U+001F. Also writes ``import.sh``
    with the exact import command (see :func:`neo4j_import_command`).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph following the schema.
    directory : path-like
        Output directory (created; files in it are replaced atomically one by one).
    schema : Schema, optional
        Defaults to :func:`kg.schema.load_schema`.

    Examples
    --------
    >>> import tempfile
    >>> G = nx.MultiDiGraph(schema_version=1)
    >>> out = write_neo4j_import(G, tempfile.mkdtemp())
    >>> (out / "nodes_Paper.header.csv").read_text().split(",")[:2]
    ['id:ID', ':LABEL']
    """
    schema = schema or load_schema()
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    by_label: dict[str, list[str]] = {label: [] for label in schema.nodes}
    for n in sorted(G.nodes):
        label = G.nodes[n].get("label")
        if label not in by_label:
            raise SchemaError(f"node {n!r} has label {label!r}, not one of {sorted(by_label)}")
        by_label[label].append(n)
    for label, node_ids in sorted(by_label.items()):
        node_type = schema.node(label)
        props = [p for p in node_type.properties.values() if p.name != node_type.key]
        header = [f"{node_type.key}:ID", ":LABEL", *(_header_field(p.name, p) for p in props)]
        rows = [
            [n, label, *(_csv_value(G.nodes[n].get(p.name), p) for p in props)] for n in node_ids
        ]
        _write_csv(out / f"{_node_file(label)}.header.csv", [header])
        _write_csv(out / f"{_node_file(label)}.csv", rows)
    by_type: dict[str, list[tuple[str, str, dict[str, Any]]]] = {
        t: [] for t in schema.relationships
    }
    for u, v, k, attrs in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]):
        if k not in by_type:
            raise SchemaError(f"edge {u!r} -> {v!r} has type {k!r}, not one of {sorted(by_type)}")
        by_type[k].append((u, v, attrs))
    for type_, edges in sorted(by_type.items()):
        rel_props = list(schema.relationship(type_).properties.values())
        header = [":START_ID", ":END_ID", ":TYPE", *(_header_field(p.name, p) for p in rel_props)]
        rows = [[u, v, type_, *(_csv_value(a.get(p.name), p) for p in rel_props)]
                for u, v, a in edges]
        _write_csv(out / f"{_rel_file(type_)}.header.csv", [header])
        _write_csv(out / f"{_rel_file(type_)}.csv", rows)
    with atomic_write(out / "import.sh", newline="\n") as fh:
        fh.write(_import_script(schema))
    os.chmod(out / "import.sh", 0o755)
    return out


def neo4j_import_command(schema: Schema | None = None, *, database: str = "neo4j",
                         directory: str = ".", overwrite: bool = False) -> str:
    """The exact ``neo4j-admin database import full`` command for :func:`write_neo4j_import`.

    ``overwrite`` adds ``--overwrite-destination``: without it neo4j-admin refuses a
    database that already exists, so an existing graph is replaced only when asked.

    >>> neo4j_import_command().startswith("neo4j-admin database import full neo4j --array")
    True
    >>> "--overwrite-destination" in neo4j_import_command(database="papers", overwrite=True)
    True
    """
    parts = ["neo4j-admin", "database", "import", "full", database]
    if overwrite:
        parts.append("--overwrite-destination")
    parts += _import_options(schema or load_schema(), directory)
    return " ".join(shlex.quote(p) for p in parts)


def _import_options(schema: Schema, directory: str,
                    data_files: dict[str, list[str]] | None = None) -> list[str]:
    base = directory.rstrip("/") or "."

    def files(stem: str) -> str:
        data = (data_files or {}).get(stem, [f"{stem}.csv"])
        return ",".join([f"{base}/{stem}.header.csv", *(f"{base}/{name}" for name in data)])

    parts = [f"--array-delimiter={_ARRAY_DELIMITER_OPTION}", "--multiline-fields=true",
             "--id-type=string"]
    parts += [f"--nodes={files(_node_file(label))}" for label in sorted(schema.nodes)]
    parts += [f"--relationships={files(_rel_file(t))}" for t in sorted(schema.relationships)]
    return parts


def import_script(schema: Schema | None = None,
                  parts: dict[str, list[str]] | None = None) -> str:
    """The text of ``import.sh``; ``parts`` maps a file stem (``nodes_Paper``) to its data
    files when they are many (``nodes_Paper/part-00000``, ...), as ``kg spark-build`` writes."""
    return _import_script(schema or load_schema(), parts)


def _import_script(schema: Schema, parts: dict[str, list[str]] | None = None) -> str:
    """``import.sh``: the import command with the database name and overwriting as choices."""
    options = " ".join(shlex.quote(p) for p in _import_options(schema, ".", parts))
    return f"""#!/bin/sh
# Load this directory into a Neo4j 5 database with neo4j-admin (stop that database first).
#
# Usage: ./import.sh [DATABASE] [--overwrite] [other neo4j-admin import options...]
#   DATABASE     the database to create (default: neo4j)
#   --overwrite  replace DATABASE if it exists; without it neo4j-admin refuses an
#                existing database, so nothing is lost by accident
# NEO4J_ADMIN names the neo4j-admin executable (default: neo4j-admin on PATH).
set -eu
cd "$(dirname "$0")"
database=neo4j
case "${{1:-}}" in
    ""|-*) ;;
    *) database=$1; shift ;;
esac
overwrite=""
if [ "${{1:-}}" = "--overwrite" ]; then
    overwrite="--overwrite-destination"
    shift
fi
exec "${{NEO4J_ADMIN:-neo4j-admin}}" database import full "$database" $overwrite \
    {options} "$@"
"""


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    with atomic_write(path, newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerows(rows)
