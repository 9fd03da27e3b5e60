"""The one module that writes Cypher text for the stores.

A graph is written as a sequence of :class:`WriteStep` s: one UNWIND-batched ``MERGE``
statement per node label and one per (relationship type, source label, target label),
each with its rows. Labels, relationship types and key names enter the text only from the
schema (an allow-list, and backtick-quoted anyway); every value — ids, titles, evidence —
travels as a parameter (``$rows``), so no text from a paper can change a statement.

Nodes are merged on their key (``id``) and relationships on (start key, type, end key), and
properties are replaced with ``SET x = row.props``: a second run over the same graph creates
nothing and leaves the same properties, a run cut short and restarted ends with no duplicates.
The pattern follows neo4j-graphrag's ``neo4j_queries.py`` (UNWIND ``$rows``), with MERGE on
stable keys instead of CREATE.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import networkx as nx

from kg.errors import SchemaError
from kg.schema import Schema, load_schema

__all__ = [
    "WriteStep",
    "all_write_statements",
    "batched",
    "delete_relabelled",
    "merge_nodes",
    "merge_relationships",
    "quote_name",
    "write_plan",
]

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Split ``items`` into lists of ``size`` (the last may be shorter); lazy.

    >>> list(batched(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValueError(f"batch size must be a positive integer, not {size!r}")
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def quote_name(name: str) -> str:
    """Backtick-quote a label, type or property name (backticks doubled, per openCypher)."""
    return "`" + name.replace("`", "``") + "`"


def merge_nodes(label: str, key: str) -> str:
    """Statement merging a batch of ``{"key": ..., "props": {...}}`` rows as ``label`` nodes."""
    return (
        "UNWIND $rows AS row\n"
        f"MERGE (n:{quote_name(label)} {{{quote_name(key)}: row.key}})\n"
        "SET n = row.props"
    )


def merge_relationships(
    type_: str, source: str, target: str, source_key: str = "id", target_key: str = "id"
) -> str:
    """Statement merging ``{"source", "target", "props"}`` rows as ``type_`` relationships.

    Rows whose endpoints are missing match nothing and are skipped; :func:`write_plan` writes
    every node before any relationship so that does not happen for a whole graph.
    """
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{quote_name(source)} {{{quote_name(source_key)}: row.source}})\n"
        f"MATCH (b:{quote_name(target)} {{{quote_name(target_key)}: row.target}})\n"
        f"MERGE (a)-[r:{quote_name(type_)}]->(b)\n"
        "SET r = row.props"
    )


def delete_relabelled(label: str, key: str) -> str:
    """Statement deleting ``label`` nodes whose key is in ``$rows`` (``{"key": ...}``).

    Entity ids do not depend on the label (``entity:<canonical>``) but the label is voted, so
    a name can move from Benchmark to Dataset between two builds of a growing corpus; MERGE on
    the new label would leave the old node beside the new one. :func:`write_plan` sends this
    for the entities whose votes were split (``type_alternatives``), the only ones that can
    have moved.
    """
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (n:{quote_name(label)} {{{quote_name(key)}: row.key}})\n"
        "DETACH DELETE n"
    )


def _votable_labels(schema: Schema) -> list[str]:
    """Labels whose nodes may change label between builds (they record type_alternatives)."""
    return sorted(label for label, spec in schema.nodes.items()
                  if "type_alternatives" in spec.properties)


@dataclass(slots=True)
class WriteStep:
    """One statement and the rows to send with it (in batches) as ``$rows``."""

    kind: str  # "cleanup", "node" or "relationship"
    name: str  # label, or "TYPE (Source->Target)"
    cypher: str
    rows: list[dict[str, Any]] = field(default_factory=list)


def _value(value: Any) -> Any:
    if isinstance(value, tuple | set | frozenset):
        value = sorted(value) if isinstance(value, set | frozenset) else list(value)
    return value


def _props(owner: str, attrs: dict[str, Any], allowed: dict[str, Any], required: Iterable[str]
           ) -> dict[str, Any]:
    """The schema properties of ``attrs`` (others are ignored), values made driver-ready."""
    props = {name: _value(attrs[name]) for name in allowed if attrs.get(name) is not None}
    missing = [name for name in required if name not in props]
    if missing:
        raise SchemaError(f"{owner}: missing required properties {missing}")
    return props


def write_plan(G: nx.MultiDiGraph, *, schema: Schema | None = None) -> list[WriteStep]:
    """The statements and rows that write ``G``: nodes by label, then relationships.

    Steps and rows are sorted (labels, types, ids) so runs are reproducible.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph that follows ``schema/`` (node attribute ``label``, edge key = type).
    schema : Schema, optional
        Defaults to :func:`kg.schema.load_schema`.

    Raises
    ------
    SchemaError
        A node label, relationship type or endpoint pair the schema does not allow, or a
        missing required property; the message names the node or edge.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("entity:bert", label="Method", id="entity:bert", name="BERT",
    ...            canonical="bert", aliases=[], paper_count=1)
    >>> [(s.name, len(s.rows)) for s in write_plan(G)]
    [('Method', 1)]
    """
    schema = schema or load_schema()
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    labels: dict[Any, str] = {}
    for node_id, attrs in G.nodes(data=True):
        label = attrs.get("label")
        if label not in schema.nodes:
            raise SchemaError(
                f"node {node_id!r}: label {label!r} is not one of {sorted(schema.nodes)}"
            )
        spec = schema.nodes[label]
        props = _props(f"{label} node {node_id!r}", {spec.key: node_id, **attrs},
                       spec.properties, spec.required)
        labels[node_id] = label
        nodes[label].append({"key": props[spec.key], "props": props})

    rels: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, key, attrs in G.edges(keys=True, data=True):
        type_ = attrs.get("type", key)
        where = f"relationship {u!r} -[{type_}]-> {v!r}"
        if type_ not in schema.relationships:
            raise SchemaError(f"{where}: type is not one of {sorted(schema.relationships)}")
        spec_r = schema.relationships[type_]
        source, target = labels[u], labels[v]
        if source not in spec_r.sources or target not in spec_r.targets:
            raise SchemaError(
                f"{where}: {source} -> {target} is not allowed; {type_} goes from "
                f"{list(spec_r.sources)} to {list(spec_r.targets)}"
            )
        required = [p.name for p in spec_r.properties.values() if p.required]
        props = _props(where, attrs, spec_r.properties, required)
        rels[(type_, source, target)].append(
            {"source": G.nodes[u].get(schema.nodes[source].key, u),
             "target": G.nodes[v].get(schema.nodes[target].key, v), "props": props}
        )

    # Entities whose type vote was split may carry another label in the store from an
    # earlier build: remove those first (their relationships are re-merged below).
    votable = _votable_labels(schema)
    stale: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for label in votable:
        for row in nodes.get(label, ()):
            for other in votable:
                if other != label and row["props"].get("type_alternatives"):
                    stale[other].append({"key": row["key"]})
    steps = [
        WriteStep("cleanup", f"{label} (relabelled)",
                  delete_relabelled(label, schema.nodes[label].key),
                  sorted(stale[label], key=lambda row: str(row["key"])))
        for label in sorted(stale)
    ]
    steps += [
        WriteStep("node", label, merge_nodes(label, schema.nodes[label].key),
                  sorted(nodes[label], key=lambda row: str(row["key"])))
        for label in sorted(nodes)
    ]
    for type_, source, target in sorted(rels):
        steps.append(WriteStep(
            "relationship", f"{type_} ({source}->{target})",
            merge_relationships(type_, source, target, schema.nodes[source].key,
                                schema.nodes[target].key),
            sorted(rels[(type_, source, target)],
                   key=lambda row: (str(row["source"]), str(row["target"]))),
        ))
    return steps


def all_write_statements(schema: Schema | None = None) -> list[str]:
    """Every data statement a store can send for ``schema`` (for linting), sorted."""
    schema = schema or load_schema()
    statements = {merge_nodes(label, spec.key) for label, spec in schema.nodes.items()}
    statements |= {delete_relabelled(label, schema.nodes[label].key)
                   for label in _votable_labels(schema)}
    for type_, spec in schema.relationships.items():
        for source in spec.sources:
            for target in spec.targets:
                statements.add(merge_relationships(
                    type_, source, target, schema.nodes[source].key, schema.nodes[target].key))
    return sorted(statements)
