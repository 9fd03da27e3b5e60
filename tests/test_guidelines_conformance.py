"""GUIDELINES.md conformance (issue 13, capability 7): every example the guidelines name, in a
made-up sentence around it. Entities must be found with the guideline's type; the examples of
what is NOT an entity must not be found at all."""

from __future__ import annotations

import pytest

from tests.extract_support import all_names, extract, names

_METHODS = ["SimCLR", "ResNet-50", "GPT-4o", "BERT-Base", "MAFormer", "CSWin", "LV-ViT-L",
            "MoCo", "BYOL", "SwAV", "CLIP", "SLIP", "Adam", "PPO", "LLaMA-2", "SR-STE", "DPO",
            "ORPO", "DQN", "SAC", "BERT", "AdamW", "LAMB"]
_DATASETS = ["ImageNet", "MSCOCO", "CIFAR-10", "LibriSpeech", "CaseHOLD", "GSM8K"]
_BENCHMARKS = ["GLUE", "SuperGLUE", "MMLU", "BIG-bench", "ProcessBench", "UniversalBench",
               "D4RL", "Atari 100k", "MuJoCo", "DMControl", "ALFWorld", "WebShop"]
#: Addenda rules 1-3 and 9, and the main list of what is not an entity.
_NOT_ENTITIES = ["RL", "SSL", "SFT", "MLE", "MLM", "MIM", "ICL", "CoT", "RAG", "KD", "NAS",
                 "MTL", "RLHF", "GANs", "VAEs", "GNNs", "LLMs", "MoE", "MHSA", "JAX", "PyTorch",
                 "TensorFlow", "LSTM", "BiLSTM", "GRU", "CNN", "RNN", "MLP", "ReLU", "GELU",
                 "Dropout", "BatchNorm", "LayerNorm", "MCTS", "SVM", "PCA", "SGD", "BLEU",
                 "mAP", "A100", "Best-of-N"]


@pytest.mark.parametrize("name", _METHODS)
def test_guideline_method_examples_are_methods(name: str) -> None:
    result = extract("A study of baselines", f"QuuxNet is compared with {name} and others.")
    assert names(result, "methods").get(name) == "used"


@pytest.mark.parametrize("name", _DATASETS)
def test_guideline_dataset_examples_are_datasets(name: str) -> None:
    result = extract("A study of data", f"We train QuuxNet on the {name} dataset.")
    assert names(result, "datasets").get(name) == "used"


@pytest.mark.parametrize("name", _BENCHMARKS)
def test_guideline_benchmark_examples_are_benchmarks(name: str) -> None:
    result = extract("A study of evaluation", f"We evaluate QuuxNet on the {name} benchmark.")
    assert names(result, "benchmarks").get(name) == "used"


@pytest.mark.parametrize("name", _NOT_ENTITIES)
def test_guideline_non_entities_are_not_extracted(name: str) -> None:
    result = extract("A study of methods", f"Unlike prior work with {name}, QuuxNet is faster.")
    assert name not in all_names(result)
    assert "QuuxNet" in all_names(result)


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        # Rule 11: an explicit naming cue beats capitalisation.
        ("We study a paradigm we call early experience for agents.", "early experience"),
        # Rule 4: a named part of a proposed method is proposed too.
        ("We propose QuuxNet, whose R^2 Block mixes features.", "R^2 Block"),
    ],
)
def test_guideline_naming_cues_make_proposed_methods(abstract: str, name: str) -> None:
    assert names(extract("A study", abstract), "methods").get(name) == "proposed"


def test_guideline_games_as_history_are_not_entities() -> None:
    # Rule 10: a game named as history, not evaluated on, is not a benchmark.
    result = extract("A study of agents", "AI has mastered StarCraft II. We train QuuxNet.")
    assert "StarCraft II" not in all_names(result)
