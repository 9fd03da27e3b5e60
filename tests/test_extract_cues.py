"""What a cue does is data: its record's fields, and one rule per target (issue 12)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from kg.errors import ExtractionError
from kg.extract import Extractor
from kg.extract.cues_apply import TARGET_RULES
from kg.extract.patterns import CUE_OPTIONS, CUE_TARGETS, Cue, data_path, load_cues
from kg.extract.pipeline import ExtractorData
from kg.readers import read_papers
from kg.records import Paper, PaperExtraction
from tests.extract_support import shared_extractor

ROOT = Path(__file__).resolve().parent.parent

#: Made-up sentences that need the cue options once special-cased by cue id.
SENTENCES = [
    ("Quux", "We call it quux walking, a new paradigm. Quux walking beats FooNet."),
    ("Zorb", "Our final Quux-Ensemble (QUE) model is strong. QUE beats BarNet on GLUE."),
    ("Zorb", "Our 70B Llama 2-Chat model is released. We evaluate on MMLU."),
    ("Zorb", "In FooBench, a new benchmark of puzzles, we test ZipNet. FooBench is hard."),
    ("Zorb", "BlorpSet, a new dataset of images, is released with this paper."),
]


def test_every_target_has_exactly_one_rule() -> None:
    assert set(TARGET_RULES) == CUE_TARGETS


def test_no_cue_id_is_compared_in_code() -> None:
    ids = {cue.id for cue in load_cues()}
    for path in sorted((ROOT / "kg" / "extract").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not [i for i in ids if f'"{i}"' in text], path.name
        assert "cue.id ==" not in text and "cue.id.startswith" not in text, path.name


def _without_rule_ids(result: PaperExtraction, back: dict[str, str]) -> list[tuple]:
    """Everything an extraction says, with renamed cue ids mapped back to the shipped ones."""
    rows = []
    for entity in result.entities:
        mentions = tuple(
            (m.start, m.end, "+".join(back.get(r, r) for r in m.rule.split("+")))
            for m in entity.mentions
        )
        rows.append((entity.type, entity.name, entity.role, entity.aliases, mentions))
    return rows


def test_renaming_every_cue_id_changes_no_behaviour(tmp_path: Path) -> None:
    shipped_cues = data_path("patterns", "cues.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in shipped_cues.splitlines() if line]
    back = {}
    for i, row in enumerate(rows):
        back[f"renamed.{i:02d}"] = row["id"]
        row["id"] = f"renamed.{i:02d}"
    renamed = tmp_path / "cues.jsonl"
    renamed.write_text("".join(json.dumps(r) + "\n" for r in rows))
    papers = [Paper(f"t:{i}", t, a) for i, (t, a) in enumerate(SENTENCES)]
    papers += read_papers([ROOT / "examples" / "hf-papers" / "000_c9d2c70c456cb6c6.txt"]).papers[
        :60
    ]
    shipped = list(shared_extractor().pipe(papers))
    other = list(Extractor(ExtractorData(cues=str(renamed))).pipe(papers))
    assert any("renamed." in m.rule for r in other for e in r.entities for m in e.mentions)
    for ours, theirs in zip(shipped, other, strict=True):
        assert _without_rule_ids(ours, {}) == _without_rule_ids(theirs, back)


def test_cue_options_say_what_the_special_cues_do() -> None:
    cues = {cue.id: cue for cue in load_cues()}
    assert cues["cue.we_call"].coins_lowercase
    assert cues["cue.our_named"].owns_definition and cues["cue.our_named"].stop_at_model_size
    assert all(c.appositive == c.id.startswith("cue.appositive_") for c in cues.values())
    result = shared_extractor().extract(Paper("t", *SENTENCES[0]))
    assert "quux walking" in {e.name for e in result.methods}


GOOD = {"id": "ok", "pattern": [{"LOWER": "we"}], "effect": "used", "target": "right_list"}


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"appositive": "yes"}, "'appositive' must be true or false"),
        ({"owns_definition": 1}, "'owns_definition' must be true or false"),
        ({"apositive": True}, "unknown field"),
    ],
)
def test_bad_cue_option_fails_naming_file_and_line(
    tmp_path: Path, extra: dict, message: str
) -> None:
    path = tmp_path / "cues.jsonl"
    path.write_text(json.dumps(GOOD) + "\n" + json.dumps({**GOOD, "id": "x", **extra}) + "\n")
    with pytest.raises(ExtractionError, match=message) as info:
        load_cues(path)
    assert f"{path}:2" in str(info.value)


def test_every_cue_option_is_a_field() -> None:
    assert set(CUE_OPTIONS) <= {f.name for f in dataclasses.fields(Cue)}
