"""Index and constraint DDL for the stores, generated from ``schema/``.

Every piece of Cypher DDL lives here, beside :func:`kg.store.cypher.quote_name`. Neo4j 5:
``CREATE CONSTRAINT ... IF NOT EXISTS`` on each label's key and ``CREATE INDEX ... IF NOT
EXISTS`` on the schema's ``indexes``. Their labels and property names enter the statements
only from the schema (an allow-list) and are checked against a strict identifier pattern,
since they also make the constraint and index names; so the text can never carry a query.
FalkorDB's differ: ``CREATE INDEX FOR (n:Label) ON (n.a, n.b)`` with no name and no
``IF NOT EXISTS`` (the store asks which exist first), and unique constraints through the
``GRAPH.CONSTRAINT CREATE`` command, which needs the index on the key first.

>>> neo4j_constraints(load_schema())[0]
'CREATE CONSTRAINT benchmark_id IF NOT EXISTS FOR (n:Benchmark) REQUIRE n.id IS UNIQUE'
"""

from __future__ import annotations

import re

from kg.errors import SchemaError
from kg.schema import Schema, load_schema
from kg.store.cypher import quote_name

__all__ = [
    "falkordb_index_statement",
    "falkordb_indexes",
    "neo4j_constraints",
    "neo4j_indexes",
    "neo4j_schema_statements",
]


_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def _identifier(name: str, what: str) -> str:
    if not _IDENTIFIER.fullmatch(name):
        raise SchemaError(f"{what} {name!r} is not a plain identifier ([A-Za-z][A-Za-z0-9_]*)")
    return name


def neo4j_constraints(schema: Schema) -> list[str]:
    """One ``CREATE CONSTRAINT ... IS UNIQUE`` per label, on its key; sorted by label.

    Names are ``<label lower>_<key>``; ``IF NOT EXISTS`` makes re-running them a no-op.
    """
    statements = []
    for label in sorted(schema.nodes):
        key = _identifier(schema.nodes[label].key, "key property")
        _identifier(label, "label")
        statements.append(
            f"CREATE CONSTRAINT {label.lower()}_{key} IF NOT EXISTS "
            f"FOR (n:{label}) REQUIRE n.{key} IS UNIQUE"
        )
    return statements


def neo4j_indexes(schema: Schema) -> list[str]:
    """One ``CREATE INDEX`` per (label, property) listed in the schema's ``indexes``.

    The key needs no index: its uniqueness constraint brings one.

    >>> from kg.schema import load_schema
    >>> neo4j_indexes(load_schema())[0]
    'CREATE INDEX benchmark_name IF NOT EXISTS FOR (n:Benchmark) ON (n.name)'
    """
    statements = []
    for label in sorted(schema.nodes):
        node = schema.nodes[label]
        _identifier(label, "label")
        for prop in node.indexes:
            _identifier(prop, "index property")
            if prop not in node.properties:
                raise SchemaError(f"{label}: index on {prop!r}, which is not a property")
            if prop == node.key:
                continue
            statements.append(
                f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
            )
    return statements


def neo4j_schema_statements(schema: Schema | None = None) -> list[str]:
    """Every DDL statement the Neo4j writer sends before writing: constraints, then indexes."""
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
