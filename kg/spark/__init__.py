"""The build on Apache Spark: the same graph as ``kg build``, with papers, mentions and edges
kept in partitions (``pip install 'kg[spark]'``; Java 17).

>>> from kg.spark import spark_build
>>> report = spark_build(["examples/hf-papers"], "out-spark")   # doctest: +SKIP

Stages, each reusing the local build's own code:

* read: one task per input file (:func:`kg.readers.file_records`); bad records and files
  come back to the driver as warning rows, in file order;
* deduplicate: only each record's ids and title go to the driver, where
  :class:`kg.readers.dedupe.Deduplicator` assigns records to papers in first-seen order; the
  records are then grouped by paper and merged (:func:`~kg.readers.dedupe.merge_papers`) in
  partitions;
* extract: one :class:`~kg.extract.Extractor` per executor process (``mapPartitions``);
* resolve: one :class:`~kg.graph.resolve.Resolver` filled per partition, merged with
  ``treeReduce`` (its tables hold distinct names, not papers) and resolved on the driver; the
  :class:`~kg.graph.resolve.Resolution` is broadcast;
* graph: each paper's edges by :func:`kg.graph.build.paper_edges` in partitions; paper
  counts, repositories and ``EVALUATED_ON`` by key aggregations;
* write: Parquet tables and ``neo4j-admin`` CSVs (one header per label/type, part files,
  ``import.sh``) into a temporary directory next to ``out``, which then replaces ``out``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import add
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

    from kg.readers import ReadStats

__all__ = ["SparkBuildReport", "spark_build", "spark_session"]

PathLike = str | os.PathLike[str]
WarningCallback = Callable[[str], None]
#: ``on_progress(message)``: one line per stage.
ProgressCallback = Callable[[str], None]

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
            builder = (builder.config("spark.driver.host", "127.0.0.1")
                       .config("spark.driver.bindAddress", "127.0.0.1"))
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


def _merge_group(records: Iterable[tuple[tuple[int, int], Any]]) -> Any:
    from kg.readers.dedupe import merge_papers

    ordered = sorted(records, key=lambda r: r[0])
    paper = ordered[0][1]
    for _, other in ordered[1:]:
        paper = merge_papers(paper, other)
    return paper


def _extract(papers: Iterable[Any]) -> Iterator[tuple[Any, list[str]]]:
    """(extraction, warnings) per paper, with this process's one Extractor."""
    global _EXTRACTOR
    from kg.extract.pipeline import Extractor, clip_papers

    if _EXTRACTOR is None:
        _EXTRACTOR = Extractor()
    notes: list[str] = []
    for extraction in _EXTRACTOR.pipe(clip_papers(papers, notes.append)):
        yield extraction, notes[:]
        notes.clear()


def _partial_resolver(rows: Iterable[tuple[Any, list[str]]]) -> Iterator[Any]:
    from kg.graph.resolve import Resolver

    resolver = Resolver(synonyms=())  # the shipped synonyms are added once, on the driver
    for extraction, _ in rows:
        resolver.add(extraction.paper.id, extraction.entities)
    yield resolver


def _share(row: tuple[Any, list[str]], resolution: Any) -> tuple[str, dict[str, Any], Any]:
    from kg.graph.build import paper_edges, paper_record

    record = paper_record(row[0])
    return row[0].paper.id, dict(sorted(record.attrs.items())), paper_edges(record, resolution)


# -- the driver -------------------------------------------------------------------------------

def spark_build(inputs: PathLike | Iterable[PathLike], out: PathLike, *,
                master: str | None = None, partitions: int | None = None,
                format: str | None = None, spark: SparkSession | None = None,
                on_warning: WarningCallback | None = None,
                on_progress: ProgressCallback | None = None) -> SparkBuildReport:
    """Build the graph of ``inputs`` on Spark into ``out`` (replaced whole at the end).

    ``master``: see :func:`spark_session` (ignored when ``spark`` is given).

    ``out`` receives ``parquet/nodes_<Label>/``, ``parquet/rels_<TYPE>/`` and
    ``neo4j-import/`` (headers, part files and ``import.sh``). Warnings (``file:line:
    reason``, the same as ``kg build``'s) go to ``on_warning``; :class:`InputError` when no
    paper could be read at all (``out`` is then left as it was).
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
    if spark is not None:
        return _build(spark, files, Path(out), partitions, format, warn, progress)
    session = spark_session(master)
    try:
        return _build(session, files, Path(out), partitions, format, warn, progress)
    finally:
        session.stop()


def _build(spark: SparkSession, files: list[str], out: Path, partitions: int | None,
           format: str | None, warn: WarningCallback, progress: ProgressCallback
           ) -> SparkBuildReport:
    from kg.fileio import swap_directory
    from kg.graph.build import entity_node_attrs, kept_entities, repository_node_attrs
    from kg.graph.resolve import Resolver
    from kg.readers import ReadStats
    from kg.readers.base import Record
    from kg.readers.dedupe import Deduplicator
    from kg.records import Paper

    sc = spark.sparkContext
    from pyspark import StorageLevel

    parts = partitions or max(2, sc.defaultParallelism)
    stats = ReadStats(files=len(files))

    progress(f"reading {len(files)} files")
    read = (sc.parallelize(list(enumerate(files)), max(1, min(len(files), parts)))
            .mapPartitions(lambda items: _read_files(items, format))
            .persist(StorageLevel.MEMORY_AND_DISK))
    for kind, _, _, message in sorted(read.filter(lambda r: r[0] != "r").collect(),
                                      key=lambda r: (r[1], r[2])):
        warn(message)
        if kind == "f":
            stats.files_skipped += 1
        else:
            stats.skipped += 1
    records = read.filter(lambda r: r[0] == "r")
    # Only ids and titles come to the driver: the Deduplicator's index, in first-seen order.
    keys = sorted(records.map(lambda r: ((r[1], r[2]), r[3].paper.id, r[3].alt_ids,
                                         r[3].paper.title)).collect())
    index = Deduplicator()
    assignment = []
    for order, paper_id, alt_ids, title in keys:
        probe = Record(Paper(paper_id, title, ""), alt_ids)
        found = index.find(probe)
        assignment.append((order, index.add(probe, found)))
    stats.read = len(keys)
    stats.entries = stats.read + stats.skipped
    stats.unique = index.count
    stats.duplicates = stats.read - stats.unique
    del keys
    if not stats.read:
        raise InputError(f"no paper could be read from the inputs ({stats.summary()})")

    progress(f"extracting {stats.unique} papers in {parts} partitions")
    papers = (records.map(lambda r: ((r[1], r[2]), r[3].paper))
              .join(sc.parallelize(assignment, parts), parts)
              .map(lambda kv: (kv[1][1], (kv[0], kv[1][0])))
              .groupByKey(parts)
              .map(lambda kv: _merge_group(kv[1])))
    del assignment
    extracted = papers.mapPartitions(_extract).persist(StorageLevel.MEMORY_AND_DISK)
    for message in extracted.flatMap(lambda row: row[1]).collect():
        warn(message)
    read.unpersist()

    progress("resolving entities")
    partial = extracted.mapPartitions(_partial_resolver).treeReduce(lambda a, b: a.merge(b))
    resolution = Resolver().merge(partial).resolve()
    del partial
    shared = sc.broadcast(resolution)
    shares = (extracted.map(lambda row: _share(row, shared.value))
              .persist(StorageLevel.MEMORY_AND_DISK))
    extracted.unpersist()

    paper_nodes = shares.map(lambda s: ("Paper", s[0], s[1]))
    paper_rels = shares.flatMap(lambda s: [(rel, s[0], target, {"type": rel, **props})
                                           for target, rel, props in s[2].edges])
    counts = dict(paper_rels.map(lambda e: (e[2], 1)).reduceByKey(add).collect())
    nodes = resolution.nodes
    keep = kept_entities(resolution, {n for n in nodes if counts.get(n)})
    entity_rows = []
    for node_id in sorted(keep):
        attrs = entity_node_attrs(nodes[node_id])
        attrs["paper_count"] = counts.get(node_id, 0)
        entity_rows.append((attrs["label"], node_id, attrs))
    shared_counts = sc.broadcast(counts)

    def repository_row(rid: str, url: str) -> tuple[str, str, dict[str, Any]]:
        attrs = repository_node_attrs(rid, url)
        attrs["paper_count"] = shared_counts.value.get(rid, 0)
        return "Repository", rid, attrs

    repositories = (shares.flatMap(lambda s: [(rid, (s[0], i, url)) for i, (rid, url)
                                               in enumerate(s[2].repositories)])
                    .reduceByKey(min)
                    .map(lambda kv: repository_row(kv[0], kv[1][2])))
    evaluated = (shares.flatMap(lambda s: [(pair, s[0]) for pair in s[2].cooccurrence])
                 .groupByKey(parts)
                 .map(lambda kv: ("EVALUATED_ON", kv[0][0], kv[0][1],
                                  {"type": "EVALUATED_ON", "count": len(set(kv[1])),
                                   "papers": sorted(set(kv[1]))})))
    variant_rows = [("VARIANT_OF", variant, base, {"type": "VARIANT_OF", "rule": rule})
                    for variant, (base, rule) in sorted(resolution.variants.items())
                    if variant in keep]
    # Persisted once: each label and type below is one filter over these.
    all_nodes = (paper_nodes.union(repositories).union(sc.parallelize(entity_rows, 1))
                 .persist(StorageLevel.MEMORY_AND_DISK))
    all_rels = (paper_rels.union(evaluated).union(sc.parallelize(variant_rows, 1))
                .persist(StorageLevel.MEMORY_AND_DISK))

    progress(f"writing {out}")
    report = SparkBuildReport(Path(out), stats)

    def fill(tmp: Path) -> None:
        report.label_counts, report.type_counts = _write_tables(
            spark, all_nodes, all_rels, tmp, parts)

    swap_directory(Path(out), fill)
    for cached in (all_nodes, all_rels, shares):
        cached.unpersist()
    return report


def _write_tables(spark: SparkSession, nodes: Any, rels: Any, out: Path,
                  parts: int) -> tuple[dict[str, int], dict[str, int]]:
    """Parquet and neo4j-admin files for every label and type, rows sorted by key."""
    from kg.graph.export import (
        csv_text,
        import_script,
        node_cells,
        node_header,
        rel_cells,
        rel_header,
    )
    from kg.schema import load_schema

    schema = load_schema()
    imports = out / "neo4j-import"
    imports.mkdir(parents=True)
    data_files: dict[str, list[str]] = {}
    label_counts = dict.fromkeys(sorted(schema.nodes), 0)
    label_counts.update(nodes.map(lambda n: n[0]).countByValue())
    type_counts = dict.fromkeys(sorted(schema.relationships), 0)
    type_counts.update(rels.map(lambda r: r[0]).countByValue())

    def sort_parts(count: int) -> int:
        # A small table is sorted in one partition: no sampling job, one part file.
        return parts if count > _ONE_PART_ROWS else 1

    def write_label(label: str) -> None:
        node_type = schema.node(label)
        columns = [node_type.properties[node_type.key], *(
            p for p in node_type.properties.values() if p.name != node_type.key)]
        rows = (nodes.filter(lambda n: n[0] == label)
                .sortBy(lambda n: n[1], numPartitions=sort_parts(label_counts[label]))
                .persist())
        stem = f"nodes_{label}"
        _write_parquet(spark, rows.map(lambda n: tuple(
            _cell(n[2].get(p.name) if p.name != "id" else n[1], p) for p in columns)),
            columns, out / "parquet" / stem)
        (imports / f"{stem}.header.csv").write_text(csv_text([node_header(label, schema)]),
                                                     encoding="utf-8")
        data_files[stem] = _write_csv_parts(rows.map(
            lambda n: csv_text([node_cells(label, n[1], n[2], schema)])[:-1]), imports, stem)
        rows.unpersist()

    def write_type(type_: str) -> None:
        props = list(schema.relationship(type_).properties.values())
        rows = (rels.filter(lambda r: r[0] == type_)
                .sortBy(lambda r: (r[1], r[2]), numPartitions=sort_parts(type_counts[type_]))
                .persist())
        stem = f"rels_{type_}"
        _write_parquet(spark, rows.map(lambda r: (r[1], r[2], *(
            _cell(r[3].get(p.name), p) for p in props))), None, out / "parquet" / stem, props)
        (imports / f"{stem}.header.csv").write_text(csv_text([rel_header(type_, schema)]),
                                                     encoding="utf-8")
        data_files[stem] = _write_csv_parts(rows.map(
            lambda r: csv_text([rel_cells(type_, r[1], r[2], r[3], schema)])[:-1]),
            imports, stem)
        rows.unpersist()

    # The tables are independent Spark jobs: submitted from a few threads at once, small
    # tables do not wait for each other's scheduling round trips. The files do not depend
    # on the order the jobs finish in.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=4) as pool:
        jobs = [pool.submit(write_label, label) for label in sorted(schema.nodes)]
        jobs += [pool.submit(write_type, type_) for type_ in sorted(schema.relationships)]
        for job in jobs:
            job.result()
    data_files = dict(sorted(data_files.items()))
    script = imports / "import.sh"
    script.write_text(import_script(schema, data_files), encoding="utf-8")
    script.chmod(0o755)
    return label_counts, type_counts


def _cell(value: Any, prop: Any) -> Any:
    if value is None:
        return None
    if prop.is_list:
        return [str(v) if prop.type == "string[]" else int(v) for v in value]
    return value


def _spark_type(prop: Any) -> Any:
    from pyspark.sql import types as T

    scalar = {"string": T.StringType(), "int": T.LongType(), "float": T.DoubleType(),
              "boolean": T.BooleanType()}
    if prop.is_list:
        return T.ArrayType(scalar[prop.type[:-2]])
    return scalar[prop.type]


def _write_parquet(spark: SparkSession, rows: Any, columns: list[Any] | None, path: Path,
                   rel_props: list[Any] | None = None) -> None:
    from pyspark.sql import types as T

    if columns is not None:
        fields = [T.StructField(p.name, _spark_type(p), True) for p in columns]
    else:
        fields = [T.StructField("start", T.StringType(), False),
                  T.StructField("end", T.StringType(), False),
                  *(T.StructField(p.name, _spark_type(p), True) for p in rel_props or [])]
    spark.createDataFrame(rows, T.StructType(fields)).write.parquet(str(path))
    _tidy_parts(path, ".parquet")


def _write_csv_parts(lines: Any, directory: Path, stem: str) -> list[str]:
    lines.saveAsTextFile(str(directory / stem))
    return [f"{stem}/{name}" for name in _tidy_parts(directory / stem, ".csv")]


def _tidy_parts(path: Path, suffix: str) -> list[str]:
    """Drop Hadoop's checksum and _SUCCESS files and give the part files stable names
    (``part-00000.csv``): a re-run writes the same file names."""
    names = []
    for entry in sorted(path.iterdir()):
        if entry.name.startswith((".", "_")):
            entry.unlink()
        elif entry.name.startswith("part-"):
            name = f"{entry.name[:10]}{suffix}"
            entry.rename(path / name)
            names.append(name)
    return sorted(names)

