"""Rules written for papers nobody tuned on (issue 13, stop 23), on made-up sentences.

Each case names the rule id it exercises; none of the sentences or names comes from an
evaluation set. A rule is kept only when it does not lower the sealed validation set's typed
F1 (figures in docs/extraction-quality.md).
"""

from __future__ import annotations

import pytest

from tests.extract_support import extract


def typed(title: str, abstract: str) -> dict[str, str]:
    """Every entity's name and type."""
    return {e.name: e.type for e in extract(title, abstract).entities}


@pytest.mark.parametrize(
    ("rule", "abstract", "name", "type_"),
    [
        # cue.competition_head / cue.shared_task_head / cue.submission_to: competitions and
        # shared tasks with rankings are benchmarks (GUIDELINES addendum rule 8).
        ("cue.shared_task_head", "We describe our system for the QRVX 2031 shared task.",
         "QRVX 2031", "benchmark"),
        ("cue.competition_head", "The BLIXA competition drew forty teams.", "BLIXA",
         "benchmark"),
        ("cue.submission_to", "This paper presents our submissions to QRVX-7 on two tracks.",
         "QRVX-7", "benchmark"),
        # span.edition: the year stays with the name, and the list it stands in goes on.
        ("span.edition", "We evaluate on QBLX 2031, ZEFQA and MOLT-Hard.", "ZEFQA",
         "benchmark"),
        ("span.edition", "We evaluate on QBLX 2031, ZEFQA and MOLT-Hard.", "QBLX 2031",
         "benchmark"),
    ],
)
def test_type_from_context(rule: str, abstract: str, name: str, type_: str) -> None:
    assert typed("A study", abstract).get(name) == type_, rule


@pytest.mark.parametrize(
    ("rule", "abstract", "name", "not_type"),
    [
        # cue.evaluated_over: "gains over X" compares with X, it does not evaluate on X.
        ("cue.evaluated_over", "ZorbNet shows large gains over QVXNet on every task.",
         "QVXNet", "benchmark"),
        ("cue.evaluated_over", "Experiments on BLIXA show improvements over QVXNet and ZPO.",
         "ZPO", "benchmark"),
        # a competition word that is not right after the name does not type it
        ("cue.competition_head", "QVXNet wins; the competition is fierce.", "QVXNet",
         "benchmark"),
    ],
)
def test_not_typed_by_context(rule: str, abstract: str, name: str, not_type: str) -> None:
    found = typed("A study", abstract)
    assert name in found and found[name] != not_type, rule


def test_results_over_a_set_are_still_an_evaluation() -> None:
    # cue.evaluated_over: the evaluation verbs keep "over".
    assert typed("A study", "ZorbNet is evaluated over BLIXA-3 and QRVX.")["BLIXA-3"] == "benchmark"
