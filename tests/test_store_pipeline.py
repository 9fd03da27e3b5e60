"""write_steps prepares the next batch while the current one is written, and sends nothing
early: batch N+1 goes out only after batch N committed and on_progress(N) returned."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from kg.records import QueryResult
from kg.store.base import BatchCounters, GraphStore, write_steps
from kg.store.cypher import WriteStep
from kg.store.uri import parse_uri


class RecordingStore(GraphStore):
    """Records what happens in order; ``prepare_batch`` blocks until its batch may run."""

    def __init__(self, *, prepares: bool) -> None:
        self.uri = parse_uri("falkordb://127.0.0.1:1/g")
        self.events: list[tuple[str, Any]] = []
        self.lock = threading.Lock()
        self.prepares = prepares
        self.threads: set[str] = set()

    def log(self, *event: Any) -> None:
        with self.lock:
            self.events.append(event)

    def ensure_schema(self) -> None:
        pass

    def prepare_batch(self, cypher: str, rows: Sequence[Mapping[str, Any]]) -> Any:
        if not self.prepares:
            return super().prepare_batch(cypher, rows)
        self.threads.add(threading.current_thread().name)
        self.log("prepare", rows[0]["key"])
        return ("prepared", cypher, list(rows))

    def write_prepared(self, prepared: Any) -> BatchCounters:
        if self.prepares:
            assert prepared[0] == "prepared"
            prepared = prepared[1:]
        return super().write_prepared(prepared)

    def write_batch(self, cypher: str, rows: Sequence[Mapping[str, Any]]) -> BatchCounters:
        self.log("write", rows[0]["key"])
        return BatchCounters(nodes_created=len(rows))

    def query(self, cypher: str, params: Mapping[str, Any] | None = None) -> QueryResult:
        raise NotImplementedError

    def close(self) -> None:
        pass


def steps() -> list[WriteStep]:
    return [WriteStep("node", "A", "UNWIND $rows AS row RETURN 1",
                      [{"key": i, "props": {}} for i in range(5)]),
            WriteStep("node", "B", "UNWIND $rows AS row RETURN 2",
                      [{"key": 10 + i, "props": {}} for i in range(3)])]


@pytest.mark.parametrize("prepares", [True, False])
def test_batches_are_written_in_order_each_after_the_previous_progress(prepares: bool) -> None:
    store = RecordingStore(prepares=prepares)
    summary = write_steps(store, steps(), batch_size=2,
                          on_progress=lambda done, total: store.log("progress", done))
    assert summary.nodes == summary.nodes_created == 8 and summary.batches == 5
    writes = [e for e in store.events if e[0] != "prepare"]
    assert writes == [("write", 0), ("progress", 2), ("write", 2), ("progress", 4),
                      ("write", 4), ("progress", 5), ("write", 10), ("progress", 7),
                      ("write", 12), ("progress", 8)]
    if prepares:
        # Every batch was prepared once, in a worker thread, before it was written.
        prepared = [e[1] for e in store.events if e[0] == "prepare"]
        assert prepared == [0, 2, 4, 10, 12]
        for key in prepared:
            assert store.events.index(("prepare", key)) < store.events.index(("write", key))
        assert store.threads and all(t.startswith("kg-prepare") for t in store.threads)


def test_an_error_in_progress_stops_before_the_next_batch_is_sent() -> None:
    store = RecordingStore(prepares=True)

    def stop(done: int, total: int) -> None:
        if done >= 4:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_steps(store, steps(), batch_size=2, on_progress=stop)
    # The third batch may have been prepared, but only two were sent.
    assert [e for e in store.events if e[0] == "write"] == [("write", 0), ("write", 2)]


def test_one_row_batches_run_in_line() -> None:
    store = RecordingStore(prepares=True)
    write_steps(store, steps(), batch_size=1)
    assert store.threads == {threading.current_thread().name}
    assert [e[0] for e in store.events] == ["prepare", "write"] * 8
