"""Write graphs to graph servers and query them: Neo4j (official driver) and FalkorDB.

Example (needs a running server)::

    from kg.store import write_graph, run_query
    summary = write_graph(G, "neo4j://localhost:7687", user="neo4j", password="...")
    run_query("falkordb://localhost:6379/kg", "MATCH (m:Method) RETURN m.name AS name")

Credentials come from the arguments, then the URI, then the environment (``NEO4J_URI``,
``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``). A password never appears in a
message: every error is a one-line :class:`~kg.errors.StoreError` naming the redacted URI.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.errors import StoreError
from kg.store.base import DEFAULT_BATCH_SIZE, GraphStore, ProgressCallback, WriteSummary
from kg.store.uri import StoreURI, parse_uri

if TYPE_CHECKING:
    import networkx as nx

    from kg.records import QueryResult

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "GraphStore",
    "StoreTarget",
    "StoreURI",
    "WriteSummary",
    "check_store",
    "open_store",
    "parse_uri",
    "run_query",
    "store_target",
    "write_graph",
]


def open_store(
    uri: str | None = None,
    *,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
) -> GraphStore:
    """Connect to the store at ``uri`` (default ``$NEO4J_URI``) and check it answers.

    Neo4j URIs (``neo4j://``, ``neo4j+s://``, ``bolt://``, ``bolt+s://``) take ``user``,
    ``password`` and ``database`` from the arguments, the URI or ``NEO4J_USER``,
    ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``. ``falkordb://[user:pass@]host:port[/graph]``
    takes them from the arguments or the URI (``database`` = graph name, default ``kg``).
    A URI path and a different ``database`` is a :class:`StoreError` (neither silently
    wins). Use it as a context manager; :class:`StoreError` if the server cannot be reached
    or refuses the credentials.
    """
    target = store_target(uri, user=user, password=password, database=database)
    parsed = parse_uri(target.uri)
    if parsed.kind == "falkordb":
        from kg.store.falkordb_store import FalkorDBStore

        return FalkorDBStore(parsed, user=target.user, password=target.password,
                             database=target.database)
    from kg.store.neo4j_store import Neo4jStore

    return Neo4jStore(parsed, user=target.user, password=target.password,
                      database=target.database)


@dataclass(frozen=True, slots=True)
class StoreTarget:
    """A store URI with the credentials and database :func:`open_store` would use for it,
    the environment already applied: what a Spark driver sends its executors, whose own
    environment may lack ``NEO4J_*``. ``repr`` shows no password (nor the URI's)."""

    uri: str
    user: str | None = None
    password: str | None = None
    database: str | None = None

    def __repr__(self) -> str:
        return (f"StoreTarget(uri={parse_uri(self.uri).redacted()!r}, user={self.user!r}, "
                f"database={self.database!r})")

    def open(self) -> GraphStore:
        return open_store(self.uri, user=self.user, password=self.password,
                          database=self.database)


def store_target(uri: str | None = None, *, user: str | None = None,
                 password: str | None = None, database: str | None = None) -> StoreTarget:
    """The URI (default ``$NEO4J_URI``), user, password and database :func:`open_store`
    connects with: the arguments, then the URI, then for Neo4j URIs only ``NEO4J_USER``,
    ``NEO4J_PASSWORD``, ``NEO4J_DATABASE`` (a Neo4j password is never sent to FalkorDB).

    >>> store_target("falkordb://127.0.0.1:6379/papers")
    StoreTarget(uri='falkordb://127.0.0.1:6379/papers', user=None, database=None)
    >>> store_target("neo4j://kg:secret@127.0.0.1")
    StoreTarget(uri='neo4j://kg:***@127.0.0.1:7687', user='kg', database=None)
    """
    uri = uri or os.environ.get("NEO4J_URI")
    if not uri:
        raise StoreError("no store URI given (pass one or set NEO4J_URI)")
    parsed = parse_uri(uri)
    if parsed.kind == "falkordb":
        return StoreTarget(uri, user, password, database)
    return StoreTarget(
        uri,
        user=user if user is not None else (parsed.user or os.environ.get("NEO4J_USER")),
        password=(password if password is not None
                  else (parsed.password or os.environ.get("NEO4J_PASSWORD"))),
        # The environment's database only when neither the caller nor the URI names one.
        database=database or (None if parsed.path else os.environ.get("NEO4J_DATABASE")),
    )


def check_store(uri: str | None = None, *, user: str | None = None,
                password: str | None = None, database: str | None = None) -> None:
    """Connect, authenticate and run a trivial query, then close: :class:`StoreError` now
    rather than after a long extraction (``kg build --store`` calls it first)."""
    with open_store(uri, user=user, password=password, database=database) as store:
        store.check()


def write_graph(
    G: nx.MultiDiGraph,
    uri: str | None = None,
    *,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_progress: ProgressCallback | None = None,
    create_schema: bool = True,
) -> WriteSummary:
    """Write ``G`` to a graph server: constraints and indexes, then batched MERGEs.

    Idempotent: nodes are merged on their key and relationships on (start, type, end), and
    properties are replaced, so a second run creates nothing, adding papers adds only theirs,
    and a run cut short and run again leaves no duplicates. Each batch of ``batch_size`` rows
    is one transaction (written whole or not at all).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph that follows ``schema/`` (as built by :func:`kg.graph.build_graph`).
    uri : str, optional
        Store URI (see :func:`open_store`); default ``$NEO4J_URI``.
    user, password, database : str, optional
        Credentials and database/graph name; see :func:`open_store`.
    batch_size : int
        Rows (nodes or relationships) per transaction.
    on_progress : callable, optional
        ``on_progress(done, total)`` after each committed batch (rows written so far, rows
        in total). An exception it raises stops the write after that batch.
    create_schema : bool
        Create constraints and indexes first (``False`` for servers that reject the DDL).

    Returns
    -------
    WriteSummary
        Rows sent, nodes/relationships created and properties set by the server, the time
        the batches took and the time before them (rows built, connection, schema), and
        the rows the store cannot take (:mod:`kg.store.limits`), refused alone and not
        sent: a count each and one line each in ``problems``.

    Raises
    ------
    SchemaError
        ``G`` has a label, type, endpoint pair or missing property the schema does not
        allow (checked before anything is written).
    StoreError
        Unreachable server, wrong credentials, unknown database, failed write, a batch size
        that is not a positive integer.

    Examples
    --------
    These need a server, so ``pytest --doctest-modules`` skips them;
    ``tests/test_store_e2e.py`` runs them on the test session's FalkorDB.

    >>> from kg.testing import sample_graph
    >>> write_graph(sample_graph(), "falkordb://127.0.0.1:6379/papers").nodes_created
    ... # doctest: +SKIP
    11
    """
    from kg.store.base import write_steps
    from kg.store.cypher import write_plan

    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise StoreError(f"batch size must be a positive integer, not {batch_size!r}")
    started = time.perf_counter()
    steps = write_plan(G)
    with open_store(uri, user=user, password=password, database=database) as store:
        if create_schema:
            store.ensure_schema()
        ready = time.perf_counter()
        summary = write_steps(store, steps, batch_size=batch_size, on_progress=on_progress)
    summary.setup_seconds = ready - started
    return summary


def run_query(
    uri: str | None,
    cypher: str,
    params: Mapping[str, Any] | None = None,
    *,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    read_only: bool = True,
) -> QueryResult:
    """Run one Cypher query on a server; values JSON-friendly (nodes -> property dicts).

    Read-only unless ``read_only=False``: the server refuses a query that would write.

    ``params`` are sent as query parameters (never pasted into the text).
    :class:`~kg.errors.QueryError` for a query the server rejects, :class:`StoreError` for
    connection, credential and database problems.

    Like :func:`write_graph`'s, this example needs a server (``tests/test_store_e2e.py`` runs
    it after that one):

    >>> run_query("falkordb://127.0.0.1:6379/papers", "MATCH (p:Paper) RETURN count(p) AS n")
    ... # doctest: +SKIP
    QueryResult(columns=['n'], rows=[[3]])
    """
    with open_store(uri, user=user, password=password, database=database) as store:
        return store.query(cypher, params, read_only=read_only)
