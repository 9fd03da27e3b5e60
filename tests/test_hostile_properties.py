"""Property-based: whatever text or bytes come in, every reader, the extractor and every
output and store stay within their contract (no crash, only one-line warnings; GraphML that
parses, neo4j-admin CSVs without NUL, a FalkorDB write that succeeds and a server that lives,
a Neo4j write that succeeds).

Hypothesis runs derandomized with no example database, so a run is reproducible (CI and
here); few examples, since each one runs spaCy and a real server round trip.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from falkordb import FalkorDB
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import Extractor
from kg.graph import build_graph, write_graphml, write_neo4j_import
from kg.readers import read_papers
from kg.store import write_graph
from tests.falkordb_server import LocalFalkorDB

PROFILE = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                          HealthCheck.function_scoped_fixture])

HOSTILE_CHARACTERS = "\x00\x1b\x07\x7f\x85\u202e\u202a\u2066\u2069\u200f\u061c\ufeff\u2028" \
                     "\U0001f680\U0001f525'\"`\\{}$\r\n\t,;"
#: Any code point, lone surrogates included (the JSON writer escapes them as \udXXX).
any_text = st.text(st.characters(exclude_categories=()), max_size=60)
hostile_text = st.text(st.sampled_from(HOSTILE_CHARACTERS), max_size=20)
name_like = st.sampled_from(["ResNet-50", "ImageNet", "BERT", "GLUE", "https://github.com/a/b",
                             "We propose X.", "x'}) DETACH DELETE n //"])
huge_token = st.builds(lambda unit, n: unit * n, st.sampled_from(["ACGT", "9", "é", "🚀", "Ab"]),
                       st.integers(1000, 6000))
field_text = st.lists(st.one_of(any_text, hostile_text, name_like, huge_token), max_size=5
                      ).map(" ".join)
paper = st.fixed_dictionaries(
    {"title": field_text, "abstract": field_text},
    optional={"id": st.one_of(field_text, huge_token), "doi": field_text,
              "upvotes": st.integers(-(2**70), 2**70), "authors": st.lists(field_text,
                                                                            max_size=3)})
_counter = itertools.count()


def write_inputs(directory: Path, papers: list[dict[str, Any]], raw: bytes) -> list[Path]:
    """The same papers as JSONL, JSON, CSV and a listing page, plus one file of raw bytes."""
    n = next(_counter)
    paths = {fmt: directory / f"in{n}.{fmt}" for fmt in ("jsonl", "json", "csv", "txt")}
    paths["jsonl"].write_text("".join(json.dumps(p) + "\n" for p in papers), encoding="utf-8")
    paths["json"].write_text(json.dumps(papers), encoding="utf-8")
    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(["title", "abstract"])
    writer.writerows([[p["title"], p["abstract"]] for p in papers])
    # A lone surrogate becomes bytes that are not UTF-8: the reader must say so, not crash.
    paths["csv"].write_bytes(table.getvalue().encode("utf-8", "surrogatepass"))
    page = "".join(f"{p['title']}\n\n{p['abstract']}\n\n" for p in papers)
    paths["txt"].write_bytes(page.encode("utf-8", "surrogatepass"))
    (directory / f"raw{n}.jsonl").write_bytes(raw)
    return [*paths.values(), directory / f"raw{n}.jsonl"]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.mark.server
@PROFILE
@given(papers=st.lists(paper, min_size=1, max_size=4), raw=st.binary(max_size=200))
def test_any_input_reads_extracts_exports_and_stores(
        papers: list[dict[str, Any]], raw: bytes, extractor: Extractor,
        falkordb_server: LocalFalkorDB, tmp_path_factory: pytest.TempPathFactory,
        request: pytest.FixtureRequest) -> None:
    tmp = tmp_path_factory.mktemp("hostile")
    warnings: list[str] = []
    result = read_papers(write_inputs(tmp, papers, raw), on_warning=warnings.append)
    assert all("\n" not in w and "\r" not in w for w in warnings)
    G = build_graph(extractor.pipe(result.papers))

    write_graphml(G, tmp / "graph.graphml")
    nx.read_graphml(tmp / "graph.graphml")
    write_neo4j_import(G, tmp / "neo4j-import")
    for csv_file in (tmp / "neo4j-import").glob("*.csv"):
        assert b"\x00" not in csv_file.read_bytes()

    summary = write_graph(G, f"{falkordb_server.url}/hostile_{next(_counter)}")
    assert summary.nodes + summary.nodes_refused == len(G)
    assert FalkorDB(host="127.0.0.1", port=falkordb_server.port).connection.ping()
    _neo4j_write(request, G)


def _neo4j_write(request: pytest.FixtureRequest, G: nx.MultiDiGraph) -> None:
    """The same graph into the session's real Neo4j, once that fixture exists."""
    try:
        neo4j = request.getfixturevalue("neo4j_server")
    except pytest.FixtureLookupError:
        return  # no Neo4j fixture on this branch: the FalkorDB half still ran
    summary = write_graph(G, neo4j.uri, user=neo4j.user, password=neo4j.password,
                          database=neo4j.database)
    assert summary.nodes + summary.nodes_refused == len(G)


@pytest.mark.server
@PROFILE
@given(record=st.dictionaries(st.sampled_from(["title", "abstract", "name", "canonical",
                                               "aliases", "upvotes"]),
                              st.one_of(field_text, st.integers(-(2**80), 2**80),
                                        st.lists(field_text, max_size=3)), max_size=6),
       key=st.one_of(field_text, huge_token))
def test_any_graph_from_the_python_api_is_written_or_refused_node_by_node(
        record: dict[str, Any], key: str, falkordb_server: LocalFalkorDB) -> None:
    # Nothing cleaned: the graph comes straight from the API, not from the readers.
    G = nx.MultiDiGraph(schema_version=1)
    attrs = {"title": "t", "abstract": "a", **{k: v for k, v in record.items()
                                                if k in ("title", "abstract", "upvotes")}}
    if not isinstance(attrs["title"], str) or not isinstance(attrs["abstract"], str):
        attrs.update(title="t", abstract="a")
    G.add_node(key or "k", label="Paper", id=key or "k", sources=["api"], **attrs)
    G.add_node("entity:x", label="Method", id="entity:x", name=str(record.get("name", "X")),
               canonical="x", aliases=[str(a) for a in record.get("aliases", [])] if isinstance(
                   record.get("aliases"), list) else [], paper_count=1)
    G.add_edge(key or "k", "entity:x", key="USES", type="USES", count=1, sentences=[key],
               starts=[0], ends=[1], rules=["r"])
    summary = write_graph(G, f"{falkordb_server.url}/api_{next(_counter)}")
    assert summary.nodes + summary.nodes_refused == 2
    assert summary.relationships + summary.relationships_refused + \
        summary.relationships_skipped == 1
    assert len(summary.problems) == summary.nodes_refused + summary.relationships_refused
    assert FalkorDB(host="127.0.0.1", port=falkordb_server.port).connection.ping()
