"""`kg build` (placeholder until its issue lands)."""

from __future__ import annotations

import click


@click.command(name="build")
def command() -> None:
    """Not implemented yet."""
    raise click.ClickException("kg build is not implemented yet")
