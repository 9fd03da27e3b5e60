"""Unit tests of the store's pure parts: URIs, batching, the Cypher builder's plan."""

from __future__ import annotations

import pytest

from kg.errors import SchemaError, StoreError
from kg.schema import load_schema
from kg.store.cypher import (
    all_write_statements,
    merge_nodes,
    node_columns,
    node_step,
    quote_name,
    relabel_cleanup,
    relationship_step,
    write_plan,
)
from kg.store.uri import parse_uri
from tests.sample_graph import HOSTILE_TITLE, sample_graph


@pytest.mark.parametrize(("uri", "kind", "driver", "redacted", "path"), [
    ("neo4j://db.example:7687", "neo4j", "neo4j://db.example:7687",
     "neo4j://db.example:7687", None),
    ("bolt://localhost", "neo4j", "bolt://localhost:7687", "bolt://localhost:7687", None),
    ("neo4j+s://u:p%40ss@x.io/papers", "neo4j", "neo4j+s://x.io:7687",
     "neo4j+s://u:***@x.io:7687/papers", "papers"),
    ("bolt+s://h:1234", "neo4j", "bolt+s://h:1234", "bolt+s://h:1234", None),
    ("falkordb://127.0.0.1:6380/kg", "falkordb", "falkordb://127.0.0.1:6380",
     "falkordb://127.0.0.1:6380/kg", "kg"),
    ("falkordb://:pw@h", "falkordb", "falkordb://h:6379", "falkordb://:***@h:6379", None),
])
def test_parse_uri(uri: str, kind: str, driver: str, redacted: str, path: str | None) -> None:
    parsed = parse_uri(uri)
    assert (parsed.kind, parsed.driver_uri(), parsed.redacted(), parsed.path) == (
        kind, driver, redacted, path)
    assert "p@ss" not in repr(parsed) and "p@ss" not in str(parsed)


def test_parse_uri_keeps_the_password_for_the_client_only() -> None:
    parsed = parse_uri("neo4j+s://u:p%40ss@x.io")
    assert (parsed.user, parsed.password) == ("u", "p@ss")


@pytest.mark.parametrize(("uri", "message"), [
    ("http://u:hunter2@h:80", "unsupported store URI scheme 'http'"),
    ("localhost:7687", "unsupported store URI scheme"),
    ("neo4j://u:hunter2@h:notaport", "not a valid store URI"),
    ("falkordb:///graph", "has no host"),
    ("falkordb://h/a/b", "one database/graph name"),
])
def test_parse_uri_errors_name_the_uri_without_password(uri: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as info:
        parse_uri(uri)
    assert "hunter2" not in str(info.value)


def test_quote_name_doubles_backticks() -> None:
    assert quote_name("Paper") == "`Paper`"
    assert quote_name("a`b") == "`a``b`"


def test_plan_sends_every_value_as_a_parameter() -> None:
    steps = write_plan(sample_graph())
    text = "\n".join(step.cypher for step in steps)
    assert "MAFormer" not in text and "arxiv" not in text and "`tick`" not in text
    titles = [record["title"] for step in steps if step.name == "Paper"
              for record in step.records()]
    assert HOSTILE_TITLE in titles
    assert all("$rows" in step.cypher for step in steps)


def test_plan_writes_nodes_before_relationships_in_sorted_order() -> None:
    steps = write_plan(sample_graph())
    kinds = [step.kind for step in steps]
    assert kinds == sorted(kinds, key=lambda k: k != "node")
    assert [s.name for s in steps if s.kind == "node"] == [
        "Benchmark", "Dataset", "Method", "Paper", "Repository"]
    papers = next(s for s in steps if s.name == "Paper")
    assert [r[0] for r in papers.rows] == sorted(r[0] for r in papers.rows)
    # Only schema properties are sent, the key first; a property a node lacks is a null.
    schema = load_schema()
    assert papers.columns == node_columns(schema.nodes["Paper"])
    assert papers.columns[0] == "id" and "label" not in papers.columns


def test_plan_rows_line_up_with_the_statement_columns() -> None:
    for step in write_plan(sample_graph()):
        assert all(len(row) == len(step.columns) for row in step.rows), step.name
        # Each column is read from the row position the statement names.
        if step.kind == "node":
            assert f"{{`{step.columns[0]}`: row[0]}}" in step.cypher
            for i, name in enumerate(step.columns[1:], start=1):
                assert f"n.`{name}` = row[{i}]" in step.cypher
        elif step.kind == "relationship":
            assert "row[0]" in step.cypher and "row[1]" in step.cypher
            for i, name in enumerate(step.columns[2:], start=2):
                assert f"r.`{name}` = row[{i}]" in step.cypher


def test_plan_sends_absent_properties_as_nulls_so_a_rewrite_removes_them() -> None:
    G = sample_graph()
    del G.nodes["arxiv:2401.00001"]["date"]
    papers = next(s for s in write_plan(G) if s.name == "Paper")
    row = next(r for r in papers.rows if r[0] == "arxiv:2401.00001")
    assert row[papers.columns.index("date")] is None


def test_plan_uses_only_schema_statements() -> None:
    known = set(all_write_statements(load_schema()))
    assert {step.cypher for step in write_plan(sample_graph())} <= known
    assert merge_nodes("Paper", node_columns(load_schema().nodes["Paper"])) in known


def test_plan_refuses_labels_outside_the_schema() -> None:
    G = sample_graph()
    G.add_node("x", label="Paper`) DETACH DELETE n //", id="x")
    with pytest.raises(SchemaError, match=r"label .* is not one of"):
        write_plan(G)


def test_plan_refuses_relationship_types_outside_the_schema() -> None:
    G = sample_graph()
    G.add_edge("arxiv:2401.00001", "entity:cswin", key="LIKES", type="LIKES")
    with pytest.raises(SchemaError, match=r"LIKES.*type is not one of"):
        write_plan(G)


def test_plan_refuses_missing_required_properties() -> None:
    G = sample_graph()
    del G.nodes["entity:cswin"]["name"]
    with pytest.raises(SchemaError, match=r"entity:cswin.*missing required properties \['name'\]"):
        write_plan(G)


@pytest.mark.parametrize("size", [0, -5, True])
def test_write_graph_refuses_bad_batch_sizes_before_connecting(size: int) -> None:
    from kg.store import write_graph

    # Port 1 has no server: the batch size is checked first, as a one-line StoreError.
    with pytest.raises(StoreError, match="batch size must be a positive integer"):
        write_graph(sample_graph(), "falkordb://127.0.0.1:1", batch_size=size)


def test_plan_sends_plain_python_values() -> None:
    # numpy numbers (networkx graphs often carry them), tuples and sets become what every
    # driver takes; NaN is no Cypher value and is left out.
    import numpy as np

    G = sample_graph()
    G.nodes["entity:cswin"].update(paper_count=np.int64(3), aliases=("b", "a"))
    G.nodes["arxiv:2401.00001"]["authors"] = {"Y", "X"}
    G.nodes["arxiv:2401.00001"]["upvotes"] = float("nan")
    records = {r["id"]: r for step in write_plan(G) if step.kind == "node"
               for r in step.records()}
    method, paper = records["entity:cswin"], records["arxiv:2401.00001"]
    assert type(method["paper_count"]) is int and method["paper_count"] == 3
    assert method["aliases"] == ["b", "a"] and paper["authors"] == ["X", "Y"]
    assert "upvotes" not in paper


def test_plan_leaves_an_integer_no_store_can_hold_to_the_store_check() -> None:
    # The store refuses that one node (kg.store.limits), not the whole graph.
    G = sample_graph()
    G.nodes["entity:cswin"]["aliases"] = ("x", 2**70)
    records = {r["id"]: r for step in write_plan(G) if step.kind == "node"
               for r in step.records()}
    assert records["entity:cswin"]["aliases"] == ["x", 2**70]


def test_steps_built_from_table_rows_are_write_plans_steps() -> None:
    # kg spark-build --store has one table's rows, not a graph: the steps it builds from
    # them are the ones write_plan makes (statement, columns, rows), clean-ups included.
    G = sample_graph()
    bert = next(n for n, a in G.nodes(data=True) if a["label"] == "Method")
    G.nodes[bert]["type_alternatives"] = ["Dataset:1"]  # a split vote: a clean-up step
    plan = write_plan(G)
    nodes = {s.name: s for s in plan if s.kind == "node"}
    for label, step in nodes.items():
        assert node_step(label, step.rows) == step
    for step in (s for s in plan if s.kind == "relationship"):
        type_, pair = step.name.split(" (")
        source, target = pair.rstrip(")").split("->")
        assert relationship_step(type_, source, target, step.rows) == step
    cleanup = [s for s in plan if s.kind == "cleanup"]
    assert cleanup and relabel_cleanup({label: s.rows for label, s in nodes.items()}) == cleanup


def test_steps_from_rows_refuse_what_write_plan_refuses() -> None:
    with pytest.raises(SchemaError, match="'Gadget' is not one of"):
        node_step("Gadget", [["x:1"]])
    with pytest.raises(SchemaError, match="missing required properties"):
        node_step("Repository", [["repo:a/b", None, "github", 1]])
    with pytest.raises(SchemaError, match="4 values for the 6 columns"):
        node_step("Method", [["entity:x", "X", "x", []]])
    with pytest.raises(SchemaError, match="Paper -> Paper is not allowed"):
        relationship_step("USES", "Paper", "Paper", [["paper:1", "paper:2", 1, [], [], [], []]])
