"""End to end: example papers -> ``kg.build`` -> FalkorDB, and ``kg query --store`` on it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.store import open_store, run_query, write_graph
from kg.store.falkordb_store import FalkorDBStore
from tests.falkordb_server import free_port

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "hf-papers"


@pytest.fixture(scope="module")
def corpus_graph(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    """The graph of the first six papers of the first example page (real extractor)."""
    import kg
    from kg.readers import read_papers

    papers = read_papers([sorted(EXAMPLES.glob("*.txt"))[0]]).papers[:6]
    path = tmp_path_factory.mktemp("papers") / "papers.jsonl"
    path.write_text("".join(json.dumps(p.to_dict()) + "\n" for p in papers), encoding="utf-8")
    return kg.build(path)


@pytest.fixture
def graph_uri(falkordb_url: str) -> Iterator[str]:
    uri = f"{falkordb_url}/kg_e2e"
    yield uri
    with open_store(uri) as store:
        assert isinstance(store, FalkorDBStore)
        store.drop()


def test_built_graph_round_trips_and_rewrites_as_a_no_op(
    corpus_graph: nx.MultiDiGraph, graph_uri: str
) -> None:
    G = corpus_graph
    assert {label for _, label in G.nodes(data="label")} >= {"Paper", "Method"}
    first = write_graph(G, graph_uri, batch_size=5)
    assert (first.nodes_created, first.relationships_created) == (
        G.number_of_nodes(), G.number_of_edges())
    second = write_graph(G, graph_uri, batch_size=50)
    assert (second.nodes_created, second.relationships_created) == (0, 0)
    for node, attrs in G.nodes(data=True):
        if attrs["label"] == "Paper":
            rows = run_query(graph_uri, "MATCH (p:Paper {id: $id}) RETURN p.title AS t",
                             {"id": node}).rows
            assert rows == [[attrs["title"]]]
    edges = run_query(graph_uri, "MATCH ()-[r]->() RETURN count(r) AS n").rows
    assert edges == [[G.number_of_edges()]]


def test_kg_query_store_prints_rows(corpus_graph: nx.MultiDiGraph, graph_uri: str) -> None:
    from kg.cli import main

    write_graph(corpus_graph, graph_uri)
    papers = sum(1 for _, label in corpus_graph.nodes(data="label") if label == "Paper")
    result = CliRunner().invoke(main, ["query", "MATCH (p:Paper) RETURN count(p) AS n",
                                       "--store", graph_uri, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"n": papers}]


def test_kg_query_unreachable_store_is_one_line_without_password() -> None:
    from kg.cli import main

    uri = f"falkordb://kg:hunter2-secret@127.0.0.1:{free_port()}/kg"
    result = CliRunner().invoke(main, ["query", "RETURN 1", "--store", uri])
    assert result.exit_code != 0
    assert "hunter2-secret" not in result.output + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: falkordb://kg:***@127.0.0.1:")


def test_store_docstring_examples_run_on_a_real_server(graph_uri: str) -> None:
    """kg.store's examples need a server, so ``pytest --doctest-modules kg`` skips them: here
    they run, in order, on the session's FalkorDB (a fresh graph instead of the example's)."""
    import doctest

    import kg.store

    found = {t.name.rsplit(".", 1)[-1]: t for t in doctest.DocTestFinder().find(kg.store)
             if any(e.options.get(doctest.SKIP) for e in t.examples)}
    assert sorted(found) == ["run_query", "write_graph"]
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for name in ("write_graph", "run_query"):  # the query reads what the write wrote
        test = found[name]
        for example in test.examples:
            example.source = example.source.replace("falkordb://127.0.0.1:6379/papers", graph_uri)
            example.options.pop(doctest.SKIP, None)
        runner.run(test)
    assert runner.summarize(verbose=False) == (0, 3)
