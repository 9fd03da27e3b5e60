"""`kg stats`: what is in the graph, what dominates, what goes with what."""

from __future__ import annotations

import click

from kg.cli._common import user_errors


@click.command(name="stats")
@click.argument("graph", type=click.Path())
@click.option("--json", "fmt", flag_value="json", help="Everything as one JSON object.")
@click.option("--markdown", "fmt", flag_value="markdown", help="Markdown tables.")
@click.option("--text", "fmt", flag_value="text", default=True, help="Plain tables (default).")
@click.option("--plot", "plot_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Also write PNG charts into DIR (top-N bars per type, method x dataset "
                   "heatmap, papers per month).")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True,
              help="Length of every ranking.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the Louvain community detection.")
def command(graph: str, fmt: str, plot_dir: str | None, top: int, seed: int) -> None:
    """Counts, rankings, PageRank, method x dataset pairs, share of papers with code,
    components, communities and papers per month of GRAPH (graph.json from `kg build`).

    \b
    kg stats out/graph.json
    kg stats out/graph.json --markdown --top 10 --plot out/charts
    """
    from kg.analysis.report import format_stats
    from kg.analysis.stats import graph_stats
    from kg.graph import load_graph

    with user_errors():
        G = load_graph(graph)
        stats = graph_stats(G, top=top, seed=seed)
        if plot_dir:
            from kg.analysis.plots import write_plots

            paths = write_plots(G, plot_dir, top=top, stats=stats)
            click.echo(f"wrote {len(paths)} charts to {plot_dir}", err=True)
    click.echo(format_stats(stats, fmt), nl=False)
