"""Check Cypher with Neo4j's own parser (npm ``@neo4j-cypher/language-support``).

``lint(statements)`` runs ``tools/cypher-lint/lint.mjs`` once on the whole batch and returns,
per statement, the parser's diagnostics; :func:`lint_errors` keeps only the errors.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

LINT_DIR = Path(__file__).resolve().parent.parent / "tools" / "cypher-lint"
LINT_SCRIPT = LINT_DIR / "lint.mjs"
PACKAGE = LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support"


def unavailable_reason() -> str | None:
    """Why the linter cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not PACKAGE.is_dir():
        return f"{PACKAGE} is missing (run `npm ci` in {LINT_DIR})"
    return None


def lint(statements: list[str]) -> list[list[dict[str, Any]]]:
    """Diagnostics for each statement, in order (``severity`` 1 = error, 2 = warning)."""
    proc = subprocess.run(
        ["node", str(LINT_SCRIPT)], input=json.dumps(statements), capture_output=True,
        text=True, cwd=LINT_DIR, timeout=120, check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"cypher lint failed: {proc.stderr.strip()}")
    result: list[list[dict[str, Any]]] = json.loads(proc.stdout)
    return result


def lint_errors(statements: list[str]) -> dict[str, list[str]]:
    """``{statement: [error messages]}`` for the statements the parser rejects."""
    return {
        statement: [d["message"] for d in diagnostics if d["severity"] == 1]
        for statement, diagnostics in zip(statements, lint(statements), strict=True)
        if any(d["severity"] == 1 for d in diagnostics)
    }
