"""docs/extraction.md "Adding a rule": a cue target, a lexicon entry and a candidate source,
each added from a temporary data file, change what the extractor finds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.extract import Extractor, candidates, cues_apply, patterns
from kg.extract.candidates import CueMatch, SourceInput
from kg.extract.cues_apply import CueSite, Finding, cue_evidence
from kg.extract.model import Candidate
from kg.extract.patterns import data_path
from kg.extract.pipeline import ExtractorData
from kg.records import Paper
from tests.extract_support import shared_extractor

ROOT = Path(__file__).resolve().parent.parent


def _names(extractor: Extractor, title: str, abstract: str) -> dict[str, tuple[str, str]]:
    result = extractor.extract(Paper("t:1", title, abstract))
    return {e.name: (e.type, e.role) for e in result.entities}


def test_a_new_cue_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A target ``right_adjacent``: the name right after the cue, nothing between."""

    def right_adjacent(site: CueSite, match: CueMatch, lo: int, hi: int) -> list[Finding]:
        # Only a candidate that starts right after the cue.
        cand = site.starts.get(match.end)
        if cand is None:
            return []
        return cue_evidence(cand, match.cue)

    monkeypatch.setitem(cues_apply.TARGET_RULES, "right_adjacent", right_adjacent)
    monkeypatch.setattr(patterns, "CUE_TARGETS", patterns.CUE_TARGETS | {"right_adjacent"})
    cue = {
        "id": "cue.test_unveiled",
        "effect": "dataset",
        "target": "right_adjacent",
        "window": 1,
        "pattern": [{"LOWER": "tabulate"}],
    }
    cues = tmp_path / "cues.jsonl"
    shipped = data_path("patterns", "cues.jsonl").read_text(encoding="utf-8")
    cues.write_text(shipped + json.dumps(cue) + "\n", encoding="utf-8")
    sentence = "We tabulate QuuxSet for it."
    assert _names(shared_extractor(), "A study", sentence)["QuuxSet"] == ("method", "used")
    with_cue = _names(Extractor(ExtractorData(cues=str(cues))), "A study", sentence)
    assert with_cue["QuuxSet"] == ("dataset", "used")


def test_a_new_lexicon_entry(tmp_path: Path) -> None:
    """A component noun "Gizmo" makes "HyperClass Gizmo" one proposed part (rule 4)."""
    folder = tmp_path / "lexicon"
    shutil.copytree(data_path("lexicon"), folder)
    heads = folder / "heads.jsonl"
    rows = [json.loads(line) for line in heads.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        if row["id"] == "component_nouns":
            row["terms"].append("Gizmo")
    heads.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    probe = (
        "from kg.extract import Extractor; from kg.records import Paper\n"
        "r = Extractor().extract(Paper('t', 'A study', 'We add a HyperClass Gizmo to it.'))\n"
        "print(sorted((e.name, e.role) for e in r.entities))\n"
    )

    def run(**env: str) -> str:
        return subprocess.run(
            [sys.executable, "-c", probe],
            env={**os.environ, "PYTHONPATH": str(ROOT), **env},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    assert run() == "[('HyperClass', 'used')]"
    assert run(KG_LEXICON_DIR=str(folder)) == "[('HyperClass Gizmo', 'proposed')]"
    # The same directory as the pipeline's configuration, in this process: each extractor's
    # rules read its own lexicon, whichever ran last.
    sentence = "We add a HyperClass Gizmo to it."
    edited = Extractor(ExtractorData(lexicon=str(folder)))
    assert edited.nlp.get_pipe_config("kg_entities")["lexicon"] == str(folder)
    for _ in range(2):
        assert _names(edited, "A study", sentence) == {"HyperClass Gizmo": ("method", "proposed")}
        assert _names(shared_extractor(), "A study", sentence) == {"HyperClass": ("method", "used")}


def test_a_lexicon_directory_is_read_once_and_must_hold_every_entry(tmp_path: Path) -> None:
    from kg.errors import ExtractionError
    from kg.extract import vocabulary

    folder = tmp_path / "lexicon"
    shutil.copytree(data_path("lexicon"), folder)
    assert vocabulary.lexicon_at(str(folder)) is vocabulary.lexicon_at(str(folder))
    (folder / "heads.jsonl").unlink()  # read already: the cached lexicon stays
    assert vocabulary.lexicon_at(str(folder)) is not None
    other = tmp_path / "partial"
    shutil.copytree(data_path("lexicon"), other)
    (other / "heads.jsonl").unlink()
    with pytest.raises(ExtractionError, match="no entry 'kind_nouns'"):
        Extractor(ExtractorData(lexicon=str(other)))


def test_a_new_candidate_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A source that finds the lower-case names of a temporary list file."""
    listed = tmp_path / "names.jsonl"
    listed.write_text(json.dumps({"name": "quuxformer"}) + "\n", encoding="utf-8")
    names = {json.loads(line)["name"] for line in listed.read_text().splitlines()}

    def listed_names(source: SourceInput) -> list[Candidate]:
        # One token whose text is a listed name, anywhere outside a URL.
        return [
            Candidate(i, i + 1, "test.listed", priority=1)
            for i, word in enumerate(source.tokens.words)
            if word in names and not source.tokens.url_like[i]
        ]

    abstract = "We train quuxformer on CIFAR-10."
    assert "quuxformer" not in _names(shared_extractor(), "A study", abstract)
    monkeypatch.setitem(candidates.CANDIDATE_SOURCES, "listed", listed_names)
    found = _names(shared_extractor(), "A study", abstract)
    assert found["quuxformer"] == ("method", "used")
    record = next(
        r for r in shared_extractor().explain(Paper("t", "A study", abstract))
        if r["text"] == "quuxformer"
    )
    assert record["source"] == "test.listed"
