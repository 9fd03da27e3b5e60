"""FalkorDB through its own Python client (``falkordb``), with the same Cypher as Neo4j.

A FalkorDB query is atomic (a failing write is undone from its undo log), so one batch is
one ``GRAPH.QUERY``. Parameters travel as a ``CYPHER rows=[...]`` prefix of the query text;
for a write batch it is written by :func:`params_prefix` (orjson, ten times faster than the
client's own encoder, which it falls back on). The graph name comes from the URI path, then
``database=``, then ``"kg"``. Index DDL differs from Neo4j's (see :mod:`kg.store.ddl`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import orjson
import redis.exceptions as redis_errors
from falkordb import FalkorDB
from falkordb import QueryResult as FalkorDBResult

from kg.errors import QueryError, StoreError
from kg.records import QueryResult
from kg.schema import load_schema
from kg.store.base import BatchCounters, GraphStore, plain
from kg.store.cypher import property_value, quote_name
from kg.store.ddl import falkordb_index_statement, falkordb_indexes
from kg.store.limits import FALKORDB_LIMITS
from kg.store.uri import StoreURI, database_name

__all__ = ["DEFAULT_GRAPH", "FalkorDBStore", "params_prefix"]

DEFAULT_GRAPH = "kg"


class FalkorDBStore(GraphStore):
    """One FalkorDB graph."""

    limits = FALKORDB_LIMITS

    def __init__(self, uri: StoreURI, *, user: str | None = None, password: str | None = None,
                 database: str | None = None, connect_timeout: float = 10.0) -> None:
        self.uri = uri
        self.graph_name = database_name(uri, database) or DEFAULT_GRAPH
        password = password if password is not None else uri.password
        # Redis authenticates with a password; a user name alone (say from NEO4J_USER meant
        # for another server) must not turn into a failing AUTH.
        user = (user if user is not None else uri.user) if password is not None else None
        with self._errors("cannot connect"):
            self._db = FalkorDB(
                host=uri.host, port=uri.port, username=user, password=password,
                ssl=uri.tls, socket_connect_timeout=connect_timeout,
            )
            self._db.connection.ping()
        self._graph = self._db.select_graph(self.graph_name)

    @contextmanager
    def _errors(self, doing: str, *, query: bool = False) -> Iterator[None]:
        where = f"{self.uri.redacted()} (graph {getattr(self, 'graph_name', '?')!r})"
        try:
            yield
        except redis_errors.AuthenticationError as exc:
            raise StoreError(f"{where}: authentication failed: {_first_line(exc)}") from None
        except redis_errors.ResponseError as exc:
            text = _first_line(exc)
            if text.upper().startswith(("WRONGPASS", "NOAUTH", "NOPERM")):
                raise StoreError(f"{where}: authentication failed: {text}") from None
            if query:
                raise QueryError(f"{where}: query failed: {text}") from None
            raise StoreError(f"{where}: {doing}: {text}") from None
        except (redis_errors.RedisError, OSError) as exc:
            raise StoreError(f"{where}: {doing}: server unreachable ({_first_line(exc)})"
                             ) from None

    def ensure_schema(self) -> None:
        """Indexes, unique constraints and relationship types the graph does not have yet.

        FalkorDB has no ``IF NOT EXISTS``, so one round trip reads what exists and one creates
        the rest (the commands pipelined; each index before its label's constraint, which
        needs it): two round trips on an empty graph, one on a graph that has everything.
        Only range indexes on nodes count (a full-text index on ``Paper.id`` serves neither
        MERGE nor the constraint), and what another writer created meanwhile is no error.
        """
        schema = load_schema()
        with self._errors("reading the schema"):
            indexes, constraints, types = self._read_all(
                "CALL db.indexes() YIELD label, properties, types, entitytype",
                "CALL db.constraints() YIELD type, label, properties",
                "CALL db.relationshipTypes()",
            )
        indexed = {(label, prop) for label, props, kinds, entity in indexes if entity == "NODE"
                   for prop in props if "RANGE" in kinds.get(prop, ())}
        unique = {(label, tuple(props)) for kind, label, props in constraints
                  if kind == "UNIQUE"}
        commands: list[tuple[Any, ...]] = []
        for label, props in falkordb_indexes(schema):
            missing = tuple(prop for prop in props if (label, prop) not in indexed)
            if missing:
                commands.append(("GRAPH.QUERY", self.graph_name,
                                 falkordb_index_statement(label, missing), "--compact"))
        for label, spec in sorted(schema.nodes.items()):
            if (label, (spec.key,)) not in unique:
                commands.append(("GRAPH.CONSTRAINT", "CREATE", self.graph_name, "UNIQUE", "NODE",
                                 label, "PROPERTIES", 1, spec.key))
        undeclared = sorted(set(schema.relationships) - {row[0] for row in types})
        if undeclared:
            commands.append(("GRAPH.QUERY", self.graph_name,
                             _declare_relationship_types(undeclared), "--compact"))
        if commands:
            with self._errors("creating indexes and constraints"):
                pipe = self._db.connection.pipeline(transaction=False)
                for command in commands:
                    pipe.execute_command(*command)
                for reply in pipe.execute(raise_on_error=False):
                    if isinstance(reply, Exception) and not _already_there(reply):
                        raise reply

    def _read_all(self, *queries: str) -> list[list[list[Any]]]:
        """The rows of several queries, sent in one round trip."""
        pipe = self._db.connection.pipeline(transaction=False)
        for query in queries:
            pipe.execute_command("GRAPH.QUERY", self.graph_name, query, "--compact")
        return [FalkorDBResult(self._graph, reply).result_set for reply in pipe.execute()]

    def write_batch(self, cypher: str, rows: Sequence[Any]) -> BatchCounters:
        try:
            text = params_prefix(rows) + cypher.encode()
        except ValueError as exc:
            raise StoreError(f"{self.uri.redacted()} (graph {self.graph_name!r}): write "
                             f"failed: {exc}") from None
        with self._errors("write failed"):
            # What Graph.query sends and reads, minus its str-only parameter handling: the
            # header is already UTF-8, and a megabyte batch need not be decoded to be re-encoded.
            result = FalkorDBResult(self._graph, self._graph.execute_command(
                "GRAPH.QUERY", self.graph_name, text, "--compact"))
        return BatchCounters(int(result.nodes_created), int(result.relationships_created),
                             int(result.properties_set))

    def query(self, cypher: str, params: Mapping[str, Any] | None = None, *,
              read_only: bool = True) -> QueryResult:
        with self._errors("query failed"):
            exists = self.graph_name in self._db.list_graphs()
        if not exists:
            raise StoreError(f"{self.uri.redacted()}: unknown graph {self.graph_name!r}")
        with self._errors("query failed", query=True):
            run = self._graph.ro_query if read_only else self._graph.query
            result = run(cypher, dict(params or {}))
        columns = [str(name) for _, name in result.header]
        rows = [[plain(v, _graph_value) for v in row] for row in result.result_set]
        return QueryResult(columns=columns, rows=rows)

    def drop(self) -> None:
        """Delete the whole graph (tests and benchmarks start from empty)."""
        with self._errors("deleting the graph"):
            if self.graph_name in self._db.list_graphs():
                self._graph.delete()

    def close(self) -> None:
        self._db.connection.close()


def params_prefix(rows: Sequence[Any]) -> bytes:
    r"""``CYPHER rows=<rows> ``: the parameter header FalkorDB reads before a query's text.

    JSON is the header's syntax for lists, strings, numbers, booleans and null, and orjson
    writes it in C, about ten times faster than the client's own encoder. Two things in JSON
    are not: a ``\uXXXX`` escape (orjson writes one only for a control character) and a map's
    quoted keys (``{"k": ...}``); for those the client's encoder writes the header. Either
    way FalkorDB reads strings, integers, booleans, nulls and lists back as they were sent,
    never as part of the query. A NaN or infinity becomes null (Cypher has no literal for
    them).

    Raises
    ------
    ValueError
        A value FalkorDB cannot take: an integer beyond 64 bits, text that is not Unicode
        (a lone surrogate), a NUL character (its parser stops there), another type.

    >>> params_prefix([["paper:1", None, [1, 2]]])
    b'CYPHER rows=[["paper:1",null,[1,2]]] '
    """
    try:
        # Strict: integers over 53 bits (and numpy numbers) take the slow path below, which
        # refuses integers over 64 bits (orjson would write them up to 2**64, and FalkorDB
        # would clamp them silently).
        encoded = orjson.dumps(rows, option=orjson.OPT_STRICT_INTEGER)
    except orjson.JSONEncodeError:
        try:
            rows = property_value(rows)
            encoded = orjson.dumps(rows)
        except (ValueError, orjson.JSONEncodeError) as exc:
            raise ValueError(f"a value FalkorDB cannot take: {exc}") from None
    escapes = set(_unicode_escapes(encoded))
    if b"0000" in escapes:
        raise ValueError("a value holds a NUL character, where FalkorDB's parser would stop")
    if escapes or _has_map(encoded):
        from falkordb.helpers import stringify_param_value

        return f"CYPHER rows={stringify_param_value(property_value(rows))} ".encode()
    return b"CYPHER rows=" + encoded + b" "


def _unicode_escapes(encoded: bytes) -> Iterator[bytes]:
    r"""The hex digits of each ``\uXXXX`` escape in JSON text.

    Every backslash in JSON starts a two-character escape, so hopping from one to the next
    past each escape finds them all; ``find`` of one byte runs at memory speed.

    >>> list(_unicode_escapes(rb'["\\u0041", "\u0001"]'))
    [b'0001']
    """
    at = encoded.find(b"\\")
    while at != -1:
        if encoded[at + 1] == 0x75:  # "u"
            yield encoded[at + 2:at + 6]
        at = encoded.find(b"\\", at + 2)


def _has_map(encoded: bytes) -> bool:
    r"""Whether JSON text has a non-empty map: ``{"``, which no string can hold (its quotes
    are escaped).

    >>> _has_map(rb'["{curly}", "{\"quoted\"}"]'), _has_map(rb'[{"k":1}]')
    (False, True)
    """
    at = encoded.find(b"{")
    while at != -1:
        if encoded[at + 1] == 0x22:  # a quote
            return True
        at = encoded.find(b"{", at + 1)
    return False


def _already_there(error: Exception) -> bool:
    """Whether a schema command failed only because another writer got there first."""
    text = str(error)
    return "already indexed" in text or "already exists" in text


def _declare_relationship_types(types: Sequence[str]) -> str:
    """A query making ``types`` known to the graph before the first write.

    A MERGE of a relationship type the graph has never seen costs FalkorDB about 7 µs a row
    more than one it knows (measured with GRAPH.PROFILE in its Expand Into step; FalkorDB
    must find relationships it creates of a type that is new to it, see FalkorDB issue
    #1735): a fifth of the time of writing the example corpus. A type stays known once it
    has been used, so the query creates a relationship of each type between two new nodes
    and deletes them again. It is one transaction: no reader ever sees them.

    >>> print(_declare_relationship_types(["USES"]))
    CREATE (a), (b)
    CREATE (a)-[:`USES`]->(b)
    DETACH DELETE a, b
    """
    creates = "".join(f"CREATE (a)-[:{quote_name(type_)}]->(b)\n" for type_ in types)
    return f"CREATE (a), (b)\n{creates}DETACH DELETE a, b"


def _graph_value(value: Any) -> Any:
    """A FalkorDB node or edge as a dict of its properties, a path as its parts, else None."""
    from falkordb.edge import Edge
    from falkordb.node import Node
    from falkordb.path import Path

    if isinstance(value, Node | Edge):
        return plain(value.properties)
    if isinstance(value, Path):
        return {"nodes": [plain(n, _graph_value) for n in value.nodes()],
                "relationships": [plain(e, _graph_value) for e in value.edges()]}
    return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
