"""The graph schema, read from ``schema/graph.schema.json`` (shipped as ``kg/data/``).

The schema is data: labels, their properties and types, which are required, the key
property, relationship types and their endpoints. Writers take labels and relationship
types from here (an allow-list), never from extracted text.

>>> from kg.schema import load_schema
>>> schema = load_schema()
>>> schema.relationships["PROPOSES"].targets
('Method',)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from kg.errors import SchemaError

__all__ = [
    "NodeType",
    "Property",
    "RelationshipType",
    "Schema",
    "entity_labels",
    "load_schema",
    "named_entity_labels",
    "node_labels",
]

#: Property types the schema may use; each maps onto a Neo4j / neo4j-admin import type.
PROPERTY_TYPES = ("string", "int", "float", "boolean", "string[]", "int[]")


@dataclass(frozen=True, slots=True)
class Property:
    name: str
    type: str
    required: bool
    description: str

    @property
    def is_list(self) -> bool:
        return self.type.endswith("[]")


@dataclass(frozen=True, slots=True)
class NodeType:
    label: str
    description: str
    key: str
    indexes: tuple[str, ...]
    properties: dict[str, Property]

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.properties.values() if p.required)


@dataclass(frozen=True, slots=True)
class RelationshipType:
    type: str
    description: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    properties: dict[str, Property]


@dataclass(frozen=True, slots=True)
class Schema:
    version: int
    nodes: dict[str, NodeType]
    relationships: dict[str, RelationshipType]

    def node(self, label: str) -> NodeType:
        """The node type called ``label``; :class:`SchemaError` if the schema has none."""
        try:
            return self.nodes[label]
        except KeyError:
            raise SchemaError(
                f"unknown node label {label!r}; the schema has {sorted(self.nodes)}"
            ) from None

    def relationship(self, type_: str) -> RelationshipType:
        """The relationship type ``type_``; :class:`SchemaError` if the schema has none."""
        try:
            return self.relationships[type_]
        except KeyError:
            raise SchemaError(
                f"unknown relationship type {type_!r}; the schema has {sorted(self.relationships)}"
            ) from None


def _properties(owner: str, raw: dict[str, Any]) -> dict[str, Property]:
    props = {}
    for name, spec in raw.items():
        if spec.get("type") not in PROPERTY_TYPES:
            raise SchemaError(
                f"{owner}.{name}: type {spec.get('type')!r} is not one of {PROPERTY_TYPES}"
            )
        props[name] = Property(
            name, spec["type"], bool(spec.get("required")), spec.get("description", "")
        )
    return props


def parse_schema(data: dict[str, Any]) -> Schema:
    """Build a :class:`Schema` from its JSON form, checking it is self-consistent."""
    nodes = {}
    for label, spec in data["nodes"].items():
        props = _properties(label, spec["properties"])
        if spec["key"] not in props:
            raise SchemaError(f"{label}: key property {spec['key']!r} is not among its properties")
        nodes[label] = NodeType(
            label, spec.get("description", ""), spec["key"], tuple(spec.get("indexes", ())), props
        )
    rels = {}
    for type_, spec in data["relationships"].items():
        for end in (*spec["from"], *spec["to"]):
            if end not in nodes:
                raise SchemaError(f"{type_}: endpoint label {end!r} is not a node label")
        rels[type_] = RelationshipType(
            type_,
            spec.get("description", ""),
            tuple(spec["from"]),
            tuple(spec["to"]),
            _properties(type_, spec.get("properties", {})),
        )
    return Schema(int(data.get("version", 1)), nodes, rels)


@cache
def load_schema() -> Schema:
    """The schema shipped with ``kg`` (parsed once per process)."""
    text = resources.files("kg").joinpath("data/graph.schema.json").read_text(encoding="utf-8")
    return parse_schema(json.loads(text))


def node_labels() -> tuple[str, ...]:
    """Every node label of the schema, in schema order (``Paper`` first)."""
    return tuple(load_schema().nodes)


def entity_labels() -> tuple[str, ...]:
    """The labels a paper links to (the targets of relationships): Method, Dataset,
    Benchmark and Repository, in schema order. Every stage that means "an entity" uses this.

    >>> entity_labels()
    ('Method', 'Dataset', 'Benchmark', 'Repository')
    """
    schema = load_schema()
    targets = {t for rel in schema.relationships.values() for t in rel.targets}
    return tuple(label for label in schema.nodes if label in targets)


def named_entity_labels() -> tuple[str, ...]:
    """The entity labels that have a name and aliases (``canonical`` property): the ones the
    extractor finds in text. Repositories are entities too, but are named by URL.

    >>> named_entity_labels()
    ('Method', 'Dataset', 'Benchmark')
    """
    nodes = load_schema().nodes
    return tuple(label for label in entity_labels() if "canonical" in nodes[label].properties)
