"""``kg spark-build --store``: the Spark build's tables written into a running graph server
by the project's own batched writer, one connection per partition.

The tables are read back from the build's Parquet output, one DataFrame per label and per
relationship type, and each partition sends its rows through :func:`kg.store.base.write_steps`
with the steps :mod:`kg.store.cypher` makes (:func:`~kg.store.cypher.node_step`,
:func:`~kg.store.cypher.relationship_step`, :func:`~kg.store.cypher.relabel_cleanup`): the
same MERGE statements, schema checks, store limits and refusals as ``kg build --store``.

Order, as :func:`kg.store.cypher.write_plan` gives it for a whole graph: the schema's
constraints and indexes once from the driver; every label's nodes; the clean-up of entities
whose type vote was split (after the nodes, so that a refused node's old copy is kept as
``kg build --store`` keeps it); then the relationships. Each table is one Spark job, so no
relationship is sent before every node has been committed.

Locks: a relationship MERGE locks both its nodes. Relationship tables are partitioned by
start node, so no two partitions ever merge the same pair (no duplicate from a race) and
start nodes are never contended; the rows of each transaction are sent ordered by end node,
so the contended locks (entities many papers point to) are taken in one order by every
transaction and no two can wait on each other. Anything transient left (a deadlock the
server still reports, a leader switch) is retried by the managed transactions of
:class:`~kg.store.neo4j_store.Neo4jStore` (``Session.execute_write``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial, reduce
from itertools import groupby, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from kg.store import StoreTarget, WriteSummary

__all__ = ["store_tables"]


def store_tables(spark: SparkSession, out: Path, target: StoreTarget, *,
                 batch_size: int, partitions: int,
                 on_progress: Callable[[str], None]) -> WriteSummary:
    """Write the tables of the build in ``out`` (``out/parquet/``) to ``target``.

    ``on_progress`` gets one line per table written. Returns the summary of the whole write
    (refused rows counted, one line each in ``problems``); :class:`~kg.errors.StoreError` or
    :class:`~kg.errors.SchemaError` as the first partition that failed reported it (what was
    committed before stays, and a re-run merges over it).
    """
    from pyspark.sql import functions as F

    from kg.schema import load_schema
    from kg.store import WriteSummary
    from kg.store.cypher import node_columns, relationship_columns

    schema = load_schema()
    tables = out / "parquet"
    started = time.perf_counter()
    with target.open() as store:
        store.ensure_schema()
        summary = WriteSummary(uri=store.uri.redacted())
    summary.setup_seconds = time.perf_counter() - started
    started = time.perf_counter()
    sc = spark.sparkContext
    refused: set[Any] = set()

    def run(stem: str, kind: str, name: str, frame: DataFrame, known: Any = None) -> None:
        task = partial(_store_partition, target=target, kind=kind, name=name,
                       batch_size=batch_size, refused=known)
        created_before = summary.nodes_created + summary.relationships_created
        rows = 0
        for result in frame.rdd.mapPartitions(task).collect():
            if result[0] == "error":
                raise _error(result[1], result[2])
            _, part, rows_sent, keys = result
            summary.merge(part)
            rows += rows_sent
            refused.update(keys)
        created = summary.nodes_created + summary.relationships_created - created_before
        on_progress(f"stored {stem}: {rows} rows, {created} created")

    for label in sorted(schema.nodes):
        frame = spark.read.parquet(str(tables / f"nodes_{label}")).select(
            *node_columns(schema.nodes[label]))
        run(f"nodes_{label}", "node", label, frame)

    known = sc.broadcast(frozenset(refused))
    for label in sorted(schema.nodes):
        columns = node_columns(schema.nodes[label])
        if "type_alternatives" not in columns:
            continue
        # Few rows (entities whose vote was split): one partition, one connection, no two
        # transactions deleting around the same papers at once.
        frame = (spark.read.parquet(str(tables / f"nodes_{label}")).select(*columns)
                 .where(F.size("type_alternatives") > 0).coalesce(1))
        run(f"clean-up of split nodes_{label}", "cleanup", label, frame, known)

    for type_ in sorted(schema.relationships):
        spec = schema.relationships[type_]
        frame = spark.read.parquet(str(tables / f"rels_{type_}"))
        frame = _with_endpoint_labels(spark, tables, frame, spec.sources, spec.targets, schema)
        frame = (frame.select("start", "end", *relationship_columns(spec), "start_label",
                              "end_label")
                 .repartition(partitions, "start").sortWithinPartitions("start", "end"))
        run(f"rels_{type_}", "relationship", type_, frame, known)
    known.destroy()
    summary.seconds = time.perf_counter() - started
    return summary


def _with_endpoint_labels(spark: SparkSession, tables: Path, frame: DataFrame,
                          sources: Iterable[str], targets: Iterable[str], schema: Any
                          ) -> DataFrame:
    """``frame`` with ``start_label`` and ``end_label``: the one label the schema allows
    there, or, where it allows several (a dataset or a benchmark), the label of the node
    table holding that key (a join; null if none does)."""
    from pyspark.sql import functions as F

    for side, labels in (("start", list(sources)), ("end", list(targets))):
        column = f"{side}_label"
        if len(labels) == 1:
            frame = frame.withColumn(column, F.lit(labels[0]))
            continue
        keys = reduce(lambda a, b: a.unionByName(b), [
            spark.read.parquet(str(tables / f"nodes_{label}"))
            .select(F.col(schema.nodes[label].key).alias(side), F.lit(label).alias(column))
            for label in sorted(labels)])
        frame = frame.join(keys, on=side, how="left")
    return frame


# -- in the executors -------------------------------------------------------------------------

def _store_partition(rows: Iterable[Any], *, target: StoreTarget, kind: str, name: str,
                     batch_size: int, refused: Any) -> Iterator[tuple[Any, ...]]:
    """Write one partition of a table: one connection, one transaction per ``batch_size``
    rows. Yields ("done", WriteSummary, rows sent, keys of nodes refused here), or
    ("error", class name, message) for a store or schema problem (the driver raises it)."""
    from kg.errors import KgError
    from kg.store.base import write_steps

    rows = iter(rows)
    first = list(islice(rows, batch_size))
    if not first:
        return  # no connection for an empty partition
    seen: set[Any] = set(refused.value) if refused is not None else set()
    refused_here: set[Any] = set()
    total = sent = None
    try:
        with target.open() as store:
            chunk = first
            while chunk:
                steps = _steps(kind, name, [list(row) for row in chunk])
                before = set(seen)
                part = write_steps(store, steps, batch_size=batch_size, refused=seen)
                refused_here |= seen - before
                if total is None:
                    total, sent = part, 0
                else:
                    total.merge(part)
                sent = (sent or 0) + sum(len(step.rows) for step in steps)
                chunk = list(islice(rows, batch_size))
    except KgError as exc:
        yield "error", type(exc).__name__, str(exc)
        return
    yield "done", total, sent, sorted(refused_here, key=str)


def _steps(kind: str, name: str, rows: list[list[Any]]) -> list[Any]:
    """The write steps for a chunk of one table's rows (see :func:`store_tables`)."""
    from kg.store.cypher import node_step, relabel_cleanup, relationship_step

    if kind == "node":
        return [node_step(name, rows)]
    if kind == "cleanup":
        return relabel_cleanup({name: rows})
    # Relationship rows end with the two endpoint labels; one step per label pair, and
    # within each the rows by end node: every transaction locks the shared end nodes in
    # the same order (see the module's docstring).
    rows.sort(key=lambda row: (str(row[-2]), str(row[-1]), row[1], row[0]))
    return [relationship_step(name, source, target, [row[:-2] for row in group])
            for (source, target), group in groupby(rows, key=lambda row: (row[-2], row[-1]))]


def _error(kind: str, message: str) -> Exception:
    from kg.errors import SchemaError, StoreError

    return SchemaError(message) if kind == "SchemaError" else StoreError(message)
