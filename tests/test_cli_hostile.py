"""Hostile output paths and arguments: one-line ``Error: ...`` and exit 1, never a traceback;
stale optional outputs removed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

PAPERS = [
    {"id": "p1", "title": "MAFormer: a transformer for images",
     "abstract": "We propose MAFormer and evaluate it on ImageNet."},
    {"id": "p2", "title": "Another paper", "abstract": "We evaluate ResNet on CIFAR-10."},
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("hostile")
    source = tmp / "papers.jsonl"
    source.write_text("".join(json.dumps(p) + "\n" for p in PAPERS), encoding="utf-8")
    out = tmp / "out"
    result = CliRunner().invoke(main, ["build", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return source, out / "graph.json"


def _one_line_error(args: list[str]) -> str:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def _cases(source: Path, graph: Path, tmp: Path) -> list[list[str]]:
    regular = tmp / "regular"
    regular.write_text("x", encoding="utf-8")
    s, g = str(source), str(graph)
    return [
        ["papers", s, "--out", f"{regular}/x.jsonl"],
        ["papers", s, "--out", "/proc/kg-test.jsonl"],
        ["extract", s, "--out", f"{regular}/x.jsonl"],
        ["extract", s, "--out", "/proc/kg-test.jsonl"],
        ["build", s, "--no-html", "--out", f"{regular}/x"],
        ["build", s, "--no-html", "--out", "/proc/kg-test"],
        ["view", g, "--out", f"{regular}/v.html"],
        ["view", g, "--out", "/proc/kg-test.html"],
        ["stats", g, "--plot", f"{regular}/x"],
        ["stats", g, "--plot", "/proc/kg-test"],
        ["view", g, "--out", str(tmp / "v.html"), "--focus", ""],
    ]


@pytest.mark.parametrize("case", range(11))
def test_hostile_output_is_one_line_error(inputs: tuple[Path, Path], tmp_path: Path,
                                          case: int) -> None:
    source, graph = inputs
    _one_line_error(_cases(source, graph, tmp_path)[case])


@pytest.mark.parametrize("command", ["papers", "extract", "view", "build", "stats"])
def test_directory_where_a_file_is_expected_and_vice_versa(inputs: tuple[Path, Path],
                                                           tmp_path: Path, command: str) -> None:
    source, graph = inputs
    regular = tmp_path / "regular"
    regular.write_text("x", encoding="utf-8")
    args = {"papers": ["papers", str(source), "--out", str(tmp_path)],
            "extract": ["extract", str(source), "--out", str(tmp_path)],
            "view": ["view", str(graph), "--out", str(tmp_path)],
            "build": ["build", str(source), "--no-html", "--out", str(regular)],
            "stats": ["stats", str(graph), "--plot", str(regular)]}[command]
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("Error:")


def test_no_html_removes_a_stale_graph_html(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    source, _ = inputs
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(source), "--out", str(out)]).exit_code == 0
    assert (out / "graph.html").is_file()
    result = CliRunner().invoke(main, ["build", str(source), "--out", str(out), "--no-html"])
    assert result.exit_code == 0, result.output
    assert not (out / "graph.html").exists()
    assert (out / "graph.json").is_file()


def test_build_prints_the_reading_summary(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    source, _ = inputs
    dup = tmp_path / "dup.jsonl"
    dup.write_text(source.read_text(encoding="utf-8") * 2, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(dup), "--out", str(tmp_path / "o"),
                                       "--no-html"])
    assert result.exit_code == 0, result.output
    assert "4 entries in 1 files: 2 unique papers" in result.stderr
    assert "2 duplicates" in result.stderr
    assert "entries in" not in result.stdout


def test_extract_merges_duplicates_like_papers_and_build(tmp_path: Path) -> None:
    """The same paper twice (a truncated listing copy first, then the full record with its
    arXiv id): ``kg extract`` extracts the merged paper, as ``kg papers`` reads it and
    ``kg build`` builds it, not whichever copy came first."""
    source = tmp_path / "dup.jsonl"
    rows = [
        {"title": "Duplicated paper", "abstract": "We propose MAFormer."},
        {"id": "2101.00001", "title": "Duplicated paper",
         "abstract": "We propose MAFormer. We evaluate it on ImageNet and CIFAR-10."},
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    runner = CliRunner()
    papers_out, extract_out = tmp_path / "papers.jsonl", tmp_path / "extract.jsonl"
    assert runner.invoke(main, ["papers", str(source), "--out", str(papers_out)]).exit_code == 0
    assert runner.invoke(main, ["extract", str(source), "--out", str(extract_out)]).exit_code == 0
    [paper] = [json.loads(line) for line in papers_out.read_text().splitlines()]
    [extracted] = [json.loads(line) for line in extract_out.read_text().splitlines()]
    assert extracted["id"] == paper["id"] == "arxiv:2101.00001"
    names = {d["name"] for d in extracted["datasets"] + extracted["benchmarks"]}
    assert {"ImageNet", "CIFAR-10"} <= names
