"""What every store offers, and the write loop they share.

A store is opened on a :class:`~kg.store.uri.StoreURI`, creates its indexes and constraints
(:meth:`GraphStore.ensure_schema`), runs one batch of rows per transaction
(:meth:`GraphStore.write_batch`) and answers queries (:meth:`GraphStore.query`). The loop in
:func:`write_steps` is the same for all of them, so batching, ordering, progress and the
summary cannot drift between Neo4j and FalkorDB.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from kg.records import QueryResult
from kg.store.cypher import WriteStep, compose
from kg.store.limits import Limits, plainly_fits, short, store_limit_problems
from kg.store.uri import StoreURI

__all__ = ["DEFAULT_BATCH_SIZE", "BatchCounters", "GraphStore", "WriteSummary", "write_steps"]

#: Rows per transaction. Large enough to amortise the round trip, small enough for a
#: transaction to stay a few MB (see scripts/bench_store.py for the measurements).
DEFAULT_BATCH_SIZE = 1000

#: ``on_progress(done, total)``: rows written so far and rows in the whole write.
ProgressCallback = Callable[[int, int], None]


@dataclass(slots=True)
class BatchCounters:
    """What the server reports it changed for one statement."""

    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0


@dataclass(slots=True)
class WriteSummary:
    """What a :func:`kg.store.write_graph` call sent and what the server changed.

    ``nodes``/``relationships`` are the rows sent; ``*_created`` come from the server's
    counters, so a re-run over the same graph reports zero created. ``seconds`` is the time
    the batches took; ``setup_seconds`` the time before the first one (building the rows from
    the graph, connecting, creating indexes and constraints).
    """

    uri: str
    nodes: int = 0
    relationships: int = 0
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    batches: int = 0
    seconds: float = 0.0
    setup_seconds: float = 0.0
    #: Rows the store could not take (:mod:`kg.store.limits`), not sent: nodes and
    #: relationships refused for their own values, relationships skipped for touching a
    #: refused node; ``problems`` has one line per refused row.
    nodes_refused: int = 0
    relationships_refused: int = 0
    relationships_skipped: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, counters: BatchCounters) -> None:
        self.nodes_created += counters.nodes_created
        self.relationships_created += counters.relationships_created
        self.properties_set += counters.properties_set

    def merge(self, other: WriteSummary) -> None:
        """Add the counts and problems of ``other``, a part of the same write (one Spark
        partition's), to these; times are left alone (parts run side by side)."""
        for name in ("nodes", "relationships", "nodes_created", "relationships_created",
                     "properties_set", "batches", "nodes_refused", "relationships_refused",
                     "relationships_skipped"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.problems.extend(other.problems)

    def __str__(self) -> str:
        return (
            f"{self.uri}: wrote {self.nodes} nodes and {self.relationships} relationships "
            f"in {self.batches} batches ({self.nodes_created} nodes and "
            f"{self.relationships_created} relationships created, "
            f"{self.properties_set} properties set) in {self.seconds:.1f}s "
            f"(after {self.setup_seconds:.1f}s building rows, connecting, creating the schema)"
            + self._refusals()
        )

    def _refusals(self) -> str:
        if not (self.nodes_refused or self.relationships_refused or self.relationships_skipped):
            return ""
        return (f"; refused {self.nodes_refused} nodes and {self.relationships_refused} "
                f"relationships over the store's limits, skipped {self.relationships_skipped} "
                "relationships touching a refused node")


class GraphStore(ABC):
    """A connection to one graph (Neo4j database or FalkorDB graph)."""

    uri: StoreURI
    #: What the server cannot store (checked before sending); None: no checks.
    limits: Limits | None = None

    def check(self) -> None:
        """Fail now (StoreError) if the server, credentials or database would fail a write.

        Opening a store already connects and authenticates; stores override this where
        more is needed (Neo4j: the database exists). Cheap: one round trip at most.
        """
        return None  # not abstract: a store whose connection checks everything needs nothing

    @abstractmethod
    def ensure_schema(self) -> None:
        """Create the schema's constraints and indexes if they do not exist yet."""

    @abstractmethod
    def write_batch(self, cypher: str, rows: Sequence[Any]) -> BatchCounters:
        """Run ``cypher`` with ``$rows`` in ONE transaction: all rows are written or none."""

    @abstractmethod
    def query(self, cypher: str, params: Mapping[str, Any] | None = None, *,
              read_only: bool = True) -> QueryResult:
        """Run a query; nodes and relationships come back as dicts of their properties.

        Read-only unless ``read_only=False``: the server refuses a query that would write.
        """

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def write_steps(
    store: GraphStore,
    steps: Sequence[WriteStep],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_progress: ProgressCallback | None = None,
    refused: set[Any] | None = None,
) -> WriteSummary:
    """Send every step's rows in batches of ``batch_size``, one transaction per batch.

    A batch takes rows from consecutive steps of the same kind (clean-ups, nodes or
    relationships, in that order, never mixed) until it holds ``batch_size``, as one
    statement (:func:`~kg.store.cypher.compose`), so a graph's many small steps cost a few
    round trips, not one each. ``on_progress(done, total)`` is called after each committed
    batch; an exception it raises stops the write there (everything committed so far stays,
    and a re-run merges over it without duplicates).

    ``refused``: the keys of nodes refused so far in a write done in parts (a Spark job's
    partitions, nodes before relationships); relationships and clean-ups touching them are
    skipped, and the keys of nodes these steps refuse are added to it (see
    :func:`within_limits`).
    """
    summary = WriteSummary(uri=store.uri.redacted())
    if store.limits is not None:
        steps = within_limits(steps, store.limits, summary, refused=refused)
    total = sum(len(step.rows) for step in steps)
    done = 0
    started = time.perf_counter()
    for parts in _transactions(steps, batch_size):
        cypher = compose([step.cypher for step, _ in parts])
        summary.add(store.write_batch(cypher, [rows for _, rows in parts]))
        summary.batches += 1
        for step, rows in parts:
            if step.kind == "node":
                summary.nodes += len(rows)
            elif step.kind == "relationship":
                summary.relationships += len(rows)
            done += len(rows)
        if on_progress is not None:
            on_progress(done, total)
    summary.seconds = time.perf_counter() - started
    return summary


def within_limits(steps: Sequence[WriteStep], limits: Limits, summary: WriteSummary, *,
                  refused: set[Any] | None = None) -> list[WriteStep]:
    """``steps`` without the rows the store cannot take, each counted in ``summary`` with
    one line in ``summary.problems`` (nodes and relationships refused alone, relationships
    and clean-ups touching a refused node skipped), so one bad value never fails the write
    or the server.

    ``refused`` (updated in place): keys of nodes refused before these steps, whose
    relationships and clean-ups are skipped too; the keys these node steps refuse are added.
    """
    from kg.schema import load_schema

    schema = load_schema()
    if refused is None:
        refused = set()
    kept: dict[int, list[list[Any]]] = {}
    for i, step in enumerate(steps):
        if step.kind == "node":
            spec = schema.nodes.get(step.name)
            kept[i] = _node_rows(step, limits, set(spec.indexes) if spec else set(),
                                 refused, summary)
    for i, step in enumerate(steps):
        if step.kind == "relationship":
            kept[i] = _relationship_rows(step, limits, refused, summary)
        elif step.kind != "node":  # a clean-up: [key], the key of a node written below
            kept[i] = [row for row in step.rows if _hashable(row[0]) not in refused]
    return [WriteStep(step.kind, step.name, step.cypher, step.columns, kept[i])
            for i, step in enumerate(steps)]


def _node_rows(step: WriteStep, limits: Limits, indexed: set[str], refused: set[Any],
               summary: WriteSummary) -> list[list[Any]]:
    """The rows of a node step the store takes; the others' keys go into ``refused``."""
    rows = []
    indexed_at = [i for i, name in enumerate(step.columns) if name in indexed]
    for row in step.rows:
        if plainly_fits(row, limits, (0,), indexed_at):
            rows.append(row)
            continue
        problems = store_limit_problems(dict(zip(step.columns, row, strict=True)), limits,
                                        keys=step.columns[:1], indexed=indexed)
        if problems:
            refused.add(_hashable(row[0]))
            summary.nodes_refused += 1
            summary.problems.append(f"{step.name} {short(str(row[0]))} not written: "
                                    + "; ".join(problems))
        else:
            rows.append(row)
    return rows


def _relationship_rows(step: WriteStep, limits: Limits, refused: set[Any],
                       summary: WriteSummary) -> list[list[Any]]:
    """The rows of a relationship step the store takes (endpoints written, values fit)."""
    rows = []
    for row in step.rows:
        if _hashable(row[0]) in refused or _hashable(row[1]) in refused:
            summary.relationships_skipped += 1
            continue
        if plainly_fits(row, limits, (), ()):
            rows.append(row)
            continue
        problems = store_limit_problems(dict(zip(step.columns[2:], row[2:], strict=True)),
                                        limits)
        if problems:
            summary.relationships_refused += 1
            summary.problems.append(f"{step.name} {short(str(row[0]), 60)} -> "
                                    f"{short(str(row[1]), 60)} not written: "
                                    + "; ".join(problems))
        else:
            rows.append(row)
    return rows


def _hashable(value: Any) -> Any:
    """A key as a set member (a list key, which no server would accept, as a tuple)."""
    return tuple(value) if isinstance(value, list) else value


def _transactions(
    steps: Sequence[WriteStep], batch_size: int
) -> Iterator[list[tuple[WriteStep, list[list[Any]]]]]:
    """``[(step, rows), ...]`` per transaction: at most ``batch_size`` rows, one kind of step.

    >>> from kg.store.cypher import WriteStep
    >>> steps = [WriteStep("node", "A", "", ("id",), [[1], [2], [3]]),
    ...          WriteStep("node", "B", "", ("id",), [[4]]),
    ...          WriteStep("relationship", "R", "", ("source", "target"), [[1, 4]])]
    >>> [[(step.name, rows) for step, rows in parts] for parts in _transactions(steps, 2)]
    [[('A', [[1], [2]])], [('A', [[3]]), ('B', [[4]])], [('R', [[1, 4]])]]
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch size must be a positive integer, not {batch_size!r}")
    parts: list[tuple[WriteStep, list[list[Any]]]] = []
    room = batch_size
    for step in steps:
        if parts and parts[-1][0].kind != step.kind:
            yield parts
            parts, room = [], batch_size
        start = 0
        while start < len(step.rows):
            rows = step.rows[start:start + room]
            parts.append((step, rows))
            start += len(rows)
            room -= len(rows)
            if room == 0:
                yield parts
                parts, room = [], batch_size
    if parts:
        yield parts


def plain(value: Any, graph_value: Callable[[Any], Any] | None = None) -> Any:
    """A JSON-friendly copy of ``value``: lists, dicts, str, int, float, bool, None.

    ``graph_value`` turns a driver's own node, relationship or path object into a dict (and
    returns None for anything else); it is applied at every level of nesting.
    """
    if graph_value is not None:
        converted = graph_value(value)
        if converted is not None:
            return converted
    if isinstance(value, Mapping):
        return {str(k): plain(v, graph_value) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v, graph_value) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    iso = getattr(value, "isoformat", None)
    if callable(iso):
        return iso()
    return str(value)
