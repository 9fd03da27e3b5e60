"""The bulk path for real: ``kg build`` writes ``neo4j-import/``, its own ``import.sh`` runs
Neo4j's importer (``neo4j-admin database import full``, from the Maven artifacts in
``tools/neo4j-server``: ``tools/neo4j-server/neo4j-admin`` in ``NEO4J_ADMIN``) into a fresh
Neo4j home, a real Neo4j then opens that store, and every node and relationship with every
property must match ``graph.json``, hostile text included (arrays, ``;``, ``|``, quotes, line
breaks, unicode).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from neo4j import GraphDatabase

from kg.cli import main
from kg.graph import load_graph
from tests.neo4j_server import LAUNCHER_DIR, Neo4jLauncherMissing, launcher_classpath, start_neo4j

NEO4J_ADMIN = LAUNCHER_DIR / "neo4j-admin"

#: Titles and abstracts that a CSV importer gets wrong if anything is quoted or split badly.
HOSTILE_PAPERS = [
    {"id": "p;1", "title": "MAFormer; a \"quoted\" | piped title",
     "abstract": "We propose MAFormer.\nIt beats ResNet-50 on ImageNet; see 'x' | \"y\".\r\n"
                 "Code: https://github.com/org/maformer"},
    {"id": "p|2", "title": "Ünïcödé 🚀 — Transformers for 中文 text\u2028and RTL \u202e",
     "abstract": "We fine-tune BERT on GLUE and SQuAD.\tTabs, commas, and \\ backslashes,\n"
                 "\"\"doubled quotes\"\" and a trailing quote\""},
    {"id": "p'3", "title": "x'}) DETACH DELETE n //",
     "abstract": "We compare ResNet and ViT on ImageNet and CIFAR-10.\n\nTwo blank lines\n\n."},
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``kg build`` on the hostile papers: OUT/graph.json and OUT/neo4j-import/."""
    tmp = tmp_path_factory.mktemp("bulk")
    papers = tmp / "papers.jsonl"
    papers.write_text("".join(json.dumps(p) + "\n" for p in HOSTILE_PAPERS), encoding="utf-8")
    out = tmp / "out"
    result = CliRunner().invoke(main, ["build", str(papers), "--out", str(out), "--no-html"])
    assert result.exit_code == 0, result.output
    return out


def _need_admin() -> None:
    try:
        launcher_classpath()
    except Neo4jLauncherMissing as exc:
        if os.environ.get("KG_TEST_REQUIRE_NEO4J") == "1":
            raise
        pytest.skip(str(exc))
    if shutil.which("java") is None:
        pytest.skip("java is not installed")


def run_import(import_dir: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The export's own ``import.sh``, with our Maven-built neo4j-admin."""
    env = {**os.environ, "NEO4J_ADMIN": str(NEO4J_ADMIN), "NEO4J_HOME": str(home)}
    env.pop("NEO4J_CONF", None)
    return subprocess.run([str(import_dir / "import.sh"), *args], env=env, text=True,
                          capture_output=True, timeout=300, check=False)


def _expected(attrs: dict[str, Any], skip: str) -> dict[str, Any]:
    """graph.json properties as the imported store has them. An empty list is an empty CSV
    field, which neo4j-admin reads as "no property" (it cannot tell an empty array apart),
    so it is absent rather than ``[]``; `kg` readers treat both alike."""
    return {k: list(v) if isinstance(v, (list, tuple)) else v for k, v in attrs.items()
            if k != skip and v != [] and v != ()}


def test_import_sh_loads_the_export_into_a_neo4j_that_serves_it(built: Path, tmp_path: Path
                                                                ) -> None:
    _need_admin()
    home = tmp_path / "home"
    done = run_import(built / "neo4j-import", home)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert (home / "data" / "databases" / "neo4j").is_dir()

    # A second import into the same database is refused unless --overwrite says so.
    again = run_import(built / "neo4j-import", home)
    assert again.returncode != 0
    replaced = run_import(built / "neo4j-import", home, "neo4j", "--overwrite")
    assert replaced.returncode == 0, replaced.stderr[-3000:]

    G = load_graph(built / "graph.json")
    with start_neo4j(home=home) as server:
        driver = GraphDatabase.driver(server.uri, auth=(server.user, server.password))
        try:
            with driver.session(database="neo4j") as session:
                nodes = session.run(
                    "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props").data()
                rels = session.run(
                    "MATCH (a)-[r]->(b) RETURN a.id AS u, b.id AS v, type(r) AS type, "
                    "properties(r) AS props").data()
        finally:
            driver.close()
    assert home.is_dir()  # the launcher leaves a home it did not make

    assert Counter(label for row in nodes for label in row["labels"]) == Counter(
        attrs["label"] for _, attrs in G.nodes(data=True))
    assert len(rels) == G.number_of_edges()
    got_nodes = {row["props"]["id"]: row["props"] for row in nodes}
    for n, attrs in G.nodes(data=True):
        assert got_nodes[n] == _expected(attrs, "label"), n
    got_rels = {(row["u"], row["v"], row["type"]): row["props"] for row in rels}
    for u, v, k, attrs in G.edges(keys=True, data=True):
        assert got_rels[(u, v, k)] == _expected(attrs, "type"), (u, v, k)

    # The hostile text did reach the store whole (not only "equal to whatever the JSON has").
    # (The reader already turned U+2028 into a space and dropped the bidi control.)
    titles = {p["title"] for p in got_nodes.values() if "title" in p}
    assert {HOSTILE_PAPERS[0]["title"], HOSTILE_PAPERS[2]["title"]} <= titles
    assert any("Ünïcödé 🚀 — Transformers for 中文 text" in t for t in titles)
    abstracts = {p["abstract"] for p in got_nodes.values() if "abstract" in p}
    # The reader folds line breaks into spaces, so none reach graph.json from an abstract.
    assert any(";" in a and "|" in a and "\"" in a for a in abstracts)
    assert any(isinstance(p.get("sources"), list) for p in got_nodes.values())


def test_neo4j_admin_wrapper_without_a_home_says_so() -> None:
    _need_admin()
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_HOME"}
    done = subprocess.run([str(NEO4J_ADMIN), "--version"], env=env, text=True,
                          capture_output=True, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "neo4j-admin: set NEO4J_HOME to the Neo4j home directory to use"]
