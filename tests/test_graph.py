"""build_graph: schema conformance, evidence, derived edges, determinism, incremental adds."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from kg.errors import EntityNotFound, InputError
from kg.graph import build_graph, find_entities, find_entity, load_graph, save_json
from kg.records import Paper, PaperExtraction
from kg.schema import load_schema
from tests.graph_records import HOSTILE, corpus, extraction


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return build_graph(corpus())


def test_graph_follows_the_schema(G: nx.MultiDiGraph) -> None:
    schema = load_schema()
    assert G.graph["schema_version"] == schema.version
    for n, attrs in G.nodes(data=True):
        node = schema.node(attrs["label"])
        assert attrs["id"] == n
        assert set(node.required) <= set(attrs), n
        assert set(attrs) - {"label"} <= set(node.properties), n
        assert None not in attrs.values(), n
    for u, v, key, attrs in G.edges(keys=True, data=True):
        rel = schema.relationship(key)
        assert attrs["type"] == key
        assert G.nodes[u]["label"] in rel.sources and G.nodes[v]["label"] in rel.targets
        assert set(rel.properties) == set(attrs) - {"type"}, (u, v, key)


def test_every_label_and_relationship_type_occurs(G: nx.MultiDiGraph) -> None:
    schema = load_schema()
    assert {label for _, label in G.nodes(data="label")} == set(schema.nodes)
    assert {k for _, _, k in G.edges(keys=True)} == set(schema.relationships)


def test_evidence_points_at_the_mention_in_the_paper_text(G: nx.MultiDiGraph) -> None:
    papers = {x.paper.id: x.paper for x in corpus()}
    checked = 0
    for u, v, attrs in G.edges(data=True):
        if G.nodes[u]["label"] != "Paper":
            continue
        text = papers[u].text
        assert attrs["count"] == len(attrs["starts"]) == len(attrs["ends"]) == len(attrs["rules"])
        for start, end in zip(attrs["starts"], attrs["ends"], strict=True):
            surface = text[start:end]
            target = G.nodes[v]
            names = {target.get("name"), target.get("url"), *target.get("aliases", [])}
            assert surface in names, (u, v, surface)
            assert any(surface in s for s in attrs["sentences"])
            checked += 1
    assert checked > 20
    edge = G.edges["arxiv:2401.00001", "entity:cswin", "USES"]
    assert edge["count"] == 2
    assert edge["rules"] == ["test.method", "test.method"]
    assert len(edge["sentences"]) == 2


def test_evaluated_on_needs_the_same_sentence(G: nx.MultiDiGraph) -> None:
    evaluated = {(u, v): a for u, v, k, a in G.edges(keys=True, data=True)
                 if k == "EVALUATED_ON"}
    # "On MS-COCO, MAFormer beats CSWin." in one paper and "ResNet and CSWin on MSCOCO" in
    # another: two papers for CSWin on COCO.
    assert evaluated[("entity:cswin", "entity:coco")] == {
        "type": "EVALUATED_ON", "count": 2, "papers": ["arxiv:2401.00001", "doi:10.1000/xyz"]}
    # ResNet-50 and MS-COCO are in different sentences of paper 1: no edge.
    assert ("entity:resnet50", "entity:coco") not in evaluated
    assert ("entity:resnet50", "entity:imagenet") in evaluated


def test_repository_and_paper_nodes(G: nx.MultiDiGraph) -> None:
    repo = G.nodes["repo:github.com/org/repo"]
    assert repo == {"label": "Repository", "id": "repo:github.com/org/repo",
                    "url": "https://github.com/org/repo", "host": "github.com",
                    "paper_count": 1}
    assert G.edges["arxiv:2401.00002", "repo:github.com/org/repo", "HAS_CODE"]["count"] == 1
    paper = G.nodes["arxiv:2401.00002"]
    assert paper["title"] == HOSTILE  # text is kept as text, never altered
    assert G.nodes["arxiv:2401.00001"]["authors"] == ["A. One", "B. Two"]
    assert "date" not in G.nodes["arxiv:2401.00002"]  # absent, not None
    assert G.degree("arxiv:2402.00006") == 0  # a paper with no entities is still a node


def test_variant_alias_next_to_a_long_form_stays_its_own_node(G: nx.MultiDiGraph) -> None:
    # MAFormer's record lists the long form and MAFormer-L: the long form joins MAFormer,
    # MAFormer-L gets its own node, edge and VARIANT_OF.
    assert "Multi-scale Attention Fusion" in G.nodes["entity:maformer"]["aliases"]
    assert "MAFormer-L" not in G.nodes["entity:maformer"]["aliases"]
    assert G.edges["arxiv:2401.00001", "entity:maformerl", "PROPOSES"]["count"] == 1
    assert G.edges["entity:maformerl", "entity:maformer", "VARIANT_OF"]["rule"] == "variant.size"


def test_introduced_benchmark_and_type_majority(G: nx.MultiDiGraph) -> None:
    assert G.edges["title:0123456789abcdef", "entity:detbench", "INTRODUCES"]
    squad = G.nodes["entity:squad"]
    assert squad["type_alternatives"] == ["Benchmark:1"]
    assert squad["paper_count"] == 3


def test_every_alias_leads_to_its_node(G: nx.MultiDiGraph) -> None:
    for n, attrs in G.nodes(data=True):
        if attrs["label"] not in ("Method", "Dataset", "Benchmark"):
            continue
        assert n in find_entities(G, attrs["name"])
        for alias in attrs["aliases"]:
            assert n in find_entities(G, alias), (n, alias)
        assert find_entity(G, attrs["canonical"], labels=attrs["label"]) == n
    assert find_entity(G, "coco") == "entity:coco"
    assert find_entities(G, "no such thing") == []
    with pytest.raises(EntityNotFound, match=r"'cocoo'.*did you mean: COCO"):
        find_entity(G, "cocoo")


def test_input_order_does_not_change_the_output(tmp_path) -> None:  # type: ignore[no-untyped-def]
    records = corpus()
    save_json(build_graph(records), tmp_path / "a.json")
    for seed in range(3):
        shuffled = records[:]
        random.Random(seed).shuffle(shuffled)
        save_json(build_graph(iter(shuffled)), tmp_path / "b.json")
        assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_adding_a_paper_adds_only_its_nodes_and_edges() -> None:
    before = build_graph(corpus())
    new = extraction("arxiv:2403.00007", "NewNet", "We propose NewNet and test it on ImageNet.",
                     methods=[("NewNet", "proposed")], datasets=[("ImageNet", "used")])
    after = build_graph([*corpus(), new])
    assert set(after.nodes) - set(before.nodes) == {"arxiv:2403.00007", "entity:newnet"}
    added = set(after.edges(keys=True)) - set(before.edges(keys=True))
    assert added == {("arxiv:2403.00007", "entity:newnet", "PROPOSES"),
                     ("arxiv:2403.00007", "entity:imagenet", "EVALUATES_ON"),
                     ("entity:newnet", "entity:imagenet", "EVALUATED_ON")}
    assert set(before.edges(keys=True)) <= set(after.edges(keys=True))
    for n in before.nodes:
        changed = {k for k in before.nodes[n] if before.nodes[n][k] != after.nodes[n][k]}
        assert changed <= ({"paper_count"} if n == "entity:imagenet" else set()), n


def test_a_paper_that_tips_the_type_vote_keeps_every_node_id() -> None:
    # Two papers call ImageNet-R a benchmark, then three more call it a dataset: the node
    # changes label (a property), not identity, so nothing is removed.
    papers = [extraction(f"p{i}", f"T{i}", "Tested on ImageNet-R.",
                         benchmarks=[("ImageNet-R", "used")]) for i in range(2)]
    before = build_graph(papers)
    more = [extraction(f"q{i}", f"U{i}", "The ImageNet-R dataset.",
                       datasets=[("ImageNet-R", "used")]) for i in range(3)]
    after = build_graph([*papers, *more])
    assert before.nodes["entity:imagenetr"]["label"] == "Benchmark"
    assert after.nodes["entity:imagenetr"]["label"] == "Dataset"
    assert after.nodes["entity:imagenetr"]["type_alternatives"] == ["Benchmark:2"]
    assert set(before.nodes) <= set(after.nodes)
    assert set(before.edges(keys=True)) <= set(after.edges(keys=True))


def test_duplicate_paper_ids_are_merged_whatever_the_order() -> None:
    a = extraction("p1", "T", "Uses BERT.", methods=[("BERT", "used")])
    b = extraction("p1", "T", "Uses BERT.", methods=[("BERT", "used")])
    b.paper.occurrences = ()
    g1, g2 = build_graph([a, b]), build_graph([b, a])
    assert nx.utils.graphs_equal(g1, g2)
    assert g1.edges["p1", "entity:bert", "USES"]["count"] == 1


def test_entity_without_mentions_still_gets_an_edge() -> None:
    x = PaperExtraction.from_dict(
        {"id": "p9", "title": "T", "methods": [{"name": "SimCLR", "role": "used"}]},
        Paper("p9", "T", "abstract"))
    G = build_graph([x])
    assert G.edges["p9", "entity:simclr", "USES"]["count"] == 1


def test_empty_input_gives_an_empty_graph() -> None:
    G = build_graph([])
    assert len(G) == 0 and G.graph["schema_version"] == 1


def test_load_graph_round_trip_and_errors(G: nx.MultiDiGraph, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = save_json(G, tmp_path / "graph.json")
    H = load_graph(path)
    assert nx.utils.graphs_equal(G, H)
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    assert sorted(H.edges(keys=True, data=True)) == sorted(G.edges(keys=True, data=True))
    assert H.graph == G.graph
    with pytest.raises(InputError, match=r"missing\.json"):
        load_graph(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"nodes": [\n  oops')
    with pytest.raises(InputError, match=r"bad\.json:2"):
        load_graph(bad)
    bad.write_text('{"nodes": [{"id": "a"}], '
                   '"edges": [{"source": "a", "target": "b", "key": "X"}]}')
    with pytest.raises(InputError, match="missing node"):
        load_graph(bad)
