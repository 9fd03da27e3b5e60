"""The extractor end to end, with the real spaCy pipeline (built once per session)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.extract import extract_papers
from kg.records import Paper, PaperExtraction
from tests.extract_support import all_names, extract, names, shared_extractor

ROOT = Path(__file__).resolve().parent.parent


# --- cues for role and type ---------------------------------------------------------------


def test_title_name_before_colon_is_proposed_with_acronym_long_form() -> None:
    result = extract(
        "SMART: Self-learning Meta-strategy Agent for Reasoning Tasks",
        "To address this, we introduce SMART (Self-learning Meta-strategy Agent for Reasoning "
        "Tasks), a novel framework. SMART improves accuracy on GSM8K.",
    )
    [smart] = [e for e in result.methods if e.name == "SMART"]
    assert smart.role == "proposed"
    assert "Self-learning Meta-strategy Agent for Reasoning Tasks" in smart.aliases
    # "accuracy on GSM8K": an evaluation set (dataset or benchmark), not a method.
    evaluated = {**names(result, "datasets"), **names(result, "benchmarks")}
    assert evaluated == {"GSM8K": "used"}


@pytest.mark.parametrize(
    "abstract",
    [
        "We propose HyperCRL, a method that learns continually.",
        "This paper introduces HyperCRL for lifelong robot learning.",
        "Our approach, dubbed HyperCRL, learns continually.",
        "A novel HyperCRL algorithm is proposed to learn continually.",
        "We present HyperCRL, a simple method.",
    ],
)
def test_proposal_cues_mark_the_name_proposed(abstract: str) -> None:
    assert names(extract("Continual learning with hypernetworks", abstract), "methods") == {
        "HyperCRL": "proposed"
    }


@pytest.mark.parametrize(
    "abstract",
    [
        "We propose an extension of VICReg to capture temporal relations.",
        "We introduce margins similar to AM-Softmax in the loss.",
        "We further introduce the classical EWC penalty for selective updates.",
        "We show that the proposed framework improves the ZQR score.",
    ],
)
def test_what_a_proposal_builds_on_is_used(abstract: str) -> None:
    result = extract("A study", abstract)
    assert result.entities and all(e.role == "used" for e in result.entities), [
        (e.name, e.role) for e in result.entities
    ]


def test_variants_of_a_proposed_name_are_proposed() -> None:
    result = extract(
        "Multi-view contrastive learning",
        "We propose MV-InfoNCE, which uses all views, and MV-DHEL, which decouples them. "
        "We also develop our future-self-training (FST) framework and its variant FST-D.",
    )
    found = names(result, "methods")
    assert {k: found.get(k) for k in ("MV-InfoNCE", "MV-DHEL", "FST", "FST-D")} == {
        "MV-InfoNCE": "proposed",
        "MV-DHEL": "proposed",
        "FST": "proposed",
        "FST-D": "proposed",
    }


def test_explicit_naming_cue_beats_capitalisation() -> None:
    result = extract("Agents", "We study a paradigm we call early experience, in which agents act.")
    assert names(result, "methods") == {"early experience": "proposed"}


def test_known_method_after_propose_is_still_used() -> None:
    result = extract("A study", "We propose to fine-tune BERT and compare it with RoBERTa.")
    assert names(result, "methods") == {"BERT": "used", "RoBERTa": "used"}


def test_introduced_dataset_and_benchmark() -> None:
    dataset = extract("Legal NLP", "We introduce CaseHOLD, a new dataset of 53,000 legal holdings.")
    assert names(dataset, "datasets") == {"CaseHOLD": "introduced"}
    benchmark = extract(
        "QuestLadder: A Benchmark for Cooperative Multi-Robot Planning",
        "We present QuestLadder, a turn-based puzzle game platform.",
    )
    assert names(benchmark, "benchmarks") == {"QuestLadder": "introduced"}
    assert not benchmark.methods


def test_dataset_and_benchmark_contexts() -> None:
    result = extract(
        "A study of robustness",
        "We evaluate on the Foo-7 dataset and on datasets such as CIFAR-10, SVHN and MNIST. "
        "Results on the ProcessBench benchmark and the MMLU benchmark confirm this.",
    )
    assert set(names(result, "datasets")) == {"Foo-7", "CIFAR-10", "SVHN", "MNIST"}
    assert set(names(result, "benchmarks")) == {"ProcessBench", "MMLU"}
    assert not result.methods


def test_games_in_a_benchmark_list_are_benchmarks() -> None:
    result = extract(
        "Agents that play",
        "We train on games such as Snake, Minesweeper and Sokoban.",
    )
    assert names(result, "benchmarks") == {
        "Snake": "used",
        "Minesweeper": "used",
        "Sokoban": "used",
    }


def test_capitalised_names_evaluated_on_are_found_whole() -> None:
    result = extract(
        "Exploration", "Our agent also scores well on Habitat and Montezuma's Revenge."
    )
    evaluated = {**names(result, "datasets"), **names(result, "benchmarks")}
    assert evaluated == {"Habitat": "used", "Montezuma's Revenge": "used"}


def test_compared_methods_are_used() -> None:
    result = extract(
        "QuuxCLR: contrastive learning with wavelet feature regularization",
        "QuuxCLR outperforms SimCLR and BYOL on CIFAR-10.",
    )
    assert names(result, "methods") == {"QuuxCLR": "proposed", "SimCLR": "used", "BYOL": "used"}


# --- what is not an entity -----------------------------------------------------------------


@pytest.mark.parametrize(
    "abstract",
    [
        "Reinforcement learning (RL) and supervised fine-tuning (SFT) help LLMs reason.",
        "We train with PyTorch on eight A100 GPUs and report BLEU and mAP.",
        "Researchers at Google and OpenAI presented results at NeurIPS.",
        "Audio event grounding (AEG) is a fine-grained task.",
        "GNNs and CNNs are popular; Transformers have revolutionized NLP.",
        "The model is trained with 7B parameters on 3D scenes (see Figure 2).",
        "We study Bayesian optimization in Markov games.",
        "Chain-of-Thought prompting and Mixture-of-Experts layers are generic.",
    ],
)
def test_generic_terms_tasks_metrics_tools_are_not_entities(abstract: str) -> None:
    result = extract("On generic terms", abstract)
    assert result.entities == [], [e.name for e in result.entities]


@pytest.mark.parametrize(
    "abstract",
    [
        "Our model improves accuracy on the QuuxSet dataset (71.5% to 74.2%).Moreover, it is fast.",
        "It reaches 64.0%.We also report its variance.",
        "We obtain strong results on the QuuxSet dataset (FID=12.34, IS=5.67pm0.08).",
        "Scores on the QuuxSet dataset (acc>0.8, BLEU=31.2) are high.",
        "Results (R=0.93, SSIM=0.812) improve over the QuuxSet dataset.",
    ],
)
def test_numbers_and_metric_formulas_are_never_names(abstract: str) -> None:
    found = all_names(extract("On formulas", abstract))
    junk = {n for n in found if any(c in n for c in "=%<>") or n[:1].isdigit()}
    assert not junk, found


@pytest.mark.parametrize(
    "abstract",
    [
        "We compare with MAE and BEiT on ImageNet.",
        "Our encoder outperforms MAE by 1.2% on ImageNet.",
        "We fine-tune MAE and DINO features for retrieval.",
        "In a small-scale MAE pre-training setup, our schedule is stable.",
        "Unlike MAE, our encoder predicts features.",
    ],
)
def test_a_metric_name_that_is_also_a_method_counts_in_a_method_context(abstract: str) -> None:
    assert names(extract("On encoders", abstract), "methods").get("MAE") == "used"


@pytest.mark.parametrize(
    "abstract",
    [
        "FooNet attains an MAE of 0.42 on QuuxSet.",
        "Our model achieves a lower MAE than the baselines.",
        "We report MAE and RMSE for every horizon.",
        "We evaluate with RMSE, MAE and R2.",
        "Errors are measured with MAE.",
        "FooNet reduces the MAE by 12% over BEiT.",
    ],
)
def test_a_metric_name_that_is_also_a_method_is_a_metric_in_a_metric_context(
    abstract: str,
) -> None:
    assert "MAE" not in all_names(extract("On forecasting", abstract))


def test_name_inside_url_is_not_an_entity_but_url_is_a_repository() -> None:
    result = extract(
        "A method", "Code: https://github.com/Owner/FooNet.git and https://owner.github.io/FooNet/."
    )
    assert [r.url for r in result.repositories] == ["https://github.com/Owner/FooNet"]
    assert result.links == ["https://owner.github.io/FooNet"]
    assert result.entities == []


# --- names, variants, gazetteer ------------------------------------------------------------


def test_model_sizes_group_under_the_proposed_name() -> None:
    result = extract(
        "MAFormer: A Transformer Network with Multi-scale Attention Fusion",
        "We propose MAFormer. MAFormer-L reaches 85.9% top-1 accuracy on ImageNet.",
    )
    [maformer] = result.methods
    assert (maformer.name, maformer.role) == ("MAFormer", "proposed")
    assert "MAFormer-L" in maformer.aliases
    assert names(result, "datasets") == {"ImageNet": "used"}


def test_versioned_model_names_stay_whole() -> None:
    result = extract(
        "Evaluating models",
        "We compare GPT-4o, Llama 2 70B, wav2vec 2.0, claude-3-opus and Qwen2.5-32B.",
    )
    assert {"GPT-4o", "Llama 2 70B", "wav2vec 2.0", "claude-3-opus", "Qwen2.5-32B"} <= set(
        names(result, "methods")
    )


def test_known_long_forms_are_found_and_grouped_with_their_acronym() -> None:
    result = extract(
        "Agents",
        "Our agent beats baselines, e.g. Soft Actor-Critic and Proximal Policy Optimization. "
        "Unlike PPO, it stays stable.",
    )
    found = {e.name: e.aliases for e in result.methods}
    assert "Proximal Policy Optimization" in found and "Soft Actor-Critic" in found
    # "PPO" is the same artifact as the long form: one entity, not two.
    assert len(result.methods) == 2
    assert all(e.role == "used" for e in result.methods)


def test_capitalised_known_name_mid_sentence_counts() -> None:
    result = extract("Optimisers", "We train the network with Adam and a cosine schedule.")
    assert names(result, "methods") == {"Adam": "used"}


# --- evidence ------------------------------------------------------------------------------


def test_mentions_carry_offsets_sentence_and_rule() -> None:
    paper = Paper(
        id="p",
        title="SMART: Self-learning Meta-strategy Agent for Reasoning Tasks",
        abstract="We evaluate on GSM8K. SMART beats GPT-4 on GSM8K.",
    )
    result = shared_extractor().extract(paper)
    text = paper.text
    seen = 0
    for entity in result.entities:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text
            assert m.text in m.sentence
            assert m.rule
            seen += 1
    [smart] = [e for e in result.methods if e.name == "SMART"]
    assert smart.mentions[0].sentence_index == 0  # the title
    assert smart.mentions[0].rule.startswith("cue.title_name")
    [gsm] = [*result.datasets, *result.benchmarks]
    assert [m.sentence for m in gsm.mentions] == [
        "We evaluate on GSM8K.",
        "SMART beats GPT-4 on GSM8K.",
    ]
    assert seen >= 4


def test_output_line_shape_matches_the_issue() -> None:
    line = extract("SMART: a method", "We evaluate on GSM8K.").to_dict()
    assert set(line) == {
        "id",
        "title",
        "methods",
        "datasets",
        "benchmarks",
        "repositories",
        "links",
    }
    method = line["methods"][0]
    assert set(method) == {"name", "aliases", "role", "mentions"}
    assert set(method["mentions"][0]) >= {"text", "start", "end", "sentence", "rule"}


# --- the example corpus --------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_extractions() -> dict[str, PaperExtraction]:
    from kg.readers import read_papers

    papers = read_papers([ROOT / "examples" / "hf-papers"]).papers
    return {x.paper.title: x for x in shared_extractor().pipe(papers)}


@pytest.mark.parametrize(
    ("title_start", "kind", "expected"),
    [
        ("SMART: Self-learning Meta-strategy", "methods", {"SMART": "proposed"}),
        ("TabDPT: Scaling Tabular", "methods", {"TabDPT": "proposed"}),
        ("TabDPT: Scaling Tabular", "benchmarks", {"CC18": "used", "CTR23": "used"}),
        # "we introduce SSLRec, a novel benchmark platform": the abstract's own word wins.
        ("SSLRec: A Self-Supervised", "benchmarks", {"SSLRec": "introduced"}),
        ("When Does Pretraining Help?", "datasets", {"CaseHOLD": "introduced"}),
        ("Gloss-free Sign Language", "datasets", {"PHOENIX14T": "used", "CSL-Daily": "used"}),
    ],
)
def test_example_corpus_abstracts(
    example_extractions: dict[str, PaperExtraction],
    title_start: str,
    kind: str,
    expected: dict[str, str],
) -> None:
    [result] = [x for t, x in example_extractions.items() if t.startswith(title_start)]
    found = names(result, kind)
    assert {k: found.get(k) for k in expected} == expected


def test_example_corpus_repositories(example_extractions: dict[str, PaperExtraction]) -> None:
    [sslrec] = [x for t, x in example_extractions.items() if t.startswith("SSLRec")]
    assert [r.url for r in sslrec.repositories] == ["https://github.com/HKUDS/SSLRec"]
    urls = [r.url for x in example_extractions.values() for r in x.repositories]
    assert urls and all(u.startswith("https://") and not u.endswith((".git", "/")) for u in urls)
    assert not any(".github.io" in u for u in urls)


def test_no_generic_names_in_the_example_corpus(
    example_extractions: dict[str, PaperExtraction],
) -> None:
    found = {n for x in example_extractions.values() for n in all_names(x)}
    assert not {"RL", "LLM", "LLMs", "SFT", "CoT", "GNNs", "PyTorch", "GPU", "BLEU"} & found


# --- streaming, processes, CLI -------------------------------------------------------------


def test_pipe_keeps_order_and_two_processes_give_the_same_output() -> None:
    papers = [
        Paper(id=f"p{i}", title=f"Net{i}X: a method", abstract=f"We evaluate on CIFAR-{i}0.")
        for i in range(1, 150)
    ]
    serial = [x.to_dict() for x in shared_extractor().pipe(papers)]
    assert [d["id"] for d in serial] == [p.id for p in papers]
    parallel = [x.to_dict() for x in extract_papers(iter(papers), processes=2)]
    assert parallel == serial


def test_memory_zones_do_not_change_the_output() -> None:
    """After its warm-up a long stream runs in spaCy memory zones; results must not change."""
    from kg.extract import Extractor

    papers = [
        Paper(f"p{i}", f"Zed{i}Net: a method", f"We propose Zed{i}Net and beat BERT on GLUE.")
        for i in range(12)
    ]
    zoned = Extractor()
    got = [x.to_dict() for x in zoned.pipe(papers, zone_size=3)]
    assert zoned._unzoned == 3  # the warm-up ran outside a zone, the rest inside zones
    assert got == [x.to_dict() for x in shared_extractor().pipe(papers)]
    assert names(PaperExtraction.from_dict(got[-1]), "methods") == {
        "Zed11Net": "proposed",
        "BERT": "used",
    }


def test_extract_and_pipe_can_alternate() -> None:
    """Each call closes its spaCy memory zone, so calls can follow each other freely."""
    extractor = shared_extractor()
    first = extractor.extract(Paper("a", "SMART: x", "We evaluate on GSM8K."))
    stream = extractor.pipe(Paper(f"p{i}", f"Net{i}X: y", "Uses BERT.") for i in range(5))
    assert [x.paper.id for x in stream] == [f"p{i}" for i in range(5)]
    again = extractor.extract(Paper("a", "SMART: x", "We evaluate on GSM8K."))
    assert again.to_dict() == first.to_dict()


def test_cli_extract_writes_one_line_per_paper(tmp_path: Path) -> None:
    source = tmp_path / "papers.jsonl"
    source.write_text(
        json.dumps({"id": "arxiv:1", "title": "SMART: a method", "abstract": "On GSM8K."})
        + "\n"
        + "{broken\n"
        + json.dumps({"id": "arxiv:2", "title": "Other", "abstract": "Uses BERT."})
        + "\n"
    )
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["extract", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["title"] for line in lines] == ["SMART: a method", "Other"]
    assert lines[0]["methods"][0]["name"] == "SMART"
    assert f"{source}:2" in result.stderr  # the bad record is reported with file:line
    again = CliRunner().invoke(main, ["extract", str(source), "--out", str(out)])
    assert again.exit_code == 0
    assert [json.loads(x) for x in out.read_text().splitlines()] == lines  # idempotent


def test_cli_extract_errors_and_help(tmp_path: Path) -> None:
    missing = CliRunner().invoke(main, ["extract", str(tmp_path / "nope.jsonl"), "-o", "x"])
    assert missing.exit_code != 0 and "does not exist" in missing.output
    bad = CliRunner().invoke(main, ["extract", str(tmp_path), "-o", "x", "--processes", "0"])
    assert bad.exit_code != 0
    helptext = CliRunner().invoke(main, ["extract", "--help"]).output
    assert "kg extract examples/hf-papers --out extractions.jsonl" in helptext
