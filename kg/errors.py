"""The project's error vocabulary: a handful of named exceptions.

Every message names what went wrong and where (file and line, paper id, store URI without
password, schema label), so the CLI can print it as one line with no traceback.
"""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error ``kg`` raises on purpose."""


class InputError(KgError):
    """An input file or record cannot be read; carries ``source`` and ``line`` when known."""

    def __init__(self, message: str, source: str | None = None, line: int | None = None):
        self.source = source
        self.line = line
        where = f"{source}:{line}: " if source and line else f"{source}: " if source else ""
        super().__init__(f"{where}{message}")


class SchemaError(KgError):
    """The graph (or a write) does not conform to ``schema/``: unknown label, missing key."""


class ExtractionError(KgError):
    """The extractor cannot be built (bad pattern file) or fails on a paper."""


class StoreError(KgError):
    """A graph server is unreachable, rejects the credentials, or fails a write."""


class QueryError(KgError):
    """A Cypher query is malformed or fails (embedded engine or server)."""


class EntityNotFound(QueryError, LookupError):
    """No entity has the name, alias, canonical key or id that was asked for; ``matches``
    holds the closest names (for "did you mean")."""

    def __init__(self, name: str, labels: tuple[str, ...] = (), matches: list[str] | None = None):
        self.name = name
        self.labels = labels
        self.matches = list(matches or [])
        what = (", ".join(labels[:-1]) + " or " + labels[-1] if len(labels) > 1
                else labels[0] if labels else "entity")
        hint = f"; did you mean: {', '.join(self.matches)}?" if self.matches else ""
        super().__init__(f"no {what} named {name!r}{hint}")
