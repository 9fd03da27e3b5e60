"""The ``kg`` command line: a thin skin over the Python API.

Each command lives in its own module, validates its arguments, calls one library function
and turns a :class:`kg.errors.KgError` into a one-line message on stderr with a non-zero exit.
"""

from __future__ import annotations

import logging

import click

from kg import __version__
from kg.cli import build, extract, papers, query, serve, spark, stats, view


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Build a knowledge graph of ML papers, methods, datasets, benchmarks and code.

    \b
    kg papers examples/hf-papers --out papers.jsonl
    kg extract examples/hf-papers --out extractions.jsonl
    kg build examples/hf-papers --out out/
    kg spark-build examples/hf-papers --out out-spark/
    kg view out/graph.json --out out/view.html --focus ImageNet
    kg stats out/graph.json
    kg query "MATCH (m:Method) RETURN m.name LIMIT 5" --graph out/graph.json
    kg serve out/
    """
    # The neo4j driver logs connection trouble as warnings; with no handler configured Python
    # would print them to stderr before our one-line error. kg reports such failures itself.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())


for _module in (papers, extract, build, spark, view, query, stats, serve):
    main.add_command(_module.command)
