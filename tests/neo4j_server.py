"""Start a throwaway Neo4j Community 5.26 on loopback, from ``tools/neo4j-server``.

``scripts/setup.sh --test`` builds the launcher (Maven, once; then offline): compiled classes
in ``tools/neo4j-server/target/classes`` and every runtime jar in ``target/lib``. The Java side
(``kg.tools.ThrowawayNeo4j``) reads the password as the first line of its stdin, so it never
shows in ``ps``; prints ``READY bolt://127.0.0.1:PORT`` once Bolt accepts connections; and
stops, deleting its data directory, on stdin EOF or SIGTERM. Closing stdin is therefore the
way to stop it, and a parent that dies closes it too: no stray JVM survives a killed run.

Kept under ``tests/`` (not ``kg``): only the test session uses it so far. A script that needs
it too can import ``tests.neo4j_server`` from the checkout.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.processes import stop_process

__all__ = ["LAUNCHER_DIR", "LocalNeo4j", "Neo4jLauncherMissing", "launcher_classpath",
           "start_neo4j"]

LAUNCHER_DIR = Path(__file__).resolve().parent.parent / "tools" / "neo4j-server"
MAIN_CLASS = "kg.tools.ThrowawayNeo4j"
# Small heap and the serial collector: a test store of a few thousand nodes, on 2 shared cores.
JVM_OPTIONS = ("-Xms128m", "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
               "-Djava.awt.headless=true")


class Neo4jLauncherMissing(RuntimeError):
    """Java or the built launcher is not there (run ``scripts/setup.sh --test``)."""


@dataclass(frozen=True, slots=True)
class LocalNeo4j:
    uri: str
    user: str
    password: str = ""
    database: str = "neo4j"
    pid: int = 0

    def __repr__(self) -> str:  # never show the password in a test report
        return f"LocalNeo4j(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"


def launcher_classpath(launcher_dir: Path = LAUNCHER_DIR) -> str:
    """The ``-cp`` for the built launcher, or :class:`Neo4jLauncherMissing` saying what to do."""
    if shutil.which("java") is None:
        raise Neo4jLauncherMissing("java is not installed (Neo4j needs OpenJDK 17)")
    classes, lib = launcher_dir / "target" / "classes", launcher_dir / "target" / "lib"
    if not (classes / "kg" / "tools" / "ThrowawayNeo4j.class").exists() or not lib.is_dir():
        raise Neo4jLauncherMissing(
            f"the Neo4j launcher in {launcher_dir} is not built (run scripts/setup.sh --test)")
    return f"{classes}{os.pathsep}{lib / '*'}"


def _read_ready(proc: subprocess.Popen[str], timeout: float) -> str:
    """The ``bolt://`` URI from the launcher's READY line, waiting at most ``timeout`` s."""
    found: list[str] = []

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("READY "):
                found.append(line.split(None, 1)[1].strip())
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout)
    if not found:
        state = f"exited with status {proc.poll()}" if proc.poll() is not None else "not ready"
        raise RuntimeError(f"Neo4j {state} after {timeout:.0f}s")
    return found[0]


@contextmanager
def start_neo4j(*, timeout: float = 180.0, password: str | None = None,
                home: Path | None = None,
                jvm_options: Sequence[str] = JVM_OPTIONS) -> Iterator[LocalNeo4j]:
    """Run Neo4j for the duration of the ``with`` block, then stop it (its data goes too).

    ``home`` opens an existing Neo4j home (e.g. one ``neo4j-admin database import`` filled)
    instead of a fresh one; it is the caller's and stays in place. ``jvm_options`` replace
    the small test heap (``-Dkg.neo4j.pagecache=MiB`` sets the page cache, 64 by default)."""
    classpath = launcher_classpath()
    password = password or secrets.token_urlsafe(18)
    # An unnamed file for the JVM's stderr: nothing is left behind even if we are killed.
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log:
        home_args = ["--home", str(home)] if home is not None else []
        proc = subprocess.Popen(["java", *jvm_options, "-cp", classpath, MAIN_CLASS, *home_args],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                                text=True)
        try:
            assert proc.stdin is not None
            proc.stdin.write(password + "\n")
            proc.stdin.flush()
            try:
                uri = _read_ready(proc, timeout)
            except RuntimeError as exc:
                log.seek(0)
                tail = log.read()[-2000:].strip() or "(empty)"
                raise RuntimeError(f"{exc}; launcher stderr: {tail}") from None
            yield LocalNeo4j(uri=uri, user="neo4j", password=password, pid=proc.pid)
        finally:
            # The launcher stops (and deletes its data) on stdin EOF; a JVM takes its time.
            stop_process(proc, close_stdin=True, timeout=60)
