"""Rules written for papers nobody tuned on (issue 13, stop 23), on made-up sentences.

Each case names the rule id it exercises; none of the sentences or names comes from an
evaluation set. A rule is kept only when it does not lower the sealed validation set's typed
F1 (figures in docs/extraction-quality.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extract.patterns import load_gazetteer
from kg.extract.pipeline import Extractor, ExtractorData
from kg.records import Paper
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


def proposed(title: str, abstract: str) -> set[str]:
    return {e.name for e in extract(title, abstract).methods if e.role == "proposed"}


@pytest.mark.parametrize(
    ("rule", "abstract", "name", "found"),
    [
        # acronym.plural_definition: a plural definition a proposal cue points at is a name ...
        ("acronym.plural_definition",
         "We propose Graph Quark Networks (GQNs), which beat prior work.", "GQNs", True),
        # ... a plural definition alone is a family (GUIDELINES rule 12)
        ("acronym.plural_definition",
         "Graph Quark Networks (GQNs) are popular for molecules.", "GQNs", False),
        # cue.methods_such_as: "methods / approaches / frameworks such as X, Y and Z"
        ("cue.methods_such_as",
         "We compare with methods such as Quillon, Brightline and Tesser.", "Brightline", True),
        ("cue.methods_such_as",
         "Approaches such as Quillon or Tesser are slow.", "Quillon", True),
    ],
)
def test_names_a_cue_licenses(rule: str, abstract: str, name: str, found: bool) -> None:
    assert (name in typed("A study", abstract)) is found, rule


def test_camel_case_short_form_is_one_entity_with_its_long_form() -> None:
    # acronym.camel_short_form: a CamelCase short form longer than ten characters.
    result = extract("A study", "We introduce the Video Lumen Benchmark (VideoLumenBench) for "
                     "long videos. VideoLumenBench is hard.")
    [entity] = [e for e in result.entities if "Lumen" in e.name]
    assert entity.name == "VideoLumenBench"
    assert "Video Lumen Benchmark" in entity.aliases
    assert entity.type == "benchmark"


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        # list.result_bracket: a bracketed result does not end the list a cue points at
        ("ZorbNet reaches 71.2% on QRVX (5-shot), BLIXA-2 (+3.1) and ZEFQA.", "ZEFQA"),
        ("ZorbNet is best on QRVX (72.4% accuracy) and MOLTQ.", "MOLTQ"),
    ],
)
def test_a_result_bracket_keeps_the_evaluation_list(abstract: str, name: str) -> None:
    assert typed("A study", abstract)[name] == "benchmark"


def test_a_name_in_brackets_still_ends_the_list() -> None:
    # list.result_bracket: a bracket with a name in it is not a result.
    found = typed("A study", "ZorbNet is best on QRVX (Quux Reading 2) and later ZEFNet won.")
    assert found.get("ZEFNet") != "benchmark"


@pytest.mark.parametrize(
    ("abstract", "name", "is_proposed"),
    [
        # "our model beats X": the verb ends the phrase, X is not the paper's own
        ("Our model beats QVXNet-R1 on every set.", "QVXNet-R1", False),
        ("On this space, our searched model, ZorbNet-T, is best.", "ZorbNet-T", True),
        ("We propose our model ZorbNet for long inputs.", "ZorbNet", True),
    ],
)
def test_our_model_points_at_its_own_name_only(abstract: str, name: str,
                                               is_proposed: bool) -> None:
    assert (name in proposed("A study", abstract)) is is_proposed


def _gazetteer(tmp_path: Path, rows: list[dict]) -> str:
    path = tmp_path / "gazetteer.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def test_a_listed_plain_word_model_is_found_with_its_tier(tmp_path: Path) -> None:
    # gazetteer.model_variant: a listed model's name grows over the tier written after it.
    gazetteer = _gazetteer(tmp_path, [
        {"id": "t.1", "name": "Quillon", "type": "method", "strength": "strong"},
        {"id": "t.2", "name": "Brenfield", "type": "benchmark", "strength": "strong"},
    ])
    extractor = Extractor(ExtractorData(gazetteer=(gazetteer,)))
    result = extractor.extract(Paper("p", "A study", "We tune Quillon Large on our data. "
                                     "Brenfield scores rise."))
    found = {e.name: e.type for e in result.entities}
    assert found == {"Quillon Large": "method", "Brenfield": "benchmark"}
    # ... and a listed set over its edition
    result = extractor.extract(Paper("p", "A study", "We test on Brenfield 100k today."))
    assert {e.name for e in result.entities} == {"Brenfield 100k"}


def test_the_recent_names_supplement_is_valid_and_agrees_with_the_derived_lists() -> None:
    # kg/data/gazetteer/recent.jsonl: names the 2022 catalogue predates; none may contradict
    # a derived list's type for the same name.
    data = Path(__file__).resolve().parent.parent / "kg" / "data" / "gazetteer"
    recent = load_gazetteer(data / "recent.jsonl")
    assert recent and len({e.name for e in recent}) == len(recent)
    derived = {e.name: e.type for e in load_gazetteer(data / "methods.jsonl",
                                                       data / "datasets.jsonl")}
    assert not {e.name for e in recent if e.name in derived and derived[e.name] != e.type}


@pytest.mark.parametrize(
    ("abstract", "name", "type_"),
    [
        # siblings.result_by: "A by 4.1% and B by 2.0%": siblings of one list share a type
        ("ZorbNet improves QuuxBench by 4.1% and ZEFQA by 2.0%.", "ZEFQA", "benchmark"),
        ("ZorbNet improves QuuxBench by 3 points, and ZEFQA too.", "ZEFQA", "benchmark"),
        # a result alone joins nothing
        ("ZorbNet improves QuuxBench by 4.1%. ZEFQA is a model.", "ZEFQA", "method"),
        # cue.contains_items: a name holding a counted number of data items is a collection
        ("We introduce ZorbQA, which contains 3,200 expert-written questions.", "ZorbQA",
         "dataset"),
        ("We present QuuxSet, comprising 1.2M image-text pairs from the web.", "QuuxSet",
         "dataset"),
        # ... a benchmark when its sentence says so
        ("Our benchmark ZorbQA contains 900 questions in 12 domains.", "ZorbQA", "benchmark"),
        # ... and a name's own benchmark mark still wins
        ("ZorbArena consists of 40 interactive tasks in simulated homes.", "ZorbArena",
         "benchmark"),
        # a model with a parameter count is no collection
        ("We release ZorbNet, which contains 7 billion parameters.", "ZorbNet", "method"),
        # cue.on_after_basis: "built on X" names the basis of the work, not an evaluation set
        ("We propose a training recipe that builds on QVXNet-2 and improves it.", "QVXNet-2",
         "method"),
        ("Our pipeline relies on QVXNet-2 for retrieval.", "QVXNet-2", "method"),
        ("We test on QVXQA-2 and find gains.", "QVXQA-2", "benchmark"),
        # cue.kind_before_name / cue.dataset_before_name: "a new benchmark, X"
        ("We present a new benchmark, ZorbQA, and evaluate QVXNet-2 on it.", "ZorbQA",
         "benchmark"),
        ("We release the dataset QuuxText for clinical notes.", "QuuxText", "dataset"),
        # cue.as_data_set: "X as the training set"
        ("We adopt ZEFSeg-v2 as our training set and report results.", "ZEFSeg-v2", "dataset"),
        ("QVXNet-2 serves as the backbone of ZorbNet.", "QVXNet-2", "method"),
        # cue.split_of: "the validation split of X"
        ("We evaluate on the validation split of QuuxVQA.", "QuuxVQA", "benchmark"),
        # a kind word further away says nothing of a name
        ("We present a new benchmark for testing QVXNet-2 on code.", "QVXNet-2", "method"),
        # type.benchmark_shape: an environment's mark inside a name ("QuuxWorld", "ZorbSuite")
        ("Agents trained with ZorbNet solve QuuxWorld and ZorbSuite.", "QuuxWorld", "benchmark"),
        ("Agents trained with ZorbNet solve QuuxWorld and ZorbSuite.", "ZorbSuite", "benchmark"),
        # type.benchmark_head: a multi-word name ending in a competition's word
        ("ZorbNet won a medal in the Quux Math Olympiad (QMO) this year.", "QMO", "benchmark"),
        # a capitalised "World" on its own is no mark
        ("ZorbNet models the Real-World dynamics of QuuxNet.", "QuuxNet", "method"),
    ],
)
def test_the_type_a_name_gets_from_the_words_around_it(abstract: str, name: str,
                                                       type_: str) -> None:
    assert typed("A study", abstract)[name] == type_


@pytest.mark.parametrize(
    ("abstract", "names"),
    [
        # list.covered: "our A (a) and B (b)", "we propose A and B": each is the paper's own
        ("Our Spatial Quux Module (SQM) and Temporal Zorb Block (TZB) improve QVXNet.",
         {"SQM", "TZB"}),
        ("We propose ZorbNet and QuuxFormer for long inputs.", {"ZorbNet", "QuuxFormer"}),
    ],
)
def test_a_proposal_covers_the_names_listed_with_the_first(abstract: str,
                                                           names: set[str]) -> None:
    assert names <= proposed("A study", abstract)


def test_a_proposal_does_not_cover_names_after_a_verb() -> None:
    # list.covered: the list ends where the clause goes on.
    found = proposed("A study", "We propose ZorbNet and compare QVXNet and QuuxFormer.")
    assert found == {"ZorbNet"}


@pytest.mark.parametrize(
    ("rule", "abstract", "name"),
    [
        # acronym.metric_head: a long form ending in a metric's head word is a measure
        ("acronym.metric_head", "We define the Reasoning Quux Ratio (RQR) for ZorbNet.", "RQR"),
        ("acronym.metric_head", "ZorbNet lowers the Token Zorb Rate (TZR) by half.", "TZR"),
        # acronym.task_head: a long form ending in a task noun names a task (GUIDELINES rule 2)
        ("acronym.task_head", "We study Quux Workflow Generation (QWG) with ZorbNet.", "QWG"),
        ("acronym.task_head", "ZorbNet helps Zorb Route Planning (ZRP) on maps.", "ZRP"),
        # acronym.category_after: "Minimum Quux Risk (MQR) decoding" is a decoding technique
        ("acronym.category_after", "ZorbNet uses Minimum Quux Risk (MQR) decoding.", "MQR"),
    ],
)
def test_a_definition_naming_a_measure_or_task_is_no_entity(rule: str, abstract: str,
                                                            name: str) -> None:
    found = typed("A study", abstract)
    assert name not in found and "ZorbNet" in found, rule


def test_a_named_loss_is_still_a_method() -> None:
    # acronym.metric_head: "loss" is the one metric head that names a method (GUIDELINES).
    assert "QCL" in proposed("A study", "We propose the Quux Contrastive Loss (QCL).")


@pytest.mark.parametrize(
    "abstract",
    [
        # generic.software (software_after): protocols and formats are no artifacts (rule 3)
        "ZorbNet talks to tools through the QXP protocol and the ZEFML format.",
        "ZorbNet follows the QXP standard and the QXP specification.",
    ],
)
def test_protocols_and_formats_are_not_entities(abstract: str) -> None:
    found = typed("A study", abstract)
    assert "ZorbNet" in found and not {"QXP", "ZEFML"} & set(found)


@pytest.mark.parametrize(
    ("abstract", "names"),
    [
        # cue.methods_such_as: a bracketed list after a model noun, "(e.g., A and B)"
        ("Strong LLMs (e.g., Quillon and Brenner) fail on long inputs.", {"Quillon", "Brenner"}),
        ("Proprietary models (Quillon, Brenner) lead the ranking.", {"Quillon", "Brenner"}),
        # list.verb_after: the last name of a list before the clause's verb is still a name
        ("Baselines like Quillon and Brenner fall short.", {"Quillon", "Brenner"}),
        ("Frontier models like Quillon still struggle.", {"Quillon"}),
    ],
)
def test_plain_names_listed_after_a_model_noun(abstract: str, names: set[str]) -> None:
    assert names <= set(typed("A study", abstract))


def test_a_family_acronym_in_brackets_is_no_listed_name() -> None:
    # "Quux models (QMs)": a plural acronym after a model noun names the family.
    assert "QMs" not in typed("A study", "Quux models (QMs) are popular; ZorbNet is one.")


def test_a_noun_after_a_listed_word_still_makes_it_a_modifier() -> None:
    # "models such as Bayesian methods": an adjective, not a name.
    assert "Bayesian" not in typed("A study", "We use models such as Bayesian methods here.")


def test_tasks_listed_after_a_cue_are_not_benchmarks() -> None:
    # list.task_item: "tasks such as Question Answering": tasks (GUIDELINES rule 2).
    found = typed("A study", "We test on tasks such as Question Answering, Summarization and "
                  "Quux Translation, and on games such as Zorbfall.")
    assert found == {"Zorbfall": "benchmark"}


def test_a_described_task_before_a_benchmark_word_is_no_name() -> None:
    # list.task_item, before a head: "the LLM Reasoning benchmark" describes a benchmark.
    found = typed("A study", "We evaluate on the LLM Reasoning benchmark, the Medical QA "
                  "benchmark and the Zorbfall benchmark.")
    assert found == {"Zorbfall": "benchmark"}


@pytest.mark.parametrize(
    ("abstract", "kept", "dropped"),
    [
        # generic.block_type: a name only ever before a plural block noun is a kind of block
        ("ZorbNet stacks QX layers with ZF blocks.", {"ZorbNet"}, {"QX", "ZF"}),
        # ... unless a list knows it or the paper proposes it
        ("We stack Transformer layers in ZorbNet.", {"Transformer", "ZorbNet"}, set()),
        ("We propose QVX blocks that replace attention.", {"QVX"}, set()),
        # ... or it is also written on its own
        ("QX is fast; ZorbNet stacks QX layers.", {"QX", "ZorbNet"}, set()),
    ],
)
def test_a_name_only_before_block_nouns_is_a_kind_of_block(abstract: str, kept: set[str],
                                                          dropped: set[str]) -> None:
    found = set(typed("A study", abstract))
    assert kept <= found and not dropped & found


@pytest.mark.parametrize(
    ("abstract", "names"),
    [
        # cue.kind_appositive: "our approach, X, ...": the name after the comma is the paper's
        ("Our approach, Zorbify, improves calibration.", {"Zorbify"}),
        ("Our method, ZorbNet-X, is fast.", {"ZorbNet-X"}),
        # cue.coined_compound: one coined hyphenated name right after a proposal verb
        ("We introduce Quill-Zero, a reasoning model.", {"Quill-Zero"}),
        # list.covered, after a captured name too
        ("We introduce Quill-Zero and Quill-R, two reasoning models.", {"Quill-Zero", "Quill-R"}),
        ("We present Quillo and ZorbNet, two agents.", {"Quillo", "ZorbNet"}),
    ],
)
def test_names_a_proposal_points_at(abstract: str, names: set[str]) -> None:
    assert proposed("A study", abstract) == names


@pytest.mark.parametrize(
    "abstract",
    [
        # a Title-Case compound before a noun describes, a clause after "our model," is no name
        "We propose Vision-Language alignment for QVXNet-2.",
        "Our model, which is small, beats QVXNet-2.",
    ],
)
def test_no_proposal_without_a_coined_name(abstract: str) -> None:
    assert proposed("A study", abstract) == set()


def test_an_appositive_long_form_defines_the_name_before_it() -> None:
    # acronym.appositive ("SF, a Long Form"): one entity, typed by its long form's head.
    result = extract("A study", "Here we present ZQRB, a Zero-shot Quux Recognition Benchmark.")
    [entity] = result.entities
    assert (entity.name, entity.type) == ("ZQRB", "benchmark")
    assert "Zero-shot Quux Recognition Benchmark" in entity.aliases


def test_a_framework_named_after_its_kind_noun_is_proposed() -> None:
    # cue.kind_appositive inside a proposal: "we propose a two-stage framework, Zorbify, ..."
    assert proposed("A study", "We propose a two-stage framework, Zorbify, for agents.") == {
        "Zorbify"}
    assert proposed("A study", "We propose a new framework, which is simple, for agents.") == set()


@pytest.mark.parametrize(
    ("abstract", "found"),
    [
        # cue.appositive_dataset / _benchmark: any words between the article and the kind word
        ("We release ZorbSQL, a large-scale text-to-SQL corpus.", {"ZorbSQL": "dataset"}),
        ("We release ZorbGym, a fast open-source robot simulator.", {"ZorbGym": "benchmark"}),
        # shape task_compound: "text-to-SQL" names a task, not an artifact (GUIDELINES rule 2)
        ("ZorbNet improves text-to-SQL and image-to-3D generation.", {"ZorbNet": "method"}),
        # cue.split_head: "the X test set", "X and Y validation splits": X has splits, data
        ("The QRVX test set and the ZEFQA validation split are used.",
         {"QRVX": "dataset", "ZEFQA": "dataset"}),
        ("The QRVX and ZEFQA test sets are used.", {"QRVX": "dataset", "ZEFQA": "dataset"}),
        # ... a model trained on some set is not one
        ("We train QVXNet-2 on our training set.", {"QVXNet-2": "method"}),
        # cue.trained_on: "pretrained on X" is the data learned from ...
        ("ZorbNet is pretrained on QuuxText for a week.", {"ZorbNet": "method",
                                                           "QuuxText": "dataset"}),
        # ... written with a hyphen too, which the tokenizer splits ("pre" "-trained")
        ("ZorbNet is pre-trained on QuuxText and fine-tuned on ZEFText.",
         {"ZorbNet": "method", "QuuxText": "dataset", "ZEFText": "dataset"}),
        # ... a listed name keeps its type, a name with a parameter count is a model
        ("Agents trained on Atari improve.", {"Atari": "benchmark"}),
        ("We distill a student trained on Quill-3-8B outputs.", {"Quill-3-8B": "method"}),
    ],
)
def test_every_name_of_a_sentence_and_its_type(abstract: str, found: dict[str, str]) -> None:
    assert typed("A study", abstract) == found


def test_a_collection_the_paper_gathers_is_introduced() -> None:
    # cue.we_collect: "we collect X, ..." makes X the paper's own; "we collect ... from X" not.
    result = extract("A study", "We collect ZorbPref, a preference dataset of 100K comparisons. "
                     "We collect responses from QVXNet-2.")
    assert {(e.name, e.type, e.role) for e in result.entities} == {
        ("ZorbPref", "dataset", "introduced"), ("QVXNet-2", "method", "used")}
