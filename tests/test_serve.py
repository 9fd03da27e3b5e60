"""``kg serve``'s pages and JSON endpoints through Starlette's test client, over a graph built
by the real pipeline."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from kg.cli import main
from kg.serve.app import create_app
from tests.serve_support import PROBE, probe_paper, serve_graph


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(serve_graph()))


def test_search_lands_on_the_entity_and_suggests_for_misspellings(client: TestClient) -> None:
    r = client.get("/search", params={"q": "imagenet"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/dataset/imagenet"
    data = client.get("/search", params={"q": "imagenett", "format": "json"}).json()
    assert data["results"] == []
    assert data["suggestions"][0]["id"] == "entity:imagenet"
    assert "ImageNet" in client.get("/search", params={"q": "imagenett"}).text
    prefix = client.get("/search", params={"q": "res", "format": "json"}).json()
    assert {r["id"] for r in prefix["results"]} == {"entity:resnet", "entity:resnet50"}


def test_entity_page_json(client: TestClient) -> None:
    data = client.get("/dataset/imagenet?format=json").json()
    assert data == client.get("/dataset/imagenet.json").json()
    assert data["name"] == "ImageNet" and data["papers_total"] == 3
    simclr = next(p for p in data["papers"] if p["id"] == "arxiv:2002.05709")
    assert simclr["relations"] == ["EVALUATES_ON"]
    assert simclr["evidence"][0]["mention"] == "ImageNet"
    assert "76.5% top-1 accuracy on " in simclr["evidence"][0]["before"]
    methods = {row["id"]: row for row in data["evaluated"]}
    assert methods["entity:simclr"]["papers"] == 1
    assert methods["entity:simclr"]["first_seen"] == "2020-02-13"
    assert data["papers"][0]["date"] >= data["papers"][-1]["date"]  # newest first
    simclr_page = client.get("/method/simclr?format=json").json()
    assert [r["id"] for r in simclr_page["repositories"]] == [
        "repo:github.com/google-research/simclr"]


def test_entity_page_caps_papers_with_a_count_of_the_rest(client: TestClient) -> None:
    data = client.get("/dataset/imagenet?format=json&papers=1").json()
    assert len(data["papers"]) == 1 and data["papers_total"] == 3
    assert "and 2 more papers" in client.get("/dataset/imagenet?papers=1").text


def test_entity_papers_come_in_pages_linked_in_html_and_json(client: TestClient) -> None:
    everything = [p["id"] for p in client.get("/dataset/imagenet.json").json()["papers"]]
    first = client.get("/dataset/imagenet?format=json&papers=2").json()
    assert (first["papers_page"], first["papers_pages"], first["prev_url"]) == (1, 2, None)
    assert first["next_url"] == "/dataset/imagenet?page=2&papers=2&format=json"
    second = client.get(first["next_url"]).json()
    assert second["prev_url"] == "/dataset/imagenet?page=1&papers=2&format=json"
    assert second["next_url"] is None and second["papers_total"] == 3
    assert [p["id"] for p in first["papers"] + second["papers"]] == everything
    html = client.get("/dataset/imagenet?papers=2").text
    assert 'rel="next" href="/dataset/imagenet?page=2&amp;papers=2#papers"' in html
    assert "page 1 of 2" in html and "1–2 of 3" in html
    beyond = client.get("/dataset/imagenet?format=json&papers=2&page=99").json()
    assert beyond["papers_page"] == 2  # the last page, not an empty one
    assert client.get("/dataset/imagenet?page=two").status_code == 400
    capped = client.get("/dataset/imagenet?format=json&evaluated=1").json()
    assert len(capped["evaluated"]) == 1 and capped["evaluated_total"] > 1


def test_paper_page_links_every_mention(client: TestClient) -> None:
    data = client.get("/paper/arxiv:2002.05709?format=json").json()
    linked = [(s["text"], s["entity"]["url"]) for s in data["abstract"] if s["entity"]]
    assert ("ImageNet", "/dataset/imagenet") in linked
    assert ("SimCLR", "/method/simclr") in linked
    text = "".join(s["text"] for s in data["abstract"])
    assert text == serve_graph().nodes["arxiv:2002.05709"]["abstract"]
    html = client.get("/paper/arxiv:2002.05709").text
    assert '<a class="mention dataset" href="/dataset/imagenet"' in html


@pytest.mark.parametrize("url", ["/method/nope", "/dataset/resnet", "/paper/arxiv:0000.0000",
                                 "/method/nope?format=json", "/top/nothings"])
def test_unknown_id_is_404(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404
    if "json" in url:
        assert r.json()["error"] == "no Method named 'nope'"


def test_query_box_runs_parameterised_read_queries(client: TestClient) -> None:
    params = {"cypher": "MATCH (m:Method)-[:EVALUATED_ON]->(d:Dataset {name: $d}) "
                        "RETURN m.name AS method ORDER BY method",
              "name0": "d", "value0": "ImageNet"}
    data = client.get("/query", params={**params, "format": "json"}).json()
    assert data["result"]["columns"] == ["method"]
    assert ["SimCLR"] in data["result"]["rows"]
    rows = list(csv.reader(io.StringIO(client.get("/query", params={**params,
                                                                    "format": "csv"}).text)))
    assert rows[0] == ["method"] and ["SimCLR"] in rows


@pytest.mark.parametrize("cypher", ["MATCH (n) DETACH DELETE n", "CREATE (:Method {id: 'x'})",
                                    "MATCH (n:Method) SET n.name = 'x'",
                                    "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r"])
def test_write_query_is_a_clear_400(client: TestClient, cypher: str) -> None:
    r = client.get("/query", params={"cypher": cypher, "format": "json"})
    assert r.status_code == 400
    assert r.json()["error"].startswith("queries are read-only: ")
    html = client.get("/query", params={"cypher": cypher})
    assert html.status_code == 400 and "queries are read-only" in html.text
    count = client.get("/query", params={"cypher": "MATCH (m:Method) RETURN count(m) AS n",
                                         "format": "json"}).json()
    assert count["result"]["rows"] == [[4]]


def test_query_row_limit(client: TestClient) -> None:
    small = TestClient(create_app(serve_graph(), max_rows=2))
    data = small.get("/query", params={"cypher": "MATCH (n) RETURN n.id",
                                       "format": "json"}).json()
    assert len(data["result"]["rows"]) == 2 and data["result"]["truncated"]


def test_hostile_text_is_escaped_and_pages_forbid_scripts(client: TestClient) -> None:
    G = serve_graph()
    for url in ["/paper/" + probe_paper(G), "/dataset/imagenet", "/search?q=Probe+paper&go=0",
                "/method/resnet50"]:
        r = client.get(url)
        assert r.status_code == 200, url
        assert "<script" not in r.text and "<img" not in r.text, url
        assert "script-src" not in r.headers["content-security-policy"]  # none at all
        assert "default-src 'none'" in r.headers["content-security-policy"]
    html = client.get("/paper/" + probe_paper(G)).text
    assert "&lt;img src=x onerror=" in html
    assert PROBE in client.get("/dataset/imagenet?format=json").json()["aliases"]


def test_lists_matrix_and_home(client: TestClient) -> None:
    top = client.get("/top/methods?format=json").json()
    counts = [r["paper_count"] for r in top["entities"]]
    assert counts == sorted(counts, reverse=True) and top["total"] == 4
    by_name = client.get("/top/methods?sort=name&format=json").json()
    assert [r["name"] for r in by_name["entities"]] == ["ResNet", "ResNet-50", "SimCLR", "ViT"]
    assert client.get("/top/methods?sort=nope").status_code == 400
    matrix = client.get("/matrix?format=json").json()
    row = [m["id"] for m in matrix["methods"]].index("entity:simclr")
    col = [t["id"] for t in matrix["targets"]].index("entity:imagenet")
    assert matrix["cells"][row][col] == 1
    home = client.get("/?format=json").json()
    assert home["counts"]["Paper"] == 3
    page = client.get("/").text
    for label, n in home["counts"].items():  # labels read as English: "2 Repositories"
        word = label if n == 1 else (label[:-1] + "ies" if label.endswith("y") else label + "s")
        assert f"{n} {word}<" in page
    assert "Repositorys" not in page


def test_ego_graph_page_sends_its_own_script_hashes(client: TestClient) -> None:
    r = client.get("/graph/entity:imagenet")
    assert r.status_code == 200
    assert "script-src 'sha256-" in r.headers["content-security-policy"]


def test_paper_ego_graph_shows_its_entities_and_their_other_papers(client: TestClient) -> None:
    page = client.get("/paper/arxiv:2002.05709").text
    assert '<iframe class="ego" src="/graph/arxiv:2002.05709"' in page
    r = client.get("/graph/arxiv:2002.05709")
    assert r.status_code == 200
    # SimCLR's paper reaches ImageNet, and through it the two other ImageNet papers
    assert '"id": "entity:imagenet"' in r.text and '"id": "arxiv:2103.00003"' in r.text


def test_only_web_urls_from_the_data_become_links() -> None:
    G = serve_graph()
    G.nodes["arxiv:2002.05709"]["url"] = "javascript:alert(1)"
    G.nodes["arxiv:2002.05709"]["links"] = ["https://example.org/a", "data:text/html,x"]
    html = TestClient(create_app(G)).get("/paper/arxiv:2002.05709").text
    assert 'href="https://example.org/a"' in html
    assert 'href="javascript:' not in html and 'href="data:text' not in html
    assert "javascript:alert(1)" in html  # shown, as text


def test_cli_help_and_missing_graph(tmp_path) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    assert "--store" in runner.invoke(main, ["serve", "--help"]).output
    result = runner.invoke(main, ["serve", str(tmp_path)])
    assert result.exit_code == 1 and "no graph.json" in result.output
