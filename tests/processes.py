"""Server processes the test session and the benchmarks start: how they are stopped.

One escalation for every throwaway server (FalkorDB in ``tests/falkordb_server.py``, Neo4j
in ``tests/neo4j_server.py``): ask politely, wait, then SIGTERM, then SIGKILL, and always
reap the process, so no server outlives the ``with`` block that started it.
"""

from __future__ import annotations

import subprocess
from typing import Any

__all__ = ["stop_process"]


def stop_process(proc: subprocess.Popen[Any], *, close_stdin: bool = False,
                 timeout: float = 10.0) -> None:
    """Stop ``proc`` and reap it. The first ask is closing its stdin (``close_stdin``: a
    launcher that stops on EOF) or SIGTERM; each ask gets ``timeout`` seconds, SIGKILL last."""
    asks = [_close_stdin] if close_stdin else []
    for ask in [*asks, subprocess.Popen.terminate]:
        ask(proc)
        try:
            proc.wait(timeout=timeout)
            return
        except subprocess.TimeoutExpired:
            pass
    proc.kill()
    proc.wait()


def _close_stdin(proc: subprocess.Popen[Any]) -> None:
    try:
        if proc.stdin is not None:
            proc.stdin.close()
    except OSError:
        pass
