"""`kg view` (placeholder until its issue lands)."""

from __future__ import annotations

import click


@click.command(name="view")
def command() -> None:
    """Not implemented yet."""
    raise click.ClickException("kg view is not implemented yet")
