"""The extractor's modules talk through public names only (issue 12)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted((ROOT / "kg" / "extract").glob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_no_module_imports_anothers_private_names(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    private = [
        f"line {node.lineno}: {alias.name} from {node.module}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kg")
        for alias in node.names
        if alias.name.startswith("_")
    ]
    assert private == []


def test_the_per_paper_stage_is_decide_and_the_corpus_stage_resolve() -> None:
    assert (ROOT / "kg" / "extract" / "decide.py").exists()
    assert not (ROOT / "kg" / "extract" / "resolve.py").exists()
    assert (ROOT / "kg" / "graph" / "resolve.py").exists()
