"""write_steps sends batches in order, one at a time: batch N+1 goes out only after batch N
committed and on_progress(N) returned, so an error in on_progress stops the write there."""

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

    def ensure_schema(self) -> None:
        pass

    def write_batch(self, cypher: str, rows: Sequence[Sequence[Any]]) -> BatchCounters:
        self.events.append(("write", rows[0][0]))
        return BatchCounters(nodes_created=len(rows))

    def query(self, cypher: str, params: Mapping[str, Any] | None = None) -> QueryResult:
        raise NotImplementedError

    def close(self) -> None:
        pass


def steps() -> list[WriteStep]:
    return [WriteStep("node", "A", "UNWIND $rows AS row RETURN 1", ("id",),
                      [[i] for i in range(5)]),
            WriteStep("node", "B", "UNWIND $rows AS row RETURN 2", ("id",),
                      [[10 + i] for i in range(3)])]


def test_batches_are_written_in_order_each_after_the_previous_progress() -> None:
    store = RecordingStore()
    summary = write_steps(store, steps(), batch_size=2,
                          on_progress=lambda done, total: store.events.append(("progress", done)))
    assert summary.nodes == summary.nodes_created == 8 and summary.batches == 5
    assert store.events == [("write", 0), ("progress", 2), ("write", 2), ("progress", 4),
                            ("write", 4), ("progress", 5), ("write", 10), ("progress", 7),
                            ("write", 12), ("progress", 8)]


def test_an_error_in_progress_stops_before_the_next_batch_is_sent() -> None:
    store = RecordingStore()

    def stop(done: int, total: int) -> None:
        if done >= 4:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_steps(store, steps(), batch_size=2, on_progress=stop)
    assert store.events == [("write", 0), ("write", 2)]
