"""`kg query`: one Cypher query over the local graph.json (no server) or a graph server."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import click

from kg.cli._common import check_store_database, user_errors

_FORMATS = {"table": "table", "json": "json", "csv": "csv"}


def parse_param(text: str) -> tuple[str, Any]:
    """``name=value`` -> (name, value): JSON when it parses (ints, floats, true/false, null,
    lists, objects, quoted strings), otherwise the text as a string.

    >>> parse_param("n=5"), parse_param("name=ImageNet"), parse_param("ok=true")
    (('n', 5), ('name', 'ImageNet'), ('ok', True))
    """
    name, sep, raw = text.partition("=")
    name = name.strip()
    if not sep or not name.isidentifier():
        raise click.BadParameter(f"{text!r} is not NAME=VALUE", param_hint="--param")
    try:
        value = json.loads(raw, parse_constant=_reject_constant)
    except ValueError:
        value = raw
    return name, value


def _reject_constant(token: str) -> Any:
    raise ValueError(token)  # NaN/Infinity stay strings


@click.command(name="query")
@click.argument("cypher")
@click.option("--graph", "graph_path", type=click.Path(),
              help="graph.json written by `kg build`, or its directory "
                   "(queried in memory, no server).")
@click.option("--store", "store_uri", metavar="URI",
              help="Graph server: neo4j://, bolt://, falkordb://host:port[/graph] "
                   "(default $NEO4J_URI when --graph is not given).")
# No click envvar here: kg.store.open_store applies NEO4J_USER/PASSWORD/DATABASE to Neo4j
# URIs only, so a Neo4j password in the environment is never sent to a FalkorDB server.
@click.option("--user", help="Server user [Neo4j: env NEO4J_USER].")
@click.option("--password", help="Server password [Neo4j: env NEO4J_PASSWORD].")
@click.option("--database",
              help="Database (Neo4j) or graph name (FalkorDB) [Neo4j: env NEO4J_DATABASE]; "
                   "a URI that names another one is an error.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Query parameter $NAME; VALUE is JSON if it parses, else a string. Repeatable.")
@click.option("--write", is_flag=True,
              help="With --store: let the query change or delete data in the store (risky; "
                   "queries are read-only without it). --graph queries are always read-only.")
@click.option("--json", "fmt", flag_value="json", help="Rows as a JSON list of objects.")
@click.option("--csv", "fmt", flag_value="csv", help="Rows as CSV with a header line.")
@click.option("--table", "fmt", flag_value="table", default=True, help="Aligned table (default).")
def command(cypher: str, graph_path: str | None, store_uri: str | None, user: str | None,
            password: str | None, database: str | None, params: tuple[str, ...],
            write: bool, fmt: str) -> None:
    """Run one Cypher query and print the rows (a table, JSON or CSV).

    Values go in as parameters, never pasted into the query. CYPHER "-" reads the query
    from standard input.

    \b
    kg query "MATCH (m:Method)-[:EVALUATED_ON]->(d:Dataset {name: \\$d})
              RETURN m.name AS method ORDER BY method" --graph out/graph.json --param d=ImageNet
    kg query "MATCH (p:Paper) RETURN count(p) AS papers" --store falkordb://localhost:6379 --json
    """
    from kg.analysis.report import format_result

    if cypher == "-":
        cypher = sys.stdin.read()
    if graph_path and store_uri:
        raise click.UsageError("give --graph or --store, not both")
    if not graph_path:
        store_uri = store_uri or os.environ.get("NEO4J_URI")
        if not store_uri:
            raise click.UsageError("give --graph DIR/graph.json or --store URI (or set NEO4J_URI)")
    if write and graph_path:
        raise click.UsageError("--write needs --store: the --graph copy in memory cannot be "
                               "changed")
    check_store_database(store_uri, database)
    values = dict(parse_param(p) for p in params)
    with user_errors():
        from kg.api import query

        result = query(cypher, values, graph=graph_path, store=None if graph_path else store_uri,
                       user=user, password=password, database=database, write=write)
    click.echo(format_result(result, _FORMATS[fmt]), nl=False)
