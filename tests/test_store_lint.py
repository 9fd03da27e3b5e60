"""Every statement the Neo4j writer can send, DDL included, parsed by Neo4j's own parser."""

from __future__ import annotations

import pytest

from kg.schema import load_schema
from kg.store.cypher import all_write_statements, compose, merge_nodes
from kg.store.ddl import neo4j_schema_statements
from tests.cypher_lint import lint_errors, unavailable_reason

pytestmark = pytest.mark.skipif(unavailable_reason() is not None,
                                reason=unavailable_reason() or "")


def test_every_writer_statement_is_valid_neo4j_cypher() -> None:
    schema = load_schema()
    ddl = neo4j_schema_statements(schema)
    writes = all_write_statements(schema)
    # Constraints for all five labels, a MERGE for every label and allowed endpoint pair, and
    # the relabel clean-up for each label whose type is voted (Method, Dataset, Benchmark).
    assert len([s for s in ddl if s.startswith("CREATE CONSTRAINT")]) == len(schema.nodes)
    pairs = sum(len(r.sources) * len(r.targets) for r in schema.relationships.values())
    voted = [n for n in schema.nodes.values() if "type_alternatives" in n.properties]
    assert len(voted) == 3
    assert len(writes) == len(schema.nodes) + pairs + len(voted)
    assert lint_errors(ddl + writes) == {}


def test_composed_batches_are_valid_neo4j_cypher() -> None:
    # A batch runs consecutive statements of one kind as one (kg.store.cypher.compose):
    # every clean-up, node and relationship statement joined with its kind checks each part
    # in the $rows[i] form and every join.
    writes = all_write_statements(load_schema())
    kinds = [[s for s in writes if "DETACH DELETE" in s],
             [s for s in writes if "MERGE (n:" in s],
             [s for s in writes if "MERGE (a)-[r:" in s]]
    assert sum(map(len, kinds)) == len(writes)
    composed = [compose(statements) for statements in kinds]
    joins = [statement.count("WITH count(*) AS done_") for statement in composed]
    assert joins == [len(statements) - 1 for statements in kinds]
    assert lint_errors(composed) == {}


def test_linter_rejects_broken_cypher() -> None:
    # The check above is only worth something if the parser does reject bad statements.
    broken = merge_nodes("Paper", ["id", "title"]).replace("MERGE (n:", "MERGE (n:(")
    errors = lint_errors([broken, "CREATE CONSTRAINT FOR n:Paper REQUIRE n.id UNIQUE"])
    assert len(errors) == 2
