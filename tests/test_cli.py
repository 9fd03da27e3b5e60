"""Meta-tests over the whole CLI: every command is documented, versioned and fails cleanly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import __version__
from kg.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)


def test_every_issue_command_is_registered() -> None:
    assert COMMANDS == ["build", "extract", "papers", "query", "spark-build", "stats", "view"]


@pytest.mark.parametrize("name", COMMANDS)
def test_help_has_an_example_of_the_command(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert f"kg {name} " in result.output, f"kg {name} --help shows no example"


@pytest.mark.parametrize("name", COMMANDS)
def test_readme_documents_the_command(name: str) -> None:
    assert f"kg {name} " in README


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


@pytest.mark.parametrize("name", ["papers", "extract", "build", "spark-build", "view", "stats"])
def test_missing_input_is_one_line_on_stderr_with_nonzero_exit(name: str, tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-file.jsonl")
    args = {
        "papers": [missing],
        "extract": [missing, "--out", str(tmp_path / "x.jsonl")],
        "build": [missing, "--out", str(tmp_path / "out")],
        "spark-build": [missing, "--out", str(tmp_path / "out")],
        "view": [missing, "--out", str(tmp_path / "v.html")],
        "stats": [missing],
    }[name]
    result = CliRunner().invoke(main, [name, *args])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "no-such-file.jsonl" in result.stderr


@pytest.mark.parametrize("uri", ["neo4j://127.0.0.1:1", "bolt://127.0.0.1:1",
                                 "falkordb://127.0.0.1:1"])
def test_unreachable_store_is_exactly_one_line_naming_the_uri(uri: str) -> None:
    # A real process: library loggers print through the interpreter's last-resort handler,
    # which an in-process runner does not show.
    result = subprocess.run(
        [sys.executable, "-c", "from kg.cli import main; main()", "query", "RETURN 1",
         "--store", uri, "--password", "s3cret"],
        capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("Error: ") and "127.0.0.1:1" in lines[0]
    assert "s3cret" not in result.stdout + result.stderr


@pytest.mark.parametrize("name", ["view", "stats", "query"])
def test_graph_commands_take_the_build_directory(name: str, tmp_path: Path) -> None:
    from kg.graph import save_json
    from tests.sample_graph import sample_graph

    save_json(sample_graph(), tmp_path / "graph.json")
    args = {
        "view": ["view", str(tmp_path), "--out", str(tmp_path / "v.html")],
        "stats": ["stats", str(tmp_path), "--json"],
        "query": ["query", "MATCH (p:Paper) RETURN count(p) AS n", "--graph", str(tmp_path)],
    }[name]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
