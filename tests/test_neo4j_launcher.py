"""The Neo4j launcher's protocol where it fails fast (no server start: the session's
``neo4j_server`` shows the rest on every store test)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.neo4j_server import MAIN_CLASS, Neo4jLauncherMissing, launcher_classpath


@pytest.mark.parametrize("stdin", ["", "short\n"])
def test_launcher_without_a_usable_password_exits_with_one_line(stdin: str) -> None:
    try:
        classpath = launcher_classpath()
    except Neo4jLauncherMissing as exc:
        pytest.skip(str(exc))
    done = subprocess.run(["java", "-cp", classpath, MAIN_CLASS], input=stdin,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "ThrowawayNeo4j: the first line of stdin must be a password of at least 8 characters"]


def test_missing_launcher_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(Neo4jLauncherMissing, match=r"run scripts/setup\.sh --test"):
        launcher_classpath(tmp_path)
