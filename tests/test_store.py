"""The store contract: every graph server kg writes to passes the same tests.

:class:`StoreContract` holds the tests (as csvkit's test mixins do); each subclass says how
to reach one real server:

- :class:`TestFalkorDB`: FalkorDB through its own client (the session's server, one graph
  per test);
- :class:`TestNeo4jServer`: a real Neo4j Community 5.26, the session's ``neo4j_server``
  (``tests/neo4j_server.py``), or the server ``KG_TEST_NEO4J_URI`` names (with
  ``KG_TEST_NEO4J_USER``/``KG_TEST_NEO4J_PASSWORD``/``KG_TEST_NEO4J_DATABASE``). It EMPTIES
  that database before each test: point the variable at a scratch database.

Only the public API (``write_graph``, ``run_query``) is used, so the tests hold for any store.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.errors import QueryError, SchemaError, StoreError
from kg.store import WriteSummary, run_query, write_graph
from tests.falkordb_server import free_port
from tests.neo4j_server import LocalNeo4j
from tests.sample_graph import HOSTILE_TITLE, sample_graph

HOSTILE_STRINGS = [
    HOSTILE_TITLE,
    "x'}) DETACH DELETE n //",
    '"}) MATCH (m) DETACH DELETE m RETURN 1 //',
    "back`tick`` and $param and {curly} and \\n not a newline",
    "line one\nline two\ttab \u00e9\u00fc\u4e2d \U0001f600",
]
PASSWORD = "s3cret-Pa55word"
SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema" / "graph.schema.json"


@dataclass
class Target:
    """How to reach one store for one test: URI, options, batch size, and a way to empty it."""

    uri: str
    batch_size: int = 1000
    write_options: dict[str, Any] = field(default_factory=dict)
    query_options: dict[str, Any] = field(default_factory=dict)

    def sample(self) -> nx.MultiDiGraph:
        return sample_graph()

    def write(self, G: nx.MultiDiGraph, **options: Any) -> WriteSummary:
        return write_graph(G, self.uri, **{"batch_size": self.batch_size,
                                           **self.write_options, **self.query_options,
                                           **options})

    def query(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        return run_query(self.uri, cypher, params, **self.query_options).records()

    def write_query(self, cypher: str, **params: Any) -> None:
        """A query that changes the graph (queries are read-only by default)."""
        run_query(self.uri, cypher, params, read_only=False, **self.query_options)

    def counts(self) -> tuple[int, int]:
        nodes = self.query("MATCH (n) RETURN count(n) AS c")[0]["c"]
        rels = self.query("MATCH ()-[r]->() RETURN count(r) AS c")[0]["c"]
        return nodes, rels

    def duplicates(self) -> list[dict[str, Any]]:
        """Keys held by more than one node, and (start, type, end) held by more than one rel."""
        nodes = self.query("MATCH (n) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN id")
        rels = self.query(
            "MATCH (a)-[r]->(b) WITH a.id AS a, type(r) AS t, b.id AS b, count(*) AS c "
            "WHERE c > 1 RETURN a, t, b")
        return nodes + rels


def without_paper(G: nx.MultiDiGraph, paper: str) -> nx.MultiDiGraph:
    """``G`` as it was before ``paper`` was added: the paper and whatever only it brought."""
    H = G.copy()
    H.remove_node(paper)
    H.remove_nodes_from([n for n in list(H) if H.degree(n) == 0])
    return H


def hostile_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(schema_version=1)
    for i, text in enumerate(HOSTILE_STRINGS):
        G.add_node(f"title:{i}", label="Paper", id=f"title:{i}", title=text, abstract=text,
                   sources=[text])
        G.add_node(f"entity:{i}", label="Method", id=f"entity:{i}", name=text, canonical=text,
                   aliases=[text, "`"], paper_count=1)
        G.add_edge(f"title:{i}", f"entity:{i}", key="USES", type="USES", count=1,
                   sentences=[text], starts=[0], ends=[3], rules=["r'`\""])
    return G


class StoreContract:
    """Tests every store passes. Subclasses provide the ``target`` fixture."""

    def test_write_creates_every_node_and_relationship(self, target: Target) -> None:
        G = target.sample()
        summary = target.write(G)
        assert (summary.nodes, summary.relationships) == (11, 17)
        assert (summary.nodes_created, summary.relationships_created) == (11, 17)
        assert target.counts() == (11, 17)
        labels = target.query("MATCH (n) RETURN labels(n)[0] AS label, count(*) AS c "
                              "ORDER BY label")
        assert {r["label"]: r["c"] for r in labels} == {
            "Benchmark": 1, "Dataset": 2, "Method": 4, "Paper": 3, "Repository": 1}
        types = target.query("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c ORDER BY t")
        assert {r["t"]: r["c"] for r in types} == {
            "EVALUATED_ON": 5, "EVALUATES_ON": 5, "HAS_CODE": 1, "PROPOSES": 1, "USES": 4,
            "VARIANT_OF": 1}

    def test_properties_round_trip_with_their_types(self, target: Target) -> None:
        G = target.sample()
        target.write(G)
        rows = target.query(
            "MATCH (p:Paper)-[r:EVALUATES_ON]->(d:Dataset {id: $d}) "
            "RETURN p.id AS id, p.date AS date, r.starts AS starts, r.rules AS rules, "
            "d.aliases AS aliases ORDER BY id", d="entity:imagenet")
        assert [r["id"] for r in rows] == ["arxiv:2401.00001", "arxiv:2401.00002",
                                           "title:0123456789abcdef"]
        assert rows[0]["starts"] == [40] and rows[0]["rules"] == ["gazetteer.dataset"]
        assert rows[0]["aliases"] == ["ImageNet-1K"]
        assert rows[2]["date"] is None  # absent optional property stays absent

    def test_second_write_creates_nothing(self, target: Target) -> None:
        G = target.sample()
        target.write(G)
        again = target.write(G)
        assert (again.nodes_created, again.relationships_created) == (0, 0)
        assert (again.nodes, again.relationships) == (11, 17)
        assert target.counts() == (11, 17)
        assert target.duplicates() == []

    def test_adding_a_paper_adds_only_its_nodes_and_relationships(self, target: Target) -> None:
        G = target.sample()
        before = without_paper(G, "title:0123456789abcdef")
        target.write(before)
        assert target.counts() == (before.number_of_nodes(), before.number_of_edges())
        summary = target.write(G)
        assert summary.nodes_created == G.number_of_nodes() - before.number_of_nodes() == 2
        assert summary.relationships_created == G.number_of_edges() - before.number_of_edges()
        assert target.counts() == (11, 17)
        assert target.duplicates() == []

    def test_an_entity_whose_label_changed_is_moved_not_duplicated(self, target: Target) -> None:
        # A growing corpus can tip GLUE from Benchmark to Dataset; its id stays entity:glue.
        G = target.sample()
        target.write(G)
        relabelled = G.copy()
        relabelled.nodes["entity:glue"].update(label="Dataset", type_alternatives=["Benchmark:1"])
        target.write(relabelled)
        assert target.counts() == (G.number_of_nodes(), G.number_of_edges())
        assert target.duplicates() == []
        rows = target.query("MATCH (p:Paper)-[r:EVALUATES_ON]->(d:Dataset {id: $id}) "
                            "RETURN p.id AS paper, d.type_alternatives AS alt", id="entity:glue")
        assert [(r["paper"], r["alt"]) for r in rows] == [("arxiv:2401.00002", ["Benchmark:1"])]
        assert target.query("MATCH (b:Benchmark {id: $id}) RETURN b.id AS id",
                            id="entity:glue") == []

    def test_interrupted_write_run_again_leaves_no_duplicates(self, target: Target) -> None:
        G = target.sample()

        class Killed(Exception):
            pass

        committed: list[int] = []

        def kill_after_four_batches(done: int, total: int) -> None:
            committed.append(done)
            if len(committed) == 4:
                raise Killed

        with pytest.raises(Killed):
            target.write(G, batch_size=2, on_progress=kill_after_four_batches)
        # Four batches of two nodes: whole batches only, nothing more.
        assert target.counts() == (committed[-1], 0) == (8, 0)
        summary = target.write(G, batch_size=2)
        assert summary.nodes_created == 11 - 8
        assert target.counts() == (11, 17)
        assert target.duplicates() == []

    def test_a_failing_batch_leaves_nothing_of_itself(self, target: Target) -> None:
        G = target.sample()
        # A map is not a valid property value: the server rejects the LAST of the three Paper
        # rows in the second batch (Paper 3 + Repository 1, after Benchmark 1 + Dataset 2 +
        # Method 4). The batch is one transaction, so nothing of it may remain.
        G.nodes["title:0123456789abcdef"]["title"] = {"not": "a property value"}
        with pytest.raises(StoreError, match="write failed"):
            target.write(G, batch_size=7)
        papers = target.query("MATCH (p:Paper) RETURN count(p) AS c")
        assert papers == [{"c": 0}]
        assert target.counts() == (7, 0)  # the first batch stays committed

    @pytest.mark.parametrize(("attribute", "value", "message"), [
        ("title", "a NUL \x00 in a title", "property 'title': holds a NUL character"),
        ("upvotes", 2**63, "property 'upvotes': integer 9223372036854775808 is outside 64"),
        ("upvotes", -(2**63) - 1, "is outside 64 bits"),
        ("id", "k" * 9000, "property 'id': 9,000 UTF-8 bytes, over"),
    ])
    def test_a_value_no_store_takes_refuses_that_node_alone_with_one_line(
        self, target: Target, attribute: str, value: Any, message: str
    ) -> None:
        # Neo4j would keep a NUL and the driver would raise a bare OverflowError; FalkorDB
        # cannot take either, and a key over its limit crashed it. Every store refuses that
        # paper alone (kg.store.limits), names it, skips its relationships, writes the rest.
        G = target.sample()
        G.nodes["title:0123456789abcdef"][attribute] = value
        summary = target.write(G, batch_size=7)
        assert (summary.nodes, summary.nodes_refused) == (10, 1)
        assert summary.relationships_skipped == G.degree("title:0123456789abcdef") > 0
        [problem] = summary.problems
        assert problem.startswith("Paper ") and message in problem and "\n" not in problem
        assert target.counts() == (10, 17 - summary.relationships_skipped)

    def test_progress_is_reported_after_every_batch(self, target: Target) -> None:
        calls: list[tuple[int, int]] = []
        summary = target.write(target.sample(), batch_size=2,
                               on_progress=lambda done, total: calls.append((done, total)))
        # A batch fills up across labels (or types) but never mixes nodes with
        # relationships: 11 nodes -> 6 batches, 17 relationships -> 9.
        assert len(calls) == summary.batches == 6 + 9
        assert calls[-1] == (28, 28)
        assert [done for done, _ in calls] == sorted(done for done, _ in calls)

    def test_updated_properties_replace_the_old_ones(self, target: Target) -> None:
        G = target.sample()
        target.write(G)
        G.nodes["arxiv:2401.00001"]["title"] = "Renamed"
        del G.nodes["arxiv:2401.00001"]["date"]
        target.write(G)
        row = target.query("MATCH (p:Paper {id: $id}) RETURN p.title AS t, p.date AS d",
                           id="arxiv:2401.00001")
        assert row == [{"t": "Renamed", "d": None}]

    def test_a_rewrite_keeps_properties_outside_the_schema(self, target: Target) -> None:
        # A user's own annotation survives a rebuild; the schema's properties are kg's.
        G = target.sample()
        target.write(G)
        target.write_query("MATCH (p:Paper {id: $id}) SET p.note = $note",
                           id="arxiv:2401.00001", note="read this")
        G.nodes["arxiv:2401.00001"]["title"] = "Renamed"
        target.write(G)
        row = target.query("MATCH (p:Paper {id: $id}) RETURN p.title AS t, p.note AS n",
                           id="arxiv:2401.00001")
        assert row == [{"t": "Renamed", "n": "read this"}]

    def test_hostile_strings_are_stored_verbatim(self, target: Target) -> None:
        G = hostile_graph()
        target.write(G)
        assert target.counts() == (2 * len(HOSTILE_STRINGS), len(HOSTILE_STRINGS))
        for i, text in enumerate(HOSTILE_STRINGS):
            rows = target.query(
                "MATCH (p:Paper {id: $id})-[r:USES]->(m:Method) "
                "RETURN p.title AS title, p.sources AS sources, m.name AS name, "
                "m.aliases AS aliases, r.sentences AS sentences, r.rules AS rules",
                id=f"title:{i}")
            assert rows == [{"title": text, "sources": [text], "name": text,
                             "aliases": [text, "`"], "sentences": [text],
                             "rules": ["r'`\""]}]
        # A parameter with the same text finds the node: nothing was escaped into the store.
        found = target.query("MATCH (p:Paper {title: $t}) RETURN p.id AS id",
                             t=HOSTILE_STRINGS[1])
        assert found == [{"id": "title:1"}]

    def test_query_returns_json_friendly_values(self, target: Target) -> None:
        target.write(target.sample())
        rows = target.query(
            "MATCH (p:Paper {id: $id})-[r:PROPOSES]->(m:Method) RETURN p, r, m.name AS name",
            id="arxiv:2401.00001")
        assert len(rows) == 1
        assert rows[0]["p"]["title"] == "MAFormer: Multi-scale Attention Fusion"
        assert rows[0]["p"]["sources"] == ["examples/x.txt:1"]
        assert rows[0]["r"]["rules"] == ["title.colon"]
        assert rows[0]["name"] == "MAFormer"
        json.dumps(rows)  # plain data all the way down

    def test_malformed_query_is_a_query_error(self, target: Target) -> None:
        target.write(target.sample())
        with pytest.raises(QueryError, match="query failed"):
            target.query("MATCH (n RETURN n")

    def test_unreachable_server_is_one_line_without_password(self, target: Target) -> None:
        scheme = target.uri.split("://", 1)[0]
        uri = f"{scheme}://kg:{PASSWORD}@127.0.0.1:{free_port()}"
        for call in (lambda: write_graph(target.sample(), uri),
                     lambda: run_query(uri, "RETURN 1")):
            with pytest.raises(StoreError) as info:
                call()
            message = str(info.value)
            assert PASSWORD not in message and "\n" not in message
            assert f"{scheme}://kg:***@127.0.0.1:" in message

    def test_graph_outside_the_schema_is_refused_before_writing(self, target: Target) -> None:
        G = target.sample()
        G.add_edge("entity:imagenet", "entity:cswin", key="USES", type="USES", count=1,
                   sentences=["s"], starts=[0], ends=[1], rules=["r"])
        with pytest.raises(SchemaError, match="Dataset -> Method is not allowed"):
            target.write(G)
        try:
            counts = target.counts()
        except StoreError:  # FalkorDB: the graph was never even created
            counts = (0, 0)
        assert counts == (0, 0)


class TestFalkorDB(StoreContract):
    _graphs = itertools.count()

    @pytest.fixture
    def target(self, falkordb_url: str) -> Iterator[Target]:
        uri = f"{falkordb_url}/kg_test_{next(self._graphs)}"
        yield Target(uri)
        from kg.store import open_store
        from kg.store.falkordb_store import FalkorDBStore

        with open_store(uri) as store:
            assert isinstance(store, FalkorDBStore)
            store.drop()

    def test_indexes_and_unique_constraints_are_created(self, target: Target) -> None:
        target.write(target.sample())
        indexed = {r["label"]: r["properties"]
                   for r in target.query("CALL db.indexes() YIELD label, properties "
                                         "RETURN label, properties")}
        assert indexed["Paper"] == ["id", "title", "date"]
        assert indexed["Repository"] == ["id", "url"]
        constraints = target.query("CALL db.constraints() YIELD label, properties, type "
                                   "RETURN label, properties, type")
        assert {(c["label"], c["type"]) for c in constraints} >= {("Paper", "UNIQUE"),
                                                                   ("Method", "UNIQUE")}

    def test_wrong_password_is_one_line_without_password(
        self, target: Target, falkordb_url: str
    ) -> None:
        from falkordb import FalkorDB

        port = int(falkordb_url.rsplit(":", 1)[1])
        FalkorDB(host="127.0.0.1", port=port).connection.execute_command(
            "ACL", "SETUSER", "kgtest", "on", ">right-password", "~*", "&*", "+@all")
        uri = f"falkordb://kgtest:{PASSWORD}@127.0.0.1:{port}/kg_auth"
        with pytest.raises(StoreError, match="authentication failed") as info:
            write_graph(target.sample(), uri)
        assert PASSWORD not in str(info.value)
        assert "falkordb://kgtest:***@127.0.0.1" in str(info.value)
        # The right password works, given as an option rather than in the URI.
        ok = f"falkordb://kgtest@127.0.0.1:{port}/kg_auth"
        assert write_graph(target.sample(), ok, password="right-password").nodes_created == 11
        assert run_query(ok, "MATCH (n) RETURN count(n) AS c",
                         password="right-password").rows == [[11]]

    def test_unknown_graph_is_a_store_error(self, falkordb_url: str) -> None:
        with pytest.raises(StoreError, match="unknown graph 'no_such_graph'"):
            run_query(f"{falkordb_url}/no_such_graph", "MATCH (n) RETURN n")


class TestNeo4jServer(StoreContract):
    """A real Neo4j Community 5.26 (``neo4j_server``: started for the session, or the external
    server ``KG_TEST_NEO4J_URI`` names), with the default batch size and the real DDL."""

    @pytest.fixture
    def target(self, neo4j_server: LocalNeo4j) -> Iterator[Target]:
        options = {"user": neo4j_server.user, "password": neo4j_server.password,
                   "database": neo4j_server.database}
        target = Target(neo4j_server.uri, query_options=options)
        target.write_query("MATCH (n) DETACH DELETE n")
        yield target
        target.write_query("MATCH (n) DETACH DELETE n")

    def test_an_indexed_value_over_neo4js_index_limit_refuses_that_node_alone(
            self, target: Target) -> None:
        # Measured on Neo4j 5.26: a title of 8,000 bytes is indexed, one of 8,166 fails the
        # whole transaction ("Property value is too large to index").
        G = target.sample()
        G.nodes["arxiv:2401.00001"]["title"] = "t" * 8000
        G.nodes["title:0123456789abcdef"]["title"] = "t" * 8166
        summary = target.write(G)
        assert (summary.nodes, summary.nodes_refused) == (10, 1)
        assert "property 'title': 8,166 UTF-8 bytes, over Neo4j's 8,000 for an indexed " \
               "property" in summary.problems[0]
        assert target.query("MATCH (p:Paper {id: $id}) RETURN size(p.title) AS n",
                            id="arxiv:2401.00001") == [{"n": 8000}]

    def test_unknown_database_is_a_store_error(self, target: Target) -> None:
        options = {**target.query_options, "database": "no-such-database-kg"}
        for call in (lambda: run_query(target.uri, "RETURN 1", **options),
                     lambda: write_graph(target.sample(), target.uri, **options)):
            with pytest.raises(StoreError, match="unknown database") as info:
                call()
            assert "\n" not in str(info.value)
            assert options["password"] not in str(info.value)

    def test_wrong_password_is_one_line_without_password(self, target: Target) -> None:
        options = {**target.query_options, "password": PASSWORD}
        with pytest.raises(StoreError, match="authentication failed") as info:
            run_query(target.uri, "RETURN 1", **options)
        assert PASSWORD not in str(info.value) and "\n" not in str(info.value)
        # The same wrong password inside the URI is redacted from the message.
        host = target.uri.split("://", 1)[1]
        with pytest.raises(StoreError, match="authentication failed") as info:
            write_graph(target.sample(), f"bolt://neo4j:{PASSWORD}@{host}",
                        database=target.query_options["database"])
        assert PASSWORD not in str(info.value) and "bolt://neo4j:***@" in str(info.value)
        assert target.counts() == (0, 0)

    def test_schema_constraints_and_indexes_exist(self, target: Target) -> None:
        target.write(target.sample())
        schema = json.loads(SCHEMA_FILE.read_text())["nodes"]
        constraints = target.query(
            "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
            "RETURN type, labelsOrTypes[0] AS label, properties")
        assert sorted((c["type"], c["label"], c["properties"]) for c in constraints) == sorted(
            ("UNIQUENESS", label, [spec["key"]]) for label, spec in schema.items())
        indexes = target.query(
            "SHOW INDEXES YIELD type, labelsOrTypes, properties, state WHERE type = 'RANGE' "
            "RETURN labelsOrTypes[0] AS label, properties, state")
        # The key's index comes with its constraint; one range index per schema index.
        assert sorted((i["label"], i["properties"]) for i in indexes) == sorted(
            (label, [prop]) for label, spec in schema.items()
            for prop in dict.fromkeys([spec["key"], *spec["indexes"]]))
        assert {i["state"] for i in indexes} == {"ONLINE"}

    @pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
    def test_read_only_query_is_refused_by_the_server(self, target: Target, scheme: str) -> None:
        # READ access mode (bolt://) and READ routing (neo4j://): Neo4j itself refuses the
        # write, whatever the query text looks like.
        target.write(target.sample())
        uri = f"{scheme}://{target.uri.split('://', 1)[1]}"
        for cypher in ("MATCH (n) DETACH DELETE n", "CREATE (:Method {id: 'x'})",
                       "CALL { MATCH (p:Paper) SET p.title = 'x' } RETURN 1"):
            with pytest.raises(QueryError, match="Writing in read access mode not allowed"):
                run_query(uri, cypher, **target.query_options)
        assert target.counts() == (11, 17)
        run_query(uri, "MATCH (m:Method {id: 'entity:cswin'}) SET m.note = 'n'",
                  read_only=False, **target.query_options)
        assert target.query("MATCH (m:Method {note: 'n'}) RETURN m.id AS id") == [
            {"id": "entity:cswin"}]
