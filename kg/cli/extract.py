"""`kg extract`: find methods, datasets, benchmarks and repositories in papers."""

from __future__ import annotations

import sys

import click
from tqdm import tqdm

from kg.cli._common import input_format_option, user_errors, warn


@click.command(name="extract")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=str))
@click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True),
    required=True,
    help="JSONL file to write, one line per paper; '-' is standard output.",
)
@click.option(
    "--processes",
    "-p",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes.",
)
@input_format_option()
def command(inputs: tuple[str, ...], out: str, processes: int, format_: str | None) -> None:
    """Extract named methods, datasets, benchmarks and code repositories from INPUT papers.

    INPUT is any file or directory `kg papers` reads. Each output line is
    {"id", "title", "methods", "datasets", "benchmarks", "repositories", "links"}; every
    entity has a name, aliases, a role (proposed/used, introduced/used) and its mentions
    (text, start, end, sentence, rule). Bad records are reported as warnings and skipped.

    \b
    Example:
      kg extract examples/hf-papers --out extractions.jsonl
      kg extract ../shared/eval/dev_papers.jsonl --out pred.jsonl --processes 2
    """
    from kg.extract.output import extract_to_jsonl

    with (
        user_errors(),
        tqdm(desc="extracting", unit=" papers", file=sys.stderr, disable=None, leave=False) as bar,
    ):

        def on_warning(message: str) -> None:
            bar.clear()
            warn(message)

        stats = extract_to_jsonl(
            inputs,
            out,
            format=format_,
            processes=processes,
            on_warning=on_warning,
            on_paper=lambda: bar.update(),
        )
    click.echo(stats.summary(), err=True)
