"""`kg build` and the top-level API, end to end with the real reader and spaCy extractor."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.errors import KgError
from kg.schema import load_schema

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "hf-papers" / "001_3491f9a92fdd232a.txt"
STABLE_OUTPUTS = ("graph.json", "graph.graphml", "neo4j-import")


def _papers(n: int = 24) -> list[dict[str, object]]:
    from kg.readers import read_papers

    papers = read_papers([EXAMPLE]).papers[:n]
    assert any("MAFormer" in p.title for p in papers)
    return [{"id": p.id, "title": p.title, "abstract": p.abstract} for p in papers]


def _write_jsonl(path: Path, rows: list[dict[str, object]], extra: str = "") -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + extra, encoding="utf-8")
    return path


def _snapshot(out: Path) -> dict[str, bytes]:
    files = {}
    for name in STABLE_OUTPUTS:
        for p in sorted([out / name] if (out / name).is_file() else (out / name).rglob("*")):
            files[str(p.relative_to(out))] = p.read_bytes()
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, object]:
    """One real build of 24 example papers (the spaCy pipeline is the slow part)."""
    tmp = tmp_path_factory.mktemp("build")
    source = _write_jsonl(tmp / "papers.jsonl", _papers())
    out = tmp / "out"
    result = CliRunner().invoke(main, ["build", str(source), "--out", str(out), "--no-html"])
    assert result.exit_code == 0, result.output
    return source, out, result


def test_build_writes_every_output_and_prints_counts(built: tuple[Path, Path, object]) -> None:
    _, out, result = built
    assert (out / "graph.json").is_file() and (out / "graph.graphml").is_file()
    assert (out / "neo4j-import" / "import.sh").is_file()
    assert not (out / "graph.html").exists()  # --no-html
    assert not list(out.glob(".*"))  # no temporary files left behind
    G = kg.load(out / "graph.json")
    schema = load_schema()
    stdout = result.stdout  # type: ignore[attr-defined]
    for label in schema.nodes:
        n = sum(1 for _, lab in G.nodes(data="label") if lab == label)
        assert f"  {label:<12}  {n:>7}" in stdout
    for type_ in schema.relationships:
        n = sum(1 for *_, k in G.edges(keys=True) if k == type_)
        assert f"  {type_:<12}  {n:>7}" in stdout
    assert sum(1 for _, lab in G.nodes(data="label") if lab == "Paper") == 24
    maformer = kg.graph.find_entity(G, "MAFormer")
    assert maformer is not None
    assert any(k == "PROPOSES" for _, _, k in G.in_edges(maformer, keys=True))
    assert nx.read_graphml(out / "graph.graphml").number_of_nodes() == len(G)


def test_rebuild_is_byte_identical_and_order_free(built: tuple[Path, Path, object],
                                                  tmp_path: Path) -> None:
    source, out, _ = built
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    random.Random(7).shuffle(rows)
    shuffled = _write_jsonl(tmp_path / "shuffled.jsonl", rows)
    again = tmp_path / "again"
    result = CliRunner().invoke(main, ["build", str(shuffled), "--out", str(again), "--no-html"])
    assert result.exit_code == 0, result.output
    before, after = _snapshot(out), _snapshot(again)
    assert before.keys() == after.keys()
    # Paper sources name the input file and line, which differ here; everything else agrees.
    G1, G2 = kg.load(out / "graph.json"), kg.load(again / "graph.json")
    for G in (G1, G2):
        for n in G:
            G.nodes[n].pop("sources", None)
    assert nx.utils.graphs_equal(G1, G2)
    assert dict(G1.nodes(data=True)) == dict(G2.nodes(data=True))
    # Same input file again into the same directory: byte for byte the same files.
    result = CliRunner().invoke(main, ["build", str(source), "--out", str(out), "--no-html"])
    assert result.exit_code == 0
    assert _snapshot(out) == before


def test_bad_record_is_reported_and_the_rest_is_built(tmp_path: Path) -> None:
    source = _write_jsonl(tmp_path / "papers.jsonl", _papers(3), extra="{not json\n")
    result = CliRunner().invoke(main, ["build", str(source), "--out", str(tmp_path / "o"),
                                       "--no-html"])
    assert result.exit_code == 0, result.output
    assert "papers.jsonl:4" in result.stderr
    G = kg.load(tmp_path / "o" / "graph.json")
    assert sum(1 for _, lab in G.nodes(data="label") if lab == "Paper") == 3


def test_failed_write_keeps_the_previous_outputs(built: tuple[Path, Path, object],
                                                 tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # A disk failure half-way cannot be produced for real; the exporter is made to fail.
    import shutil

    import kg.graph

    source, out, _ = built
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    before = _snapshot(copy)

    def broken(G: nx.MultiDiGraph, directory: Path) -> Path:
        (Path(directory) / "nodes_Paper.csv").write_text("half")
        raise KgError("disk full")

    monkeypatch.setattr(kg.graph, "write_neo4j_import", broken)
    result = CliRunner().invoke(main, ["build", str(source), "--out", str(copy), "--no-html"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: disk full"
    assert _snapshot(copy)["neo4j-import/nodes_Paper.csv"] == before[
        "neo4j-import/nodes_Paper.csv"]
    assert not list(copy.glob(".*"))


def test_store_error_is_one_line_and_hides_the_password(tmp_path: Path) -> None:
    source = _write_jsonl(tmp_path / "papers.jsonl", _papers(2))
    result = CliRunner().invoke(main, [
        "build", str(source), "--out", str(tmp_path / "o"), "--no-html",
        "--store", "bolt://127.0.0.1:1", "--user", "neo4j", "--password", "s3cret-pw"])
    assert result.exit_code == 1
    assert "s3cret-pw" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("Error: ")
    # The store is checked before anything is read or extracted: no outputs either.
    assert not (tmp_path / "o").exists()


@pytest.mark.server
def test_build_writes_to_a_real_store(falkordb_url: str, tmp_path: Path) -> None:
    from kg.store import run_query

    source = _write_jsonl(tmp_path / "papers.jsonl", _papers(4))
    graph_url = f"{falkordb_url}/kg_build_test"
    for _ in range(2):  # the second run must not duplicate anything
        result = CliRunner().invoke(main, ["build", str(source), "--out", str(tmp_path / "o"),
                                           "--no-html", "--store", graph_url])
        assert result.exit_code == 0, result.output
    G = kg.load(tmp_path / "o" / "graph.json")
    rows = run_query(graph_url, "MATCH (n) RETURN count(n)").rows
    assert rows == [[len(G)]]
    rows = run_query(graph_url, "MATCH ()-[r]->() RETURN count(r)").rows
    assert rows == [[G.number_of_edges()]]


def test_store_without_uri_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--out", "x", "--store"])
    assert result.exit_code == 2
    assert "--store needs a URI (or set NEO4J_URI)" in result.stderr


def test_missing_input_and_help() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["build", "no/such/dir", "--out", "x"])
    assert result.exit_code == 2 and "no/such/dir" in result.output
    result = runner.invoke(main, ["build", "--help"])
    assert result.exit_code == 0
    assert "kg build examples/hf-papers --out out" in result.output
    assert "NEO4J_PASSWORD" in result.output


def test_python_api_build_equals_the_cli_output(built: tuple[Path, Path, object]) -> None:
    source, out, _ = built
    G = kg.build(source)
    H = kg.load(out / "graph.json")
    assert nx.utils.graphs_equal(G, H)
    assert dict(G.nodes(data=True)) == dict(H.nodes(data=True))


def test_import_kg_is_cheap() -> None:
    code = ("import sys, kg; heavy = {'spacy', 'networkx', 'neo4j', 'falkordb', 'pyvis'}; "
            "print(sorted(heavy & set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=60)
    assert done.stdout.strip() == "[]"


def test_real_graph_has_unique_keys_and_every_alias_finds_its_node(
        built: tuple[Path, Path, object]) -> None:
    from kg.graph import find_entities

    G = kg.load(built[1] / "graph.json")
    seen: set[tuple[str, str]] = set()
    for n, attrs in G.nodes(data=True):
        if attrs["label"] not in ("Method", "Dataset", "Benchmark"):
            continue
        key = (attrs["label"], attrs["canonical"])
        assert key not in seen
        seen.add(key)
        for alias in [attrs["name"], *attrs["aliases"]]:
            assert n in find_entities(G, alias), (n, alias)
