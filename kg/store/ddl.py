"""Index and constraint DDL for the stores, generated from ``schema/``.

Neo4j's statements come from :mod:`kg.graph.ddl` (``CREATE CONSTRAINT ... IF NOT EXISTS``
on each label's key, ``CREATE INDEX ... IF NOT EXISTS`` on the schema's ``indexes``), shared
with the ``neo4j-admin import`` export. FalkorDB's differ: ``CREATE INDEX FOR (n:Label) ON
(n.prop)`` with no name and no ``IF NOT EXISTS`` (re-creating is an error the store ignores),
and unique constraints through the ``GRAPH.CONSTRAINT CREATE`` command, which needs the index
on the key first — so the key indexes come first here.
"""

from __future__ import annotations

from kg.schema import Schema, load_schema
from kg.store.cypher import quote_name

__all__ = ["falkordb_indexes", "neo4j_schema_statements"]


def neo4j_schema_statements(schema: Schema | None = None) -> list[str]:
    """Every DDL statement the Neo4j writer sends before writing: constraints, then indexes."""
    from kg.graph.ddl import neo4j_constraints, neo4j_indexes

    schema = schema or load_schema()
    return neo4j_constraints(schema) + neo4j_indexes(schema)


def falkordb_indexes(schema: Schema | None = None) -> list[tuple[str, str, str]]:
    """``(label, property, statement)`` for FalkorDB range indexes: keys first, then others.

    >>> falkordb_indexes()[0][2]
    'CREATE INDEX FOR (n:`Benchmark`) ON (n.`id`)'
    """
    schema = schema or load_schema()
    keys = [(label, spec.key) for label, spec in sorted(schema.nodes.items())]
    others = [(label, prop) for label, spec in sorted(schema.nodes.items())
              for prop in spec.indexes if prop != spec.key]
    return [
        (label, prop, f"CREATE INDEX FOR (n:{quote_name(label)}) ON (n.{quote_name(prop)})")
        for label, prop in keys + others
    ]
