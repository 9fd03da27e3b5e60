"""Helpers shared by the CLI commands: error translation, warnings, the --format option."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from kg.errors import KgError

F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a :class:`KgError` or an :class:`OSError` (an output under a regular file, a
    directory where a file is expected, an unwritable place such as ``/proc``) into a
    one-line ``Error: ...`` on stderr and exit status 1 instead of a traceback."""
    try:
        yield
    except KgError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        reason = exc.strerror or str(exc)
        raise click.ClickException(f"{reason}{where}") from exc


def check_store_database(uri: str | None, database: str | None) -> None:
    """A usage error (exit 2) when ``--database`` names another database or graph than the
    store URI's path, before anything is read or sent."""
    if not (uri and database):
        return
    from kg.errors import StoreError
    from kg.store.uri import database_name, parse_uri

    try:
        database_name(parse_uri(uri), database, given_as="--database")
    except StoreError as exc:
        raise click.UsageError(str(exc)) from None


def warn(message: str) -> None:
    """One warning line on stderr."""
    click.echo(f"warning: {message}", err=True)


def input_format_option(dest: str = "format_") -> Callable[[F], F]:
    """The ``--format`` option every command that reads papers takes, from the readers' list."""
    from kg.readers.detect import FORMATS

    return click.option(
        "--format",
        dest,
        type=click.Choice(FORMATS),
        default=None,
        help="Read every input in this format instead of detecting it per file.",
    )


def store_options(what: str) -> Callable[[F], F]:
    """``--store [URI]``, ``--user``, ``--password``, ``--database``, ``--batch-size``: how
    ``kg build`` and ``kg spark-build`` take a server to write ``what`` to."""
    options = [
        click.option("--store", metavar="[URI]", is_flag=False, flag_value="",
                     help=f"Also write {what} to this server (bolt://, neo4j://, "
                          "falkordb://); --store alone uses $NEO4J_URI."),
        # No click envvar here: kg.store.open_store applies NEO4J_USER/PASSWORD/DATABASE to
        # Neo4j URIs only, so a Neo4j password in the environment is never sent to FalkorDB.
        click.option("--user", help="Store user name [Neo4j: env NEO4J_USER]."),
        click.option("--password",
                     help="Store password (prefer the environment) [Neo4j: env "
                          "NEO4J_PASSWORD]."),
        click.option("--database", help="Store database / graph name [Neo4j: env "
                                        "NEO4J_DATABASE]; a URI that names another one is "
                                        "an error."),
        click.option("--batch-size", type=click.IntRange(min=1), metavar="N",
                     help="Rows per store transaction."),
    ]

    def decorate(command: F) -> F:
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def store_uri(store: str | None, database: str | None) -> str | None:
    """The URI ``--store`` gave (``$NEO4J_URI`` for ``--store`` alone), checked against
    ``--database``: a usage error (exit 2) before anything is read or sent."""
    import os

    if store == "":
        store = os.environ.get("NEO4J_URI")
        if not store:
            raise click.UsageError("--store needs a URI (or set NEO4J_URI)")
    check_store_database(store, database)
    return store
