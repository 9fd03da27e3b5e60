"""``kg spark-build --store`` on a real Spark (local mode, 2 workers) into a real Neo4j: the
database holds what ``kg build --store`` of the same input leaves there (every node and
relationship with every property), rows over Neo4j's limits are refused and counted the
same way, and a second run (the command, as a user runs it) creates nothing.

One test: Neo4j, kg build and three Spark jobs' start-up are most of its time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.spark import spark_build, spark_session
from kg.store import run_query
from tests.neo4j_server import LocalNeo4j

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "hf-papers"
#: A DOI the readers pass on whole: 9,008 bytes, over Neo4j's 8,000 for a key.
LONG_DOI = "10.1234/" + "x" * 9000


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = spark_session("local[2]", config={"spark.sql.shuffle.partitions": "2"})
    yield session
    session.stop()


@pytest.fixture
def neo4j(neo4j_server: LocalNeo4j) -> Iterator[dict[str, str]]:
    """Store options for the session's Neo4j, emptied before and after."""
    options = {"store": neo4j_server.uri, "user": neo4j_server.user,
               "password": neo4j_server.password, "database": neo4j_server.database}
    _empty(options)
    yield options
    _empty(options)


def _empty(options: dict[str, str]) -> None:
    run_query(options["store"], "MATCH (n) DETACH DELETE n", read_only=False,
              user=options["user"], password=options["password"],
              database=options["database"])


def _run(options: dict[str, str], cypher: str, **params: Any) -> list[list[Any]]:
    return run_query(options["store"], cypher, params, read_only=False, user=options["user"],
                     password=options["password"], database=options["database"]).rows


def _contents(options: dict[str, str]) -> tuple[list[str], list[str]]:
    """Every node (labels, properties) and relationship (type, endpoint ids, properties),
    each as sorted JSON, sorted."""
    def rows(cypher: str) -> list[list[Any]]:
        return run_query(options["store"], cypher, user=options["user"],
                         password=options["password"], database=options["database"]).rows

    nodes = sorted(json.dumps(row, sort_keys=True) for row in rows(
        "MATCH (n) RETURN labels(n), properties(n)"))
    rels = sorted(json.dumps(row, sort_keys=True) for row in rows(
        "MATCH (a)-[r]->(b) RETURN type(r), a.id, b.id, properties(r)"))
    return nodes, rels


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The example pages, and one paper whose id Neo4j cannot index (refused, with its
    relationships skipped)."""
    extra = tmp_path_factory.mktemp("papers") / "long-id.jsonl"
    extra.write_text(json.dumps({
        "doi": LONG_DOI, "title": "A paper with a very long id: ResNet-50 on ImageNet",
        "abstract": "We evaluate ResNet-50 on ImageNet and CIFAR-10."}) + "\n",
        encoding="utf-8")
    return [EXAMPLES, extra]


def test_spark_build_store_writes_what_kg_build_store_writes(
        spark: Any, neo4j: dict[str, str], corpus: list[Path], tmp_path: Path) -> None:
    warnings: list[str] = []
    local = kg.build_outputs(corpus, tmp_path / "local", html=False, on_warning=warnings.append,
                             **neo4j).store
    assert local is not None and local.nodes_refused == 1
    expected = _contents(neo4j)
    assert expected[0] and expected[1]
    _empty(neo4j)
    # An entity whose type vote was split, left under another label by an earlier build:
    # the clean-up removes that copy (and its relationships) as kg build --store does.
    split = next(props for labels, props in map(json.loads, expected[0])
                 if props.get("type_alternatives") and labels[0] == "Method")
    _run(neo4j, "CREATE (d:Dataset {id: $id, name: 'stale'})<-[:EVALUATES_ON]-(:Paper "
         "{id: 'paper:stale'})", id=split["id"])

    progress: list[str] = []
    spark_warnings: list[str] = []
    report = spark_build(corpus, tmp_path / "spark", spark=spark, partitions=2,
                         on_warning=spark_warnings.append, on_progress=progress.append, **neo4j)
    assert _run(neo4j, "MATCH (n:Dataset {id: $id}) RETURN count(n)", id=split["id"]) == [[0]]
    _run(neo4j, "MATCH (p:Paper {id: 'paper:stale'}) DELETE p")
    assert _contents(neo4j) == expected
    written = report.store
    assert written is not None
    assert (written.nodes, written.relationships) == (local.nodes, local.relationships)
    assert (written.nodes_created, written.relationships_created) == (
        local.nodes_created, local.relationships_created)
    assert (written.nodes_refused, written.relationships_refused,
            written.relationships_skipped) == (local.nodes_refused, local.relationships_refused,
                                               local.relationships_skipped)
    assert written.relationships_skipped > 0  # the long-id paper's relationships
    # The refusal is reported as kg build reports it: one warning naming the paper.
    assert sorted(written.problems) == sorted(local.problems)
    assert [w for w in spark_warnings if "not written" in w] == written.problems
    # One progress line per table, nodes before relationships.
    stored = [line for line in progress if line.startswith("stored ")]
    tables = [line.split(":")[0][len("stored "):] for line in stored]
    assert tables[:5] == ["nodes_Benchmark", "nodes_Dataset", "nodes_Method", "nodes_Paper",
                          "nodes_Repository"]
    assert all(t.startswith("rels_") for t in tables[-7:]) and len(tables) == 5 + 3 + 7


    # A second run, as a user runs the command (credentials from the environment, --store
    # alone), creates nothing and changes nothing. Last in the module: the command stops
    # the SparkSession it shares with the fixture.
    env = {"NEO4J_URI": neo4j["store"], "NEO4J_USER": neo4j["user"],
           "NEO4J_PASSWORD": neo4j["password"], "NEO4J_DATABASE": neo4j["database"]}
    result = CliRunner().invoke(main, ["spark-build", *map(str, corpus), "--out",
                                       str(tmp_path / "again"), "--partitions", "2",
                                       "--store", "--batch-size", "50"], env=env)
    assert result.exit_code == 0, result.output
    assert neo4j["password"] not in result.output + result.stderr
    summary = [line for line in result.stderr.splitlines()
               if line.startswith(f"{neo4j['store']}: wrote ")]
    assert len(summary) == 1, result.stderr
    assert f"wrote {local.nodes} nodes and {local.relationships} relationships" in summary[0]
    assert "(0 nodes and 0 relationships created" in summary[0]
    assert "refused 1 nodes" in summary[0]
    assert _contents(neo4j) == expected
