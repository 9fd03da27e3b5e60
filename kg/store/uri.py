"""Graph-server addresses: parse a store URI once, and never show its password.

Accepted forms::

    neo4j://HOST[:PORT][/DATABASE]      neo4j+s://...   bolt://...   bolt+s://...
    falkordb://[USER:PASSWORD@]HOST[:PORT][/GRAPH]

Credentials may also be given in the URI (``neo4j://user:pass@host``); options win over it.
:meth:`StoreURI.redacted` is the only form that may appear in a message or a log line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote, urlsplit

from kg.errors import StoreError

__all__ = ["FALKORDB_SCHEMES", "NEO4J_SCHEMES", "StoreURI", "database_name", "parse_uri"]

NEO4J_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
FALKORDB_SCHEMES = ("falkordb", "falkordb+s")
_DEFAULT_PORT = {"neo4j": 7687, "falkordb": 6379}


@dataclass(frozen=True, slots=True)
class StoreURI:
    """A parsed store address. ``path`` is the Neo4j database or the FalkorDB graph name."""

    scheme: str
    host: str
    port: int
    user: str | None = None
    password: str | None = None
    path: str | None = None

    @property
    def kind(self) -> Literal["neo4j", "falkordb"]:
        """Which client talks to this server."""
        return "falkordb" if self.scheme in FALKORDB_SCHEMES else "neo4j"

    @property
    def tls(self) -> bool:
        return self.scheme.endswith(("+s", "+ssc"))

    def driver_uri(self) -> str:
        """The address without credentials or path, as the Neo4j driver wants it."""
        return f"{self.scheme}://{_host(self.host)}:{self.port}"

    def redacted(self) -> str:
        """The URI for messages: the user name is kept, a password becomes ``***``."""
        auth = ""
        if self.user or self.password:
            auth = f"{self.user or ''}{':***' if self.password else ''}@"
        path = f"/{self.path}" if self.path else ""
        return f"{self.scheme}://{auth}{_host(self.host)}:{self.port}{path}"

    def __str__(self) -> str:
        return self.redacted()

    def __repr__(self) -> str:
        return f"StoreURI({self.redacted()!r})"


def _host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def parse_uri(uri: str) -> StoreURI:
    """Parse ``uri``; :class:`StoreError` (naming the redacted URI) if it is not a store URI.

    >>> parse_uri("falkordb://kg:secret@localhost:6380/papers").redacted()
    'falkordb://kg:***@localhost:6380/papers'
    """
    try:
        parts = urlsplit(uri.strip())
        port = parts.port
    except ValueError as exc:
        raise StoreError(f"{_scrub(uri)}: not a valid store URI ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in NEO4J_SCHEMES + FALKORDB_SCHEMES:
        raise StoreError(
            f"{_scrub(uri)}: unsupported store URI scheme {scheme or '(none)'!r}; use one of "
            f"{', '.join(s + '://' for s in NEO4J_SCHEMES + FALKORDB_SCHEMES)}"
        )
    if not parts.hostname:
        raise StoreError(f"{_scrub(uri)}: the store URI has no host")
    kind = "falkordb" if scheme in FALKORDB_SCHEMES else "neo4j"
    path = unquote(parts.path.strip("/")) or None
    if path and "/" in path:
        raise StoreError(f"{_scrub(uri)}: the path must be one database/graph name, not {path!r}")
    return StoreURI(
        scheme=scheme,
        host=parts.hostname,
        port=port or _DEFAULT_PORT[kind],
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
        path=path,
    )


def database_name(uri: StoreURI, database: str | None, *,
                  given_as: str = "the database") -> str | None:
    """The Neo4j database or FalkorDB graph to use: the URI's path or ``database``.

    Both naming different ones is an error rather than one silently winning (the same rule
    for both stores: a ``--database`` that is ignored would write somewhere unexpected);
    ``given_as`` says where ``database`` came from in that message (the CLI: ``--database``).

    >>> database_name(parse_uri("falkordb://h/papers"), None), database_name(
    ...     parse_uri("neo4j://h"), "kg")
    ('papers', 'kg')
    >>> database_name(parse_uri("neo4j://h/papers"), "kg", given_as="--database")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.errors.StoreError: ... 'papers' but 'kg' was given as --database: give only one
    """
    if database and uri.path and database != uri.path:
        raise StoreError(f"{uri.redacted()} names the database/graph {uri.path!r} but "
                         f"{database!r} was given as {given_as}: give only one")
    return uri.path or database or None


def _scrub(uri: str) -> str:
    """Best-effort redaction of a string that did not even parse."""
    head, sep, rest = uri.partition("://")
    if not sep or "@" not in rest.split("/", 1)[0]:
        return uri
    auth, _, tail = rest.partition("@")
    user = auth.split(":", 1)[0]
    return f"{head}://{user}:***@{tail}" if ":" in auth else uri
