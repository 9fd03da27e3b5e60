"""End to end on a real Neo4j: ``kg build --store neo4j://...`` then ``kg query`` on it,
credentials from ``NEO4J_URI``/``NEO4J_USER``/``NEO4J_PASSWORD`` as a user would set them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.store import run_query, write_graph
from tests.neo4j_server import LocalNeo4j

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "hf-papers"


@pytest.fixture
def neo4j_env(neo4j_server: LocalNeo4j) -> Iterator[dict[str, str]]:
    """The environment a user sets for Neo4j: neo4j:// (routing) URI, user, password."""
    env = {"NEO4J_URI": f"neo4j://{neo4j_server.uri.split('://', 1)[1]}",
           "NEO4J_USER": neo4j_server.user, "NEO4J_PASSWORD": neo4j_server.password,
           "NEO4J_DATABASE": neo4j_server.database}
    options = {"user": neo4j_server.user, "password": neo4j_server.password,
               "database": neo4j_server.database}
    run_query(env["NEO4J_URI"], "MATCH (n) DETACH DELETE n", read_only=False, **options)
    yield env
    run_query(env["NEO4J_URI"], "MATCH (n) DETACH DELETE n", read_only=False, **options)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first eight papers of the first example page, as JSON Lines."""
    from kg.readers import read_papers

    papers = read_papers([sorted(EXAMPLES.glob("*.txt"))[0]]).papers[:8]
    path = tmp_path_factory.mktemp("papers") / "papers.jsonl"
    path.write_text("".join(json.dumps(p.to_dict()) + "\n" for p in papers), encoding="utf-8")
    return path


def test_kg_build_then_kg_query_on_neo4j(corpus: Path, neo4j_env: dict[str, str],
                                        tmp_path: Path) -> None:
    out = tmp_path / "out"
    for _ in range(2):  # a rebuild into the same database duplicates nothing
        built = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "--no-html",
                                          "--store", neo4j_env["NEO4J_URI"]],
                                   env={**neo4j_env, "NEO4J_URI": ""})
        assert built.exit_code == 0, built.output
    assert neo4j_env["NEO4J_PASSWORD"] not in built.output + built.stderr
    G = kg.load(out / "graph.json")
    papers = sum(1 for _, label in G.nodes(data="label") if label == "Paper")

    # --store from NEO4J_URI: nothing on the command line but the query.
    counted = CliRunner().invoke(main, [
        "query", "MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() "
        "RETURN nodes, count(r) AS relationships", "--json"], env=neo4j_env)
    assert counted.exit_code == 0, counted.output
    assert json.loads(counted.stdout) == [{"nodes": len(G),
                                           "relationships": G.number_of_edges()}]

    titles = CliRunner().invoke(main, [
        "query", "MATCH (p:Paper) RETURN p.id AS id, p.title AS title ORDER BY id", "--csv",
        "--store", neo4j_env["NEO4J_URI"]], env=neo4j_env)
    assert titles.exit_code == 0, titles.output
    lines = titles.stdout.splitlines()
    assert lines[0] == "id,title" and len(lines) == 1 + papers


def test_kg_query_write_without_flag_is_refused_by_neo4j(corpus: Path,
                                                        neo4j_env: dict[str, str]) -> None:
    credentials = {"user": neo4j_env["NEO4J_USER"], "password": neo4j_env["NEO4J_PASSWORD"]}
    write_graph(kg.build(corpus), neo4j_env["NEO4J_URI"], **credentials)
    before = run_query(neo4j_env["NEO4J_URI"], "MATCH (n) RETURN count(n)", **credentials).rows
    assert before[0][0] > 0
    refused = CliRunner().invoke(main, ["query", "MATCH (n) DETACH DELETE n"], env=neo4j_env)
    assert refused.exit_code != 0
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "Writing in read access mode not allowed" in lines[0]
    assert neo4j_env["NEO4J_PASSWORD"] not in refused.stderr
    after = run_query(neo4j_env["NEO4J_URI"], "MATCH (n) RETURN count(n)", **credentials).rows
    assert after == before
