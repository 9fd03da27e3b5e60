"""`kg spark-build`: the build on Apache Spark (``pip install 'kg[spark]'``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli._common import input_format_option, store_options, store_uri, user_errors, warn


@click.command(name="spark-build")
@click.argument("inputs", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--out", "-o", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output directory, replaced whole at the end: parquet/ and neo4j-import/.")
@click.option("--master", default=None,
              help="Spark master: local[N], spark://host:port, yarn, ... [default: local[2]; "
                   "under spark-submit, the submitted session].")
@click.option("--partitions", type=click.IntRange(min=1), metavar="N",
              help="Partitions for papers and edges [default: Spark's default parallelism].")
@input_format_option("input_format")
@store_options("the graph (from the Parquet tables, one connection per partition)")
def command(inputs: tuple[Path, ...], out: Path, master: str, partitions: int | None,
            input_format: str | None, store: str | None, user: str | None,
            password: str | None, database: str | None, batch_size: int | None) -> None:
    """Build the knowledge graph of INPUT... on Apache Spark into OUT: the same graph as
    `kg build`, with papers, mentions and edges kept in partitions.

    Writes OUT/parquet/nodes_<Label>/ and rels_<TYPE>/ (Parquet) and OUT/neo4j-import/
    (one header per label and type, part files, import.sh for neo4j-admin). Needs the
    `spark` extra (pyspark) and Java 17. See docs/spark.md for clusters.

    \b
    kg spark-build examples/hf-papers --out out-spark
    kg spark-build arxiv-metadata.jsonl.gz --out out-spark --master local[4] --partitions 64
    NEO4J_PASSWORD=... kg spark-build examples/hf-papers --out out-spark --store bolt://localhost:7687
    """
    store = store_uri(store, database)
    try:
        from kg.spark import spark_build
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise click.ClickException(f"kg spark-build needs pyspark: pip install 'kg[spark]' "
                                   f"({exc})") from exc

    def on_progress(message: str) -> None:
        click.echo(f"spark-build: {message}", err=True)

    with user_errors():
        report = spark_build(inputs, out, master=master, partitions=partitions,
                             format=input_format, store=store, user=user, password=password,
                             database=database, batch_size=batch_size, on_warning=warn,
                             on_progress=on_progress)
    click.echo(report.reading.summary(), err=True)
    width = max(map(len, [*report.label_counts, *report.type_counts]))
    click.echo("nodes")
    for label, n in report.label_counts.items():
        click.echo(f"  {label:<{width}}  {n:>7}")
    click.echo("relationships")
    for type_, n in report.type_counts.items():
        click.echo(f"  {type_:<{width}}  {n:>7}")
    click.echo(f"wrote {report.out}/", err=True)
    if report.store is not None:
        click.echo(str(report.store), err=True)
    sys.stdout.flush()
