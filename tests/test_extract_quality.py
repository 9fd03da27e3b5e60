"""Rules that make the extractor hold on unseen papers (issue 13), on made-up sentences.

Each case names the rule id it exercises (a record of kg/data/patterns/not_entities.jsonl or
a named function); none of the sentences or names comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from kg.extract.decide import named_as_history
from kg.extract.patterns import load_not_entity_lists
from tests.extract_support import all_names, extract


@pytest.mark.parametrize(
    ("rule", "abstract", "generic"),
    [
        ("not.task_acronym", "We study Visual Odometry for SLAM and MOT with the ZorbNet model.",
         {"SLAM", "MOT"}),
        ("not.task_acronym", "Prior work on ReID and HOI uses the QuuxNet backbone.",
         {"ReID", "HOI"}),
        ("not.technique_acronym", "ZorbNet improves over ERM and DRO with PTQ on QuuxNet.",
         {"ERM", "DRO", "PTQ"}),
        ("not.technique_acronym", "We combine SSMs and LDMs into ZorbNet for video.",
         {"SSMs", "LDMs"}),
        ("not.classic_algorithm", "ZorbNet replaces RANSAC and ARIMA with a learned QuuxNet.",
         {"RANSAC", "ARIMA"}),
        ("not.classic_algorithm", "QuuxNet uses SwiGLU and GroupNorm inside each ZorbNet block.",
         {"SwiGLU", "GroupNorm"}),
        ("not.toolkit", "ZorbNet is implemented in Fairseq and ESPnet and indexed with FAISS.",
         {"Fairseq", "ESPnet", "FAISS"}),
        ("not.toolkit", "We train QuuxNet with Stable-Baselines3 in PyTorch Lightning.",
         {"Stable-Baselines3", "PyTorch Lightning"}),
        ("not.product", "Assistants such as Siri and Copilot motivate the ZorbNet agent.",
         {"Siri", "Copilot"}),
        ("not.product", "QuuxNet runs on a Jetson Orin and an MI300X with MTurk labels.",
         {"Jetson Orin", "MI300X", "MTurk"}),
    ],
)
def test_generic_names_are_not_entities(rule: str, abstract: str, generic: set[str]) -> None:
    lists = {group.id: group for group in load_not_entity_lists()}
    assert generic <= set(lists[rule].names)
    found = all_names(extract("A study", abstract))
    assert not generic & found
    assert {"ZorbNet", "QuuxNet"} & found  # the real name in the sentence is still found


@pytest.mark.parametrize(
    ("sentence", "name", "history"),
    [
        ("AI has mastered games such as Go and Chess", "Go", True),
        ("Agents defeated world champions at Quuxcraft", "Quuxcraft", True),
        ("Systems with superhuman play in Blorpgame", "Blorpgame", True),
        ("We evaluate ZorbNet on Quuxcraft", "Quuxcraft", False),
        ("ZorbNet mastered the task . We evaluate on Quuxcraft", "Quuxcraft", False),
        # a name opening its own clause after a comma is not in the history clause
        ("Systems that mastered Go , ZorbNet plays Quuxcraft", "ZorbNet", False),
    ],
)
def test_named_as_history(sentence: str, name: str, history: bool) -> None:
    # rule.named_as_history (GUIDELINES addendum 2, rule 10), within the name's own sentence.
    words = sentence.split()
    start = words.index(name)
    sent_start = words.index(".") + 1 if "." in words else 0
    assert named_as_history(words, start, sent_start) is history


def test_a_game_evaluated_on_after_a_history_sentence_is_kept() -> None:
    result = extract("A study of agents",
                     "AI has mastered StarCraft II. We evaluate ZorbNet on StarCraft II.")
    assert "StarCraft II" in all_names(result)


@pytest.mark.parametrize(
    ("abstract", "family", "kept"),
    [
        # rule.family_modifier: "X-like" / "X-style" names a family resembling X.
        ("We study ResNet-like networks for ZorbNet.", "ResNet", "ZorbNet"),
        ("BERT-style encoders feed the ZorbNet decoder.", "BERT", "ZorbNet"),
        # A name also written on its own is kept.
        ("ZorbNet is a ResNet-like network; ResNet is its baseline.", "", "ResNet"),
    ],
)
def test_family_modifier(abstract: str, family: str, kept: str) -> None:
    found = all_names(extract("A study", abstract))
    assert kept in found
    assert not family or family not in found


@pytest.mark.parametrize(
    ("title", "task", "name"),
    [
        # title.task_head: a Title-Case title head ending in a task or field noun is no name.
        ("Few-shot Quux Segmentation: a study with ZorbNet", "Few-shot Quux Segmentation",
         "ZorbNet"),
        ("Robust Blorp Learning: ZorbNet for noisy labels", "Robust Blorp Learning", "ZorbNet"),
    ],
)
def test_title_head_naming_a_task_is_not_proposed(title: str, task: str, name: str) -> None:
    found = all_names(extract(title, f"We propose {name} and test it on two datasets."))
    assert task not in found and name in found


def test_title_head_with_a_name_shaped_word_is_still_proposed() -> None:
    result = extract("P2Q Learning: fast policies", "P2Q Learning trains agents quickly.")
    assert "P2Q Learning" in {e.name for e in result.methods if e.role == "proposed"}


@pytest.mark.parametrize(
    ("abstract", "piece"),
    [
        # span.inside_generic_long_form: no name from inside a listed generic term's long form.
        ("We study Unsupervised Environment Design (UED) in grid worlds with ZorbNet.",
         "Unsupervised Environment"),
        ("ZorbNet applies the Discrete Fourier Transform (DFT) to each patch.", "Discrete"),
    ],
)
def test_no_name_from_inside_a_generic_long_form(abstract: str, piece: str) -> None:
    found = all_names(extract("A study", abstract))
    assert "ZorbNet" in found
    assert not {n for n in found if piece in n}
