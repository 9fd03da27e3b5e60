"""`kg build`: read -> extract -> resolve -> graph, then write every output."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli._common import input_format_option, store_options, store_uri, user_errors, warn


@click.command(name="build")
@click.argument("inputs", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--out", "-o", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output directory (created): graph.json, graph.graphml, neo4j-import/, "
                   "graph.html.")
@input_format_option("input_format")
@click.option("--processes", "-p", type=click.IntRange(min=1), default=1, show_default=True,
              help="Extractor worker processes.")
@click.option("--strict", is_flag=True, help="Stop at the first bad input record.")
@click.option("--no-html", is_flag=True, help="Do not write graph.html.")
@store_options("the graph")
def command(inputs: tuple[Path, ...], out: Path, input_format: str | None, processes: int,
            strict: bool, no_html: bool, store: str | None, user: str | None,
            password: str | None, database: str | None, batch_size: int | None) -> None:
    """Build the knowledge graph of the papers in INPUT... (files or directories) into OUT.

    Writes OUT/graph.json (node-link, the native file that `kg view`, `kg stats` and
    `kg query` read), OUT/graph.graphml (Gephi, Cytoscape, yEd), OUT/neo4j-import/ (CSV
    files and import.sh for `neo4j-admin database import full`) and OUT/graph.html, then
    prints the number of nodes per label and relationships per type.

    \b
    kg build examples/hf-papers --out out
    kg build papers.jsonl --out out --processes 2 --no-html
    NEO4J_PASSWORD=... kg build examples/hf-papers --out out --store bolt://localhost:7687
    """
    from kg import api

    store = store_uri(store, database)
    bars: dict[str, object] = {}

    def on_progress(stage: str, done: int, total: int | None) -> None:
        from tqdm import tqdm

        bar = bars.get(stage)
        if bar is None:
            desc = {"read": "reading", "extract": "extracting", "store": "writing"}[stage]
            bar = bars[stage] = tqdm(total=total, desc=desc, unit="paper" if stage != "store"
                                     else "row", file=sys.stderr, disable=None, leave=False)
        assert isinstance(bar, tqdm)
        if total is not None and bar.total != total:
            bar.total = total
        bar.update(done - bar.n)

    def on_warning(message: str) -> None:
        for bar in bars.values():
            bar.clear()  # type: ignore[attr-defined]
        warn(message)

    with user_errors():
        try:
            report = api.build_outputs(
                inputs, out, format=input_format, processes=processes, strict=strict,
                html=not no_html, store=store, user=user, password=password, database=database,
                batch_size=batch_size, on_warning=on_warning, on_progress=on_progress)
        finally:
            for bar in bars.values():
                bar.close()  # type: ignore[attr-defined]
    for note in report.notes:
        warn(note)
    if report.reading is not None:
        click.echo(report.reading.summary(), err=True)
    labels, types = report.label_counts(), report.type_counts()
    width = max(map(len, [*labels, *types]))
    click.echo("nodes")
    for label, n in labels.items():
        click.echo(f"  {label:<{width}}  {n:>7}")
    click.echo("relationships")
    for type_, n in types.items():
        click.echo(f"  {type_:<{width}}  {n:>7}")
    for name, path in report.files.items():
        click.echo(f"wrote {path}" + ("/" if name == "neo4j-import" else ""), err=True)
    if report.store is not None:
        click.echo(str(report.store), err=True)
