"""graph_stats and write_plots on the hand-made sample graph."""

from __future__ import annotations

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
from PIL import Image

from kg.analysis.plots import write_plots
from kg.analysis.stats import graph_stats, pagerank
from tests.sample_graph import sample_graph


@pytest.fixture(scope="module")
def stats() -> dict:
    return graph_stats(sample_graph(), top=20)


def test_counts_follow_the_schema_labels_and_types(stats: dict) -> None:
    assert stats["nodes"] == {"Paper": 3, "Method": 4, "Dataset": 2, "Benchmark": 1,
                              "Repository": 1}
    assert stats["relationships"]["USES"] == 4
    assert stats["relationships"]["EVALUATES_ON"] == 5
    assert stats["relationships"]["INTRODUCES"] == 0  # every schema type is listed


def test_rankings_count_distinct_papers_and_break_ties_by_id(stats: dict) -> None:
    assert [(e["name"], e["papers"]) for e in stats["top"]["Dataset"]] == [
        ("ImageNet", 3), ("MSCOCO", 1)]
    assert [e["id"] for e in stats["top"]["Method"]] == [
        "entity:cswin", "entity:maformer", "entity:resnet", "entity:resnet50"]


def test_top_limits_every_ranking() -> None:
    small = graph_stats(sample_graph(), top=1)
    assert len(small["top"]["Method"]) == 1
    assert len(small["pagerank"]) == 1
    assert len(small["pairs"]) == 1
    with pytest.raises(ValueError, match="top"):
        graph_stats(sample_graph(), top=0)


def test_pagerank_matches_networkx_reference() -> None:
    G = sample_graph()
    ours = pagerank(G)
    reference = _pagerank_python(nx.Graph(G), alpha=0.85, tol=1e-12)
    assert ours.keys() == reference.keys()
    for node, value in reference.items():
        assert ours[node] == pytest.approx(value, abs=1e-6)
    assert sum(ours.values()) == pytest.approx(1.0)


def test_pairs_code_components_and_months(stats: dict) -> None:
    assert {(p["method"], p["target"]) for p in stats["pairs"]} == {
        ("MAFormer", "ImageNet"), ("CSWin", "MSCOCO"), ("ResNet-50", "ImageNet"),
        ("ResNet", "ImageNet"), ("CSWin", "ImageNet")}
    assert stats["code"] == {"papers": 3, "with_code": 1, "share": 0.3333}
    assert stats["components"]["count"] == 1
    assert stats["components"]["largest"] == 11
    assert stats["papers_per_month"] == {"months": {"2024-01": 1, "2024-02": 1}, "undated": 1}


def test_communities_partition_the_graph_and_are_reproducible(stats: dict) -> None:
    assert sum(c["size"] for c in stats["communities"]) == 11
    assert graph_stats(sample_graph(), seed=0)["communities"] == stats["communities"]
    named = {name for c in stats["communities"] for name in c["top_entities"]}
    assert {"ImageNet", "CSWin"} <= named


def test_isolated_nodes_and_empty_graph() -> None:
    G = sample_graph()
    G.add_node("entity:lonely", label="Method", id="entity:lonely", name="Lonely",
               canonical="lonely", aliases=[], paper_count=0)
    stats = graph_stats(G)
    assert stats["components"]["count"] == 2
    assert stats["components"]["isolated_nodes"] == 1
    empty = graph_stats(nx.MultiDiGraph(schema_version=1))
    assert empty["code"]["share"] == 0.0
    assert empty["communities"] == [] and empty["pagerank"] == []


def test_write_plots_writes_real_pngs(tmp_path) -> None:
    paths = write_plots(sample_graph(), tmp_path / "charts", top=5)
    assert [p.name for p in paths] == [
        "top_methods.png", "top_datasets.png", "top_benchmarks.png",
        "method_dataset_heatmap.png", "papers_over_time.png"]
    for path in paths:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        with Image.open(path) as image:
            width, height = image.size
            assert width >= 400 and height >= 200
            lo, hi = image.convert("L").getextrema()
            assert hi - lo > 100  # something is drawn, not a blank page


def test_plots_of_an_empty_graph_still_render(tmp_path) -> None:
    paths = write_plots(nx.MultiDiGraph(schema_version=1), tmp_path)
    assert all(p.stat().st_size > 1000 for p in paths)


def test_dollar_signs_in_names_are_text_not_math(tmp_path) -> None:
    G = sample_graph()
    G.nodes["entity:cswin"]["name"] = "Cost $\\frac{x$ net"
    G.nodes["entity:imagenet"]["name"] = "$x^2$ set"
    paths = write_plots(G, tmp_path)
    assert len(paths) == 5 and all(p.stat().st_size > 1000 for p in paths)
