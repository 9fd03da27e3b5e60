"""A temporary checkout of a base revision, for the scripts that compare this tree with it
(``bench_extract.py --base``, ``check_extract_identical.py``, ``graph_effect.py``)."""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class CheckoutFailed(Exception):
    """``git worktree add`` refused the revision; the message is git's last line."""


@contextlib.contextmanager
def base_tree(rev: str, *, prefix: str = "kg-base-") -> Iterator[Path]:
    """A temporary detached ``git worktree`` of ``rev``, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        tree = Path(tmp) / "tree"
        result = subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), rev],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            lines = [line for line in result.stderr.splitlines() if line.strip()]
            raise CheckoutFailed(f"cannot check out {rev}: "
                                 f"{lines[-1].strip() if lines else 'no error message'}")
        try:
            yield tree
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                capture_output=True,
            )
