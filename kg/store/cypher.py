"""The one module that writes Cypher text for the stores.

A graph is written as a sequence of :class:`WriteStep` s: one UNWIND-batched ``MERGE``
statement per node label and one per (relationship type, source label, target label),
each with its rows. Labels, relationship types and key names enter the text only from the
schema (an allow-list, and backtick-quoted anyway); every value — ids, titles, evidence —
travels as a parameter (``$rows``), so no text from a paper can change a statement.

Nodes are merged on their key (``id``) and relationships on (start key, type, end key), and
every schema property is set from the row (``SET x.name = row[i], ...``; a null removes it):
a second run over the same graph creates nothing and leaves the same properties, a run cut
short and restarted ends with no duplicates. Rows are lists in the schema's property order
(:func:`node_columns`), so property names are written once per statement, not once per row.
The pattern follows neo4j-graphrag's ``neo4j_queries.py`` (UNWIND ``$rows``), with MERGE on
stable keys instead of CREATE.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import networkx as nx

from kg.errors import SchemaError
from kg.schema import NodeType, Property, RelationshipType, Schema, load_schema

__all__ = [
    "WriteStep",
    "all_write_statements",
    "compose",
    "delete_relabelled",
    "merge_nodes",
    "merge_relationships",
    "node_columns",
    "node_step",
    "property_value",
    "quote_name",
    "relabel_cleanup",
    "relationship_columns",
    "relationship_step",
    "write_plan",
]

def quote_name(name: str) -> str:
    """Backtick-quote a label, type or property name (backticks doubled, per openCypher)."""
    return "`" + name.replace("`", "``") + "`"


def node_columns(spec: NodeType) -> tuple[str, ...]:
    """The properties of a node row in order: the key first, then the schema's others.

    >>> node_columns(load_schema().nodes["Repository"])[:2]
    ('id', 'url')
    """
    return (spec.key, *(name for name in spec.properties if name != spec.key))


def relationship_columns(spec: RelationshipType) -> tuple[str, ...]:
    """The properties of a relationship row in order (after the two endpoint keys)."""
    return tuple(spec.properties)


def _set_properties(variable: str, columns: Sequence[str], first: int) -> str:
    """``SET x.a = row[first], x.b = row[first + 1], ...`` (nothing without columns).

    One assignment per schema property rather than ``SET x = {...}``: a null still removes
    the property, properties outside the schema (a user's own) stay, and FalkorDB does a
    third less work (replacing the whole map re-indexes the node from scratch).
    """
    if not columns:
        return ""
    assignments = ",\n    ".join(f"{variable}.{quote_name(name)} = row[{first + i}]"
                                 for i, name in enumerate(columns))
    return f"\nSET {assignments}"


def merge_nodes(label: str, columns: Sequence[str]) -> str:
    """Statement merging rows ``[key, value, ...]`` (``columns`` order) as ``label`` nodes.

    The node is matched on ``columns[0]`` (the key) and every other column is set from the
    row; a null removes that property.

    >>> print(merge_nodes("Repository", ["id", "url", "host"]))
    UNWIND $rows AS row
    MERGE (n:`Repository` {`id`: row[0]})
    SET n.`url` = row[1],
        n.`host` = row[2]
    """
    return (
        "UNWIND $rows AS row\n"
        f"MERGE (n:{quote_name(label)} {{{quote_name(columns[0])}: row[0]}})"
        + _set_properties("n", columns[1:], 1)
    )


def merge_relationships(
    type_: str, source: str, target: str, columns: Sequence[str],
    source_key: str = "id", target_key: str = "id",
) -> str:
    """Statement merging rows ``[source key, target key, value, ...]`` as ``type_``
    relationships, each of ``columns`` set from the row (a null removes it).

    Rows whose endpoints are missing match nothing and are skipped; :func:`write_plan` writes
    every node before any relationship so that does not happen for a whole graph.
    """
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{quote_name(source)} {{{quote_name(source_key)}: row[0]}})\n"
        f"MATCH (b:{quote_name(target)} {{{quote_name(target_key)}: row[1]}})\n"
        f"MERGE (a)-[r:{quote_name(type_)}]->(b)"
        + _set_properties("r", columns, 2)
    )


def delete_relabelled(label: str, key: str) -> str:
    """Statement deleting ``label`` nodes whose key is in rows ``[key]``.

    Entity ids do not depend on the label (``entity:<canonical>``) but the label is voted, so
    a name can move from Benchmark to Dataset between two builds of a growing corpus; MERGE on
    the new label would leave the old node beside the new one. :func:`write_plan` sends this
    for the entities whose votes were split (``type_alternatives``), the only ones that can
    have moved.
    """
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (n:{quote_name(label)} {{{quote_name(key)}: row[0]}})\n"
        "DETACH DELETE n"
    )


_UNWIND_ROWS = "UNWIND $rows AS row\n"


def compose(statements: Sequence[str]) -> str:
    """One statement running ``statements`` in turn, the i-th over ``$rows[i]``.

    Every statement here starts ``UNWIND $rows AS row``. Between two parts,
    ``WITH count(*) AS done_i`` folds the rows of the one before into a single row, so the
    next part's UNWIND runs once. One statement for several small steps saves a round trip
    and the server's per-query work for each of them (:func:`kg.store.base.write_steps`).

    >>> print(compose([delete_relabelled("Method", "id"), delete_relabelled("Dataset", "id")]))
    UNWIND $rows[0] AS row
    MATCH (n:`Method` {`id`: row[0]})
    DETACH DELETE n
    WITH count(*) AS done_0
    UNWIND $rows[1] AS row
    MATCH (n:`Dataset` {`id`: row[0]})
    DETACH DELETE n
    """
    parts = []
    for i, statement in enumerate(statements):
        if not statement.startswith(_UNWIND_ROWS):
            raise ValueError(f"not a statement over $rows: {statement.splitlines()[0]!r}")
        parts.append(f"UNWIND $rows[{i}] AS row\n" + statement[len(_UNWIND_ROWS):])
    return "".join(f"{part}\nWITH count(*) AS done_{i}\n" for i, part in enumerate(parts[:-1])
                   ) + parts[-1]


def _votable_labels(schema: Schema) -> list[str]:
    """Labels whose nodes may change label between builds (they record type_alternatives)."""
    return sorted(label for label, spec in schema.nodes.items()
                  if "type_alternatives" in spec.properties)


@dataclass(slots=True)
class WriteStep:
    """One statement and the rows to send with it (in batches) as ``$rows``.

    A row is a list, its values in ``columns`` order: ``[key, property, ...]`` for nodes,
    ``[source key, target key, property, ...]`` for relationships, ``[key]`` for a cleanup.
    Lists rather than maps keep every property name out of the parameters (they are in the
    statement once), which makes a batch about a fifth smaller to send and to parse.
    """

    kind: str  # "cleanup", "node" or "relationship"
    name: str  # label, or "TYPE (Source->Target)"
    cypher: str
    columns: tuple[str, ...]
    rows: list[list[Any]] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts keyed by column (for reading them; nulls left out).

        >>> WriteStep("node", "X", "", ("id", "name"), [["x:1", None]]).records()
        [{'id': 'x:1'}]
        """
        return [{name: value for name, value in zip(self.columns, row, strict=True)
                 if value is not None} for row in self.rows]


#: Values the drivers take as they are; anything else goes through :func:`property_value`.
_PLAIN = frozenset({str, int, bool, list, type(None)})


def property_value(value: Any, *, strict: bool = True) -> Any:
    """``value`` as a property value every store takes, at any depth: lists for tuples and
    (sorted) sets, Python numbers for numpy ones, None for NaN and infinities (Cypher has no
    such values); ValueError for an integer outside 64 bits (neither server stores one),
    unless ``strict=False`` leaves it for the store's own check (:mod:`kg.store.limits`
    refuses that one node, not the whole graph).

    >>> property_value((1.5, float("nan"), {"b", "a"}))
    [1.5, None, ['a', 'b']]
    """
    if isinstance(value, list | tuple):
        return [property_value(item, strict=strict) for item in value]
    if isinstance(value, set | frozenset):
        return sorted(property_value(item, strict=strict) for item in value)
    if isinstance(value, dict):
        return {key: property_value(item, strict=strict) for key, item in value.items()}
    if type(value) not in (str, int, float, bool) and callable(getattr(value, "tolist", None)):
        # a numpy number (float64 is a float) or array
        return property_value(value.tolist(), strict=strict)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if (strict and isinstance(value, int) and not isinstance(value, bool)
            and not -(2**63) <= value < 2**63):
        raise ValueError(f"{value} is not a 64-bit integer")
    return value


def _row(attrs: dict[str, Any], columns: Sequence[str]) -> list[Any]:
    """The values of ``columns`` in ``attrs`` (None where absent; other attributes ignored)."""
    return _plain_row(list(map(attrs.get, columns)))


def _plain_row(row: list[Any]) -> list[Any]:
    """``row`` with every value as :func:`property_value` makes it.

    This runs for every node and relationship, so the common case (plain values only) is
    checked in one pass at C speed and :func:`property_value` runs only when needed.
    """
    if not _PLAIN.issuperset(map(type, row)):
        row = [property_value(value, strict=False) for value in row]
    return row


def _sorted(rows: list[list[Any]], width: int) -> list[list[Any]]:
    """``rows`` sorted on their first ``width`` values (as text if they do not compare)."""
    try:
        return sorted(rows, key=itemgetter(*range(width)))
    except TypeError:  # keys of mixed types
        return sorted(rows, key=lambda row: [str(value) for value in row[:width]])


def _required(columns: Sequence[str], properties: dict[str, Property]) -> list[int]:
    return [i for i, name in enumerate(columns) if properties[name].required]


def _relationship_group(schema: Schema, group: tuple[Any, str, str], where: str
                        ) -> tuple[tuple[str, ...], list[int]]:
    """The columns of relationships of ``group`` (type, source label, target label) and the
    row positions of required values (after the two endpoint keys), once the schema is
    checked to allow them (:class:`SchemaError` names the first one, ``where``)."""
    type_, source, target = group
    if type_ not in schema.relationships:
        raise SchemaError(f"{where}: type is not one of {sorted(schema.relationships)}")
    spec = schema.relationships[type_]
    if source not in spec.sources or target not in spec.targets:
        raise SchemaError(
            f"{where}: {source} -> {target} is not allowed; {type_} goes from "
            f"{list(spec.sources)} to {list(spec.targets)}")
    columns = relationship_columns(spec)
    return columns, [i + 2 for i in _required(columns, spec.properties)]


def _node_step(schema: Schema, label: str, rows: list[list[Any]]) -> WriteStep:
    columns = node_columns(schema.nodes[label])
    return WriteStep("node", label, merge_nodes(label, columns), columns, rows)


def _relationship_step(schema: Schema, group: tuple[Any, str, str], columns: tuple[str, ...],
                       rows: list[list[Any]]) -> WriteStep:
    type_, source, target = group
    return WriteStep(
        "relationship", f"{type_} ({source}->{target})",
        merge_relationships(type_, source, target, columns, schema.nodes[source].key,
                            schema.nodes[target].key),
        ("source", "target", *columns), rows)


def node_step(label: str, rows: Sequence[Sequence[Any]], *,
              schema: Schema | None = None) -> WriteStep:
    """The step :func:`write_plan` makes for ``label``, from rows instead of a graph.

    ``rows`` hold each node's values in :func:`node_columns` order (the key first), as a
    table of one label holds them (``kg spark-build``'s Parquet); they are checked as
    :func:`write_plan` checks nodes and kept in the order given.

    Raises
    ------
    SchemaError
        A label the schema does not have, a missing key or required property, an integer
        no store takes; the message names the node.

    >>> step = node_step("Repository", [["repo:a/b", "https://github.com/a/b", "github", 1]])
    >>> step.records()  # doctest: +NORMALIZE_WHITESPACE
    [{'id': 'repo:a/b', 'url': 'https://github.com/a/b', 'host': 'github', 'paper_count': 1}]
    """
    schema = schema or load_schema()
    if label not in schema.nodes:
        raise SchemaError(f"label {label!r} is not one of {sorted(schema.nodes)}")
    columns = node_columns(schema.nodes[label])
    required = _required(columns, schema.nodes[label].properties)
    checked = []
    for values in rows:
        row = list(values)
        if len(row) != len(columns):
            raise SchemaError(f"{label} row {row[:1]!r}...: {len(row)} values for the "
                              f"{len(columns)} columns {list(columns)}")
        try:
            row = _plain_row(row)
        except ValueError as exc:
            raise SchemaError(f"{label} node {row[0]!r}: {exc}") from None
        if None in [row[i] for i in required]:
            missing = [columns[i] for i in required if row[i] is None]
            raise SchemaError(f"{label} node {row[0]!r}: missing required properties {missing}")
        checked.append(row)
    return _node_step(schema, label, checked)


def relationship_step(type_: str, source: str, target: str, rows: Sequence[Sequence[Any]], *,
                      schema: Schema | None = None) -> WriteStep:
    """The step :func:`write_plan` makes for ``type_`` relationships from ``source`` to
    ``target`` nodes, from rows ``[source key, target key, value, ...]`` (values in
    :func:`relationship_columns` order) instead of a graph; checked as :func:`write_plan`
    checks relationships and kept in the order given.

    Raises
    ------
    SchemaError
        A type or endpoint pair the schema does not allow, a missing required property.

    >>> relationship_step("VARIANT_OF", "Method", "Method",
    ...                   [["entity:bert-large", "entity:bert", "size"]]).records()
    [{'source': 'entity:bert-large', 'target': 'entity:bert', 'rule': 'size'}]
    """
    schema = schema or load_schema()
    group = (type_, source, target)
    columns, required = _relationship_group(schema, group, f"relationship {type_}")
    checked = []
    for values in rows:
        row = list(values)
        where = f"relationship {row[0]!r} -[{type_}]-> {row[1]!r}" if len(row) > 1 else type_
        if len(row) != 2 + len(columns):
            raise SchemaError(f"{where}: {len(row)} values for the endpoints and the "
                              f"{len(columns)} columns {list(columns)}")
        try:
            row = row[:2] + _plain_row(row[2:])
        except ValueError as exc:
            raise SchemaError(f"{where}: {exc}") from None
        if None in [row[i] for i in (0, 1, *required)]:
            missing = [(["source", "target", *columns])[i] for i in (0, 1, *required)
                       if row[i] is None]
            raise SchemaError(f"{where}: missing required properties {missing}")
        checked.append(row)
    return _relationship_step(schema, group, columns, checked)


def relabel_cleanup(nodes: Mapping[str, Sequence[Sequence[Any]]], *,
                    schema: Schema | None = None) -> list[WriteStep]:
    """The clean-up steps for node rows by label (:func:`node_columns` order): an entity
    whose type vote was split (``type_alternatives`` not empty) may carry another votable
    label in the store from an earlier build, so its key is deleted under every other one
    (:func:`delete_relabelled`). :func:`write_plan` sends these for the whole graph; a
    writer that has the rows of some labels only (one table partition) sends them for those.

    >>> [(s.name, s.rows) for s in relabel_cleanup(
    ...     {"Method": [["entity:x", "X", "x", [], 1, ["Dataset"]]]})]
    [('Benchmark (relabelled)', [['entity:x']]), ('Dataset (relabelled)', [['entity:x']])]
    """
    schema = schema or load_schema()
    votable = _votable_labels(schema)
    stale: dict[str, list[list[Any]]] = defaultdict(list)
    for label in votable:
        split = node_columns(schema.nodes[label]).index("type_alternatives")
        for row in nodes.get(label, ()):
            if row[split]:
                for other in votable:
                    if other != label:
                        stale[other].append([row[0]])
    return [
        WriteStep("cleanup", f"{label} (relabelled)",
                  delete_relabelled(label, schema.nodes[label].key), (schema.nodes[label].key,),
                  _sorted(stale[label], 1))
        for label in sorted(stale)
    ]


def write_plan(G: nx.MultiDiGraph, *, schema: Schema | None = None) -> list[WriteStep]:
    """The statements and rows that write ``G``: nodes by label, then relationships.

    Steps and rows are sorted (labels, types, keys) so runs are reproducible.

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
    >>> [(s.name, s.records()) for s in write_plan(G)]  # doctest: +NORMALIZE_WHITESPACE
    [('Method', [{'id': 'entity:bert', 'name': 'BERT', 'canonical': 'bert', 'aliases': [],
                  'paper_count': 1}])]
    """
    schema = schema or load_schema()
    # Per label and per (type, source label, target label): the rows, their columns and the
    # positions of required values. Looked up once per node or relationship, checked once.
    nodes: dict[str, tuple[list[list[Any]], tuple[str, ...], list[int]]] = {}
    labels: dict[Any, str] = {}
    keys: dict[Any, Any] = {}  # networkx node -> its key in the store
    for node_id, attrs in G.nodes(data=True):
        label = attrs.get("label")
        if label not in nodes:
            if label not in schema.nodes:
                raise SchemaError(
                    f"node {node_id!r}: label {label!r} is not one of {sorted(schema.nodes)}")
            columns = node_columns(schema.nodes[label])
            nodes[label] = ([], columns, _required(columns, schema.nodes[label].properties))
        rows, columns, required = nodes[label]
        try:
            row = _row(attrs, columns)
        except ValueError as exc:
            raise SchemaError(f"{label} node {node_id!r}: {exc}") from None
        if row[0] is None:
            row[0] = node_id  # the key is the node's networkx id unless an attribute says
        if None in [row[i] for i in required]:
            missing = [columns[i] for i in required if row[i] is None]
            raise SchemaError(f"{label} node {node_id!r}: missing required properties {missing}")
        labels[node_id] = label
        keys[node_id] = row[0]
        rows.append(row)

    rels: dict[tuple[Any, str, str], tuple[list[list[Any]], tuple[str, ...], list[int]]] = {}
    for u, v, key, attrs in G.edges(keys=True, data=True):
        group = (attrs.get("type", key), labels[u], labels[v])
        if group not in rels:
            where = f"relationship {u!r} -[{group[0]}]-> {v!r}"
            rels[group] = ([], *_relationship_group(schema, group, where))
        rows, columns, required = rels[group]
        try:
            row = [keys[u], keys[v], *_row(attrs, columns)]
        except ValueError as exc:
            raise SchemaError(f"relationship {u!r} -[{group[0]}]-> {v!r}: {exc}") from None
        if None in [row[i] for i in required]:
            missing = [columns[i - 2] for i in required if row[i] is None]
            raise SchemaError(f"relationship {u!r} -[{group[0]}]-> {v!r}: missing required "
                              f"properties {missing}")
        rows.append(row)

    # Entities whose type vote was split may carry another label in the store from an
    # earlier build: remove those first (their relationships are re-merged below).
    steps = relabel_cleanup({label: rows for label, (rows, _, _) in nodes.items()},
                            schema=schema)
    for label, (rows, _, _) in sorted(nodes.items()):
        steps.append(_node_step(schema, label, _sorted(rows, 1)))
    for group, (rows, columns, _) in sorted(rels.items()):
        steps.append(_relationship_step(schema, group, columns, _sorted(rows, 2)))
    return steps


def all_write_statements(schema: Schema | None = None) -> list[str]:
    """Every data statement a store can send for ``schema`` (for linting), sorted."""
    schema = schema or load_schema()
    statements = {merge_nodes(label, node_columns(spec)) for label, spec in schema.nodes.items()}
    statements |= {delete_relabelled(label, schema.nodes[label].key)
                   for label in _votable_labels(schema)}
    for type_, spec in schema.relationships.items():
        for source in spec.sources:
            for target in spec.targets:
                statements.add(merge_relationships(
                    type_, source, target, relationship_columns(spec),
                    schema.nodes[source].key, schema.nodes[target].key))
    return sorted(statements)
