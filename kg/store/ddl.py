"""Index and constraint DDL for the stores, generated from ``schema/``.

Every node label gets a uniqueness constraint on its key (which Neo4j backs with an index,
making the writer's ``MERGE`` on the key a lookup, not a scan) and a range index on each
property the schema lists under ``indexes``.

Neo4j 5 syntax (``CREATE CONSTRAINT name IF NOT EXISTS FOR (n:Label) REQUIRE n.key IS
UNIQUE``) is idempotent by itself. FalkorDB's differs: ``CREATE INDEX FOR (n:Label) ON
(n.prop)`` with no name and no ``IF NOT EXISTS`` (re-creating is an error the store ignores),
and unique constraints through the ``GRAPH.CONSTRAINT CREATE`` command, which needs the index
on the key first.
"""

from __future__ import annotations

import re

from kg.schema import Schema, load_schema
from kg.store.cypher import quote_name

__all__ = ["falkordb_indexes", "neo4j_constraints", "neo4j_indexes"]


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def neo4j_constraints(schema: Schema | None = None) -> list[str]:
    """``CREATE CONSTRAINT ... IF NOT EXISTS`` on each label's key, sorted by label.

    >>> print(neo4j_constraints()[0])  # doctest: +NORMALIZE_WHITESPACE
    CREATE CONSTRAINT benchmark_id_unique IF NOT EXISTS FOR (n:`Benchmark`)
    REQUIRE n.`id` IS UNIQUE
    """
    schema = schema or load_schema()
    return [
        f"CREATE CONSTRAINT {_snake(label)}_{spec.key}_unique IF NOT EXISTS "
        f"FOR (n:{quote_name(label)}) REQUIRE n.{quote_name(spec.key)} IS UNIQUE"
        for label, spec in sorted(schema.nodes.items())
    ]


def neo4j_indexes(schema: Schema | None = None) -> list[str]:
    """``CREATE INDEX ... IF NOT EXISTS`` for every property the schema marks as indexed."""
    schema = schema or load_schema()
    return [
        f"CREATE INDEX {_snake(label)}_{prop} IF NOT EXISTS "
        f"FOR (n:{quote_name(label)}) ON (n.{quote_name(prop)})"
        for label, spec in sorted(schema.nodes.items())
        for prop in spec.indexes
    ]


def falkordb_indexes(schema: Schema | None = None) -> list[tuple[str, str, str]]:
    """``(label, property, statement)`` for FalkorDB range indexes: keys first, then others."""
    schema = schema or load_schema()
    keys = [(label, spec.key) for label, spec in sorted(schema.nodes.items())]
    others = [(label, prop) for label, spec in sorted(schema.nodes.items())
              for prop in spec.indexes]
    return [
        (label, prop, f"CREATE INDEX FOR (n:{quote_name(label)}) ON (n.{quote_name(prop)})")
        for label, prop in keys + others
    ]
