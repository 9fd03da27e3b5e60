"""The example questions of docs/analysis.md, read from that page so docs and test cannot drift, run
against the embedded graph, a real FalkorDB and a real Neo4j: the answers must agree, on a small
graph where every question has an answer and on the graph of the bundled example corpus."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.analysis.cypher import EmbeddedGraph
from kg.cli.query import parse_param
from tests.neo4j_server import LocalNeo4j
from tests.sample_graph import sample_graph

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS_PAGE = ROOT / "docs" / "analysis.md"
#: **N. Question?** (`--param a=b` `--param c=d`) then a ```cypher block.
_QUESTION = re.compile(
    r"^\*\*(\d+)\. (.+?)\*\*(?P<params>[^\n]*)\n\s*```cypher\n(?P<cypher>.*?)```",
    re.MULTILINE | re.DOTALL)


def readme_questions() -> list[tuple[str, str, dict[str, Any]]]:
    """(title, cypher, params) of every example question in docs/analysis.md."""
    text = QUESTIONS_PAGE.read_text(encoding="utf-8")
    section = text.split("<!-- section: questions -->")[1].split("<!-- /section: questions -->")[0]
    questions = []
    for match in _QUESTION.finditer(section):
        params = dict(parse_param(p) for p in re.findall(r"`--param (\S+?)`", match["params"]))
        questions.append((f"{match[1]}. {match[2]}", match["cypher"].strip(), params))
    return questions


QUESTIONS = readme_questions()
QUESTION_IDS = [q[0][:40] for q in QUESTIONS]


def question_graph() -> nx.MultiDiGraph:
    """The sample graph plus a paper that proposes a method, introduces a benchmark and
    evaluates on CIFAR-10 (alias CIFAR10), so every example question has an answer."""
    G = sample_graph()
    G.add_node("arxiv:2401.00004", label="Paper", id="arxiv:2401.00004", date="2024-02-20",
               title="BenchNet and the HardBench suite", abstract="We propose BenchNet.",
               sources=["examples/x.txt:9"])
    G.add_node("entity:benchnet", label="Method", id="entity:benchnet", name="BenchNet",
               canonical="benchnet", aliases=[], paper_count=1)
    G.add_node("entity:hardbench", label="Benchmark", id="entity:hardbench",
               name="HardBench", canonical="hardbench", aliases=["Hard Bench"], paper_count=1)
    G.add_node("entity:cifar10", label="Dataset", id="entity:cifar10", name="CIFAR-10",
               canonical="cifar10", aliases=["CIFAR10"], paper_count=1)
    evidence = {"count": 1, "sentences": ["We propose BenchNet."], "starts": [0], "ends": [8],
                "rules": ["cue.we_propose"]}
    G.add_edge("arxiv:2401.00004", "entity:benchnet", key="PROPOSES", type="PROPOSES",
               **evidence)
    G.add_edge("arxiv:2401.00004", "entity:hardbench", key="INTRODUCES", type="INTRODUCES",
               **evidence)
    G.add_edge("arxiv:2401.00004", "entity:cifar10", key="EVALUATES_ON", type="EVALUATES_ON",
               **evidence)
    G.add_edge("arxiv:2401.00004", "entity:resnet50", key="USES", type="USES", **evidence)
    G.add_edge("arxiv:2401.00004", "entity:resnet", key="USES", type="USES", **evidence)
    return G


def _comparable(rows: list[list[Any]], ordered: bool) -> list[list[Any]]:
    return rows if ordered else sorted(rows, key=repr)


def test_readme_has_ten_questions() -> None:
    assert len(QUESTIONS) == 10
    assert all(q[1].upper().startswith("MATCH") for q in QUESTIONS)


@pytest.fixture(scope="module")
def embedded():
    with EmbeddedGraph(question_graph()) as db:
        yield db


@pytest.mark.parametrize(("title", "cypher", "params"), QUESTIONS, ids=QUESTION_IDS)
def test_question_answers_on_the_embedded_graph(embedded: EmbeddedGraph, title: str,
                                                cypher: str, params: dict[str, Any]) -> None:
    result = embedded.query(cypher, params)
    assert result.rows, f"{title} has no answer on the test graph"


@pytest.fixture(scope="module")
def corpus_graph() -> nx.MultiDiGraph:
    """The graph of the bundled example corpus, built by the real pipeline."""
    import kg

    return kg.build(ROOT / "examples" / "hf-papers")


@pytest.fixture(scope="module", params=["question_graph", "example_corpus"])
def both_engines(request: pytest.FixtureRequest, falkordb_url: str):
    """(embedded engine, FalkorDB graph name) holding the same graph."""
    from kg.store import write_graph

    G = question_graph() if request.param == "question_graph" else request.getfixturevalue(
        "corpus_graph")
    name = f"readme_{request.param}"
    write_graph(G, falkordb_url, database=name)
    with EmbeddedGraph(G) as db:
        yield db, name


@pytest.mark.server
@pytest.mark.parametrize(("title", "cypher", "params"), QUESTIONS, ids=QUESTION_IDS)
def test_embedded_and_falkordb_agree(both_engines: tuple[EmbeddedGraph, str], falkordb_url: str,
                                     title: str, cypher: str, params: dict[str, Any]) -> None:
    from kg.store import run_query

    embedded, graph_name = both_engines
    local = embedded.query(cypher, params)
    server = run_query(falkordb_url, cypher, params, database=graph_name)
    assert server.columns == local.columns
    ordered = "ORDER BY" in cypher.upper()
    assert _comparable(server.rows, ordered) == _comparable(local.rows, ordered), title


@pytest.fixture(scope="module", params=["question_graph", "example_corpus"])
def embedded_and_neo4j(request: pytest.FixtureRequest, neo4j_server: LocalNeo4j):
    """(embedded engine, Neo4j options) holding the same graph. Neo4j Community has one user
    database, so each graph replaces the last (the store tests empty it before each test)."""
    from kg.store import run_query, write_graph

    G = question_graph() if request.param == "question_graph" else request.getfixturevalue(
        "corpus_graph")
    options = {"user": neo4j_server.user, "password": neo4j_server.password,
               "database": neo4j_server.database}
    run_query(neo4j_server.uri, "MATCH (n) DETACH DELETE n", read_only=False, **options)
    write_graph(G, neo4j_server.uri, **options)
    with EmbeddedGraph(G) as db:
        yield db, options
    run_query(neo4j_server.uri, "MATCH (n) DETACH DELETE n", read_only=False, **options)


@pytest.mark.server
@pytest.mark.parametrize(("title", "cypher", "params"), QUESTIONS, ids=QUESTION_IDS)
def test_embedded_and_neo4j_agree(embedded_and_neo4j: tuple[EmbeddedGraph, dict[str, str]],
                                  neo4j_server: LocalNeo4j, title: str, cypher: str,
                                  params: dict[str, Any]) -> None:
    # With test_embedded_and_falkordb_agree: Neo4j, FalkorDB and the embedded engine give
    # the same answers to every example question (docs/stores.md, "Dialect notes").
    from kg.store import run_query

    embedded, options = embedded_and_neo4j
    local = embedded.query(cypher, params)
    server = run_query(neo4j_server.uri, cypher, params, **options)
    assert server.columns == local.columns
    ordered = "ORDER BY" in cypher.upper()
    assert _comparable(server.rows, ordered) == _comparable(local.rows, ordered), title
