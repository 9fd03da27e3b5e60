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
    help="JSONL file to write, one line per paper; '-' is standard output. With --explain, "
    "where the explanation goes (default standard output).",
)
@click.option(
    "--processes",
    "-p",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes.",
)
@click.option(
    "--explain",
    "explain_id",
    metavar="PAPER_ID",
    help="Instead of extracting, print every candidate name of this paper with its evidence "
    "(which rule found what) and the decision about it (kept as what, or dropped by which "
    "rule).",
)
@input_format_option()
def command(
    inputs: tuple[str, ...],
    out: str | None,
    processes: int,
    explain_id: str | None,
    format_: str | None,
) -> None:
    """Extract named methods, datasets, benchmarks and code repositories from INPUT papers.

    INPUT is any file or directory `kg papers` reads. Each output line is
    {"id", "title", "methods", "datasets", "benchmarks", "repositories", "links"}; every
    entity has a name, aliases, a role (proposed/used, introduced/used) and its mentions
    (text, start, end, sentence, rule). Bad records are reported as warnings and skipped.

    \b
    Example:
      kg extract examples/hf-papers --out extractions.jsonl
      kg extract ../shared/eval/dev_papers.jsonl --out pred.jsonl --processes 2
      kg extract examples/hf-papers --explain title:03d97bf9b177c9c2
    """
    from kg.extract.output import extract_to_jsonl

    if explain_id is not None:
        _explain(inputs, explain_id, out or "-", format_)
        return
    if out is None:
        raise click.UsageError("Missing option '--out' / '-o'.")

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


def _explain(inputs: tuple[str, ...], paper_id: str, out: str, format_: str | None) -> None:
    """``--explain``: the candidates of one paper, their evidence and the decisions."""
    from kg.extract.pipeline import explain_paper, format_explanation
    from kg.readers import iter_papers

    with user_errors():
        paper = next(
            (
                p
                for p in iter_papers(list(inputs), format=format_, on_warning=warn)
                if p.id == paper_id
            ),
            None,
        )
        if paper is None:
            raise click.ClickException(f"no paper with id {paper_id!r} in {', '.join(inputs)}")
        text = format_explanation(paper, explain_paper(paper))
    with click.open_file(out, "w", encoding="utf-8") as handle:
        handle.write(text)
