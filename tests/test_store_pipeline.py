"""write_steps sends batches in order, one at a time: batch N+1 goes out only after batch N
committed and on_progress(N) returned, so an error in on_progress stops the write there. A
batch fills up with the rows of consecutive steps of one kind, as one composed statement."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from kg.records import QueryResult
from kg.store.base import BatchCounters, GraphStore, write_steps
from kg.store.cypher import WriteStep
from kg.store.uri import parse_uri


class RecordingStore(GraphStore):
    """Records writes and progress calls in the order they happen."""

    def __init__(self) -> None:
        self.uri = parse_uri("falkordb://127.0.0.1:1/g")
        self.events: list[tuple[str, Any]] = []
        self.statements: list[str] = []

    def ensure_schema(self) -> None:
        pass

    def write_batch(self, cypher: str, rows: Sequence[Any]) -> BatchCounters:
        # rows[i] holds the rows of the i-th composed part: record each part's first key.
        self.events.append(("write", [part[0][0] for part in rows]))
        self.statements.append(cypher)
        return BatchCounters(nodes_created=sum(len(part) for part in rows))

    def query(self, cypher: str, params: Mapping[str, Any] | None = None) -> QueryResult:
        raise NotImplementedError

    def close(self) -> None:
        pass


def steps() -> list[WriteStep]:
    return [WriteStep("node", "A", "UNWIND $rows AS row\nCREATE (:A)", ("id",),
                      [[i] for i in range(5)]),
            WriteStep("node", "B", "UNWIND $rows AS row\nCREATE (:B)", ("id",),
                      [[10 + i] for i in range(3)]),
            WriteStep("relationship", "R", "UNWIND $rows AS row\nCREATE ()-[:R]->()",
                      ("source", "target"), [[20, 21]])]


def test_batches_are_written_in_order_each_after_the_previous_progress() -> None:
    store = RecordingStore()
    summary = write_steps(store, steps(), batch_size=2,
                          on_progress=lambda done, total: store.events.append(("progress", done)))
    assert (summary.nodes, summary.relationships, summary.batches) == (8, 1, 5)
    # The third batch takes A's last row and B's first; the relationship is never mixed in.
    assert store.events == [("write", [0]), ("progress", 2), ("write", [2]), ("progress", 4),
                            ("write", [4, 10]), ("progress", 6), ("write", [11]),
                            ("progress", 8), ("write", [20]), ("progress", 9)]
    assert store.statements[2] == ("UNWIND $rows[0] AS row\nCREATE (:A)\n"
                                   "WITH count(*) AS done_0\n"
                                   "UNWIND $rows[1] AS row\nCREATE (:B)")


def test_an_error_in_progress_stops_before_the_next_batch_is_sent() -> None:
    store = RecordingStore()

    def stop(done: int, total: int) -> None:
        if done >= 4:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_steps(store, steps(), batch_size=2, on_progress=stop)
    assert store.events == [("write", [0]), ("write", [2])]
