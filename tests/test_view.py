"""kg.view without a browser: selection, escaping, offline page, determinism, CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import EntityNotFound
from kg.view import find_entity, select_view, write_html
from kg.view.layout import layout_positions
from kg.view.select import MORE_PAPERS, capped_papers, find_focus
from tests.sample_graph import HOSTILE_TITLE, sample_graph
from tests.synthetic import nodes_for_papers, synthetic_graph


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ImageNet", "entity:imagenet"),
        ("imagenet-1k", "entity:imagenet"),  # alias, case and hyphen folded
        ("  IMAGENET 1K ", "entity:imagenet"),
        ("ms coco", "entity:mscoco"),
        ("Multi-scale attention fusion", "entity:maformer"),
        ("github.com/org/repo", "repo:github.com/org/repo"),
    ],
)
def test_find_entity_by_name_or_alias(query: str, expected: str) -> None:
    assert find_entity(sample_graph(), query) == expected


def test_unknown_focus_lists_close_matches() -> None:
    with pytest.raises(EntityNotFound) as info:
        find_entity(sample_graph(), "ImageNett")
    assert "ImageNet" in info.value.matches
    assert "did you mean" in str(info.value)


def test_overview_keeps_top_entities_and_their_papers() -> None:
    H = select_view(sample_graph(), "overview", top=1)
    assert sorted(n for n, label in H.nodes(data="label") if label != "Paper") == [
        "entity:imagenet"
    ]
    assert sum(1 for _, label in H.nodes(data="label") if label == "Paper") == 3


def test_overview_types_and_min_degree_filter_entities() -> None:
    H = select_view(sample_graph(), types=["Method"], min_degree=3)
    entities = {n for n, label in H.nodes(data="label") if label != "Paper"}
    assert entities == {"entity:cswin", "entity:resnet", "entity:resnet50"}


def _hub_graph(papers: int = 40) -> nx.MultiDiGraph:
    """One dataset in ``papers`` papers; paper i also uses method M-(i % 4); papers 0-2 use
    GLUE too. Dates grow with i."""
    G: nx.MultiDiGraph = nx.MultiDiGraph(schema_version=1)
    G.add_node("entity:hub", label="Dataset", id="entity:hub", name="Hub", aliases=[])
    G.add_node("entity:glue", label="Benchmark", id="entity:glue", name="GLUE", aliases=[])
    for m in range(4):
        G.add_node(f"entity:m{m}", label="Method", id=f"entity:m{m}", name=f"M-{m}",
                   aliases=[])
    for i in range(papers):
        pid = f"arxiv:2401.{i:05d}"
        G.add_node(pid, label="Paper", id=pid, title=f"Paper number {i} about hubs",
                   date=f"2024-01-{1 + i % 28:02d}" if i < 28 else f"2024-02-{i - 27:02d}")
        G.add_edge(pid, "entity:hub", key="EVALUATES_ON", type="EVALUATES_ON", count=1)
        G.add_edge(pid, f"entity:m{i % 4}", key="USES", type="USES", count=1)
        if i < 3:
            G.add_edge(pid, "entity:glue", key="EVALUATES_ON", type="EVALUATES_ON", count=1)
    return G


def test_capped_papers_prefers_papers_linking_the_picture_then_newest() -> None:
    G = _hub_graph()
    assert capped_papers(G, "entity:hub", 0) == sorted(
        n for n, label in G.nodes(data="label") if label == "Paper")
    # the three GLUE papers first (they mention the context), then the newest
    assert capped_papers(G, "entity:hub", 5, context={"entity:glue"}) == [
        "arxiv:2401.00002", "arxiv:2401.00001", "arxiv:2401.00000",
        "arxiv:2401.00039", "arxiv:2401.00038"]
    assert capped_papers(G, "entity:hub", 5) == capped_papers(G, "entity:hub", 5)


def test_overview_caps_papers_per_entity_and_counts_the_rest() -> None:
    G = _hub_graph()
    H = select_view(G, "overview", papers_per_entity=5)
    papers = [n for n, label in H.nodes(data="label") if label == "Paper"]
    # each of the 6 entities brings at most 5; a paper shared by two counts once
    assert 5 <= len(papers) <= 6 * 5
    shown = sum(1 for p in papers if H.has_edge(p, "entity:hub"))
    assert H.nodes["entity:hub"][MORE_PAPERS] == 40 - shown
    assert {"arxiv:2401.00000", "arxiv:2401.00001", "arxiv:2401.00002"} <= set(papers)
    assert MORE_PAPERS not in G.nodes["entity:hub"]  # the whole graph is left as it was
    everything = select_view(G, "overview", papers_per_entity=0)
    assert len(everything) == len(G)
    assert all(MORE_PAPERS not in a for _, a in everything.nodes(data=True))
    with pytest.raises(ValueError, match="papers_per_entity"):
        select_view(G, papers_per_entity=-1)


def test_capped_overview_page_says_how_many_papers_are_left_out(tmp_path: Path) -> None:
    G = _hub_graph()
    left_out = select_view(G, papers_per_entity=5).nodes["entity:hub"][MORE_PAPERS]
    page = write_html(G, tmp_path / "capped.html", papers_per_entity=5).read_text()
    hub = next(n for n in _node_data(page) if n["id"] == "entity:hub")
    assert hub["label"] == f"Hub\n+{left_out} papers"
    tip = [text for kind, text in hub["tip"] if kind == "meta"]  # type: ignore[union-attr]
    assert f"{left_out} more papers not shown" in tip
    options = json.loads(re.search(r"var options = (\{.*?\});\n", page, re.S).group(1))  # type: ignore[union-attr]
    assert options["nodes"]["scaling"]["label"]["drawThreshold"] >= 8  # labels need zooming in
    assert hub["font"]["size"] > next(  # type: ignore[index]
        n for n in _node_data(page) if n["group"] == "Paper")["font"]["size"]  # type: ignore[index]


def test_ego_view_of_a_paper_shows_its_entities_and_their_other_papers_capped() -> None:
    G = _hub_graph()
    focus = "arxiv:2401.00001"  # Hub, M-1 and GLUE
    for query in (focus, "2401.00001", "paper NUMBER 1 about hubs"):
        H = select_view(G, focus=query, papers_per_entity=3)
        assert find_focus(G, query) == focus
        assert {"entity:hub", "entity:m1", "entity:glue", focus} <= set(H)
        # each entity brings at most 3 papers; GLUE's are the ones sharing most with the focus
        assert len([n for n, label in H.nodes(data="label") if label == "Paper"]) <= 1 + 3 * 3
        assert {"arxiv:2401.00000", "arxiv:2401.00002"} <= set(H)
        assert H.nodes["entity:hub"][MORE_PAPERS] == 40 - sum(
            1 for p in H.predecessors("entity:hub"))
    assert "entity:m0" not in H  # 3 hops away, through paper 0


def test_ego_view_of_a_hub_stays_small() -> None:
    G = synthetic_graph(6000, seed=4)
    hub = max((n for n, label in G.nodes(data="label") if label != "Paper"), key=G.degree)
    assert G.degree(hub) > 500
    H = select_view(G, focus=hub)
    entity_steps = 10 + 10  # papers and linked entities taken from the focus
    assert len(H) < 1 + entity_steps * 12
    assert H.nodes[hub][MORE_PAPERS] > 0


def test_ego_view_is_two_hops_around_focus() -> None:
    H = select_view(sample_graph(), focus="GLUE")
    assert set(H) == {"entity:glue", "arxiv:2401.00002", "entity:resnet50",
                      "entity:imagenet"}


def test_evaluated_on_view_has_only_method_dataset_pairs() -> None:
    H = select_view(sample_graph(), "evaluated-on")
    assert {k for _, _, k in H.edges(keys=True)} == {"EVALUATED_ON"}
    assert {label for _, label in H.nodes(data="label")} == {"Method", "Dataset"}


def test_bad_view_or_type_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown view"):
        select_view(sample_graph(), "nope")
    with pytest.raises(ValueError, match="unknown node type"):
        select_view(sample_graph(), types=["Author"])


def test_synthetic_graph_has_the_size_asked_and_follows_the_schema() -> None:
    from kg.store.cypher import write_plan

    G = synthetic_graph(100, seed=1)
    assert len(G) == 100 and G.graph["schema_version"] == 1
    assert write_plan(G)  # raises SchemaError on what the schema does not allow
    assert list(synthetic_graph(100, seed=1).edges(data=True)) == list(G.edges(data=True))
    papers = synthetic_graph(nodes_for_papers(250)).nodes(data="label")
    assert sum(1 for _, label in papers if label == "Paper") == 250


def test_layout_is_deterministic_and_covers_every_node() -> None:
    G = synthetic_graph(900, seed=3)  # above the spring limit: anchored layout
    first, second = layout_positions(G), layout_positions(G)
    assert first == second
    assert set(first) == set(G)
    assert len(set(first.values())) > 0.95 * len(G)  # nodes do not pile up on one spot


def _node_data(page: str) -> list[dict[str, object]]:
    match = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page, re.S)
    assert match, "pyvis node data not found"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def overview_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = write_html(sample_graph(), tmp_path_factory.mktemp("view") / "o.html",
                      title=HOSTILE_TITLE)
    return path.read_text(encoding="utf-8")


def test_page_has_no_remote_resources(overview_page: str) -> None:
    assert "cdn.jsdelivr" not in overview_page and "cdnjs" not in overview_page
    assert not re.search(r"<(link|script|img|iframe)\b[^>]*\b(src|href)\s*=", overview_page)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', overview_page)
    assert csp and "default-src 'none'" in csp.group(1)
    assert "'unsafe-inline'" not in csp.group(1).split("script-src")[1].split(";")[0]


def test_hostile_text_is_escaped_everywhere(overview_page: str) -> None:
    # No markup from the data anywhere in the page, including the heading and <title>.
    assert "<img src=x" not in overview_page
    assert "<script>alert(2)" not in overview_page
    assert "&lt;img src=x onerror=alert(1)&gt;" in overview_page
    assert "<h1 id=\"kg-title\">&lt;img" in overview_page
    node = next(n for n in _node_data(overview_page) if n["id"] == "arxiv:2401.00002")
    heading = dict((k, v) for k, v in node["tip"])["heading"]  # type: ignore[misc]
    assert heading.startswith("&lt;img src=x onerror=alert(1)&gt;")
    abstract = dict((k, v) for k, v in node["tip"])["text"]  # type: ignore[misc]
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in abstract


def test_no_node_has_a_vis_title(overview_page: str) -> None:
    # A vis/pyvis "title" is what pyvis turns into innerHTML; tooltips are ours, as text.
    assert all("title" not in n for n in _node_data(overview_page))
    assert "popup.innerHTML" not in overview_page


def test_same_graph_gives_byte_identical_page(tmp_path: Path) -> None:
    a = write_html(sample_graph(), tmp_path / "a.html", view="evaluated_on").read_bytes()
    b = write_html(sample_graph(), tmp_path / "b.html", view="evaluated_on").read_bytes()
    assert a == b


def test_big_view_turns_physics_off(tmp_path: Path) -> None:
    page = write_html(synthetic_graph(1200, seed=2), tmp_path / "big.html", top=0).read_text()
    options = json.loads(re.search(r"var options = (\{.*?\});\n", page, re.S).group(1))  # type: ignore[union-attr]
    assert options["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in _node_data(page))


def _graph_json(tmp_path: Path) -> Path:
    from kg.graph import save_json

    path = tmp_path / "graph.json"
    save_json(sample_graph(), path)
    return path


def test_cli_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "v.html"
    result = CliRunner().invoke(main, ["view", str(_graph_json(tmp_path)), "--out", str(out),
                                       "--focus", "imagenet-1k", "--types", "method,dataset"])
    assert result.exit_code == 0, result.output
    assert '"id":"entity:imagenet"' in out.read_text().replace(" ", "")


def test_cli_unknown_focus_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["view", str(_graph_json(tmp_path)), "--out",
                                       str(tmp_path / "v.html"), "--focus", "ImageNett"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert ("Error: no Method, Dataset, Benchmark, Repository or Paper named 'ImageNett'"
            in result.output)
    assert "did you mean: ImageNet" in result.output
    assert not (tmp_path / "v.html").exists()


def test_cli_unknown_paper_focus_is_the_same_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["view", str(_graph_json(tmp_path)), "--out",
                                       str(tmp_path / "v.html"), "--focus",
                                       "A study without a date"])
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert result.output.startswith("Error: no Method, Dataset, Benchmark, Repository or Paper "
                                    "named 'A study without a date'")
    assert "did you mean: A study without dates?" in result.output
    result = CliRunner().invoke(main, ["view", str(_graph_json(tmp_path)), "--out",
                                       str(tmp_path / "v.html"), "--focus", "9999.99999"])
    assert result.exit_code == 1
    assert "Error: no Method, Dataset, Benchmark, Repository or Paper named '9999.99999'" in (
        result.output)


def test_cli_paper_focus_writes_the_papers_ego_view(tmp_path: Path) -> None:
    out = tmp_path / "p.html"
    result = CliRunner().invoke(main, ["view", str(_graph_json(tmp_path)), "--out", str(out),
                                       "--focus", "a study without DATES"])
    assert result.exit_code == 0, result.output
    ids = {n["id"] for n in _node_data(out.read_text(encoding="utf-8"))}
    assert {"title:0123456789abcdef", "entity:resnet", "entity:cswin",
            "repo:github.com/org/repo"} <= ids
    assert "<title>A study without dates and its neighbourhood</title>" in out.read_text()


def test_cli_rejects_unknown_type(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["view", str(_graph_json(tmp_path)), "--out",
                                       str(tmp_path / "v.html"), "--types", "Method,Author"])
    assert result.exit_code == 2
    assert "unknown type 'Author'" in result.output


def test_cli_bad_graph_file_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "graph.json"
    bad.write_text("{", encoding="utf-8")
    result = CliRunner().invoke(main, ["view", str(bad), "--out", str(tmp_path / "v.html")])
    assert result.exit_code == 1
    assert str(bad) in result.output


def test_empty_graph_still_writes_a_page(tmp_path: Path) -> None:
    path = write_html(nx.MultiDiGraph(schema_version=1), tmp_path / "empty.html")
    assert "Nothing to show" in path.read_text()


def test_very_long_names_are_clipped_on_nodes_and_in_tooltips(tmp_path: Path) -> None:
    """One 5,000-character name must not shrink the view to a dot or bloat the page."""
    G = sample_graph()
    method = next(n for n, label in G.nodes(data="label") if label == "Method")
    G.nodes[method]["name"] = "Long" * 1250
    paper = next(n for n, label in G.nodes(data="label") if label == "Paper")
    G.nodes[paper]["title"] = "T" + "itle " * 1000
    page = write_html(G, tmp_path / "long.html", top=0).read_text(encoding="utf-8")
    nodes = {n["id"]: n for n in _node_data(page)}
    for node in (method, paper):
        tip = dict((k, v) for k, v in nodes[node]["tip"])  # type: ignore[misc]
        assert len(str(nodes[node]["label"])) <= 32
        assert str(nodes[node]["label"]).endswith("…")
        assert 200 < len(tip["heading"]) <= 300
        assert all(len(name) <= 300 for name in nodes[node]["names"])  # type: ignore[union-attr]
    assert "Long" * 100 not in page
