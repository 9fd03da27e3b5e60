"""Neo4j 5 DDL from the schema: a uniqueness constraint on every label's key and a range
index on every property the schema lists under ``indexes``.

Labels and property names enter the statements only from the schema (an allow-list) and are
checked against a strict identifier pattern, so the text can never carry a query.

>>> from kg.schema import load_schema
>>> neo4j_constraints(load_schema())[0]
'CREATE CONSTRAINT benchmark_id IF NOT EXISTS FOR (n:Benchmark) REQUIRE n.id IS UNIQUE'
"""

from __future__ import annotations

import re

from kg.errors import SchemaError
from kg.schema import Schema

__all__ = ["neo4j_constraints", "neo4j_indexes"]

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
