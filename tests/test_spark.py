"""``kg spark-build`` on a real Spark in local mode (2 workers): the same graph as ``kg build``,
identical files on a re-run, and bad input reported as ``kg build`` reports it.

One SparkSession serves the module (starting Spark costs seconds)."""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.spark import spark_build, spark_session

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "hf-papers"


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    session = spark_session("local[2]", config={"spark.sql.shuffle.partitions": "2"})
    yield session
    session.stop()


@pytest.fixture(scope="module")
def spark_out(spark: object, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("spark") / "out"
    spark_build([EXAMPLES], out, spark=spark, partitions=2, on_warning=lambda m: None)
    return out


def _files(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_graph_as_kg_build(spark: object, spark_out: Path, tmp_path: Path) -> None:
    import kg
    from kg.graph import write_neo4j_import

    G = kg.build(EXAMPLES, on_warning=lambda m: None)
    local = write_neo4j_import(G, tmp_path / "local")
    spark_dir = spark_out / "neo4j-import"
    stems = sorted(p.name[: -len(".header.csv")] for p in local.glob("*.header.csv"))
    assert stems == sorted(p.name[: -len(".header.csv")] for p in spark_dir.glob("*.header.csv"))
    for stem in stems:
        assert (spark_dir / f"{stem}.header.csv").read_text() == \
            (local / f"{stem}.header.csv").read_text()
        parts = sorted((spark_dir / stem).glob("part-*.csv"))
        # Rows sorted by key in both: the part files, in order, are kg build's CSV.
        assert "".join(p.read_text(encoding="utf-8") for p in parts) == \
            (local / f"{stem}.csv").read_text(encoding="utf-8"), stem

    # The Parquet tables hold every node with every property kg build gives it.
    nodes = {}
    for table in sorted((spark_out / "parquet").glob("nodes_*")):
        label = table.name[len("nodes_"):]
        for row in spark.read.parquet(str(table)).collect():  # type: ignore[attr-defined]
            nodes[row["id"]] = {"label": label, **{k: v for k, v in row.asDict().items()
                                                   if v is not None}}
    expected = {n: {k: v for k, v in a.items() if v is not None} for n, a in G.nodes(data=True)}
    assert nodes == expected
    edges = set()
    for table in sorted((spark_out / "parquet").glob("rels_*")):
        type_ = table.name[len("rels_"):]
        for row in spark.read.parquet(str(table)).collect():  # type: ignore[attr-defined]
            props = {k: v for k, v in row.asDict().items() if k not in ("start", "end")}
            edges.add((row["start"], row["end"], type_, repr(sorted(props.items()))))
    assert edges == {(u, v, k, repr(sorted((p, x) for p, x in a.items() if p != "type")))
                     for u, v, k, a in G.edges(keys=True, data=True)}


def test_rerun_gives_identical_files(spark: object, spark_out: Path) -> None:
    before = _files(spark_out)
    spark_build([EXAMPLES], spark_out, spark=spark, partitions=2, on_warning=lambda m: None)
    assert _files(spark_out) == before
    assert not [p for p in spark_out.parent.iterdir() if p.name != "out"]  # no temp dir left


def test_bad_input_warns_like_kg_build(spark: object, tmp_path: Path) -> None:
    from kg.readers import read_papers

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.jsonl").write_text(
        '{"id": "x1", "title": "BERT on GLUE", "abstract": "We fine-tune BERT on GLUE."}\n'
        '{"id": "x2", "title": broken\n'
        '{"id": "x3", "title": "ResNet", "abstract": "ResNet-50 on ImageNet."}\n')
    (inputs / "b.jsonl").write_text("")
    (inputs / "c.jsonl.gz").write_bytes(gzip.compress(b'{"id": "y"}\n')[:-12])  # truncated
    expected = read_papers([inputs]).warnings
    assert len(expected) == 3
    warnings: list[str] = []
    out = tmp_path / "out"
    report = spark_build([inputs], out, spark=spark, on_warning=warnings.append)
    assert warnings == expected
    assert (report.reading.read, report.reading.skipped, report.reading.files_skipped) == \
        (2, 1, 2)
    assert report.label_counts["Paper"] == 2

    # Nothing readable: an error, and the previous output is left as it was.
    before = _files(out)
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "b.jsonl").write_text("\n")
    warnings.clear()
    with pytest.raises(InputError, match="no paper could be read"):
        spark_build([empty], out, spark=spark, on_warning=warnings.append)
    assert warnings == read_papers([empty]).warnings
    assert _files(out) == before
