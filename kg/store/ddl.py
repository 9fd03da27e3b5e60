"""Index and constraint DDL for the stores, generated from ``schema/``.

Neo4j's statements come from :mod:`kg.graph.ddl` (``CREATE CONSTRAINT ... IF NOT EXISTS``
on each label's key, ``CREATE INDEX ... IF NOT EXISTS`` on the schema's ``indexes``), shared
with the ``neo4j-admin import`` export. FalkorDB's differ: ``CREATE INDEX FOR (n:Label) ON
(n.a, n.b)`` with no name and no ``IF NOT EXISTS`` (the store asks which exist first), and
unique constraints through the ``GRAPH.CONSTRAINT CREATE`` command, which needs the index on
the key first.
"""

from __future__ import annotations

from kg.schema import Schema, load_schema
from kg.store.cypher import quote_name

__all__ = ["falkordb_index_statement", "falkordb_indexes", "neo4j_schema_statements"]


def neo4j_schema_statements(schema: Schema | None = None) -> list[str]:
    """Every DDL statement the Neo4j writer sends before writing: constraints, then indexes."""
    from kg.graph.ddl import neo4j_constraints, neo4j_indexes

    schema = schema or load_schema()
    return neo4j_constraints(schema) + neo4j_indexes(schema)


def falkordb_indexes(schema: Schema | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """``(label, properties)`` for FalkorDB's range indexes, each label's key first.

    >>> falkordb_indexes()[0]
    ('Benchmark', ('id', 'name', 'canonical'))
    """
    schema = schema or load_schema()
    return [(label, (spec.key, *(prop for prop in spec.indexes if prop != spec.key)))
            for label, spec in sorted(schema.nodes.items())]


def falkordb_index_statement(label: str, properties: tuple[str, ...]) -> str:
    """One ``CREATE INDEX`` for several properties of a label (FalkorDB takes a list).

    >>> falkordb_index_statement("Paper", ("id", "title"))
    'CREATE INDEX FOR (n:`Paper`) ON (n.`id`, n.`title`)'
    """
    props = ", ".join(f"n.{quote_name(prop)}" for prop in properties)
    return f"CREATE INDEX FOR (n:{quote_name(label)}) ON ({props})"
