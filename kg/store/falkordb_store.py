"""FalkorDB through its own Python client (``falkordb``), with the same Cypher as Neo4j.

A FalkorDB query is atomic (a failing write is undone from its undo log), so one batch is
one ``GRAPH.QUERY``. Parameters travel as the client's ``CYPHER rows=[...]`` prefix, which
the client writes in Python (about a third of a batched write); :meth:`prepare_batch` writes
it, so the shared write loop builds the next batch's prefix while the server runs this one.
The graph name comes from the URI path, then ``database=``, then
``"kg"``. Index DDL differs from Neo4j's (see :mod:`kg.store.ddl`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import redis.exceptions as redis_errors
from falkordb import FalkorDB

from kg.errors import QueryError, StoreError
from kg.records import QueryResult
from kg.schema import load_schema
from kg.store.base import BatchCounters, GraphStore, plain
from kg.store.ddl import falkordb_indexes
from kg.store.uri import StoreURI

__all__ = ["DEFAULT_GRAPH", "FalkorDBStore"]

DEFAULT_GRAPH = "kg"


class FalkorDBStore(GraphStore):
    """One FalkorDB graph."""

    def __init__(self, uri: StoreURI, *, user: str | None = None, password: str | None = None,
                 database: str | None = None, connect_timeout: float = 10.0) -> None:
        self.uri = uri
        self.graph_name = uri.path or database or DEFAULT_GRAPH
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
        for _, _, statement in falkordb_indexes():
            try:
                with self._errors("creating indexes"):
                    self._graph.query(statement)
            except StoreError as exc:
                if "already indexed" not in str(exc):
                    raise
        for label, spec in sorted(load_schema().nodes.items()):
            try:
                with self._errors("creating constraints"):
                    self._graph.create_node_unique_constraint(label, spec.key)
            except StoreError as exc:
                if "already exists" not in str(exc):
                    raise

    def prepare_batch(self, cypher: str, rows: Sequence[Mapping[str, Any]]) -> str:
        """The full query text: the client's own parameter prefix (its quoting, so values
        are read back verbatim and never parsed as part of the statement), then ``cypher``."""
        return self._graph._build_params_header({"rows": list(rows)}) + cypher

    def write_prepared(self, prepared: Any) -> BatchCounters:
        with self._errors("write failed"):
            # No params: the text already starts with them (the client adds no header).
            result = self._graph.query(prepared)
        return BatchCounters(int(result.nodes_created), int(result.relationships_created),
                             int(result.properties_set))

    def write_batch(self, cypher: str, rows: Sequence[Mapping[str, Any]]) -> BatchCounters:
        return self.write_prepared(self.prepare_batch(cypher, rows))

    def query(self, cypher: str, params: Mapping[str, Any] | None = None) -> QueryResult:
        with self._errors("query failed"):
            exists = self.graph_name in self._db.list_graphs()
        if not exists:
            raise StoreError(f"{self.uri.redacted()}: unknown graph {self.graph_name!r}")
        with self._errors("query failed", query=True):
            result = self._graph.query(cypher, dict(params or {}))
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
