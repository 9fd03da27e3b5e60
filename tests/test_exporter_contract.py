"""One contract for every exporter, csvkit style, run on every exporter registered in
:data:`kg.exporters.EXPORTERS`: what an exporter writes must read back as the graph it was
given (every schema property of every node and relationship) where a reader exists, keep
hostile text as text, and be byte-identical for the same graph however it was built.
Registering an exporter puts it under the contract (docs/architecture.md, "A new exporter")."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import kg
from kg.exporters import EXPORTERS, Exporter
from kg.graph.export import ARRAY_DELIMITER
from kg.schema import load_schema
from kg.testing import HOSTILE_TITLE, sample_graph

SCHEMA = load_schema()
#: Text that breaks naive CSV, XML, JSON, HTML or Cypher writers.
HOSTILE = ("line one\nline two, \"quoted\" 'single' ; | \\ </script><!-- ]]> & &amp; "
           "MATCH (n) DETACH DELETE n // \u00e9\u4e2d\U0001f680")
#: What must never come out of a graph as live markup (the sample's hostile title, HOSTILE).
MARKUP = ("<img src=x", "</script><!--")

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


def _typed(value: Any, type_: str) -> Any:
    return json.loads(value) if type_.endswith("[]") and isinstance(value, str) else value


# Formats whose readers live outside kg: read them here the way their users' tools do.
def read_graphml_as_networkx(path: Path) -> tuple[Nodes, Edges]:
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


def read_neo4j_import_csv(path: Path) -> tuple[Nodes, Edges]:
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


#: Exporter name -> a reader of its output as the format's own consumers read it, for
#: exporters whose format the package does not read back itself (``Exporter.read``).
CONSUMER_READERS: dict[str, Callable[[Path], tuple[Nodes, Edges]]] = {
    "graphml": read_graphml_as_networkx,
    "neo4j-import": read_neo4j_import_csv,
}


def read_back(exporter: Exporter, path: Path) -> tuple[Nodes, Edges] | None:
    """The schema view of ``exporter``'s output at ``path``, or None without a reader."""
    reader = exporter.reader()
    if reader is not None:
        return schema_view(reader(path))
    consumer = CONSUMER_READERS.get(exporter.name)
    return consumer(path) if consumer is not None else None


def _contents(path: Path) -> dict[str, bytes]:
    if path.is_file():
        return {path.name: path.read_bytes()}
    return {p.relative_to(path).as_posix(): p.read_bytes()
            for p in sorted(path.rglob("*")) if p.is_file()}


# The contract: each check takes a registered exporter and a fresh directory.

def check_round_trip(exporter: Exporter, directory: Path) -> None:
    G = sample_graph()
    back = read_back(exporter, exporter.export(G, directory))
    if back is None:
        pytest.skip(f"{exporter.name}: no reader, so no round trip to check")
    assert back == schema_view(G)


def check_hostile_text(exporter: Exporter, directory: Path) -> None:
    G = hostile_graph()
    path = exporter.export(G, directory)
    back = read_back(exporter, path)
    if back is not None:
        assert back == schema_view(G)
        assert back[0]["arxiv:2401.00002"]["title"] == HOSTILE_TITLE
    else:
        # Without a reader the text cannot be compared; it must at least not become markup.
        text = "".join(b.decode("utf-8", "replace") for b in _contents(path).values())
        assert not [m for m in MARKUP if m in text]


def check_same_bytes(exporter: Exporter, directory: Path) -> None:
    G = hostile_graph()
    # The same graph built in the opposite order must give the same bytes.
    R: nx.MultiDiGraph = nx.MultiDiGraph(**G.graph)
    R.add_nodes_from(reversed(list(G.nodes(data=True))))
    R.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    first = exporter.export(G, directory / "a")
    again = exporter.export(G, directory / "b")
    reordered = exporter.export(R, directory / "c")
    assert _contents(first) == _contents(again) == _contents(reordered)


CONTRACT = (check_round_trip, check_hostile_text, check_same_bytes)


@pytest.mark.parametrize("check", CONTRACT, ids=lambda c: c.__name__)
@pytest.mark.parametrize("exporter", list(EXPORTERS.values()), ids=lambda e: e.name)
def test_exporter_contract(exporter: Exporter, check: Callable[[Exporter, Path], None],
                           tmp_path: Path) -> None:
    check(exporter, tmp_path)


# A tiny exporter, registered only while a test runs: what a newcomer's would look like.

def write_tiny(G: nx.MultiDiGraph, path: Path) -> Path:
    """One JSON line per node and per relationship, sorted."""
    lines = [json.dumps({"node": n, **d}, sort_keys=True) for n, d in G.nodes(data=True)]
    lines += [json.dumps({"edge": [u, v, k], **d}, sort_keys=True)
              for u, v, k, d in G.edges(keys=True, data=True)]
    Path(path).write_text("".join(f"{line}\n" for line in sorted(lines)), encoding="utf-8")
    return Path(path)


def read_tiny(path: Path) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if "node" in record:
            G.add_node(record.pop("node"), **record)
        else:
            u, v, k = record.pop("edge")
            G.add_edge(u, v, key=k, **record)
    return G


def write_tiny_unsorted(G: nx.MultiDiGraph, path: Path) -> Path:
    """Like write_tiny, in the graph's own order: the same graph built otherwise differs."""
    lines = [json.dumps({"node": n, **d}, sort_keys=True) for n, d in G.nodes(data=True)]
    Path(path).write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return Path(path)


@pytest.fixture
def register() -> Iterator[Callable[[Exporter], Exporter]]:
    """Register exporters for one test; they are removed afterwards."""
    added: list[str] = []

    def add(exporter: Exporter) -> Exporter:
        assert exporter.name not in EXPORTERS
        EXPORTERS[exporter.name] = exporter
        added.append(exporter.name)
        return exporter

    yield add
    for name in added:
        del EXPORTERS[name]


def test_a_registered_exporter_is_written_and_under_the_contract(
        register: Callable[[Exporter], Exporter], tmp_path: Path) -> None:
    tiny = register(Exporter("tiny", "graph.tiny.jsonl", f"{__name__}:write_tiny",
                             read=f"{__name__}:read_tiny"))
    for check in CONTRACT:
        check(tiny, tmp_path / check.__name__)
    files = kg.write_outputs(sample_graph(), tmp_path / "out", html=False)
    assert files["tiny"] == tmp_path / "out" / "graph.tiny.jsonl"
    assert schema_view(read_tiny(files["tiny"])) == schema_view(sample_graph())


def test_the_contract_catches_an_exporter_that_breaks_it(
        register: Callable[[Exporter], Exporter], tmp_path: Path) -> None:
    lossy = register(Exporter("lossy", "graph.lossy.jsonl", f"{__name__}:write_tiny_unsorted",
                              read=f"{__name__}:read_tiny"))
    with pytest.raises(AssertionError):  # no relationships written
        check_round_trip(lossy, tmp_path / "round")
    with pytest.raises(AssertionError):  # bytes follow the insertion order
        check_same_bytes(lossy, tmp_path / "bytes")
