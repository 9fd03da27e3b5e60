"""`kg extract` (placeholder until its issue lands)."""

from __future__ import annotations

import click


@click.command(name="extract")
def command() -> None:
    """Not implemented yet."""
    raise click.ClickException("kg extract is not implemented yet")
