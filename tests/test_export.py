"""Exports: byte-stable graph.json, GraphML that networkx reads, neo4j-admin CSVs, DDL, docs."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import SchemaError
from kg.graph import (
    build_graph,
    neo4j_constraints,
    neo4j_import_command,
    neo4j_indexes,
    save_json,
    write_graphml,
    write_neo4j_import,
)
from kg.graph.docs import schema_page
from kg.graph.export import ARRAY_DELIMITER
from kg.schema import load_schema
from tests.graph_records import HOSTILE, corpus
from tests.sample_graph import HOSTILE_TITLE, sample_graph

ROOT = Path(__file__).resolve().parent.parent
#: Property types neo4j-admin import understands (the schema's types are a subset).
NEO4J_TYPES = {"string", "int", "long", "float", "double", "boolean", "byte", "short", "char",
               "date", "datetime", "point", "string[]", "int[]", "long[]", "float[]",
               "double[]", "boolean[]"}


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return build_graph(corpus())


def test_building_twice_gives_byte_identical_files(tmp_path: Path) -> None:
    for run in ("a", "b"):
        g = build_graph(corpus())
        save_json(g, tmp_path / run / "graph.json")
        write_graphml(g, tmp_path / run / "graph.graphml")
        write_neo4j_import(g, tmp_path / run / "neo4j-import")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*")
                   if p.is_file())
    assert len(files) > 20
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
    # One node or edge per line, sorted: diffs between builds stay readable.
    lines = (tmp_path / "a" / "graph.json").read_text(encoding="utf-8").splitlines()
    node_ids = [json.loads(line.rstrip(","))["id"] for line in lines
                if line.startswith('{"abstract"') or line.startswith('{"aliases"')
                or line.startswith('{"host"')]
    assert node_ids == sorted(node_ids)


def test_json_is_networkx_node_link(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = save_json(G, tmp_path / "graph.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    H = nx.node_link_graph(data, edges="edges")
    assert sorted(H.nodes) == sorted(G.nodes)
    assert sorted(H.edges(keys=True)) == sorted(G.edges(keys=True))
    assert H.nodes["arxiv:2401.00002"]["title"] == HOSTILE  # text stays text, unaltered


def test_graphml_loads_with_networkx(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = write_graphml(G, tmp_path / "graph.graphml")
    H = nx.read_graphml(path, force_multigraph=True)
    assert sorted(H.nodes) == sorted(G.nodes)
    assert sorted(H.edges(keys=True)) == sorted(G.edges(keys=True))
    assert H.nodes["arxiv:2401.00002"]["title"] == HOSTILE
    assert json.loads(H.nodes["entity:coco"]["aliases"]) == G.nodes["entity:coco"]["aliases"]
    edge = H.edges["arxiv:2401.00001", "entity:cswin", "USES"]
    assert json.loads(edge["starts"]) == G.edges["arxiv:2401.00001", "entity:cswin",
                                                 "USES"]["starts"]
    assert edge["count"] == 2


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


@pytest.mark.parametrize("make", [lambda: build_graph(corpus()), sample_graph])
def test_neo4j_import_headers_and_rows(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    g = make()
    schema = load_schema()
    out = write_neo4j_import(g, tmp_path / "neo4j-import")
    for label, node in schema.nodes.items():
        [header] = _read_csv(out / f"nodes_{label}.header.csv")
        assert header[:2] == [f"{node.key}:ID", ":LABEL"]
        fields = dict(h.split(":", 1) for h in header[2:])
        assert fields == {p.name: p.type for p in node.properties.values() if p.name != node.key}
        assert set(fields.values()) <= NEO4J_TYPES
        rows = _read_csv(out / f"nodes_{label}.csv")
        ids = [n for n, lab in g.nodes(data="label") if lab == label]
        assert [r[0] for r in rows] == sorted(ids)
        for row in rows:
            assert len(row) == len(header) and row[1] == label
            attrs = g.nodes[row[0]]
            for name, value in zip(header[2:], row[2:], strict=True):
                prop, type_ = name.split(":", 1)
                expected = attrs.get(prop)
                if expected is None or expected == []:
                    assert value == ""
                elif type_.endswith("[]"):
                    assert value.split(ARRAY_DELIMITER) == [str(v) for v in expected]
                else:
                    assert value == str(expected)
    for type_, rel in schema.relationships.items():
        [header] = _read_csv(out / f"rels_{type_}.header.csv")
        assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
        assert [h.split(":", 1)[0] for h in header[3:]] == list(rel.properties)
        assert all(h.split(":", 1)[1] in NEO4J_TYPES for h in header[3:])
        rows = _read_csv(out / f"rels_{type_}.csv")
        assert len(rows) == sum(1 for *_, k in g.edges(keys=True) if k == type_)
        assert all(r[2] == type_ and len(r) == len(header) for r in rows)
        for row in rows:
            assert row[0] in g and row[1] in g
    titles = [r[2] for r in _read_csv(out / "nodes_Paper.csv")]
    assert HOSTILE_TITLE in titles or HOSTILE in titles


def test_import_script_names_every_file(tmp_path: Path) -> None:
    out = write_neo4j_import(build_graph(corpus()), tmp_path / "neo4j-import")
    script = (out / "import.sh").read_text(encoding="utf-8")
    command = neo4j_import_command()
    assert "--array-delimiter=U+001F" in command
    assert command.startswith("neo4j-admin database import full neo4j ")
    assert "--overwrite-destination" not in command
    assert command.split(" neo4j ", 1)[1] in script  # the same options, in the same order
    named = set(re.findall(r"\./([\w.]+\.csv)", command))
    assert named == {p.name for p in out.glob("*.csv")}
    assert (out / "import.sh").stat().st_mode & 0o111


@pytest.mark.parametrize(("arguments", "expected"), [
    ([], ["neo4j"]),
    (["papers"], ["papers"]),
    (["papers", "--overwrite"], ["papers", "--overwrite-destination"]),
    (["--overwrite"], ["neo4j", "--overwrite-destination"]),
    (["papers", "--verbose"], ["papers", "--array-delimiter=U+001F"]),
])
def test_import_script_takes_the_database_and_overwrites_only_when_told(
        tmp_path: Path, arguments: list[str], expected: list[str]) -> None:
    """Run ``import.sh`` with a stand-in ``neo4j-admin`` that prints its arguments."""
    out = write_neo4j_import(build_graph(corpus()), tmp_path / "neo4j-import")
    admin = tmp_path / "neo4j-admin"
    admin.write_text('#!/bin/sh\nprintf "%s\\n" "$@"\n', encoding="utf-8")
    admin.chmod(0o755)
    done = subprocess.run(["sh", str(out / "import.sh"), *arguments], capture_output=True,
                          text=True, env={**os.environ, "NEO4J_ADMIN": str(admin)}, check=True)
    argv = done.stdout.splitlines()
    assert argv[:3] == ["database", "import", "full"]
    assert argv[3:3 + len(expected)] == expected
    assert ("--overwrite-destination" in argv) == ("--overwrite" in arguments)
    if "--verbose" in arguments:  # other options are passed on to neo4j-admin, last
        assert argv[-1] == "--verbose"


def test_unknown_label_is_refused(tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    g.add_node("x", label="Author", id="x")
    with pytest.raises(SchemaError, match="Author"):
        write_neo4j_import(g, tmp_path)


def test_ddl_covers_every_label_key_and_index() -> None:
    schema = load_schema()
    constraints = neo4j_constraints(schema)
    assert "CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE" \
        in constraints
    assert len(constraints) == len(schema.nodes)
    indexes = neo4j_indexes(schema)
    expected = {(label, p) for label, n in schema.nodes.items() for p in n.indexes if p != n.key}
    assert {tuple(re.findall(r"\(n:(\w+)\) ON \(n\.(\w+)\)", s)[0]) for s in indexes} == expected


def test_ddl_refuses_identifiers_that_are_not_plain() -> None:
    from kg.schema import parse_schema

    bad = {"nodes": {"A": {"key": "id", "indexes": ["x` }) DETACH DELETE n //"],
                           "properties": {"id": {"type": "string", "required": True},
                                          "x` }) DETACH DELETE n //": {"type": "string"}}}},
           "relationships": {}}
    with pytest.raises(SchemaError, match="not a plain identifier"):
        neo4j_indexes(parse_schema(bad))


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_ddl_passes_neo4j_cypher_linter() -> None:
    lint = ROOT / "tools" / "cypher-lint" / "lint.mjs"
    if not (ROOT / "tools" / "cypher-lint" / "node_modules").is_dir():
        pytest.skip("cypher linter not installed (scripts/setup.sh --test)")
    statements = neo4j_constraints(load_schema()) + neo4j_indexes(load_schema())
    done = subprocess.run(["node", str(lint)], input=json.dumps(statements), text=True,
                          capture_output=True, check=True, timeout=60)
    diagnostics = json.loads(done.stdout)
    assert [d for ds in diagnostics for d in ds if d["severity"] == 1] == []


def test_schema_page_matches_the_schema() -> None:
    page = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert page == schema_page(), "docs/schema.md is out of date: run python scripts/schema_docs.py"
    schema = load_schema()
    # No stale rows either: the page names exactly the schema's labels and types.
    labels = set(re.findall(r"^\| `(\w+)` \| `", page, re.M))
    assert labels == set(schema.nodes)
    rels = set(re.findall(r"^\| `([A-Z_]+)` \| [A-Z]", page, re.M))
    assert rels == set(schema.relationships)
