"""Capability 1 of issue 13: measures and tasks are not artifacts (kg.extract.generic)."""

from __future__ import annotations

import pytest

from kg.extract.generic import (
    in_category_list,
    listed_beside_metric,
    metric_shaped,
    names_a_task,
    organisation_name,
    software_mention,
)
from kg.extract.patterns import load_not_entities
from tests.extract_support import all_names, extract


@pytest.mark.parametrize(
    ("name", "expected"),
    [("FooScore", True), ("Foo-Score", True), ("QuuxScore", True),
     ("Score", False), ("ScoreNet", False), ("FooNet", False), ("Scorer", False)],
)
def test_metric_shape(name: str, expected: bool) -> None:
    assert metric_shaped(name) is expected


@pytest.mark.parametrize(
    ("sentence", "name", "expected"),
    [
        ("We report BLEU , ROUGE and FooEval on the test set", "FooEval", True),
        ("We report FooEval and BLEU on the test set", "FooEval", True),
        ("metrics such as FooEval and QuuxRate", "FooEval", True),
        ("metrics like FooEval", "FooEval", True),
        ("We compare FooNet and BarNet on the test set", "FooNet", False),
        ("models such as FooNet and BarNet", "FooNet", False),
    ],
)
def test_beside_metric(sentence: str, name: str, expected: bool) -> None:
    words = sentence.split()
    i = words.index(name)
    assert listed_beside_metric(words, i, i + 1, load_not_entities()) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [("a new FGD task for dialogue", True), ("the FooSched problem is hard", True),
     ("the FooSuite tasks", False), ("the FooNet model", False), ("FooNet", False),
     ("including the challenging FooComp task", False)],
)
def test_task_head(sentence: str, expected: bool) -> None:
    words = sentence.split()
    i = next(k for k, w in enumerate(words) if w.startswith("Foo") or w == "FGD")
    assert names_a_task(words, i, i + 1) is expected


@pytest.mark.parametrize(
    ("abstract", "absent"),
    [
        ("We report metrics such as BLEU, ROUGE and FooScore on the test set.", "FooScore"),
        ("We propose FooScore, a metric for caption quality.", "FooScore"),
        ("FooNet improves BLEU and QuuxEval over strong baselines.", "QuuxEval"),
        ("We propose a new FGD task for graph dialogue.", "FGD"),
        ("The FooSched problem asks for a schedule of jobs.", "FooSched"),
    ],
)
def test_measures_and_tasks_are_no_entities(abstract: str, absent: str) -> None:
    assert absent not in all_names(extract("A study", abstract))


@pytest.mark.parametrize(
    ("abstract", "kept"),
    [
        ("We evaluate on the FooQA task and the GLUE task.", "FooQA"),
        ("We evaluate on the FooQA task and the GLUE task.", "GLUE"),
        ("We evaluate FooNet on MuJoCo tasks.", "FooNet"),
        ("We compare FooNet and BarNet with BLEU as the metric.", "FooNet"),
    ],
)
def test_evaluated_or_known_names_stay(abstract: str, kept: str) -> None:
    assert kept in all_names(extract("A study", abstract))


@pytest.mark.parametrize(
    ("abstract", "absent"),
    [
        ("FooNet uses a BarNet-like decoder.", "BarNet"),
        ("We design GPT-style prompts for FooNet.", "GPT"),
        ("A QuuxFormer-esque block is added to FooNet.", "QuuxFormer"),
    ],
)
def test_a_name_only_used_as_a_likeness_is_no_entity(abstract: str, absent: str) -> None:
    assert absent not in all_names(extract("A study", abstract))


@pytest.mark.parametrize(
    ("abstract", "kept"),
    [
        ("We use BarNet. A BarNet-like decoder follows.", "BarNet"),
        ("We build a GPT-4-based judge for FooNet.", "GPT-4"),
    ],
)
def test_a_name_also_used_plainly_or_as_a_base_stays(abstract: str, kept: str) -> None:
    assert kept in all_names(extract("A study", abstract))


@pytest.mark.parametrize(
    ("sentence", "name", "expected"),
    [
        ("FooNet applies to domains such as FinFoo and BarCare", "BarCare", True),
        ("applications like FooChat", "FooChat", True),
        ("the problem of FooSched under noise", "FooSched", True),
        ("models such as FooNet and BarNet", "BarNet", False),
        ("the output of FooNet", "FooNet", False),
    ],
)
def test_category_list(sentence: str, name: str, expected: bool) -> None:
    words = sentence.split()
    i = words.index(name)
    assert in_category_list(words, i, i + 1) is expected


@pytest.mark.parametrize(
    ("sentence", "name", "expected"),
    [
        ("we use the FooLib library", "FooLib", True),
        ("the BarKit toolkit is used", "BarKit", True),
        ("FooNet is implemented in FooLib", "FooLib", True),
        ("FooNet is built with FooLib", "FooLib", True),
        ("we compare with FooNet", "FooNet", False),
    ],
)
def test_software_mention(sentence: str, name: str, expected: bool) -> None:
    words = sentence.split()
    i = words.index(name)
    assert software_mention(words, i, i + 1) is expected


@pytest.mark.parametrize(
    ("abstract", "absent", "kept"),
    [
        ("FooNet applies to domains such as FinFoo and BarCare.", "BarCare", "FooNet"),
        ("We study the problem of FooSched with FooNet.", "FooSched", "FooNet"),
        ("FooNet is implemented in FooLib and runs fast.", "FooLib", "FooNet"),
        ("We use the BarKit toolkit to train FooNet.", "BarKit", "FooNet"),
    ],
)
def test_category_members_and_software_are_no_entities(
    abstract: str, absent: str, kept: str
) -> None:
    found = all_names(extract("A study", abstract))
    assert absent not in found
    assert kept in found


def test_the_papers_own_toolkit_stays() -> None:
    result = extract("A study", "We release FooKit, a toolkit for agents.")
    assert {e.name: e.role for e in result.methods} == {"FooKit": "proposed"}


@pytest.mark.parametrize(
    ("sentence", "name", "expected"),
    [
        ("the QX Explore Academy system for translation", "QX", True),
        ("researchers at the ZedCo AI Lab", "ZedCo", True),
        ("a model from FooCorp Research Institute", "FooCorp", True),
        ("QX Explore improves the Academy benchmark", "QX", False),
        ("QX outperforms FooNet on the University dataset", "QX", False),
        ("we train QX on BarSet", "QX", False),
    ],
)
def test_organisation_name(sentence: str, name: str, expected: bool) -> None:
    words = sentence.split()
    i = words.index(name)
    assert organisation_name(words, i, i + 1) is expected


@pytest.mark.parametrize(
    ("title", "abstract", "absent", "kept"),
    [
        ("Vex-MT: The QX Explore Academy Translation System", "We describe Vex-MT.", "QX",
         "Vex-MT"),
        ("A study", "Researchers of the ZedCo AI Lab train FooNet.", "ZedCo", "FooNet"),
    ],
)
def test_a_name_opening_an_organisations_name_is_no_entity(
    title: str, abstract: str, absent: str, kept: str
) -> None:
    found = all_names(extract(title, abstract))
    assert absent not in found
    assert kept in found


def test_the_papers_own_name_before_an_organisation_word_stays() -> None:
    # A strong proposal holds: "we propose QX Institute-style ..." is rare, a title name is not.
    result = extract("A study", "We propose QX, a planner. QX Lab members use it.")
    assert "QX" in all_names(result)
