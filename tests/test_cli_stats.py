"""`kg stats` in-process: text, JSON, Markdown, charts, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.analysis.stats import graph_stats
from kg.cli import main
from kg.graph import save_json
from tests.sample_graph import sample_graph


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return save_json(sample_graph(), tmp_path_factory.mktemp("graph") / "graph.json")


def stats(*args: str):
    return CliRunner().invoke(main, ["stats", *args])


def test_plain_text_by_default(graph_file: Path) -> None:
    result = stats(str(graph_file))
    assert result.exit_code == 0, result.stderr
    for heading in ("Nodes", "Relationships", "Top methods by papers", "PageRank",
                    "Most frequent method x dataset pairs", "Code", "Connected components",
                    "Communities (Louvain)", "Papers per month"):
        assert f"\n{heading}\n" in f"\n{result.stdout}"
    assert "33.3%" in result.stdout  # share of papers with code
    assert "\x1b" not in result.stdout


def test_json_is_graph_stats(graph_file: Path) -> None:
    result = stats(str(graph_file), "--json", "--top", "3")
    assert json.loads(result.stdout) == graph_stats(sample_graph(), top=3)
    from_dir = stats(str(graph_file.parent), "--json", "--top", "3")  # the build directory
    assert from_dir.stdout == result.stdout


def test_markdown_tables_escape_titles(graph_file: Path) -> None:
    text = stats(str(graph_file), "--markdown").stdout
    assert "## Top datasets by papers" in text
    assert "| ImageNet | 3 |" in text
    assert "<img" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text


def test_plot_writes_pngs(graph_file: Path, tmp_path: Path) -> None:
    result = stats(str(graph_file), "--plot", str(tmp_path / "charts"), "--top", "5")
    assert result.exit_code == 0, result.stderr
    pngs = sorted((tmp_path / "charts").glob("*.png"))
    assert [p.name for p in pngs] == [
        "method_dataset_heatmap.png", "papers_over_time.png", "top_benchmarks.png",
        "top_datasets.png", "top_methods.png"]
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 5000
               for p in pngs)
    assert "wrote 5 charts" in result.stderr


def test_errors(graph_file: Path, tmp_path: Path) -> None:
    missing = stats(str(tmp_path / "missing.json"))
    assert missing.exit_code == 1 and "missing.json" in missing.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"nodes": [', encoding="utf-8")
    bad = stats(str(broken))
    assert bad.exit_code == 1 and "broken.json" in bad.stderr
    assert bad.stderr.count("\n") == 1
    assert stats(str(graph_file), "--top", "0").exit_code == 2


def test_help_has_an_example() -> None:
    result = stats("--help")
    assert result.exit_code == 0 and "kg stats out/graph.json" in result.stdout
