"""`kg query` in-process: output formats, parameters, errors, --graph and --store alike."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.cli.query import parse_param
from kg.graph import save_json
from tests.sample_graph import HOSTILE_TITLE, sample_graph

ON_DATASET = ("MATCH (m:Method)-[r:EVALUATED_ON]->(d:Dataset {name: $d}) "
              "RETURN m.name AS method, r.count AS papers ORDER BY method")


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return save_json(sample_graph(), tmp_path_factory.mktemp("graph") / "graph.json")


def kg(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, ["query", *args], env=env)


@pytest.mark.parametrize(("text", "expected"), [
    ("n=5", ("n", 5)),
    ("x=2.5", ("x", 2.5)),
    ("ok=true", ("ok", True)),
    ("ok=false", ("ok", False)),
    ("names=[\"a\", \"b\"]", ("names", ["a", "b"])),
    ("name=ImageNet", ("name", "ImageNet")),
    ("name=\"42\"", ("name", "42")),        # quoted: stays a string
    ("t=a=b", ("t", "a=b")),                 # first = splits
    ("empty=", ("empty", "")),
    ("v=NaN", ("v", "NaN")),
])
def test_parse_param(text: str, expected: tuple) -> None:
    assert parse_param(text) == expected


@pytest.mark.parametrize("text", ["noequals", "=5", "bad name=1"])
def test_parse_param_rejects_non_name_value(text: str) -> None:
    with pytest.raises(click.BadParameter):
        parse_param(text)


def test_table_is_the_default(graph_file: Path) -> None:
    result = kg(ON_DATASET, "--graph", str(graph_file), "--param", "d=ImageNet")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["method", "papers"]
    assert lines[2].split() == ["CSWin", "1"]
    assert lines[-1] == "(4 rows)"


def test_json_and_csv_carry_the_same_rows(graph_file: Path) -> None:
    as_json = json.loads(kg(ON_DATASET, "--graph", str(graph_file), "--param", "d=ImageNet",
                            "--json").stdout)
    as_csv = list(csv.DictReader(io.StringIO(
        kg(ON_DATASET, "--graph", str(graph_file), "--param", "d=ImageNet", "--csv").stdout)))
    assert [r["method"] for r in as_json] == ["CSWin", "MAFormer", "ResNet", "ResNet-50"]
    assert as_json[0] == {"method": "CSWin", "papers": 1}
    assert [(r["method"], int(r["papers"])) for r in as_csv] == [
        (r["method"], r["papers"]) for r in as_json]


def test_hostile_text_and_lists_survive_every_format(graph_file: Path) -> None:
    query = "MATCH (p:Paper {id: $id}) RETURN p.title AS title, p.sources AS sources"
    args = [query, "--graph", str(graph_file), "--param", "id=arxiv:2401.00002"]
    assert json.loads(kg(*args, "--json").stdout) == [
        {"title": HOSTILE_TITLE, "sources": ["examples/x.txt:2"]}]
    row = next(csv.DictReader(io.StringIO(kg(*args, "--csv").stdout)))
    assert row == {"title": HOSTILE_TITLE, "sources": '["examples/x.txt:2"]'}
    assert HOSTILE_TITLE in kg(*args).stdout


def test_malformed_query_is_one_line_on_stderr(graph_file: Path) -> None:
    result = kg("MATCH (n RETURN n", "--graph", str(graph_file))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: Cypher query failed: Parser exception")
    assert result.stderr.count("\n") == 1


def test_missing_parameter_and_missing_graph_file(graph_file: Path, tmp_path: Path) -> None:
    missing_param = kg(ON_DATASET, "--graph", str(graph_file))
    assert missing_param.exit_code == 1
    assert "$d" in missing_param.stderr and "--param" in missing_param.stderr
    missing_file = kg("RETURN 1", "--graph", str(tmp_path / "nope.json"))
    assert missing_file.exit_code == 1
    assert "nope.json" in missing_file.stderr and "Traceback" not in missing_file.output


def test_graph_or_store_must_be_chosen(graph_file: Path) -> None:
    neither = kg("RETURN 1", env={"NEO4J_URI": ""})
    assert neither.exit_code == 2 and "--graph" in neither.stderr
    both = kg("RETURN 1", "--graph", str(graph_file), "--store", "falkordb://127.0.0.1:1")
    assert both.exit_code == 2 and "not both" in both.stderr


def test_query_from_stdin(graph_file: Path) -> None:
    result = CliRunner().invoke(main, ["query", "-", "--graph", str(graph_file), "--json"],
                                input="MATCH (b:Benchmark) RETURN b.name AS name\n")
    assert json.loads(result.stdout) == [{"name": "GLUE"}]


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["query", "--help"])
    assert result.exit_code == 0
    assert "kg query" in result.stdout and "--param" in result.stdout


@pytest.mark.server
def test_store_gives_the_same_output_as_the_graph(graph_file: Path, falkordb_url: str) -> None:
    from kg.store import write_graph

    write_graph(sample_graph(), falkordb_url, database="cli_query")
    for fmt in ("--table", "--json", "--csv"):
        local = kg(ON_DATASET, "--graph", str(graph_file), "--param", "d=ImageNet", fmt)
        server = kg(ON_DATASET, "--store", falkordb_url, "--database", "cli_query",
                    "--param", "d=ImageNet", fmt)
        assert server.exit_code == 0, server.stderr
        assert server.stdout == local.stdout


@pytest.mark.server
def test_store_errors_are_one_line(falkordb_url: str) -> None:
    result = kg("MATCH (n RETURN n", "--store", falkordb_url, "--database", "cli_query")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
