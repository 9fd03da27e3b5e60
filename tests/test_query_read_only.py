"""Issue 11: queries are read-only by default (embedded engine, FalkorDB, CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.analysis.cypher import query_graph
from kg.cli import main
from kg.errors import QueryError
from kg.graph import save_json
from kg.store import open_store, run_query, write_graph
from tests.sample_graph import sample_graph

REFUSED = [
    "CREATE (:Method {name: 'x'})",
    "MATCH (n) DETACH DELETE n",
    "MATCH (m:Method) DELETE m",
    "MATCH (m:Method) SET m.name = 'x'",
    "MERGE (:Method {name: 'x'})",
    "MATCH (m:Method) REMOVE m.name",
    "DROP TABLE Method",
    "COPY (MATCH (m:Method) RETURN m.name) TO '/tmp/kg_never.csv'",
    "LOAD FROM '/etc/passwd' RETURN *",
    "LOAD EXTENSION json",
    "INSTALL json",
    "ATTACH '/tmp/x.db' AS x (dbtype lbug)",
    "CALL show_tables() RETURN *",
    "match (n) /* c */ detach\ndelete n",
]
ALLOWED = [
    ("MATCH (p:Paper) WHERE p.title <> 'DELETE me; DROP TABLE x' RETURN count(p)", {}),
    ("MATCH (p:Paper) WHERE p.title = $t RETURN count(p)", {"t": "MATCH (n) DETACH DELETE n"}),
    ("MATCH (m:Method) RETURN m.name AS `delete` // CREATE in a comment\nLIMIT 1", {}),
]


@pytest.mark.parametrize("cypher", REFUSED)
def test_embedded_refuses_writes_and_file_access(cypher: str) -> None:
    with pytest.raises(QueryError, match="read-only"):
        query_graph(sample_graph(), cypher)


@pytest.mark.parametrize(("cypher", "params"), ALLOWED)
def test_keywords_inside_strings_parameters_names_comments_still_run(cypher: str,
                                                                    params: dict) -> None:
    assert query_graph(sample_graph(), cypher, params).rows


def test_load_from_a_file_and_copy_to_a_file_are_refused(tmp_path: Path) -> None:
    source = tmp_path / "secret.csv"
    source.write_text("a\n1\n")
    with pytest.raises(QueryError):
        query_graph(sample_graph(), f"LOAD FROM '{source}' RETURN *")
    target = tmp_path / "out.csv"
    with pytest.raises(QueryError):
        query_graph(sample_graph(), f"COPY (MATCH (m:Method) RETURN m.name) TO '{target}'")
    assert not target.exists()


@pytest.fixture
def store_uri(falkordb_url: str) -> str:
    uri = f"{falkordb_url}/read_only_test"
    with open_store(uri) as store:
        store.drop()  # type: ignore[attr-defined]
    write_graph(sample_graph(), uri)
    return uri


def _count(uri: str) -> int:
    return run_query(uri, "MATCH (n) RETURN count(n) AS n").rows[0][0]


def test_falkordb_refuses_delete_by_default_and_allows_it_with_read_only_false(
        store_uri: str) -> None:
    before = _count(store_uri)
    assert before > 0
    with pytest.raises(QueryError):
        run_query(store_uri, "MATCH (n) DETACH DELETE n")
    assert _count(store_uri) == before
    run_query(store_uri, "MATCH (n) DETACH DELETE n", read_only=False)
    assert _count(store_uri) == 0


def test_cli_store_write_flag(store_uri: str) -> None:
    before = _count(store_uri)
    result = CliRunner().invoke(main, ["query", "MATCH (n) DETACH DELETE n",
                                       "--store", store_uri])
    assert result.exit_code != 0
    assert result.output.count("\n") <= 1 and "Error" in result.output
    assert _count(store_uri) == before
    result = CliRunner().invoke(main, ["query", "MATCH (n) DETACH DELETE n",
                                       "--store", store_uri, "--write"])
    assert result.exit_code == 0, result.output
    assert _count(store_uri) == 0


def test_cli_graph_refusal_is_one_line_and_non_zero(tmp_path: Path) -> None:
    graph = save_json(sample_graph(), tmp_path / "graph.json")
    result = CliRunner().invoke(main, ["query", "MATCH (n) DETACH DELETE n",
                                       "--graph", str(graph)])
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error:") and "read-only" in lines[0]
    result = CliRunner().invoke(main, ["query", "MATCH (n) RETURN n", "--graph", str(graph),
                                       "--write"])
    assert result.exit_code != 0
