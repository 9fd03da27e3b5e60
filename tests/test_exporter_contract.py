"""One contract for every exporter, csvkit style: whatever an exporter writes must read back
as the graph it was given (every schema property of every node and relationship), keep
hostile text as text, and be byte-identical for the same graph however it was built. A new
exporter passes by adding one subclass with ``write`` and ``read_back`` (see
docs/architecture.md, "A new exporter")."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx

from kg.graph import load_graph, save_json, write_graphml, write_neo4j_import
from kg.graph.export import ARRAY_DELIMITER
from kg.schema import load_schema
from kg.testing import HOSTILE_TITLE, sample_graph
from kg.view import write_html

SCHEMA = load_schema()
#: Text that breaks naive CSV, XML, JSON, HTML or Cypher writers.
HOSTILE = ("line one\nline two, \"quoted\" 'single' ; | \\ </script><!-- ]]> & &amp; "
           "MATCH (n) DETACH DELETE n // \u00e9\u4e2d\U0001f680")

Nodes = dict[str, dict[str, Any]]
Edges = dict[tuple[str, str, str], dict[str, Any]]


def hostile_graph() -> nx.MultiDiGraph:
    G = sample_graph()
    G.nodes["arxiv:2401.00001"]["abstract"] = HOSTILE
    G.nodes["arxiv:2401.00001"]["authors"] = [HOSTILE, "A, B; C|D"]
    G.nodes["entity:imagenet"]["aliases"] = [HOSTILE, "ImageNet-1K"]
    return G


def schema_view(G: nx.MultiDiGraph) -> tuple[Nodes, Edges]:
    """Every schema property of every node and relationship (absent when unset or empty)."""
    nodes = {n: {k: v for k, v in d.items()
                 if k in SCHEMA.node(d["label"]).properties and v not in (None, [])}
             | {"label": d["label"]} for n, d in G.nodes(data=True)}
    edges = {(u, d["type"], v): {k: val for k, val in d.items()
                                 if k in SCHEMA.relationship(d["type"]).properties
                                 and val not in (None, [])}
             for u, v, d in G.edges(data=True)}
    return nodes, edges


class ExporterContract:
    """Subclasses write a graph into a directory and, where the format allows, read it back."""

    round_trips = True

    def write(self, G: nx.MultiDiGraph, directory: Path) -> Path:
        raise NotImplementedError

    def read_back(self, path: Path) -> tuple[Nodes, Edges]:
        raise NotImplementedError

    def test_round_trip(self, tmp_path: Path) -> None:
        if not self.round_trips:
            return
        G = sample_graph()
        assert self.read_back(self.write(G, tmp_path)) == schema_view(G)

    def test_hostile_text_survives_as_text(self, tmp_path: Path) -> None:
        G = hostile_graph()
        path = self.write(G, tmp_path)
        if self.round_trips:
            nodes, edges = self.read_back(path)
            assert (nodes, edges) == schema_view(G)
            assert nodes["arxiv:2401.00002"]["title"] == HOSTILE_TITLE

    def test_same_graph_same_bytes(self, tmp_path: Path) -> None:
        G = hostile_graph()
        # The same graph built in the opposite order must give the same bytes.
        R: nx.MultiDiGraph = nx.MultiDiGraph(**G.graph)
        R.add_nodes_from(reversed(list(G.nodes(data=True))))
        R.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
        first = self.write(G, tmp_path / "a")
        again = self.write(G, tmp_path / "b")
        reordered = self.write(R, tmp_path / "c")
        assert _contents(first) == _contents(again) == _contents(reordered)


def _contents(path: Path) -> dict[str, bytes]:
    if path.is_file():
        return {path.name: path.read_bytes()}
    return {p.relative_to(path).as_posix(): p.read_bytes()
            for p in sorted(path.rglob("*")) if p.is_file()}


def _typed(value: Any, type_: str) -> Any:
    return json.loads(value) if type_.endswith("[]") and isinstance(value, str) else value


class TestGraphJson(ExporterContract):
    def write(self, G: nx.MultiDiGraph, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        return save_json(G, directory / "graph.json")

    def read_back(self, path: Path) -> tuple[Nodes, Edges]:
        return schema_view(load_graph(path))


class TestGraphML(ExporterContract):
    def write(self, G: nx.MultiDiGraph, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        return write_graphml(G, directory / "graph.graphml")

    def read_back(self, path: Path) -> tuple[Nodes, Edges]:
        # networkx's own reader, as Gephi/Cytoscape users would; lists are JSON strings.
        R = nx.read_graphml(path, force_multigraph=True)
        for _, d in R.nodes(data=True):
            for p in SCHEMA.node(d["label"]).properties.values():
                if p.name in d:
                    d[p.name] = _typed(d[p.name], p.type)
        for _, _, d in R.edges(data=True):
            for p in SCHEMA.relationship(d["type"]).properties.values():
                if p.name in d:
                    d[p.name] = _typed(d[p.name], p.type)
        return schema_view(R)


class TestNeo4jImport(ExporterContract):
    def write(self, G: nx.MultiDiGraph, directory: Path) -> Path:
        write_neo4j_import(G, directory / "neo4j-import")
        return directory / "neo4j-import"

    def read_back(self, path: Path) -> tuple[Nodes, Edges]:
        # Read the CSVs the way neo4j-admin does: header types, U+001F arrays, empty = absent.
        nodes: Nodes = {}
        edges: Edges = {}
        for header_file in sorted(path.glob("*.header.csv")):
            data_file = header_file.with_name(header_file.name.replace(".header", ""))
            with header_file.open(newline="", encoding="utf-8") as f:
                header = next(csv.reader(f))
            with data_file.open(newline="", encoding="utf-8") as f:
                rows = list(csv.reader(f))
            for row in rows:
                record: dict[str, Any] = {}
                for field, cell in zip(header, row, strict=True):
                    name, _, type_ = field.partition(":")
                    if cell == "":
                        continue
                    if type_.endswith("[]"):
                        value: Any = cell.split(ARRAY_DELIMITER)
                        value = [int(v) for v in value] if type_ == "int[]" else value
                    elif type_ == "int":
                        value = int(cell)
                    else:
                        value = cell
                    record[name or type_] = value
                if header[0] != ":START_ID":
                    record["label"] = record.pop("LABEL")
                    nodes[record["id"]] = record
                else:
                    key = (record.pop("START_ID"), record.pop("TYPE"), record.pop("END_ID"))
                    edges[key] = record
        return nodes, edges


class TestHtmlView(ExporterContract):
    """The page shows a selection of the graph, so it does not round-trip; it must still keep
    hostile text inert and be byte-identical."""

    round_trips = False

    def write(self, G: nx.MultiDiGraph, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        return write_html(G, directory / "graph.html")

    def test_hostile_text_survives_as_text(self, tmp_path: Path) -> None:
        page = self.write(hostile_graph(), tmp_path).read_text(encoding="utf-8")
        assert "<img src=x" not in page
        assert "</script><!--" not in page
