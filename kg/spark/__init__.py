"""The build on Apache Spark: the same graph as ``kg build``, with papers, mentions and edges
kept in partitions (``pip install 'kg[spark]'``; Java 17).

>>> from kg.spark import spark_build
>>> report = spark_build(["examples/hf-papers"], "out-spark")   # doctest: +SKIP

Stages, each reusing the local build's own code:

* read: one task per input file (:func:`kg.readers.file_records`); bad records and files
  come back to the driver as warning rows, in file order;
* deduplicate: only each record's ids and title go to the driver, where
  :class:`kg.readers.dedupe.Deduplicator` assigns records to papers in first-seen order and
  :func:`~kg.readers.dedupe.merge_papers` (on id-only stand-ins) gives each paper its id;
* one shuffle: the records go to the partition of their paper's id range, sorted, and each
  paper's records are merged there (``merge_papers``), so every table that comes from papers
  is sorted by paper id across the partitions without another sort;
* extract: one :class:`~kg.extract.Extractor` per executor process (``mapPartitions``); each
  partition keeps compact records (:func:`kg.graph.build.paper_record`, persisted once) and
  fills one :class:`~kg.graph.resolve.Resolver`;
* resolve: the partial resolvers (tables of distinct names, not papers) merged with
  ``treeReduce`` and resolved on the driver; the :class:`~kg.graph.resolve.Resolution` is
  broadcast;
* graph and write: each partition writes its part of the Paper nodes and of every Paper
  relationship table (:func:`kg.graph.build.paper_edges`) as Parquet (pyarrow) and
  ``neo4j-admin`` CSV (:func:`kg.graph.export.node_cells`, ``rel_cells``) straight into a
  temporary directory next to ``out``; paper counts, repositories and ``EVALUATED_ON`` by key
  aggregations, entities and variants from the driver; then the directory replaces ``out``.
  The output must be on a file system every executor and the driver share;
* store (``store=``): the Parquet tables into a running server, one connection per
  partition, nodes before relationships (:mod:`kg.spark.store`).
"""

from __future__ import annotations

import os
import sys
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from operator import add
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

    from kg.readers import ReadStats
    from kg.store import WriteSummary

__all__ = ["SparkBuildReport", "spark_build", "spark_session"]

PathLike = str | os.PathLike[str]
WarningCallback = Callable[[str], None]
#: ``on_progress(message)``: one line per stage.
ProgressCallback = Callable[[str], None]

#: Driver heap of a local session (tasks run in the driver's JVM there), unless
#: ``$KG_SPARK_DRIVER_MEMORY`` or ``config={"spark.driver.memory": ...}`` says otherwise.
LOCAL_DRIVER_MEMORY = "4g"
DRIVER_MEMORY_VARIABLE = "KG_SPARK_DRIVER_MEMORY"

#: Tables with at most this many rows are written as one part file.
_ONE_PART_ROWS = 50_000

_EXTRACTOR: Any = None  # one Extractor per executor process, built on first use


def spark_session(master: str | None = None, *, app_name: str = "kg spark-build",
                  config: dict[str, str] | None = None) -> SparkSession:
    """The SparkSession to build with. Under ``spark-submit`` (``master`` None) that is the
    submitted one; otherwise ``master`` (default ``local[2]``). A local session is bound to
    loopback, so the driver never listens on another interface; executors run this Python;
    the web UI is off."""
    from pyspark.sql import SparkSession

    submitted = master is None and "PYSPARK_GATEWAY_PORT" in os.environ
    builder = SparkSession.builder.appName(app_name)
    if not submitted:
        master = master or "local[2]"
        builder = builder.master(master)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        if master.startswith("local"):
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            # In local mode the tasks and their cached partitions live in the driver's JVM:
            # Spark's default 1 GiB heap died at 1M papers (docs/spark.md, Memory).
            memory = os.environ.get(DRIVER_MEMORY_VARIABLE, LOCAL_DRIVER_MEMORY)
            builder = (builder.config("spark.driver.host", "127.0.0.1")
                       .config("spark.driver.bindAddress", "127.0.0.1")
                       .config("spark.driver.memory", memory))
    builder = (builder.config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.session.timeZone", "UTC"))
    for key, value in (config or {}).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


@dataclass(slots=True)
class SparkBuildReport:
    """What :func:`spark_build` wrote: counts per label and type, the reading statistics."""

    out: Path
    reading: ReadStats
    label_counts: dict[str, int] = field(default_factory=dict)
    type_counts: dict[str, int] = field(default_factory=dict)
    #: What was written to the store (``store=``), else None.
    store: WriteSummary | None = None


# -- tasks (run in executors) ---------------------------------------------------------------

def _read_files(items: Iterable[tuple[int, str]], format: str | None
                ) -> Iterator[tuple[str, int, int, Any]]:
    """("r", file, n, Record) per good record; ("w", ...) per bad one; ("f", ...) for a file
    that could not be read (after any records read before the problem)."""
    from kg.readers import file_records
    from kg.readers.base import Record

    for index, path in items:
        n = 0
        try:
            for n, item in enumerate(file_records(Path(path), format)):
                if isinstance(item, Record):
                    yield ("r", index, n, item)
                else:
                    yield ("w", index, n, str(item))
        except InputError as problem:
            yield ("f", index, n + 1, str(problem))


def _read_summary(row: tuple[str, int, int, Any]) -> tuple[str, int, int, Any]:
    """What the driver needs of a read row: a warning as it is; of a record only its ids and
    title (for deduplication), never its text."""
    kind, index, n, item = row
    if kind == "r":
        return kind, index, n, (item.paper.id, item.alt_ids, item.paper.title)
    return row


def _merged_papers(rows: Iterable[tuple[tuple[str, Any, Any], Any]]) -> Iterator[Any]:
    """One paper per run of rows with the same (paper id, first record): the rows arrive
    sorted by (paper id, first record, record), so each paper's records are merged in the
    order they were read, as ``kg build`` merges them."""
    from kg.readers.dedupe import merge_papers

    for _, group in groupby(rows, key=lambda row: row[0][:2]):
        paper = None
        for _, other in group:
            paper = other if paper is None else merge_papers(paper, other)
        yield paper


def _extract_partition(rows: Iterable[tuple[tuple[str, Any, Any], Any]]
                       ) -> Iterator[tuple[str, Any, Any]]:
    """("x", paper id, compact record) per paper in the partition's id order, then one
    ("s", partial Resolver, warnings): the partition's share of the corpus-wide tables.
    One Extractor per executor process, built on first use."""
    global _EXTRACTOR
    from kg.extract.pipeline import Extractor, clip_papers
    from kg.graph.build import paper_record
    from kg.graph.resolve import Resolver
    from kg.schema import load_schema

    if _EXTRACTOR is None:
        _EXTRACTOR = Extractor()
    allowed = set(load_schema().node("Paper").properties)
    resolver = Resolver(synonyms=())  # the shipped synonyms are added once, on the driver
    notes: list[str] = []
    for extraction in _EXTRACTOR.pipe(clip_papers(_merged_papers(rows), notes.append)):
        resolver.add(extraction.paper.id, extraction.entities)
        yield "x", extraction.paper.id, paper_record(extraction, allowed)
    yield "s", resolver, notes


def _merge_summaries(a: tuple[Any, list[str]], b: tuple[Any, list[str]]
                     ) -> tuple[Any, list[str]]:
    return a[0].merge(b[0]), a[1] + b[1]


def _paper_tables(index: int, rows: Iterable[tuple[str, str, Any]], resolution: Any,
                  out: str) -> Iterator[tuple[str, Any, Any]]:
    """Write part ``index`` of the Paper nodes and of every Paper relationship table (the
    partition holds one range of paper ids, sorted), and yield what the corpus-wide tables
    need: ("c", node id, papers reaching it), ("r", repository id, (paper id, position,
    url)), ("e", (method, dataset or benchmark), paper id), ("f", file stem, rows written)."""
    from kg.graph.build import paper_edges

    tables = _TableParts(Path(out), index)
    counts: Counter[str] = Counter()
    for _, paper_id, record in rows:
        edges = paper_edges(record, resolution)
        tables.node("Paper", paper_id, record.attrs)
        for target, rel, props in edges.edges:
            tables.rel(rel, paper_id, target, {"type": rel, **props})
            counts[target] += 1
        for position, (rid, url) in enumerate(edges.repositories):
            yield "r", rid, (paper_id, position, url)
        for pair in edges.cooccurrence:
            yield "e", pair, paper_id
    yield from (("c", target, n) for target, n in counts.items())
    yield from (("f", stem, n) for stem, n in tables.close().items())


def _table_part(out: str, index: int, name: str, rows: Iterable[tuple[Any, ...]]
                ) -> Iterator[tuple[str, str, int]]:
    """Write part ``index`` of one table (label or type ``name``) from sorted ``rows``:
    (node id, attrs) for nodes, (start, end, attrs) for relationships."""
    tables = _TableParts(Path(out), index)
    for row in rows:
        if len(row) == 2:
            tables.node(name, row[0], row[1])
        else:
            tables.rel(name, row[0], row[1], row[2])
    yield from (("f", stem, n) for stem, n in tables.close().items())


# -- writing (executors and driver) -----------------------------------------------------------

#: Rows buffered per table part before they are written (one Parquet row group).
_CHUNK_ROWS = 10_000


class _TableParts:
    """Part ``index`` of the tables one task writes: ``parquet/<stem>/part-<index>.parquet``
    and ``neo4j-import/<stem>/part-<index>.csv`` (``<stem>`` is ``nodes_<Label>`` or
    ``rels_<TYPE>``). Each file is written under a temporary name and renamed when complete,
    so a retried task leaves the same files; a part with no rows leaves no file."""

    def __init__(self, out: Path, index: int) -> None:
        from kg.schema import load_schema

        self.out, self.index = out, index
        self.schema = load_schema()
        self.parts: dict[str, _TablePart] = {}

    def node(self, label: str, node_id: str, attrs: dict[str, Any]) -> None:
        from kg.graph.export import node_cells

        part = self._part(f"nodes_{label}", label)
        part.add(node_cells(label, node_id, attrs, self.schema),
                 [node_id if p.name == part.key else _cell(attrs.get(p.name), p)
                  for p in part.columns])

    def rel(self, type_: str, start: str, end: str, attrs: dict[str, Any]) -> None:
        from kg.graph.export import rel_cells

        part = self._part(f"rels_{type_}", type_)
        part.add(rel_cells(type_, start, end, attrs, self.schema),
                 [start, end, *(_cell(attrs.get(p.name), p) for p in part.columns)])

    def _part(self, stem: str, name: str) -> _TablePart:
        part = self.parts.get(stem)
        if part is None:
            part = self.parts[stem] = _TablePart(self.out, stem, name, self.index, self.schema)
        return part

    def close(self) -> dict[str, int]:
        """Finish every part; rows written per file stem."""
        return {stem: part.close() for stem, part in sorted(self.parts.items())}


class _TablePart:
    def __init__(self, out: Path, stem: str, name: str, index: int, schema: Any) -> None:
        import pyarrow.parquet as pq

        if name in schema.nodes:
            node_type = schema.node(name)
            self.key: str | None = node_type.key
            self.columns = [node_type.properties[node_type.key], *(
                p for p in node_type.properties.values() if p.name != node_type.key)]
        else:
            self.key = None
            self.columns = list(schema.relationship(name).properties.values())
        self.arrow_schema = _arrow_schema(self.columns, relationship=self.key is None)
        self.csv_path = out / "neo4j-import" / stem / f"part-{index:05d}.csv"
        self.parquet_path = out / "parquet" / stem / f"part-{index:05d}.parquet"
        for path in (self.csv_path, self.parquet_path):
            path.parent.mkdir(parents=True, exist_ok=True)
        self.csv_tmp = self.csv_path.with_name(f".{self.csv_path.name}.tmp")
        self.parquet_tmp = self.parquet_path.with_name(f".{self.parquet_path.name}.tmp")
        self.csv = self.csv_tmp.open("w", encoding="utf-8", newline="")
        self.parquet = pq.ParquetWriter(str(self.parquet_tmp), self.arrow_schema)
        self.cells: list[list[str]] = []
        self.values: list[list[Any]] = []
        self.rows = 0

    def add(self, cells: list[str], values: list[Any]) -> None:
        self.cells.append(cells)
        self.values.append(values)
        if len(self.cells) >= _CHUNK_ROWS:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        from kg.graph.export import csv_text

        if not self.cells:
            return
        self.csv.write(csv_text(self.cells))
        columns = list(zip(*self.values, strict=True))
        self.parquet.write_table(pa.Table.from_arrays(
            [pa.array(column, type=f.type) for column, f in zip(columns, self.arrow_schema,
                                                                 strict=True)],
            schema=self.arrow_schema))
        self.rows += len(self.cells)
        self.cells, self.values = [], []

    def close(self, *, keep_empty: bool = False) -> int:
        self._flush()
        self.csv.close()
        self.parquet.close()
        for tmp, path in ((self.csv_tmp, self.csv_path), (self.parquet_tmp, self.parquet_path)):
            if self.rows or keep_empty:
                os.replace(tmp, path)
            else:
                tmp.unlink()
        return self.rows


def _cell(value: Any, prop: Any) -> Any:
    if value is None:
        return None
    if prop.is_list:
        return [str(v) if prop.type == "string[]" else int(v) for v in value]
    return value


def _arrow_schema(props: list[Any], *, relationship: bool) -> Any:
    """The Parquet columns of a table: ``start`` and ``end`` for relationships, then one
    column per schema property (lists as arrays)."""
    import pyarrow as pa

    scalar = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(),
              "boolean": pa.bool_()}
    fields = [pa.field("start", pa.string(), False), pa.field("end", pa.string(), False)
              ] if relationship else []
    for prop in props:
        type_ = pa.list_(scalar[prop.type[:-2]]) if prop.is_list else scalar[prop.type]
        fields.append(pa.field(prop.name, type_, True))
    return pa.schema(fields)


def _finish_tables(out: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Headers, an empty part for a table with no rows (so every table has its columns),
    ``import.sh`` listing every part file; rows per label and per type."""
    import pyarrow.parquet as pq

    from kg.graph.export import csv_text, import_script, node_header, rel_header
    from kg.schema import load_schema

    schema = load_schema()
    imports = out / "neo4j-import"
    data_files: dict[str, list[str]] = {}
    label_counts: dict[str, int] = {}
    type_counts: dict[str, int] = {}
    stems = [(f"nodes_{label}", label, label_counts) for label in sorted(schema.nodes)]
    stems += [(f"rels_{type_}", type_, type_counts) for type_ in sorted(schema.relationships)]
    for stem, name, counts in stems:
        header = node_header(name, schema) if name in schema.nodes else rel_header(name, schema)
        (imports / f"{stem}.header.csv").write_text(csv_text([header]), encoding="utf-8")
        csv_dir, parquet_dir = imports / stem, out / "parquet" / stem
        if not sorted(csv_dir.glob("part-*.csv")):
            _TablePart(out, stem, name, 0, schema).close(keep_empty=True)
        names = sorted(p.name for p in csv_dir.glob("part-*.csv"))
        data_files[stem] = [f"{stem}/{name_}" for name_ in names]
        counts[name] = sum(pq.ParquetFile(p).metadata.num_rows
                           for p in sorted(parquet_dir.glob("part-*.parquet")))
    script = imports / "import.sh"
    script.write_text(import_script(schema, dict(sorted(data_files.items()))),
                      encoding="utf-8")
    script.chmod(0o755)
    return label_counts, type_counts


# -- the driver -------------------------------------------------------------------------------

def spark_build(inputs: PathLike | Iterable[PathLike], out: PathLike, *,
                master: str | None = None, partitions: int | None = None,
                format: str | None = None, spark: SparkSession | None = None,
                store: str | None = None, user: str | None = None,
                password: str | None = None, database: str | None = None,
                batch_size: int | None = None,
                on_warning: WarningCallback | None = None,
                on_progress: ProgressCallback | None = None) -> SparkBuildReport:
    """Build the graph of ``inputs`` on Spark into ``out`` (replaced whole at the end).

    ``master``: see :func:`spark_session` (ignored when ``spark`` is given).

    ``out`` receives ``parquet/nodes_<Label>/``, ``parquet/rels_<TYPE>/`` and
    ``neo4j-import/`` (headers, part files and ``import.sh``). Warnings (``file:line:
    reason``, the same as ``kg build``'s) go to ``on_warning``; :class:`InputError` when no
    paper could be read at all (``out`` is then left as it was).

    ``store``: also write the graph to this server (a URI :func:`kg.store.open_store`
    takes, with ``user``, ``password``, ``database`` as there, ``batch_size`` rows per
    transaction), from the Parquet tables, one connection per partition
    (:mod:`kg.spark.store`); checked before the build starts, as ``kg build --store`` does.
    Rows over the store's limits are refused alone, each one a warning, and counted in
    ``report.store``.
    """
    from kg.readers import FORMATS
    from kg.readers.files import expand_paths

    warn = on_warning or (lambda message: print(f"warning: {message}", file=sys.stderr))
    progress = on_progress or (lambda message: None)
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    if format is not None and format not in FORMATS:
        raise InputError(f"unknown format {format!r} (choose from {', '.join(FORMATS)})")
    files: list[str] = []
    for path in expand_paths(inputs):
        if isinstance(path, InputError):
            warn(str(path))
        else:
            files.append(str(path))
    if not files:
        raise InputError("no input files")
    target = None
    if store:
        from kg.store import DEFAULT_BATCH_SIZE, store_target

        target = store_target(store, user=user, password=password, database=database)
        batch_size = DEFAULT_BATCH_SIZE if batch_size is None else batch_size
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            from kg.errors import StoreError

            raise StoreError(f"batch size must be a positive integer, not {batch_size!r}")
        with target.open() as checked:  # a wrong port or password shows now, not after
            checked.check()             # the whole build
    session = spark if spark is not None else spark_session(master)
    try:
        report = _build(session, files, Path(out), partitions, format, warn, progress)
        if target is not None:
            from kg.spark.store import store_tables

            assert batch_size is not None
            report.store = store_tables(
                session, Path(out), target, batch_size=batch_size,
                partitions=partitions or max(2, session.sparkContext.defaultParallelism),
                on_progress=progress)
            for problem in report.store.problems:
                warn(problem)
        return report
    finally:
        if spark is None:
            session.stop()


@dataclass(slots=True)
class _Papers:
    """The deduplication's outcome, decided on the driver from ids and titles only."""

    #: record (file, line) -> (paper id, first record) for records of papers read more than
    #: once; every other record is a paper by itself (its own id, itself first)
    groups: dict[tuple[int, int], tuple[str, tuple[int, int]]]
    #: paper ids splitting the sorted papers into partitions of about equal size
    boundaries: list[str]


def _deduplicate(summary: list[tuple[str, int, int, Any]], parts: int, stats: ReadStats,
                 warn: WarningCallback) -> _Papers:
    """Warnings in file order, and records assigned to papers with the readers' own
    Deduplicator; a paper's id is the one :func:`~kg.readers.dedupe.merge_papers` gives its
    records merged in reading order (computed here on id-only stand-ins)."""
    from kg.readers.base import Record
    from kg.readers.dedupe import Deduplicator, merge_papers
    from kg.records import Paper

    index = Deduplicator()
    heads: list[list[Any]] = []  # per paper: [id, first record, number of records]
    assigned: list[tuple[tuple[int, int], int]] = []
    for kind, file_index, n, item in summary:
        if kind != "r":
            warn(item)
            if kind == "f":
                stats.files_skipped += 1
            else:
                stats.skipped += 1
            continue
        paper_id, alt_ids, title = item
        probe = Record(Paper(paper_id, title, ""), alt_ids)
        found = index.find(probe)
        paper = index.add(probe, found)
        if found is None:
            heads.append([paper_id, (file_index, n), 1])
        else:
            head = heads[paper]
            head[0] = merge_papers(Paper(head[0], "", ""), Paper(paper_id, "", "")).id
            head[2] += 1
        assigned.append(((file_index, n), paper))
    stats.read = len(assigned)
    stats.entries = stats.read + stats.skipped
    stats.unique = index.count
    stats.duplicates = stats.read - stats.unique
    groups = {order: (heads[paper][0], heads[paper][1]) for order, paper in assigned
              if heads[paper][2] > 1}
    ids = sorted(head[0] for head in heads)
    boundaries = [ids[i * len(ids) // parts] for i in range(1, parts)] if ids else []
    return _Papers(groups, boundaries)


def _build(spark: SparkSession, files: list[str], out: Path, partitions: int | None,
           format: str | None, warn: WarningCallback, progress: ProgressCallback
           ) -> SparkBuildReport:
    from pyspark import StorageLevel

    from kg.fileio import swap_directory
    from kg.graph.build import entity_node_attrs, kept_entities, repository_node_attrs
    from kg.graph.resolve import Resolver
    from kg.readers import ReadStats

    sc = spark.sparkContext
    parts = partitions or max(2, sc.defaultParallelism)
    stats = ReadStats(files=len(files))

    progress(f"reading {len(files)} files")
    read = (sc.parallelize(list(enumerate(files)), max(1, min(len(files), parts)))
            .mapPartitions(lambda items: _read_files(items, format))
            .persist(StorageLevel.MEMORY_AND_DISK))
    # Streamed a partition at a time (collect() holds every record's ids and title in the
    # driver's JVM at once, beside the cached records).
    summary = sorted(read.map(_read_summary).toLocalIterator(), key=lambda row: (row[1], row[2]))
    papers = _deduplicate(summary, parts, stats, warn)
    del summary
    if not stats.read:
        read.unpersist()
        raise InputError(f"no paper could be read from the inputs ({stats.summary()})")

    progress(f"extracting {stats.unique} papers in {parts} partitions")
    groups, boundaries = sc.broadcast(papers.groups), papers.boundaries
    del papers

    def paper_key(row: tuple[str, int, int, Any]) -> tuple[tuple[str, Any, Any], Any]:
        order = (row[1], row[2])
        paper_id, first = groups.value.get(order) or (row[3].paper.id, order)
        return (paper_id, first, order), row[3].paper

    # One shuffle: each paper's records meet in the partition of its id range, sorted, so
    # every table derived from papers comes out sorted by paper id across the partitions.
    extracted = (read.filter(lambda row: row[0] == "r").map(paper_key)
                 .repartitionAndSortWithinPartitions(
                     parts, lambda key: bisect_right(boundaries, key[0]))
                 .mapPartitions(_extract_partition)
                 .persist(StorageLevel.MEMORY_AND_DISK))
    partial, notes = (extracted.filter(lambda row: row[0] == "s")
                      .map(lambda row: (row[1], row[2]))
                      .treeReduce(_merge_summaries))
    read.unpersist()
    groups.destroy()
    for message in sorted(notes):
        warn(message)

    progress("resolving entities")
    resolution = Resolver().merge(partial).resolve()
    del partial
    shared = sc.broadcast(resolution)
    report = SparkBuildReport(Path(out), stats)

    def fill(tmp: Path) -> None:
        target = str(tmp)
        progress(f"writing {out}")
        aggregates = (extracted.filter(lambda row: row[0] == "x")
                      .mapPartitionsWithIndex(
                          lambda i, rows: _paper_tables(i, rows, shared.value, target))
                      .persist(StorageLevel.MEMORY_AND_DISK))
        counts = dict(aggregates.filter(lambda row: row[0] == "c")
                      .map(lambda row: (row[1], row[2])).reduceByKey(add).collect())
        extracted.unpersist()

        # The entities and variants: tables of distinct names, already on the driver.
        nodes = resolution.nodes
        keep = kept_entities(resolution, {n for n in nodes if counts.get(n)})
        tables = _TableParts(tmp, 0)
        for node_id in sorted(keep):
            attrs = entity_node_attrs(nodes[node_id])
            attrs["paper_count"] = counts.get(node_id, 0)
            tables.node(attrs["label"], node_id, attrs)
        for variant, (base, rule) in sorted(resolution.variants.items()):
            if variant in keep:
                tables.rel("VARIANT_OF", variant, base, {"type": "VARIANT_OF", "rule": rule})
        tables.close()

        repo_counts = sc.broadcast({k: n for k, n in counts.items() if k.startswith("repo:")})

        def repository(row: tuple[str, tuple[str, int, str]]) -> tuple[str, dict[str, Any]]:
            rid, first = row  # first: (paper id, position, URL) of its first mention
            attrs = repository_node_attrs(rid, first[2])
            attrs["paper_count"] = repo_counts.value.get(rid, 0)
            return rid, attrs

        (aggregates.filter(lambda row: row[0] == "r").map(lambda row: (row[1], row[2]))
         .reduceByKey(min)
         .sortByKey(numPartitions=_sort_parts(len(repo_counts.value), parts))
         .mapPartitionsWithIndex(lambda i, rows: _table_part(
             target, i, "Repository", map(repository, rows)))
         .collect())
        (aggregates.filter(lambda row: row[0] == "e").map(lambda row: (row[1], row[2]))
         .groupByKey(parts).mapValues(lambda ids: sorted(set(ids)))
         .sortByKey(numPartitions=parts)
         .mapPartitionsWithIndex(lambda i, rows: _table_part(
             target, i, "EVALUATED_ON", map(_evaluated_on, rows)))
         .collect())
        aggregates.unpersist()
        repo_counts.destroy()
        report.label_counts, report.type_counts = _finish_tables(tmp)

    try:
        swap_directory(Path(out), fill)
    finally:
        extracted.unpersist()
        shared.destroy()
    return report


def _evaluated_on(row: tuple[tuple[str, str], list[str]]) -> tuple[str, str, dict[str, Any]]:
    (method, data), papers = row
    return method, data, {"type": "EVALUATED_ON", "count": len(papers), "papers": papers}


def _sort_parts(rows: int, parts: int) -> int:
    # A small table is sorted in one partition: no sampling job, one part file.
    return parts if rows > _ONE_PART_ROWS else 1
