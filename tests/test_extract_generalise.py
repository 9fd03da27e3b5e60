"""General cases for the typing, boundary and grouping mechanisms (not dev-set sentences)."""

from __future__ import annotations

import pytest

from tests.extract_support import all_names, extract, names


@pytest.mark.parametrize(
    ("abstract", "name", "kind"),
    [
        # "In X, an agent must ...": a fronted phrase, not an apposition describing X.
        ("We study agents on the MiniGrid benchmark. In MiniGrid, an agent must reach a goal.",
         "MiniGrid", "benchmarks"),
        ("Results are reported on the HotpotQA dataset. On HotpotQA, a model must combine facts.",
         "HotpotQA", "datasets"),
    ],
)
def test_fronted_phrase_is_no_apposition(abstract: str, name: str, kind: str) -> None:
    result = extract("A study of agents", abstract)
    assert names(result, kind).get(name) == "used"
    assert name not in names(result, "methods")


@pytest.mark.parametrize(
    "abstract",
    [
        "In MiniGrid, an agent must reach a goal.",
        "On HotpotQA, a model must combine facts from two pages.",
        "With FooLib, a new user can train agents quickly.",
    ],
)
def test_fronted_name_is_not_described_as_the_papers_own(abstract: str) -> None:
    assert all(e.role == "used" for e in extract("A study of agents", abstract).entities)


def test_true_apposition_still_defines_the_type() -> None:
    result = extract("A study", "We present FooNet, a novel architecture for depth estimation.")
    assert names(result, "methods") == {"FooNet": "proposed"}


@pytest.mark.parametrize(
    ("title", "abstract", "absent"),
    [
        ("Efficient Inference", "We propose a novel Channel Adaptive Vision Transformer design "
         "for microscopy.", "Vision Transformer"),
        ("Efficient Inference", "Inspired by T5 (Text-To-Text Transfer Transformer), we build "
         "a speech model.", "Transformer"),
        ("Fast Multi-Task Vision Transformer Architecture for Edge Devices",
         "We study accelerators.", "Vision Transformer"),
    ],
)
def test_list_name_inside_a_longer_title_case_phrase_is_a_part(
    title: str, abstract: str, absent: str
) -> None:
    assert absent not in all_names(extract(title, abstract))


@pytest.mark.parametrize(
    "abstract",
    [
        "We adopt the Vision Transformer as the backbone for all experiments.",
        "Our model builds on the Transformer and is trained on ImageNet.",
    ],
)
def test_list_name_standing_alone_is_kept(abstract: str) -> None:
    found = all_names(extract("A study", abstract))
    assert {"Vision Transformer", "Transformer"} & found


@pytest.mark.parametrize(
    ("abstract", "short", "long"),
    [
        ("We propose Gated Memory Routing (GMR-2), a method for long inputs.",
         "GMR-2", "Gated Memory Routing"),
        ("We introduce Sparse Token Mixing (STM++), which prunes tokens.",
         "STM++", "Sparse Token Mixing"),
    ],
)
def test_coined_phrase_groups_with_its_bracketed_name(abstract: str, short: str, long: str) -> None:
    result = extract("A study", abstract)
    (entity,) = [e for e in result.methods if long in (e.name, *e.aliases)]
    assert entity.role == "proposed"
    assert short in (entity.name, *entity.aliases)


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("We report 61.2% in the Alpaca Eval and 7.1 in the MT Bench.", "Alpaca Eval"),
        ("We report 61.2% in the Alpaca Eval and 7.1 in the MT Bench.", "MT Bench"),
        ("Our model ranks first on the Hugging Face Open LLM Leaderboard.",
         "Hugging Face Open LLM Leaderboard"),
        ("It wins most duels in the Chatbot Arena.", "Chatbot Arena"),
    ],
)
def test_capitalised_benchmark_head_ends_the_name(abstract: str, name: str) -> None:
    assert names(extract("A study", abstract), "benchmarks").get(name) == "used"


@pytest.mark.parametrize(
    ("title", "abstract", "own", "used"),
    [
        ("FooNet: Sparse DPO for Long Contexts", "We study long contexts.", "FooNet", "DPO"),
        ("BarGen: Adaptive Ranks Mitigate LoRA Collapse", "We study adapters.", "BarGen", "LoRA"),
    ],
)
def test_subtitle_names_are_not_the_papers_own(
    title: str, abstract: str, own: str, used: str
) -> None:
    methods = names(extract(title, abstract), "methods")
    assert methods.get(own) == "proposed"
    assert methods.get(used) == "used"


def test_name_shaped_title_word_without_a_title_name_is_still_proposed() -> None:
    methods = names(extract("Scaling FooNet to Long Videos", "We study video models."), "methods")
    assert methods.get("FooNet") == "proposed"


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("It beats strong baselines such as Tree Walker and Zephyr on all tasks.", "Tree Walker"),
        ("Recent models, e.g., Zorblax, show large gains.", "Zorblax"),
    ],
)
def test_models_such_as_lists_name_used_methods(abstract: str, name: str) -> None:
    assert names(extract("A study", abstract), "methods").get(name) == "used"


def test_benchmark_list_in_brackets_with_ie() -> None:
    result = extract(
        "A study",
        "Our method is state of the art on four public benchmarks (i.e., FooQA, BarSet-2 and "
        "TVSum) even without extra data.",
    )
    assert {"FooQA", "BarSet-2", "TVSum"} <= set(names(result, "benchmarks"))


@pytest.mark.parametrize(
    ("abstract", "name", "kind"),
    [
        # Guidelines rule 8 (docs/extraction.md): "benchmark datasets" are datasets.
        ("We run experiments on three benchmark datasets, FooSet-7, BazSet and QuxSet.",
         "BazSet", "datasets"),
        # A known name with a split or size suffix keeps the known name's kind.
        ("We report 85.3% top-1 accuracy on ImageNet-1K.", "ImageNet-1K", "datasets"),
        ("It also improves the accuracy by 2% on top of ResNet-50 on our data.",
         "ResNet-50", "methods"),
    ],
)
def test_evaluation_targets_are_typed_by_the_text_and_known_variants(
    abstract: str, name: str, kind: str
) -> None:
    assert name in names(extract("A study", abstract), kind)


@pytest.mark.parametrize(
    ("abstract", "absent"),
    [
        ("Applied to the Long-Term Grid Dispatch (LTGD) problem, the method is fast.", "LTGD"),
        ("Exploration is the focus of Quality-Novelty (QN) methods.", "QN"),
        ("Vision-Sound (VS) models map inputs to sounds.", "VS"),
        ("We introduce the Transfer Gap Factor (TGF) coefficient to quantify transfer.", "TGF"),
        ("We rank answers by their Self-Support (SSP) score.", "SSP"),
    ],
)
def test_acronym_of_a_category_or_measure_is_not_an_entity(abstract: str, absent: str) -> None:
    assert absent not in all_names(extract("A study", abstract))


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("We propose the Sparse Routing Network (SRN) framework for long inputs.", "SRN"),
        ("We propose Dynamic Token Pruning (DTP) models that run on phones.", "DTP"),
    ],
)
def test_proposed_acronym_before_a_category_noun_is_kept(abstract: str, name: str) -> None:
    assert names(extract("A study", abstract), "methods").get(name) == "proposed"


@pytest.mark.parametrize(
    ("abstract", "short", "long"),
    [
        ("We propose a paradigm, Sparse Memory Routing, or SpaMoR, for long inputs.",
         "SpaMoR", "Sparse Memory Routing"),
        ("We study Brain Signal Decoders, or BSD, in depth.", "BSD", "Brain Signal Decoders"),
        ("We propose FlexiNet-V, a novel Flexible Input Network architecture for images.",
         "FlexiNet-V", "Flexible Input Network"),
    ],
)
def test_renaming_and_appositive_long_forms_group(abstract: str, short: str, long: str) -> None:
    result = extract("A study", abstract)
    (entity,) = [e for e in result.entities if short in (e.name, *e.aliases)]
    assert long in (entity.name, *entity.aliases)


def test_or_between_unrelated_names_is_no_renaming() -> None:
    result = extract("A study", "We use Gated Recurrent Units, or LLaMA, as the encoder.")
    assert not any("LLaMA" in e.aliases for e in result.entities)


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("It improves results on both Falcon and Zephyr models.", {"Falcon", "Zephyr"}),
        ("We fine-tune GPT-2, Falcon and Zephyr models on the data.", {"Falcon", "Zephyr"}),
    ],
)
def test_capitalised_words_listed_before_a_model_head_are_models(
    abstract: str, expected: set[str]
) -> None:
    assert expected <= set(names(extract("A study", abstract), "methods"))


@pytest.mark.parametrize(
    "abstract",
    [
        "Recent Diffusion models produce sharp images.",
        "We compare Gaussian and Bayesian models of the data.",
    ],
)
def test_model_head_alone_does_not_make_names(abstract: str) -> None:
    assert not extract("A study", abstract).methods


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("We compare against PaLM 2-L and GPT-4 on all tasks.", "PaLM 2-L"),
        ("We compare against Zephyr 3.5-Haiku on all tasks.", "Zephyr 3.5-Haiku"),
        ("We fine-tune Falcon 2-Chat on the new data.", "Falcon 2-Chat"),
    ],
)
def test_version_with_a_size_or_tier_suffix_stays_in_the_name(abstract: str, name: str) -> None:
    assert name in all_names(extract("A study", abstract))


def test_sizes_of_one_model_group_under_its_name() -> None:
    result = extract(
        "FooLM: Small Models Reason",
        "We present FooLM. FooLM-1B and FooLM-700M beat larger models; FooLM 7B is best.",
    )
    (entity,) = result.methods
    assert entity.name == "FooLM" and entity.role == "proposed"
    assert {"FooLM-1B", "FooLM-700M", "FooLM 7B"} <= set(entity.aliases)


@pytest.mark.parametrize(
    "abstract",
    [
        "Before Google released FooChat-2, a collection of instruction-tuned models, it tested "
        "them heavily.",
        "We lower the refusal rate of our 70B FooChat-2 model below 1%.",
    ],
)
def test_someone_elses_model_is_used_not_proposed(abstract: str) -> None:
    methods = names(extract("A study of safety", abstract), "methods")
    assert methods.get("FooChat-2") == "used"


@pytest.mark.parametrize(
    ("title", "abstract", "short"),
    [
        # A two-part title name and the name-shaped part the abstract proposes.
        ("Zeta-QUUX: Cold Starts for Agents", "We introduce QUUX, a cold-start recipe.", "QUUX"),
        # The compact form: plain words by their initial, name-shaped parts whole.
        ("Auto-QNN: Searching Quantum Networks", "We propose automated quantum networks (AQNN).",
         "AQNN"),
        # A Greek letter in the title and spelled out in the abstract.
        ("FOOBAR-$π$: Social Agents", "We propose an interactive method, FOOBAR-pi, for agents.",
         "FOOBAR-pi"),
    ],
)
def test_title_name_and_its_abstract_form_are_one_entity(
    title: str, abstract: str, short: str
) -> None:
    result = extract(title, abstract)
    proposed = [e for e in result.methods if e.role == "proposed"]
    assert len(proposed) == 1
    assert short in (proposed[0].name, *proposed[0].aliases)
    assert len(proposed[0].aliases) >= 1


def test_title_name_stays_apart_from_an_unrelated_proposal() -> None:
    result = extract("Zeta-QUUX: Cold Starts", "We propose QUUX and a second module, BLORP.")
    assert "BLORP" in names(result, "methods")
    assert all("BLORP" not in e.aliases for e in result.methods)


@pytest.mark.parametrize(
    ("abstract", "shorts"),
    [
        ("We introduce an approach called Repeated Sampling of Quux Subsets (RSQS or RS2). "
         "RS2 is fast.", {"RSQS", "RS2"}),
        ("We propose Gated Blorp Attention (GBA or GBA-2), a new layer.", {"GBA", "GBA-2"}),
    ],
)
def test_two_short_forms_of_one_long_form_are_one_entity(abstract: str, shorts: set[str]) -> None:
    result = extract("A study of sampling", abstract)
    assert len(result.methods) == 1
    entity = result.methods[0]
    assert entity.role == "proposed"
    assert shorts <= {entity.name, *entity.aliases}


@pytest.mark.parametrize(
    ("abstract", "name", "expected"),
    [
        # A mixed-case short form of a lower-case phrase is coined like a name.
        ("We combine it with low-rank quux adapters (LoQA) for efficiency.", "LoQA", True),
        ("Training uses sparse warm adapters (SpaWA) on every layer.", "SpaWA", True),
        # Its small letters standing for small words only: an abbreviation, not a name.
        ("The lift depends on the angle of flap (AoF) of the wing.", "AoF", False),
        ("We use a generic quux distillation (QD) step.", "QD", False),
    ],
)
def test_mixed_case_short_form_of_a_lower_case_phrase(
    abstract: str, name: str, expected: bool
) -> None:
    assert (name in all_names(extract("A study", abstract))) is expected


@pytest.mark.parametrize(
    ("abstract", "short", "long"),
    [
        ("We propose Reversed Quux Tuning (Q^2-Tuning), a light framework.", "Q^2-Tuning",
         "Reversed Quux Tuning"),
        ("We introduce Doubly Blorp Search (B^2-Search) for agents.", "B^2-Search",
         "Doubly Blorp Search"),
    ],
)
def test_bracketed_short_form_after_a_coined_phrase(abstract: str, short: str, long: str) -> None:
    (entity,) = extract("A study", abstract).methods
    assert entity.role == "proposed"
    assert {short, long} <= {entity.name, *entity.aliases}


@pytest.mark.parametrize(
    "abstract",
    [
        "We propose Quux Guided Search (ours), a method.",
        "We introduce Gentle Flow Matching (2024) for images.",
    ],
)
def test_bracketed_word_without_capitals_is_no_short_form(abstract: str) -> None:
    (entity,) = extract("A study", abstract).methods
    assert not entity.aliases


@pytest.mark.parametrize(
    ("title", "abstract", "name"),
    [
        # The title opens with the name; the abstract writes its tail in lower case.
        ("Quuxing Step-by-Step! Small Models Win", "We introduce Quuxing step-by-step, a new "
         "mechanism.", "Quuxing step-by-step"),
        ("Blorp Token and Memory for Speaker Search", "We propose a learnable vector called "
         "Blorp token to replace pooling.", "Blorp token"),
        ("Zorp-similarity Driven Scale-invariant Learning for Search", "We propose a framework, "
         "named Zorp-similarity driven Scale-invariant Learning, for search.",
         "Zorp-similarity driven Scale-invariant Learning"),
    ],
)
def test_title_opening_extends_a_coined_name(title: str, abstract: str, name: str) -> None:
    assert names(extract(title, abstract), "methods").get(name) == "proposed"


@pytest.mark.parametrize(
    ("title", "abstract", "name"),
    [
        # A function word ends the echo; a title that does not open with it gives none.
        ("Reactive Quuxing to Cope with Change", "We propose Reactive Quuxing to cope with "
         "change.", "Reactive Quuxing"),
    ],
)
def test_title_echo_stops_at_a_function_word(title: str, abstract: str, name: str) -> None:
    assert names(extract(title, abstract), "methods").get(name) == "proposed"


def test_title_echo_needs_the_title_to_open_with_the_name() -> None:
    found = names(
        extract("A Study of Blorp Token Search", "We propose a vector called Blorp token here."),
        "methods",
    )
    assert "Blorp token" not in found


def test_spelled_out_name_groups_with_its_short_name() -> None:
    result = extract(
        "A study of control",
        "Baselines such as Gated Quux Network are weak. GQN fails on long inputs.",
    )
    (entity,) = result.methods
    assert entity.name == "GQN" and "Gated Quux Network" in entity.aliases


@pytest.mark.parametrize(
    "abstract",
    [
        # Initials that are not exactly the short name's capitals.
        "We propose Absolute Quux, and its solver AQR beats Blorp baselines.",
        # A long form holding a name-shaped word is a different thing.
        "We build a Selective QSM Encoder and drop SE from the model.",
    ],
)
def test_spelled_out_merge_needs_exact_initials(abstract: str) -> None:
    assert len(extract("A study", abstract).methods) == 2


@pytest.mark.parametrize(
    "abstract",
    [
        # A listed name (here from the gazetteer) that the paper defines as its own.
        "Our final Adaptive Collaborative Gated Pose Network (ACGPN) model reaches 84% accuracy.",
        "The result is our method, Adaptive Learned Bagging Engine Filter (ALBEF). It is fast.",
    ],
)
def test_acronym_defined_for_our_own_is_proposed_even_if_listed(abstract: str) -> None:
    (entity,) = extract("A study", abstract).methods
    assert entity.role == "proposed"


def test_listed_name_without_our_definition_stays_used() -> None:
    assert names(extract("A study", "We compare with ACGPN on all tasks."), "methods") == {
        "ACGPN": "used"
    }


@pytest.mark.parametrize(
    ("abstract", "name", "kept"),
    [
        ("On the Blorp benchmark, our approach improves the QF-all metric by 44%.", "QF-all",
         False),
        ("A simple yet effective QuuxScore metric is proposed to rate answers.", "QuuxScore",
         False),
        # Written elsewhere without "metric", the name stands.
        ("We propose QuuxNet. The QuuxNet metric head is small.", "QuuxNet", True),
    ],
)
def test_name_only_written_before_metric_is_a_metric(abstract: str, name: str, kept: bool) -> None:
    assert (name in all_names(extract("A study", abstract))) is kept


def test_acronym_defined_parts_of_our_method_are_proposed() -> None:
    result = extract(
        "A study of grounding",
        "We propose QuuxPal, a novel approach. QuuxPal integrates three core components: "
        "(1) Blorp Phrase Grounding (BPG), which links queries to tubes; (2) Zorp Referral "
        "Grounding (ZRG), which reads context.",
    )
    methods = names(result, "methods")
    assert methods.get("BPG") == methods.get("ZRG") == methods.get("QuuxPal") == "proposed"


@pytest.mark.parametrize(
    "abstract",
    [
        # Not a sentence about the parts of our own method.
        "We propose QuuxPal. Prior work integrates Blorp Phrase Grounding (BPG) in two stages.",
        # A listed model named in our sentence is used, not a part we make.
        "We propose QuuxPal. Our approach involves two stages: integrating Adaptive "
        "Collaborative Gated Pose Network (ACGPN) with masking.",
    ],
)
def test_parts_rule_needs_our_sentence_and_an_unlisted_name(abstract: str) -> None:
    methods = names(extract("A study of grounding", abstract), "methods")
    assert all(role == "used" for name, role in methods.items() if name != "QuuxPal")


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("Reasoning models such as q7 think longer before they answer.", "q7"),
        ("Most systems fail, except for the q7 model, on this test.", "q7"),
        ("Large language models (LLMs) like q7 have changed the field.", "q7"),
        ("We compare with OpenAI q7 on all tasks.", "OpenAI q7"),
    ],
)
def test_letter_digit_model_with_model_evidence(abstract: str, name: str) -> None:
    assert names(extract("A study", abstract), "methods").get(name) == "used"


@pytest.mark.parametrize(
    "abstract",
    ["We set x1 and x2 to zero.", "The loss is small when k2 is large.", "Let q7 be a vector."],
)
def test_letter_digit_alone_is_maths(abstract: str) -> None:
    assert not extract("A study", abstract).methods


@pytest.mark.parametrize(
    ("abstract", "name", "kind"),
    [
        # A bare name with no evidence of its own takes the kind of the list it stands in.
        ("Images from ImageNet, ZorbSet and CIFAR-10 are used for pretraining.",
         "ZorbSet", "datasets"),
        ("Scores on MMLU and QuuxEval are reported for every model.", "QuuxEval", "benchmarks"),
    ],
)
def test_bare_name_listed_with_datasets_takes_their_kind(abstract: str, name: str,
                                                          kind: str) -> None:
    result = extract("A study of pretraining", abstract)
    assert names(result, kind).get(name) == "used"
    assert name not in names(result, "methods")


def test_bare_name_listed_with_methods_stays_a_method() -> None:
    result = extract("A study of backbones", "ZorbNet and ResNet-50 are strong backbones.")
    assert names(result, "methods").get("ZorbNet") == "used"


@pytest.mark.parametrize(
    ("abstract", "method", "evaluated"),
    [
        # list.fronted_comma + siblings.clause_subject: the comma closes "On X," and the
        # clause's subject follows; it is no sibling of X.
        ("On QuuxQA, FooNet improves by four points.", "FooNet", ["QuuxQA"]),
        ("On the challenging QuuxQA, FooNet improves by four points.", "FooNet", ["QuuxQA"]),
        ("Across BarMath, FooNet outperforms all baselines.", "FooNet", ["BarMath"]),
        ("Evaluated on QuuxQA, FooNet reaches 80% accuracy.", "FooNet", ["QuuxQA"]),
        ("On QuuxQA, BarMath and ZedCode, FooNet improves by four points.", "FooNet",
         ["QuuxQA", "BarMath", "ZedCode"]),
    ],
)
def test_fronted_evaluation_phrase_ends_at_its_comma(
    abstract: str, method: str, evaluated: list[str]
) -> None:
    result = extract("A study", abstract)
    assert names(result, "methods") == {method: "used"}
    assert set(names(result, "benchmarks")) | set(names(result, "datasets")) == set(evaluated)


@pytest.mark.parametrize(
    "abstract",
    [
        "Results on QuuxQA, BarMath and ZedCode show gains.",
        "We evaluate on QuuxQA, BarMath, ZedCode.",
        "We report results on the widely used QuuxQA and BarMath.",
    ],
)
def test_an_evaluation_list_keeps_every_item(abstract: str) -> None:
    result = extract("A study", abstract)
    assert not names(result, "methods")
    assert len(names(result, "benchmarks")) + len(names(result, "datasets")) >= 2


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # siblings.bracket_result: a result in brackets does not break the list.
        ("FooNet yields large gains on QuuxQA (+5.1) and BarMath (+3.0).", "benchmark"),
        ("FooNet yields large gains on QuuxQA (+5.1%), and BarMath (+3.0%).", "benchmark"),
        # An acronym in brackets is no result: "(IBP)" joins nothing.
        ("Methods including interval bound propagation (IBP) and CROWN-Foo are costly.",
         "method"),
        # A parameter count is no result: "QuuxLM (8B) and BarMath" joins nothing.
        ("FooNet is tuned from QuuxLM (8B) and scored on BarMath.", "benchmark"),
    ],
)
def test_a_result_in_brackets_keeps_the_list(abstract: str, expected: str) -> None:
    result = extract("A study", abstract)
    last = {e.name: e.type for e in result.entities}
    assert last.get("BarMath", last.get("CROWN-Foo")) == expected



def test_a_bracketed_parameter_count_makes_a_model() -> None:
    # cue.size_bracket: "QuuxLM-2.5 (8B)" is a model even where "on" reads it as a set.
    result = extract("A study", "Gains are shown on QuuxLM-2.5 (8B) and ZedLM (2B).")
    assert names(result, "methods") == {"QuuxLM-2.5": "used", "ZedLM": "used"}


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("Exploratory analysis is conducted on this QuuxFacts 3 data set.", "QuuxFacts 3"),
        ("We train on the ZedSpeech and BarTalk data sets.", "ZedSpeech"),
    ],
)
def test_two_word_data_set_is_a_dataset_head(abstract: str, name: str) -> None:
    # cue.data_set_head: "data set" is the two-word spelling of "dataset".
    assert names(extract("A study", abstract), "datasets").get(name) == "used"


def test_data_set_head_needs_a_name() -> None:
    # "the data set" names nothing: the cue licenses no candidate of its own.
    assert extract("A study", "We clean the data set and train a model.").entities == []
