"""`kg papers`: read every input, deduplicate, write normalised JSONL."""

from __future__ import annotations

import sys

import click
from tqdm import tqdm

from kg.cli._common import input_format_option, user_errors, warn
from kg.errors import InputError


@click.command(name="papers")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    show_default=True,
    help="JSONL file to write (one paper per line); '-' is standard output.",
)
@input_format_option()
@click.option("--strict", is_flag=True, help="Fail (exit 1, nothing written) on any problem.")
def command(inputs: tuple[str, ...], out: str, format_: str | None, strict: bool) -> None:
    """Read papers from INPUT files or directories and write them as normalised JSONL.

    Inputs may be Hugging Face listing pages saved as text, JSON Lines or JSON arrays
    (arXiv snapshot field names work), or CSV/TSV with title and abstract columns.
    Duplicates across all inputs are merged (every source kept). Bad files and records
    are reported as warnings naming file:line; the summary goes to stderr.

    \b
    Example:
      kg papers examples/hf-papers --out papers.jsonl
      kg papers arxiv-snapshot.jsonl extra.csv --strict -o papers.jsonl
    """
    from kg.api import write_papers_jsonl
    from kg.readers import read_papers

    with user_errors():
        with tqdm(
            desc="reading", unit=" papers", file=sys.stderr, disable=None, leave=False
        ) as bar:

            def on_warning(message: str) -> None:
                bar.clear()  # keep the warning on its own line, not glued to the bar
                warn(message)

            result = read_papers(
                inputs,
                format=format_,
                strict=strict,
                on_warning=on_warning,
                on_record=lambda: bar.update(),
            )
        if not result.papers:
            raise InputError(f"no papers could be read from {', '.join(inputs)}")
        write_papers_jsonl(result.papers, sys.stdout if out == "-" else out)
        click.echo(result.stats.summary(), err=True)
