"""Each cue target rule (kg.extract.cues_apply.TARGET_RULES) on made-up sentences: which name a
cue's evidence lands on, and where it must not."""

from __future__ import annotations

import pytest

from kg.extract.cues_apply import TARGET_RULES
from kg.extract.patterns import load_cues
from kg.records import Paper
from tests.extract_support import shared_extractor


def fired(abstract: str) -> dict[str, set[str]]:
    """The rules that fired on each candidate of a one-sentence abstract."""
    records = shared_extractor().explain(Paper("t", "A study", abstract))
    out: dict[str, set[str]] = {}
    for record in records:
        rules = {e["rule"] for e in record["evidence"] if e["kind"] == "fired"}
        out.setdefault(record["text"], set()).update(rules)
    return out


GOOD = [
    # right_first: the first name after "we propose".
    ("right_first", "We propose QuuxNet for it.", "QuuxNet", "cue.we_propose"),
    # right_name: the name a naming verb gives, captured whole, lower-case after "we call it".
    ("right_name", "We present a method dubbed QuuxWalk here.", "QuuxWalk", "cue.named"),
    ("right_name", "We call it quux walking.", "quux walking", "cue.we_call"),
    # left_first: the nearest name before "is proposed".
    ("left_first", "QuuxNet is proposed to solve it.", "QuuxNet", "cue.is_proposed_left"),
    # left_adjacent: the name right before an appositive.
    (
        "left_adjacent",
        "BlorpSet, a new dataset of images, is out.",
        "BlorpSet",
        "cue.appositive_dataset",
    ),
    # left_list: every name of the list before a head noun.
    ("left_list", "We use the FooSet and BarSet datasets.", "FooSet", "cue.dataset_head"),
    ("left_list", "We use the FooSet and BarSet datasets.", "BarSet", "cue.dataset_head"),
    # right_list: every name of the list after "evaluated on".
    (
        "right_list",
        "We are evaluated on FooSet, BarSet and BazSet.",
        "BazSet",
        "cue.evaluated_on",
    ),
    # right_first with owns_definition: "our X" names the paper's own.
    ("right_first", "Our final Quux-Ensemble (QUE) model wins.", "Quux-Ensemble", "cue.our_named"),
]

BAD = [
    # right_first stops at an evaluation word: "results on FooNet" is used, not proposed.
    ("right_first", "We propose to study results on FooNet.", "FooNet", "cue.we_propose"),
    # right_first with stop_at_model_size: "our 70B Zorbo 2-Chat" releases a size of a model.
    ("right_first", "Our 70B Zorbo 2-Chat model wins.", "Zorbo 2-Chat", "cue.our_named"),
    # right_name: "named entity" is the NLP term, no naming.
    ("right_name", "We do named entity recognition with FooNet.", "FooNet", "cue.named"),
    # left_adjacent with appositive: "In X, a ..." is a fronted phrase, X not described.
    (
        "left_adjacent",
        "In FooBench, a new benchmark of puzzles, we test ZipNet.",
        "FooBench",
        "cue.appositive_benchmark",
    ),
    # right_list: the comma after a fronted "On X," ends the list; the subject follows.
    ("right_list", "On QuuxQA, FooNet improves.", "FooNet", "cue.on_name"),
]


def test_every_target_has_a_case() -> None:
    assert {t for t, *_ in GOOD} == set(TARGET_RULES)
    targets = {c.id: c.target for c in load_cues()}
    assert all(targets[cue] == target for target, _, _, cue in GOOD + BAD)


@pytest.mark.parametrize(("target", "abstract", "name", "cue"), GOOD)
def test_target_points_at(target: str, abstract: str, name: str, cue: str) -> None:
    assert cue in fired(abstract).get(name, set())


@pytest.mark.parametrize(("target", "abstract", "name", "cue"), BAD)
def test_target_does_not_point_at(target: str, abstract: str, name: str, cue: str) -> None:
    assert cue not in fired(abstract).get(name, set())
