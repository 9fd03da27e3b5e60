"""The top-level API gives, in one call each, the records the CLI writes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import kg
from kg.cli import main

PAPERS = [
    {"id": "2401.00001", "title": "QuuxNet: Fast Things",
     "abstract": "We propose QuuxNet and evaluate it on ImageNet and CIFAR-10. "
                 "Code: https://github.com/quux/quuxnet."},
    {"title": "A Study of BERT", "abstract": "We fine-tune BERT on the GLUE benchmark."},
]


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "papers.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in PAPERS), encoding="utf-8")
    return path


def test_read_equals_kg_papers(tmp_path: Path) -> None:
    path = _corpus(tmp_path)
    out = tmp_path / "out.jsonl"
    assert CliRunner().invoke(main, ["papers", str(path), "--out", str(out)]).exit_code == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [p.to_dict() for p in kg.read(path)] == lines
    assert kg.read(path)[0].id == "arxiv:2401.00001"


def test_extract_entities_equals_kg_extract(tmp_path: Path) -> None:
    path = _corpus(tmp_path)
    out = tmp_path / "ext.jsonl"
    assert CliRunner().invoke(main, ["extract", str(path), "--out", str(out)]).exit_code == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    records = list(kg.extract_entities(path))
    assert [r.to_dict() for r in records] == lines
    assert "QuuxNet" in [m.name for m in records[0].methods]
    assert [r.url for r in records[0].repositories] == ["https://github.com/quux/quuxnet"]
