"""`kg serve`: the graph as a local website (entity and paper pages, search, Cypher box)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli._common import user_errors


@click.command(name="serve")
@click.argument("out_dir", type=click.Path(exists=True, path_type=Path))
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="TCP port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind (the default is this machine only; the site has no "
                   "login, so think before binding 0.0.0.0).")
@click.option("--store", "store_uri", metavar="URI",
              help="Send the Cypher box's queries to this Neo4j/FalkorDB server instead of "
                   "the embedded engine (pages still come from graph.json).")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1),
              help="Seconds a Cypher box query may run (embedded engine).")
@click.option("--max-rows", default=1000, show_default=True, type=click.IntRange(1),
              help="Rows a Cypher box query may return.")
def command(out_dir: Path, port: int, host: str, store_uri: str | None, timeout: float,
            max_rows: int) -> None:
    """Browse OUT_DIR (the output of `kg build`, or its graph.json) as a local website.

    \b
    kg serve out/                 # then open http://127.0.0.1:8000/
    kg serve out/ --port 8080 --store falkordb://localhost:6379
    """
    from kg.serve import graph_path, serve

    if not graph_path(out_dir).is_file():
        raise click.ClickException(f"{out_dir}: no graph.json (run `kg build ... --out {out_dir}`)")
    click.echo(f"kg serve: loading {graph_path(out_dir)}", err=True)
    with user_errors():
        click.echo(f"kg serve: http://{host}:{port}/ (Ctrl-C to stop)", err=True)
        serve(out_dir, host=host, port=port, store=store_uri, timeout=timeout,
              max_rows=max_rows)
