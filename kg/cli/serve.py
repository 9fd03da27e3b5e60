"""`kg serve`: the graph as a local website (entity and paper pages, search, Cypher box)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli._common import user_errors


@click.command(name="serve")
@click.argument("out_dir", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="TCP port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind (the default is this machine only; the site has no "
                   "login, so think before binding 0.0.0.0).")
@click.option("--store", "store_uri", metavar="URI",
              help="Serve the graph this Neo4j/FalkorDB server holds instead of OUT_DIR: "
                   "pages read it once at start-up, the Cypher box asks it live. Neo4j "
                   "credentials from the URI or NEO4J_USER/NEO4J_PASSWORD.")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1),
              help="Seconds a Cypher box query may run (embedded engine).")
@click.option("--max-rows", default=1000, show_default=True, type=click.IntRange(1),
              help="Rows a Cypher box query may return.")
def command(out_dir: Path | None, port: int, host: str, store_uri: str | None, timeout: float,
            max_rows: int) -> None:
    """Browse OUT_DIR (the output of `kg build`, or its graph.json), or the graph a
    Neo4j/FalkorDB server holds (--store URI), as a local website.

    \b
    kg serve out/                 # then open http://127.0.0.1:8000/
    kg serve --store falkordb://localhost:6379/kg --port 8080
    """
    from kg.serve import graph_path, serve

    if (out_dir is None) == (store_uri is None):
        raise click.UsageError("give OUT_DIR (a `kg build` output) or --store URI, not both")
    if out_dir is not None:
        if not graph_path(out_dir).is_file():
            raise click.ClickException(
                f"{out_dir}: no graph.json (run `kg build ... --out {out_dir}`)")
        click.echo(f"kg serve: loading {graph_path(out_dir)}", err=True)
    elif store_uri is not None:
        from kg.store import parse_uri

        with user_errors():
            click.echo(f"kg serve: reading the graph from {parse_uri(store_uri).redacted()}",
                       err=True)

    def progress(what: str, count: int) -> None:
        click.echo(f"kg serve: {count:,} {what}", err=True)

    with user_errors():
        click.echo(f"kg serve: http://{host}:{port}/ (Ctrl-C to stop)", err=True)
        serve(out_dir, host=host, port=port, store=store_uri, timeout=timeout,
              max_rows=max_rows, on_progress=progress)
