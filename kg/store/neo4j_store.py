"""Neo4j through the official ``neo4j`` driver.

Batches run in managed transactions (``Session.execute_write``), which the driver retries on
transient errors (deadlocks, leader switches) with back-off; a batch is one transaction, so
it is written whole or not at all. Errors become one-line :class:`~kg.errors.StoreError` s
naming the URI without its password.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors

from kg.errors import QueryError, StoreError
from kg.records import QueryResult
from kg.store.base import BatchCounters, GraphStore, plain
from kg.store.ddl import neo4j_schema_statements
from kg.store.limits import NEO4J_LIMITS
from kg.store.uri import StoreURI, database_name

__all__ = ["Neo4jStore"]


class Neo4jStore(GraphStore):
    """One Neo4j database (``database=None``: the server's default database)."""

    limits = NEO4J_LIMITS

    def __init__(self, uri: StoreURI, *, user: str | None = None, password: str | None = None,
                 database: str | None = None, connection_timeout: float = 10.0) -> None:
        self.uri = uri
        self.database = database_name(uri, database)
        user = user if user is not None else uri.user
        password = password if password is not None else uri.password
        auth = (user or "neo4j", password or "") if (user or password) else None
        with self._errors("cannot connect"):
            self._driver = neo4j.GraphDatabase.driver(
                uri.driver_uri(), auth=auth, connection_timeout=connection_timeout,
                max_transaction_retry_time=15.0,
            )
        try:
            with self._errors("cannot connect"):
                self._driver.verify_connectivity()
        except BaseException:
            self._driver.close()
            raise
        self._session: neo4j.Session | None = None

    @contextmanager
    def _errors(self, doing: str, *, query: bool = False) -> Iterator[None]:
        """Translate driver exceptions into one-line StoreError/QueryError messages."""
        where = self.uri.redacted()
        db = f" (database {self.database!r})" if self.database else ""
        try:
            yield
        except neo4j_errors.AuthError as exc:
            raise StoreError(f"{where}: authentication failed: {_first_line(exc)}") from None
        except neo4j_errors.ServiceUnavailable as exc:
            raise StoreError(f"{where}: {doing}: server unreachable ({_first_line(exc)})") from None
        except neo4j_errors.ClientError as exc:
            code = exc.code or ""
            if code.endswith("DatabaseNotFound"):
                raise StoreError(f"{where}: unknown database{db}") from None
            if query and (code.startswith("Neo.ClientError.Statement") or "Syntax" in code):
                raise QueryError(f"{where}: query failed: {_first_line(exc)}") from None
            raise StoreError(f"{where}{db}: {doing}: {_first_line(exc)}") from None
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
            raise StoreError(f"{where}{db}: {doing}: {_first_line(exc)}") from None
        except (OSError, ValueError, OverflowError) as exc:
            # OverflowError: the driver packing an int outside 64 bits (a query parameter).
            raise StoreError(f"{where}{db}: {doing}: {exc}") from None

    def _sess(self) -> neo4j.Session:
        if self._session is None:
            self._session = self._driver.session(database=self.database)
        return self._session

    def check(self) -> None:
        """Connecting checked the server and the credentials; this checks the database."""
        with self._errors("cannot connect"):
            self._driver.execute_query("RETURN 1", database_=self.database)

    def ensure_schema(self) -> None:
        for statement in neo4j_schema_statements():
            with self._errors("creating constraints and indexes"):
                self._driver.execute_query(statement, database_=self.database)

    def write_batch(self, cypher: str, rows: Sequence[Any]) -> BatchCounters:
        def work(tx: neo4j.ManagedTransaction) -> neo4j.ResultSummary:
            return tx.run(cypher, rows=list(rows)).consume()

        with self._errors("write failed"):
            summary = self._sess().execute_write(work)
        counters = summary.counters
        return BatchCounters(counters.nodes_created, counters.relationships_created,
                             counters.properties_set)

    def query(self, cypher: str, params: Mapping[str, Any] | None = None, *,
              read_only: bool = True) -> QueryResult:
        # A READ transaction: Neo4j refuses any write in it ("Writing in read access mode
        # not allowed"), whatever the query text says.
        routing = neo4j.RoutingControl.READ if read_only else neo4j.RoutingControl.WRITE
        with self._errors("query failed", query=True):
            records, _, keys = self._driver.execute_query(
                cypher, dict(params or {}), database_=self.database, routing_=routing,
            )
        rows = [[plain(v, _graph_value) for v in record.values()] for record in records]
        return QueryResult(columns=list(keys), rows=rows)

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None
        self._driver.close()


def _graph_value(value: Any) -> Any:
    """A Neo4j node or relationship as a dict of its properties, a path as its parts, else None."""
    if isinstance(value, neo4j.graph.Node | neo4j.graph.Relationship):
        return plain(dict(value.items()))
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [plain(n, _graph_value) for n in value.nodes],
                "relationships": [plain(r, _graph_value) for r in value.relationships]}
    return None


def _first_line(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return str(text).strip().splitlines()[0]
