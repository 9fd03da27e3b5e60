"""`kg stats` (placeholder until its issue lands)."""

from __future__ import annotations

import click


@click.command(name="stats")
def command() -> None:
    """Not implemented yet."""
    raise click.ClickException("kg stats is not implemented yet")
