"""``kg serve --store URI``: the site over what a real FalkorDB / Neo4j server holds.

The graph built by the real pipeline is written to the server, the site reads it back, and
every entity and paper page must be the same as the site over graph.json. The Cypher box asks
the server live; the pages are what the server held at start-up.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from kg.cli import main
from kg.serve.app import create_app
from kg.serve.pages import entity_url, paper_url
from kg.serve.store_graph import graph_from_store
from kg.store import open_store, run_query, write_graph
from tests.falkordb_server import free_port
from tests.neo4j_server import LocalNeo4j
from tests.serve_support import PROBE, probe_paper, serve_graph

pytestmark = pytest.mark.server


def _urls(G: nx.MultiDiGraph) -> list[str]:
    return sorted(paper_url(n) if label == "Paper" else entity_url(G, n)
                  for n, label in G.nodes(data="label"))


def _assert_same_site(G: nx.MultiDiGraph, uri: str) -> TestClient:
    """The site over the server's graph answers every page as the site over ``G`` does."""
    from_store = graph_from_store(uri)
    assert sorted(from_store) == sorted(G)
    assert from_store.number_of_edges() == G.number_of_edges()
    local, remote = TestClient(create_app(G)), TestClient(create_app(from_store, store=uri))
    for url in [*_urls(G), "/", "/top/methods", "/matrix", "/search?q=imagenett"]:
        assert remote.get(url, params={"format": "json"}).json() == local.get(
            url, params={"format": "json"}).json(), url
    return remote


@pytest.fixture
def falkordb_graph(falkordb_url: str) -> Iterator[tuple[nx.MultiDiGraph, str]]:
    G = serve_graph()
    uri = f"{falkordb_url}/kg_serve"
    write_graph(G, uri)
    yield G, uri
    with open_store(uri) as store:
        store.drop()  # type: ignore[attr-defined]


def test_site_over_falkordb_is_the_site_over_graph_json(
        falkordb_graph: tuple[nx.MultiDiGraph, str]) -> None:
    G, uri = falkordb_graph
    site = _assert_same_site(G, uri)
    html = site.get("/paper/" + probe_paper(G))
    assert "&lt;img src=x onerror=" in html.text and "<img" not in html.text
    assert PROBE in site.get("/dataset/imagenet.json").json()["aliases"]

    # The Cypher box asks the server itself (live, parameters as parameters, writes refused);
    # the pages stay what the server held at start-up.
    with open_store(uri) as store:
        store.query("CREATE (:Method {id: 'entity:later', name: 'Later'})", read_only=False)
    found = site.get("/query", params={"cypher": "MATCH (m:Method {id: $id}) RETURN m.name",
                                       "name0": "id", "value0": "entity:later",
                                       "format": "json"}).json()
    assert found["result"]["rows"] == [["Later"]]
    assert site.get("/method/later").status_code == 404
    refused = site.get("/query", params={"cypher": "MATCH (n) DETACH DELETE n", "format": "json"})
    assert refused.status_code == 400
    assert run_query(uri, "MATCH (n) RETURN count(n) AS n").rows == [[len(G) + 1]]


def test_cli_needs_exactly_one_source_and_names_an_unreachable_store(tmp_path) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    neither = runner.invoke(main, ["serve"])
    assert neither.exit_code == 2 and "give OUT_DIR" in neither.output
    both = runner.invoke(main, ["serve", str(tmp_path), "--store", "falkordb://127.0.0.1:1"])
    assert both.exit_code == 2 and "not both" in both.output
    port = free_port()
    down = runner.invoke(main, ["serve", "--store", f"falkordb://kg:secret@127.0.0.1:{port}",
                                "--port", str(free_port())])
    assert down.exit_code == 1
    assert f"127.0.0.1:{port}" in down.output and "secret" not in down.output
    assert down.output.strip().count("\n") <= 2  # reading..., the URL line, one-line error


def test_site_over_neo4j_is_the_site_over_graph_json(
        neo4j_server: LocalNeo4j, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_USER", neo4j_server.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_server.database)
    uri = neo4j_server.uri
    run_query(uri, "MATCH (n) DETACH DELETE n", read_only=False)
    G = serve_graph()
    write_graph(G, uri)
    try:
        site = _assert_same_site(G, uri)
        rows = site.get("/query", params={
            "cypher": "MATCH (m:Method)-[:EVALUATED_ON]->(d:Dataset {name: $d}) "
                      "RETURN m.name AS method ORDER BY method",
            "name0": "d", "value0": "ImageNet", "format": "json"}).json()["result"]["rows"]
        assert ["SimCLR"] in rows
    finally:
        run_query(uri, "MATCH (n) DETACH DELETE n", read_only=False)
