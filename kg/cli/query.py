"""`kg query` (placeholder until its issue lands)."""

from __future__ import annotations

import click


@click.command(name="query")
def command() -> None:
    """Not implemented yet."""
    raise click.ClickException("kg query is not implemented yet")
