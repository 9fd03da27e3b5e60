"""The schema file is consistent, and the sample graph used by downstream tests follows it."""

from __future__ import annotations

import pytest

from kg.errors import SchemaError
from kg.schema import load_schema, parse_schema
from tests.sample_graph import sample_graph


def test_schema_has_the_documented_labels_and_relationships() -> None:
    schema = load_schema()
    assert set(schema.nodes) == {"Paper", "Method", "Dataset", "Benchmark", "Repository"}
    assert schema.relationships["INTRODUCES"].targets == ("Dataset", "Benchmark")
    assert schema.relationships["VARIANT_OF"].sources == ("Method",)
    for node in schema.nodes.values():
        assert node.properties[node.key].required


def test_unknown_label_is_a_schema_error() -> None:
    with pytest.raises(SchemaError, match="'Author'"):
        load_schema().node("Author")


def test_bad_endpoint_is_rejected() -> None:
    bad = {
        "nodes": {"A": {"key": "id", "properties": {"id": {"type": "string", "required": True}}}},
        "relationships": {"R": {"from": ["A"], "to": ["B"]}},
    }
    with pytest.raises(SchemaError, match="'B'"):
        parse_schema(bad)


def test_sample_graph_follows_the_schema() -> None:
    schema = load_schema()
    g = sample_graph()
    for _, attrs in g.nodes(data=True):
        node = schema.node(attrs["label"])
        assert set(node.required) <= set(attrs)
        assert set(attrs) - {"label"} <= set(node.properties)
    for u, v, key, attrs in g.edges(keys=True, data=True):
        rel = schema.relationship(key)
        assert attrs["type"] == key
        assert g.nodes[u]["label"] in rel.sources and g.nodes[v]["label"] in rel.targets
        assert set(attrs) - {"type"} <= set(rel.properties)
