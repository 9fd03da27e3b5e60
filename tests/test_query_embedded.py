"""Cypher over the in-memory graph (Ladybug embedded, no server)."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analysis.cypher import EmbeddedGraph, query_graph
from kg.errors import QueryError
from kg.graph import load_graph, save_json
from tests.sample_graph import HOSTILE_TITLE, sample_graph


@pytest.fixture(scope="module")
def db():
    with EmbeddedGraph(sample_graph()) as loaded:
        yield loaded


def test_every_node_and_relationship_is_loaded(db: EmbeddedGraph) -> None:
    G = sample_graph()
    nodes = db.query("MATCH (n) RETURN count(n) AS n").rows
    rels = db.query("MATCH ()-[r]->() RETURN count(r) AS n").rows
    assert nodes == [[G.number_of_nodes()]]
    assert rels == [[G.number_of_edges()]]


def test_parameters_multi_hop_order_and_limit(db: EmbeddedGraph) -> None:
    result = db.query(
        "MATCH (d:Dataset {name: $d})<-[:EVALUATES_ON]-(p:Paper)-[:USES]->(m:Method) "
        "RETURN m.name AS method, count(p) AS papers ORDER BY papers DESC, method LIMIT $n",
        {"d": "ImageNet", "n": 2})
    assert result.columns == ["method", "papers"]
    assert result.rows == [["CSWin", 2], ["ResNet", 1]]


def test_list_properties_come_back_as_lists_and_work_with_in(db: EmbeddedGraph) -> None:
    found = db.query("MATCH (d:Dataset) WHERE $a IN d.aliases RETURN d.name, d.aliases",
                     {"a": "COCO"})
    assert found.rows == [["MSCOCO", ["COCO", "MS COCO"]]]
    evidence = db.query("MATCH (:Paper)-[r:USES]->(:Method {name: 'ResNet-50'}) "
                        "RETURN r.`starts`, r.rules")
    assert evidence.rows == [[[13], ["gazetteer.method"]]]


def test_hostile_text_is_data_both_ways(db: EmbeddedGraph) -> None:
    by_title = db.query("MATCH (p:Paper) WHERE p.title = $t RETURN p.id", {"t": HOSTILE_TITLE})
    assert by_title.rows == [["arxiv:2401.00002"]]
    injected = db.query("MATCH (p:Paper) WHERE p.title = $t RETURN count(p)",
                        {"t": "x' OR 1=1 //"})
    assert injected.rows == [[0]]


def test_nodes_and_relationships_are_property_dicts(db: EmbeddedGraph) -> None:
    row = db.query("MATCH (v:Method)-[r:VARIANT_OF]->(m:Method) RETURN v, r, m").rows[0]
    assert row[0]["id"] == "entity:resnet50" and row[0]["name"] == "ResNet-50"
    assert row[1] == {"rule": "variant.size_suffix"}
    assert "date" not in db.query("MATCH (p:Paper {id: 'title:0123456789abcdef'}) "
                                  "RETURN p").rows[0][0]  # absent, not null


@pytest.mark.parametrize(("cypher", "params", "message"), [
    ("MATCH (n RETURN n", {}, "Cypher query failed: Parser exception"),
    ("MATCH (n:NoSuchLabel) RETURN n", {}, "NoSuchLabel"),
    ("MATCH (m:Method) RETURN m.nosuch", {}, "nosuch"),
    ("MATCH (m:Method {name: $name}) RETURN m", {}, r"\$name"),
    ("MATCH (m) RETURN m; MATCH (n) RETURN n", {}, "one Cypher statement"),
    ("   ", {}, "empty"),
    ("MATCH ()-[r:USES]->() RETURN r.ends", {}, r"quote the property, e.g. r.`ends`"),
])
def test_bad_queries_raise_one_line_query_errors(db: EmbeddedGraph, cypher: str,
                                                 params: dict, message: str) -> None:
    with pytest.raises(QueryError, match=message) as info:
        db.query(cypher, params)
    assert "\n" not in str(info.value)


def test_dollar_inside_a_string_is_not_a_parameter(db: EmbeddedGraph) -> None:
    assert db.query("RETURN 'costs $5' AS s").rows == [["costs $5"]]


def test_query_graph_on_a_graph_read_back_from_json(tmp_path) -> None:
    path = save_json(sample_graph(), tmp_path / "graph.json")
    G = load_graph(path)
    result = query_graph(G, "MATCH (p:Paper)-[:HAS_CODE]->(r:Repository) RETURN p.id, r.url")
    assert result.rows == [["title:0123456789abcdef", "https://github.com/org/repo"]]


def test_empty_graph_and_graph_outside_the_schema() -> None:
    empty = nx.MultiDiGraph(schema_version=1)
    assert query_graph(empty, "MATCH (p:Paper) RETURN count(p)").rows == [[0]]
    odd = nx.MultiDiGraph()
    odd.add_node("x", label="Person", id="x")
    with pytest.raises(QueryError, match="Person"):
        query_graph(odd, "MATCH (n) RETURN n")
