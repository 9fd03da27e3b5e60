"""What only the FalkorDB store does: its own parameter header, and declaring relationship
types before the first write. Both against the session's real FalkorDB."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import orjson
import pytest
from falkordb import FalkorDB
from falkordb.helpers import stringify_param_value

from kg.schema import load_schema
from kg.store import open_store, write_graph
from kg.store.falkordb_store import FalkorDBStore, params_prefix
from kg.store.uri import parse_uri
from tests.sample_graph import sample_graph

#: Values the header must carry verbatim, and which encoder writes them.
VALUES: list[tuple[Any, str]] = [
    ('quote " and \\ backslash, \\n not a newline', "orjson"),
    ("new\nline, tab\t, cr\r, backspace\b, form feed\f", "orjson"),  # short escapes
    ("x'}) DETACH DELETE n // $rows `tick` {curly} ${x}", "orjson"),
    ("é ü 中 \U0001f600 \u2028 \u0085", "orjson"),  # UTF-8 as it is
    ("", "orjson"),
    ([1, -(2**63), 2**63 - 1, 2**53 + 1, True, False, None, 1.5, [["nested"]]], "orjson"),
    ("a literal \\u0041 is not an A", "orjson"),  # only looks like an escape
    ('a title like "key": value', "orjson"),  # only looks like a map key
    ('{"looks": "like a map"} and {}', "orjson"),
    ('\\"key\\": ends in backslashes', "orjson"),
    ("control \x01 and \x1f characters", "client"),  # orjson would write \u0001
    ({"k": ["a map"]}, "client"),  # JSON's quoted keys are not Cypher's
]


@pytest.fixture
def graph(falkordb_url: str) -> Iterator[Any]:
    uri = parse_uri(f"{falkordb_url}/params_test")
    client = FalkorDB(host=uri.host, port=uri.port)
    yield client.select_graph("params_test")
    client.connection.close()


@pytest.mark.parametrize(("value", "encoder"), VALUES)
def test_the_header_carries_every_value_verbatim(graph: Any, value: Any, encoder: str) -> None:
    rows = [["key", value, [value]]]
    result = graph.query((params_prefix(rows) + b"UNWIND $rows AS row RETURN row").decode())
    assert result.result_set == [[["key", value, [value]]]]


@pytest.mark.parametrize(("value", "encoder"), VALUES)
def test_the_header_is_plain_json_unless_falkordb_would_misread_it(value: Any,
                                                                  encoder: str) -> None:
    rows = [[value]]
    written = (orjson.dumps(rows).decode() if encoder == "orjson"
               else stringify_param_value(rows))
    assert params_prefix(rows) == f"CYPHER rows={written} ".encode()


@pytest.mark.parametrize(("rows", "read_back"), [
    ([[np.int64(3), [np.int32(4)], np.float64(1.5), np.bool_(True)]], [[3, [4], 1.5, True]]),
    ([[float("nan"), float("inf"), [float("nan")]]], [[None, None, [None]]]),
    # The same through the client's encoder (a control character sends the batch there).
    ([[float("nan"), [np.int64(5)], "\x01"]], [[None, [5], "\x01"]]),
])
def test_numpy_numbers_and_non_finite_floats_are_sent_as_plain_values(
    graph: Any, rows: list[Any], read_back: list[Any]
) -> None:
    query = (params_prefix(rows) + b"UNWIND $rows AS row RETURN row").decode()
    assert [row[0] for row in graph.query(query).result_set] == read_back


@pytest.mark.parametrize(("value", "message"), [
    ({"k": [2**63]}, "is not a 64-bit integer"),
    (2**63, "cannot take: 9223372036854775808 is not a 64-bit integer"),
    (-(2**63) - 1, "is not a 64-bit integer"),
    ("lone \ud800 surrogate", "cannot take: str is not valid UTF-8"),
    ("nul \x00 inside", "NUL character"),
    (object(), "cannot take: Type is not JSON serializable"),
])
def test_values_falkordb_cannot_take_are_refused_by_name(value: Any, message: str) -> None:
    # Not silently changed (the client would clamp 2**63, the server stop reading at a NUL).
    with pytest.raises(ValueError, match=message):
        params_prefix([["key", value]])


def test_write_of_a_value_falkordb_cannot_take_refuses_that_paper_alone(
        falkordb_url: str) -> None:
    G = sample_graph()
    G.nodes["arxiv:2401.00001"]["title"] = "a NUL \x00 in a title"
    summary = write_graph(G, f"{falkordb_url}/refused_test")
    assert summary.nodes_refused == 1 and summary.nodes == 10
    assert summary.problems == ["Paper arxiv:2401.00001 not written: property 'title': holds "
                                "a NUL character"]
    assert summary.relationships_skipped == G.out_degree("arxiv:2401.00001") > 0
    with open_store(f"{falkordb_url}/refused_test") as store:
        assert isinstance(store, FalkorDBStore)
        assert store.query("MATCH (p:Paper) RETURN count(p) AS c").rows == [[2]]
        store.drop()


def test_ensure_schema_declares_every_relationship_type_and_leaves_nothing(
    falkordb_url: str,
) -> None:
    uri = f"{falkordb_url}/declare_test"
    with open_store(uri) as store:
        assert isinstance(store, FalkorDBStore)
        store.drop()
        store.ensure_schema()
        types = {row[0] for row in store.query("CALL db.relationshipTypes()").rows}
        assert types == set(load_schema().relationships)
        assert store.query("MATCH (n) RETURN count(n)").rows == [[0]]
        assert store.query("MATCH ()-[r]->() RETURN count(r)").rows == [[0]]
        store.ensure_schema()  # again: nothing to declare, nothing written
        assert store.query("MATCH (n) RETURN count(n)").rows == [[0]]
    # And the declared types take the graph's data as usual.
    summary = write_graph(sample_graph(), uri)
    assert (summary.nodes_created, summary.relationships_created) == (11, 17)
    with open_store(uri) as store:
        assert isinstance(store, FalkorDBStore)
        assert store.query("MATCH ()-[r]->() RETURN count(r)").rows == [[17]]
        store.drop()


def test_ensure_schema_completes_a_partial_schema(falkordb_url: str) -> None:
    # Another tool (or an older kg) made some of it: only what is missing is created, and
    # what exists is not an error.
    with open_store(f"{falkordb_url}/partial_schema") as store:
        assert isinstance(store, FalkorDBStore)
        store.drop()
        client = FalkorDB(host=store.uri.host, port=store.uri.port)
        graph = client.select_graph("partial_schema")
        graph.query("CREATE INDEX FOR (n:Paper) ON (n.id)")
        graph.create_node_unique_constraint("Paper", "id")
        graph.query("CREATE ()-[:USES]->()")
        client.connection.close()
        store.ensure_schema()
        store.ensure_schema()
        schema = load_schema()
        indexes = {label: set(props) for label, props in store.query(
            "CALL db.indexes() YIELD label, properties RETURN label, properties").rows}
        assert indexes == {label: {spec.key, *spec.indexes}
                           for label, spec in schema.nodes.items()}
        constraints = store.query("CALL db.constraints() YIELD type, label, properties "
                                  "RETURN type, label, properties").rows
        assert sorted(constraints) == sorted(["UNIQUE", label, [spec.key]]
                                             for label, spec in schema.nodes.items())
        store.drop()


def test_a_full_text_index_does_not_stand_in_for_the_range_index(falkordb_url: str) -> None:
    # A full-text index on Paper.id serves neither MERGE nor the unique constraint.
    uri = f"{falkordb_url}/fulltext_schema"
    with open_store(uri) as store:
        assert isinstance(store, FalkorDBStore)
        store.drop()
        client = FalkorDB(host=store.uri.host, port=store.uri.port)
        client.select_graph("fulltext_schema").query(
            "CREATE FULLTEXT INDEX FOR (n:Paper) ON (n.id)")
        client.connection.close()
    summary = write_graph(sample_graph(), uri)
    assert summary.nodes_created == 11
    with open_store(uri) as store:
        assert isinstance(store, FalkorDBStore)
        kinds = store.query("CALL db.indexes() YIELD label, types WHERE label = 'Paper' "
                            "RETURN types").rows[0][0]
        assert set(kinds["id"]) == {"RANGE", "FULLTEXT"}
        store.drop()


def test_schema_another_writer_created_meanwhile_is_no_error(
    falkordb_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two writers on a new graph: both read "nothing there", one creates it first. The race
    # cannot be timed with real servers, so the second one's read is made to miss it.
    with open_store(f"{falkordb_url}/race_schema") as store:
        assert isinstance(store, FalkorDBStore)
        store.drop()
        store.ensure_schema()
        monkeypatch.setattr(store, "_read_all", lambda *queries: [[] for _ in queries])
        store.ensure_schema()
        monkeypatch.undo()
        assert store.query("MATCH (n) RETURN count(n)").rows == [[0]]
        store.drop()
