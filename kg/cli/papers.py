"""`kg papers` (placeholder until its issue lands)."""

from __future__ import annotations

import click


@click.command(name="papers")
def command() -> None:
    """Not implemented yet."""
    raise click.ClickException("kg papers is not implemented yet")
