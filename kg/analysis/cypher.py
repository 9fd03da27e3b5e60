"""Cypher over the in-memory graph with no server: the graph is loaded into an embedded
Ladybug database (the maintained fork of Kùzu, ``pip install ladybug``) held in memory.

Why Ladybug and not grand-cypher over networkx: measured on the README's questions (see the
README section "Analysis and queries"), grand-cypher 1.2 has no query parameters (values would
have to be pasted into the query text), no ``WITH``, no ``x IN list_property``, no
``count(DISTINCT ...)`` and only upper-case aggregate names, so half of the questions do not
parse; Ladybug runs all of them, with parameters, in milliseconds once loaded.

Ladybug needs a typed schema; it is generated from ``schema/graph.schema.json``: one node table
per label (key = primary key), one relationship table per type with a ``FROM a TO b`` pair per
allowed endpoint pair. Labels, types and property names enter DDL only from the schema (quoted
with backticks); every value travels as a query parameter.

>>> from kg.analysis.cypher import query_graph
>>> from kg.testing import sample_graph
>>> query = "MATCH (d:Dataset {name: $name}) RETURN d.paper_count"
>>> query_graph(sample_graph(), query, {"name": "ImageNet"}).rows
[[3]]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from types import TracebackType
from typing import Any

import networkx as nx

from kg.errors import QueryError
from kg.records import QueryResult
from kg.schema import Schema, load_schema
from kg.store.cypher import quote_name

__all__ = ["EmbeddedGraph", "check_read_only", "query_graph"]

#: Schema property type -> Ladybug column type.
_COLUMN_TYPES = {
    "string": "STRING",
    "int": "INT64",
    "float": "DOUBLE",
    "boolean": "BOOLEAN",
    "string[]": "STRING[]",
    "int[]": "INT64[]",
}
#: ``$name`` outside string literals (strings are removed before this is applied).
_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRING_LITERAL = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`")
#: Schema properties that Ladybug parses as keywords (STARTS WITH, ENDS WITH) unless quoted.
_RESERVED_PROPERTY = re.compile(r"\.\s*(starts|ends)\b", re.IGNORECASE)
#: Comments, string literals and backtick-quoted names: blanked before scanning for keywords.
_NOT_CODE = re.compile(r"//[^\n]*|/\*.*?\*/|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`",
                       re.DOTALL)
#: Clauses that write to the database or touch files, refused by :func:`check_read_only`.
_WRITE_KEYWORDS = re.compile(
    r"\b(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|DROP|ALTER|COPY|LOAD|ATTACH|INSTALL|USE|"
    r"EXPORT|IMPORT|CALL|BEGIN|COMMIT|ROLLBACK|CHECKPOINT)\b",
    re.IGNORECASE)
#: Rows per UNWIND batch while loading.
_BATCH = 2000


def _ddl(schema: Schema) -> list[str]:
    """CREATE statements for every node label and relationship type of the schema."""
    statements = []
    for label, node in schema.nodes.items():
        columns = ", ".join(
            f"{quote_name(p.name)} {_COLUMN_TYPES[p.type]}" for p in node.properties.values()
        )
        statements.append(
            f"CREATE NODE TABLE {quote_name(label)}({columns}, "
            f"PRIMARY KEY ({quote_name(node.key)}))"
        )
    for type_, rel in schema.relationships.items():
        pairs = ", ".join(
            f"FROM {quote_name(s)} TO {quote_name(t)}" for s in rel.sources for t in rel.targets
        )
        columns = "".join(
            f", {quote_name(p.name)} {_COLUMN_TYPES[p.type]}" for p in rel.properties.values()
        )
        statements.append(f"CREATE REL TABLE {quote_name(type_)}({pairs}{columns})")
    return statements


def _value(value: Any, type_: str) -> Any:
    """Coerce a graph attribute to its schema type (JSON round trips may turn lists to tuples)."""
    if value is None:
        return None
    if type_.endswith("[]"):
        item = int if type_ == "int[]" else str
        return [item(v) for v in value]
    return {"int": int, "float": float, "boolean": bool, "string": str}[type_](value)


def _batches(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [rows[i : i + _BATCH] for i in range(0, len(rows), _BATCH)]


def _plain(value: Any) -> Any:
    """A Ladybug result value as plain data: nodes and relationships become property dicts."""
    if isinstance(value, dict):
        if "_LABEL" in value and ("_ID" in value or "_SRC" in value):
            props = {k: _plain(v) for k, v in value.items() if not k.startswith("_")}
            return {k: v for k, v in sorted(props.items()) if v is not None}
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def check_read_only(cypher: str) -> None:
    """Raise :class:`QueryError` if ``cypher`` could write or touch files (comments, strings
    and backtick-quoted names are ignored, so a value containing "delete" is fine).

    >>> check_read_only("MATCH (p:Paper {title: 'Delete me'}) RETURN p")
    >>> check_read_only("MATCH (n) DETACH DELETE n")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.errors.QueryError: queries are read-only: DETACH is refused (...)
    """
    found = _WRITE_KEYWORDS.search(_NOT_CODE.sub(" ", cypher))
    if found:
        raise QueryError(f"queries are read-only: {found.group(1).upper()} is refused "
                         "(the embedded engine answers reads only; use --store URI --write "
                         "to change a server's graph)")


def _first_line(exc: BaseException) -> str:
    return " ".join(str(exc).split("\n")[:1]).strip()


class EmbeddedGraph:
    """The graph loaded once into an in-memory Ladybug database, for many queries.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph following ``schema/`` (as built by ``kg.build`` or read by ``kg.load``).

    Examples
    --------
    >>> from kg.testing import sample_graph
    >>> with EmbeddedGraph(sample_graph()) as db:
    ...     db.query("MATCH (m:Method) RETURN count(m) AS methods").rows
    [[4]]
    """

    def __init__(self, G: nx.MultiDiGraph) -> None:
        try:
            import ladybug  # lazily: the engine is only needed when someone queries
        except ImportError:
            raise QueryError("the embedded Cypher engine is not installed "
                             "(pip install 'ladybug>=0.22,<0.23')") from None

        self._schema = load_schema()
        self._db = ladybug.Database(":memory:")
        self._conn = ladybug.Connection(self._db)
        for statement in _ddl(self._schema):
            self._conn.execute(statement)
        self._load(G)

    def _load(self, G: nx.MultiDiGraph) -> None:
        schema = self._schema
        nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for node_id, attrs in G.nodes(data=True):
            label = attrs.get("label")
            if label not in schema.nodes:
                raise QueryError(f"node {node_id!r} has label {label!r}, not one of the schema's")
            node_type = schema.nodes[label]
            row = {n: _value(attrs.get(n), p.type) for n, p in node_type.properties.items()}
            row[node_type.key] = row[node_type.key] or str(node_id)  # the key is the node id
            nodes[label].append(row)
        for label in sorted(nodes):
            names = list(schema.nodes[label].properties)
            assign = ", ".join(f"{quote_name(n)}: row.{quote_name(n)}" for n in names)
            for batch in _batches(nodes[label]):
                self._run(f"UNWIND $rows AS row CREATE (:{quote_name(label)} {{{assign}}})",
                          {"rows": batch})
        edges: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        for u, v, key, attrs in G.edges(keys=True, data=True):
            type_ = attrs.get("type", key)
            if type_ not in schema.relationships:
                raise QueryError(f"edge {u!r} -> {v!r} has type {type_!r}, not one of the schema's")
            props = schema.relationships[type_].properties
            row = {name: _value(attrs.get(name), p.type) for name, p in props.items()}
            row["_u"], row["_v"] = u, v
            edges[(type_, G.nodes[u]["label"], G.nodes[v]["label"])].append(row)
        for type_, source, target in sorted(edges):
            rel = schema.relationships[type_]
            if source not in rel.sources or target not in rel.targets:
                raise QueryError(f"{type_} cannot link {source} to {target} (schema)")
            assign = ", ".join(f"{quote_name(n)}: row.{quote_name(n)}" for n in rel.properties)
            query = (
                f"UNWIND $rows AS row "
                f"MATCH (a:{quote_name(source)} "
                f"{{{quote_name(schema.nodes[source].key)}: row._u}}), "
                f"(b:{quote_name(target)} {{{quote_name(schema.nodes[target].key)}: row._v}}) "
                f"CREATE (a)-[:{quote_name(type_)} {{{assign}}}]->(b)"
            )
            for batch in _batches(edges[(type_, source, target)]):
                self._run(query, {"rows": batch})

    def _run(self, cypher: str, params: Mapping[str, Any]) -> Any:
        try:
            return self._conn.execute(cypher, dict(params))
        except RuntimeError as exc:
            message = f"Cypher query failed: {_first_line(exc)}"
            reserved = sorted(set(_RESERVED_PROPERTY.findall(cypher)))
            if reserved and "Parser exception" in message:
                message += (f" (the embedded engine reads {', '.join(reserved)} as keywords: "
                            f"quote the property, e.g. r.`{reserved[0]}`)")
            raise QueryError(message) from exc

    def query(self, cypher: str, params: Mapping[str, Any] | None = None, *,
              timeout: float | None = None, max_rows: int | None = None) -> QueryResult:
        """Run one Cypher statement; values are passed as ``$name`` parameters.

        ``timeout`` (seconds) makes the engine give up on a long query (a
        :class:`~kg.errors.QueryError`); ``max_rows`` stops reading rows after that many
        (a server-facing caller, ``kg serve``, keeps both bounded).

        Raises :class:`kg.errors.QueryError` for a malformed query, an unknown label or
        property, or a ``$parameter`` the query uses but ``params`` does not give.
        """
        params = dict(params or {})
        if not cypher.strip():
            raise QueryError("empty Cypher query")
        check_read_only(cypher)
        missing = sorted(set(_PARAMETER.findall(_STRING_LITERAL.sub("''", cypher))) - set(params))
        if missing:
            raise QueryError(f"query uses parameter(s) {', '.join('$' + m for m in missing)} "
                             "with no value (pass --param name=value)")
        self._conn.set_query_timeout(int(timeout * 1000) if timeout else 0)
        result = self._run(cypher, params)
        if isinstance(result, list):  # several statements: refuse rather than guess
            for r in result:
                r.close()
            raise QueryError("give one Cypher statement at a time (the query has several)")
        columns = [str(c) for c in result.get_column_names()]
        rows: list[list[Any]] = []
        while result.has_next() and (max_rows is None or len(rows) < max_rows):
            rows.append([_plain(v) for v in result.get_next()])
        result.close()
        return QueryResult(columns=columns, rows=rows)

    def close(self) -> None:
        """Release the in-memory database."""
        self._conn.close()
        self._db.close()

    def __enter__(self) -> EmbeddedGraph:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def query_graph(G: nx.MultiDiGraph, cypher: str,
                params: Mapping[str, Any] | None = None) -> QueryResult:
    """Run a Cypher query over ``G`` with no server.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph following ``schema/``.
    cypher : str
        One Cypher statement (openCypher as Ladybug reads it; see the README for the
        differences from Neo4j/FalkorDB that matter).
    params : mapping, optional
        Values for the query's ``$name`` parameters.

    Returns
    -------
    QueryResult
        Column names and rows; nodes and relationships come back as dicts of their properties.

    Examples
    --------
    >>> from kg.testing import sample_graph
    >>> r = query_graph(sample_graph(), "MATCH (v:Method)-[:VARIANT_OF]->(m:Method) "
    ...                 "RETURN v.name AS variant, m.name AS of")
    >>> r.records()
    [{'variant': 'ResNet-50', 'of': 'ResNet'}]
    """
    with EmbeddedGraph(G) as db:
        return db.query(cypher, params)
