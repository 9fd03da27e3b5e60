"""What a not-entity list means to the rules is its record's ``role``, never its id (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import ExtractionError
from kg.extract import Extractor
from kg.extract.patterns import (
    NOT_ENTITY_ROLES,
    data_path,
    load_not_entities,
    load_not_entity_lists,
)
from kg.extract.pipeline import ExtractorData
from kg.readers import read_papers
from kg.records import Paper
from tests.extract_support import shared_extractor

ROOT = Path(__file__).resolve().parent.parent

#: Made-up sentences whose result depends on a list's role, with the names it concerns.
ROLE_SENTENCES = [
    # organisation: a proposing verb after an organisation is another's release
    ("Meta introduces ZorbLM for chat.", ("ZorbLM", "method", "used")),
    ("Google presents QuuxNet, and we test it.", ("QuuxNet", "method", "used")),
    # organisation: an owner before a bare model name makes it one ("OpenAI q7")
    ("We compare OpenAI q7 with QuuxNet on GLUE.", ("OpenAI q7", "method", "used")),
    # metric_or_method: read as the method after a comparison, or defined as one
    ("Our model outperforms MAE on ImageNet.", ("MAE", "method", "used")),
    ("Masked AutoEncoder (MAE) pre-training helps QuuxNet.", ("MAE", "method", "used")),
]
#: A name listed beside plain metrics is a measure (generic.beside_metric).
BESIDE_METRICS = "We report BLEU, ROUGE and FooEval on the test set."


def _shipped_rows() -> list[dict]:
    text = data_path("patterns", "not_entities.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line]


def _write(path: Path, rows: list[dict]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def _found(extractor: Extractor, abstract: str) -> set[tuple[str, str, str]]:
    result = extractor.extract(Paper("t", "A study", abstract))
    return {(e.name, e.type, e.role) for e in result.entities}


def test_no_not_entity_list_id_is_compared_in_code() -> None:
    ids = {group.id for group in load_not_entity_lists()}
    for path in sorted((ROOT / "kg" / "extract").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not [i for i in ids if f'"{i}"' in text], path.name


def test_the_shipped_lists_say_their_roles() -> None:
    roles = {group.id: group.role for group in load_not_entity_lists()}
    assert roles["not.organisation"] == "organisation"
    assert roles["not.metric"] == roles["not.metric_more"] == "metric"
    assert roles["not.metric_unless_method"] == "metric_or_method"
    assert roles["not.generic_technique"] == ""
    banned = load_not_entities()
    assert banned["OpenAI"] == "organisation" and banned["BLEU"] == "metric"
    assert banned["RL"] == ""  # never an entity, and nothing more


@pytest.mark.parametrize(("abstract", "entity"), ROLE_SENTENCES)
def test_a_role_is_what_the_rule_reads(abstract: str, entity: tuple[str, str, str]) -> None:
    assert entity in _found(shared_extractor(), abstract)


def test_renaming_every_not_entity_list_changes_no_behaviour(tmp_path: Path) -> None:
    rows = _shipped_rows()
    for i, row in enumerate(rows):
        row["id"] = f"renamed.{i:02d}"
    renamed = Extractor(ExtractorData(not_entities=_write(tmp_path / "n.jsonl", rows)))
    papers = [Paper(f"t:{i}", "A study", a) for i, (a, _) in enumerate(ROLE_SENTENCES)]
    papers.append(Paper("t:m", "A study", BESIDE_METRICS))
    papers += read_papers([ROOT / "examples" / "hf-papers" / "000_c9d2c70c456cb6c6.txt"]).papers[
        :60
    ]
    assert list(shared_extractor().pipe(papers)) == list(renamed.pipe(papers))


def test_without_the_roles_the_lists_only_ban(tmp_path: Path) -> None:
    # The same lists with no role field: each rule above loses what it read.
    rows = _shipped_rows()
    for row in rows:
        row.pop("role", None)
    plain = Extractor(ExtractorData(not_entities=_write(tmp_path / "n.jsonl", rows)))
    for abstract, entity in ROLE_SENTENCES:
        assert entity not in _found(plain, abstract), abstract
    assert not _found(shared_extractor(), BESIDE_METRICS)
    assert ("FooEval", "benchmark", "used") in _found(plain, BESIDE_METRICS)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"role": "company"}, "'role' must be one of"),
        ({"kind": "metric"}, "unknown field"),
        ({"names": ["X", 3]}, "'names' must list strings"),
    ],
)
def test_bad_not_entity_line_fails_naming_file_and_line(
    tmp_path: Path, extra: dict, message: str
) -> None:
    good = {"id": "ok", "why": "test", "names": ["X"]}
    path = tmp_path / "n.jsonl"
    _write(path, [good, {**good, "id": "bad", **extra}])
    with pytest.raises(ExtractionError, match=message) as info:
        load_not_entities(path)
    assert f"{path}:2" in str(info.value)


def test_roles_are_the_documented_ones() -> None:
    assert {"organisation", "metric", "metric_or_method"} == NOT_ENTITY_ROLES
