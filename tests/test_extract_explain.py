"""`kg extract --explain` and Extractor.explain: each candidate, its evidence, the decision."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from kg.extract.model import Candidate, Evidence
from kg.readers import iter_papers
from kg.records import Paper
from tests.extract_support import shared_extractor

#: Made up: a proposed model, a dataset, a used baseline, a library, a metric-like name and an
#: acronym of a task.
PAPER = Paper(
    "made:1",
    "QuuxNet: Fast Blorping",
    "We propose QuuxNet, a new model for zorb temporal grounding (ZTG). We evaluate QuuxNet "
    "on the BlorpSet dataset and compare with FooNet. QuuxNet improves the FooScore metric.",
)


def _by_text(records: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for record in records:
        out.setdefault(record["text"], []).append(record)
    return out


def test_explain_gives_every_candidate_its_evidence_and_decision() -> None:
    records = shared_extractor().explain(PAPER)
    found = _by_text(records)
    # The title's name: found by the title rule, proposed on its strong evidence.
    title = found["QuuxNet"][0]
    assert title["source"] == "cue.title_name" and title["sentence_index"] == 0
    assert {"kind": "proposes", "rule": "cue.title_name", "value": "strong"} in title["evidence"]
    assert title["decision"] == {
        "keep": True,
        "reason": "type.defined_by_text; role.strong_proposal",
        "type": "method",
        "role": "proposed",
    }
    # "We propose QuuxNet, a new model": the cues that fired are its evidence.
    proposed = found["QuuxNet"][1]
    rules = {e["rule"] for e in proposed["evidence"]}
    assert {"cue.we_propose", "cue.appositive_method"} <= rules
    assert proposed["entity"] == {"name": "QuuxNet", "type": "method", "role": "proposed"}
    # "on the BlorpSet dataset": typed by the cue, used.
    blorp = found["BlorpSet"][0]
    assert {"kind": "type", "rule": "cue.dataset_head", "value": "dataset"} in blorp["evidence"]
    assert blorp["decision"]["type"] == "dataset" and blorp["decision"]["role"] == "used"
    # "compare with FooNet": a used method.
    assert found["FooNet"][0]["decision"]["role"] == "used"
    # The acronym of a task and a metric-shaped name are dropped, and say by which rule.
    assert found["ZTG"][0]["decision"]["keep"] is False
    assert found["ZTG"][0]["decision"]["reason"] == "drop.needs_cue"
    assert {"kind": "doubt", "rule": "acronym.task_head", "value": True} in found["ZTG"][0][
        "evidence"
    ]
    assert found["FooScore"][0]["decision"]["reason"] in {
        "generic.measure_or_task",
        "drop.before_metric",
    }
    # Records are in text order and JSON-ready.
    assert [r["start"] for r in records] == sorted(r["start"] for r in records)
    json.dumps(records)


def test_explain_agrees_with_extract() -> None:
    extraction = shared_extractor().extract(PAPER)
    kept = {
        (r["entity"]["name"], r["entity"]["type"], r["entity"]["role"])
        for r in shared_extractor().explain(PAPER)
        if r["decision"]["keep"] and "entity" in r
    }
    assert kept == {(e.name, e.type, e.role) for e in extraction.entities}


def test_kg_extract_explain_prints_the_paper(tmp_path: Path) -> None:
    path = tmp_path / "papers.jsonl"
    path.write_text(json.dumps({"title": PAPER.title, "abstract": PAPER.abstract}))
    [paper_id] = [p.id for p in iter_papers([path])]  # the id kg extract writes
    result = CliRunner().invoke(main, ["extract", str(path), "--explain", paper_id])
    assert result.exit_code == 0, result.output
    assert f"paper {paper_id}: QuuxNet: Fast Blorping" in result.output
    assert "'ZTG'" in result.output and "drop  (drop.needs_cue)" in result.output
    assert "keep as dataset, used" in result.output
    missing = CliRunner().invoke(main, ["extract", str(path), "--explain", "nope"])
    assert missing.exit_code != 0 and "no paper with id 'nope'" in missing.output
    no_out = CliRunner().invoke(main, ["extract", str(path)])
    assert no_out.exit_code == 2 and "--out" in no_out.output


def test_absorb_pools_evidence_as_documented() -> None:
    # A weak list name found by shape too is no longer ambiguous; rules fired pool in order.
    listed = Candidate(0, 1, "gazetteer.dataset", 2)
    listed.add("listed", "gazetteer.dataset", "dataset")
    listed.add("ambiguous", "gazetteer.dataset")
    listed.add("doubt", "gazetteer.dataset")
    listed.add("fired", "cue.a")
    shaped = Candidate(0, 1, "shape.name", 1)
    shaped.add("fired", "cue.b")
    shaped.add("type", "cue.b", "benchmark")  # types stay the kept candidate's own
    listed.absorb(shaped)
    assert listed.cues == ["cue.a", "cue.b"]
    assert not listed.weak and not listed.needs_evidence
    assert listed.types == [] and listed.weak_type == "dataset"
    assert listed.evidence[-1] == Evidence("ambiguous", "shape.name", False)
