#!/usr/bin/env python3
"""Derive kg/data/gazetteer/{methods,datasets}.jsonl from ../shared/gazetteers (PwC, CC-BY-SA 4.0).

Filtering follows the annotation guidelines (docs/extraction.md, "Annotation guidelines"):
- methods in building-block collections (activations, normalisation, pooling, convolutions,
  skip connections, ...) are dropped (rule 9), as are names on the not-entity lists
  in kg/data/patterns/not_entities.jsonl and lower-case or descriptive multi-word names
  ("Label Smoothing", "k-Means Clustering") that are textbook techniques, not one artifact;
- every kept name gets a ``strength``: ``strong`` names look like names (two capitals, or a
  capital and a digit: CIFAR-10, RoBERTa) and are matched case-sensitively anywhere; ``weak``
  names are ordinary capitalised words or short all-caps strings ("Places", "Cell", "SST") and
  only count where the text itself says dataset/benchmark/model nearby;
- a dataset whose introducing paper presents an environment or a simulator (and no dataset)
  is typed ``benchmark`` (guidelines rule 8: environments used for evaluation).

Usage: python scripts/build_gazetteer.py [--source ../shared/gazetteers] [--out kg/data/gazetteer]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Collections of building blocks: nothing in them is an entity, however it is written.
HARD_BLOCK = {
    "Activation Functions",
    "Regularization",
    "Normalization",
    "Convolutions",
    "Pooling Operations",
    "Skip Connections",
    "Skip Connection Blocks",
    "Output Functions",
    "Feedforward Networks",
    "Initialization",
    "Learning Rate Schedules",
    "Clustering",
    "Dimensionality Reduction",
    "Recurrent Neural Networks",
    "Linear Classifiers",
    "Parameter Norm Penalties",
    "Position Embeddings",
    "Tokenizers",
    "Subword Segmentation",
    "Distributions",
    "Non-Parametric Classification",
    "Generalized Linear Models",
    "Regression",
}

BLOCK_COLLECTIONS = HARD_BLOCK | {
    "3D Representations",
    "Adversarial Attacks",
    "Approximate Inference",
    "Attention Mechanisms",
    "Attention Modules",
    "Bayesian Reinforcement Learning",
    "Causal Inference",
    "Data Augmentation",
    "Data Parallel Methods",
    "Distributed Methods",
    "Domain Adaptation",
    "Downsampling",
    "Exploration Strategies",
    "Factorization Machines",
    "Feature Extractors",
    "Feature Pyramid Blocks",
    "Fourier-related Transforms",
    "Generative Adversarial Networks",
    "Generative Models",
    "Graph Data Augmentation",
    "Graph Embeddings",
    "Graph Models",
    "Heuristic Search Algorithms",
    "Hyperparameter Search",
    "Image Data Augmentation",
    "Image Model Blocks",
    "Image Representations",
    "Interpretability",
    "Knowledge Distillation",
    "Likelihood-Based Generative Models",
    "Loss Functions",
    "Markov Chain Monte Carlo",
    "Miscellaneous Components",
    "Model Parallel Methods",
    "Multi-Modal Methods-general",
    "Policy Evaluation",
    "Prioritized Sampling",
    "Pruning",
    "Quantization",
    "Replay Memory",
    "RoI Feature Extractors",
    "Rule-based systems",
    "Semantic Segmentation Modules",
    "Sequence Decoding Methods",
    "Stochastic Optimization-general",
    "Text Augmentation",
    "Upsampling",
    "Value Function Estimation",
    "Word Embeddings",
    "Working Memory Models",
}
# Collections whose members are frequently named artifacts even when the collection is generic.
KEEP_NAMED_IN = {
    "Generative Adversarial Networks",
    "Generative Models",
    "Graph Models",
    "Graph Embeddings",
    "Word Embeddings",
    "Knowledge Distillation",
    "Optimization",
    "Large Batch Optimization",
    "Loss Functions",
    "Feature Extractors",
    "Likelihood-Based Generative Models",
    "Domain Adaptation",
    "Distributed Methods",
}


#: Last words of multi-word method names that name one artifact ("Soft Actor Critic").
ARTIFACT_HEADS = {
    "Transformer",
    "Network",
    "Critic",
    "Twin",
    "Student",
    "Machine",
    "Model",
    "Discriminator",
    "Decoder",
    "Encoder",
    "Layer",
    "Regularizer",
}


CONNECTORS = {"of", "for", "and", "the", "with", "to", "in", "on", "via", "from", "by"}
GENERIC_HEADS = {
    "learning",
    "inference",
    "search",
    "attention",
    "regularization",
    "estimation",
    "selection",
    "mining",
    "augmentation",
    "sampling",
    "training",
}


def name_like(word: str) -> bool:
    """Two capitals, or a capital and a digit: the shape of an artifact name."""
    upper = sum(c.isupper() for c in word)
    return upper >= 2 or (upper >= 1 and any(c.isdigit() for c in word))


def strength(name: str) -> str | None:
    """``strong``/``weak`` for a usable name, None for one to drop."""
    name = name.strip()
    if len(name) < 2 or not any(c.isalpha() for c in name) or name != name.strip("-_.,"):
        return None
    words = name.split()
    if len(words) > 5 or " - " in name or ":" in name:
        return None
    if not any(c.isupper() or c.isdigit() for c in name):
        return None  # all lower case: a description ("k-means clustering")
    if any(name_like(w) for w in words):
        letters = re.sub(r"[^A-Za-z]", "", name)
        if (
            name.isupper()
            and len(letters) <= 4
            and len(words) == 1
            and not any(c.isdigit() for c in name)
        ):
            return "weak"  # short acronyms are ambiguous ("SST", "CBT")
        return "strong"
    if len(words) == 1:
        return "weak"  # "Places", "Adam", "Transformer"
    return "multi"  # "Dense Connections", "Soft Actor-Critic": decided per list


def not_entities() -> set[str]:
    names: set[str] = set()
    for line in (ROOT / "kg/data/patterns/not_entities.jsonl").read_text().splitlines():
        if line.strip():
            names.update(json.loads(line)["names"])
    return names


def build_methods(rows: list[dict], banned: set[str]) -> list[dict]:
    out = []
    for row in rows:
        name = row["name"].strip()
        collections = set(row.get("collections") or [])
        kind = strength(name)
        if kind is None or name in banned:
            continue
        if collections & HARD_BLOCK:
            continue  # layers, activations, regularisers: never entities (rule 9)
        blocked = collections & BLOCK_COLLECTIONS
        if blocked and kind != "strong" and not name.isupper():
            continue  # generic-technique collections: keep only names that look like names
        if kind == "multi":
            # Title-Case descriptions ("Contrastive Learning", "Strided Attention") are
            # techniques; names that end in an artifact noun ("Swin Transformer") are kept.
            if name.split()[-1].rstrip("s") not in ARTIFACT_HEADS:
                continue
            kind = "strong"
        out.append(
            {
                "name": name,
                "type": "method",
                "strength": kind,
                "num_papers": row.get("num_papers", 0),
            }
        )
        for alias in row.get("aliases") or []:
            # Title-Case long forms ("Proximal Policy Optimization" for PPO) name the same
            # artifact; generic heads ("Dual Contrastive Learning") are left out.
            words = alias.split()
            if (
                len(words) >= 2
                and all(w[:1].isupper() or w.lower() in CONNECTORS for w in words)
                and words[-1].lower() not in GENERIC_HEADS
                and alias not in banned
                and ":" not in alias
            ):
                out.append(
                    {
                        "name": alias,
                        "type": "method",
                        "strength": "strong",
                        "alias_of": name,
                        "num_papers": row.get("num_papers", 0),
                    }
                )
    return out


# An introducing paper that presents an environment or a simulator (and no dataset): the
# name is an environment, a benchmark when used for evaluation (guidelines rule 8).
ENVIRONMENT_TITLE = re.compile(
    r"\b(?:environments?|simulators?|physics engine|simulation platform|game engine|gym"
    r"|learning environment)\b",
    re.IGNORECASE,
)
DATASET_TITLE = re.compile(r"\b(?:datasets?|corpus|corpora|database|data set)\b", re.IGNORECASE)


def dataset_type(row: dict) -> str:
    """``benchmark`` for an environment or simulator (by its introducing paper's title),
    else ``dataset``."""
    title = row.get("intro_paper_title") or ""
    environment = ENVIRONMENT_TITLE.search(title) and not DATASET_TITLE.search(title)
    return "benchmark" if environment else "dataset"


def build_datasets(rows: list[dict], banned: set[str]) -> list[dict]:
    out = []
    for row in rows:
        name = re.sub(r"\s+(?:[Dd]ataset|Corpus|corpus)$", "", row["name"].strip())
        name = re.sub(r"^The\s+", "", name)
        kind = strength(name)
        if kind is None or name in banned:
            continue
        if kind == "multi":
            kind = "strong" if len(name.split()) >= 2 and name.istitle() else "weak"
        out.append({"name": name, "type": dataset_type(row), "strength": kind})
    return out


def with_hyphen_variants(entries: list[dict]) -> list[dict]:
    """Add "Soft Actor-Critic" for "Soft Actor Critic": papers hyphenate the last pair."""
    out = list(entries)
    for entry in entries:
        words = entry["name"].split()
        if len(words) >= 3 and all(w[:1].isupper() and w.isalpha() for w in words[-2:]):
            variant = " ".join([*words[:-2], f"{words[-2]}-{words[-1]}"])
            out.append({**entry, "name": variant, "alias_of": entry.get("alias_of", entry["name"])})
    return out


def write(path: Path, prefix: str, entries: list[dict]) -> None:
    seen: set[str] = set()
    lines = []
    for entry in sorted(entries, key=lambda e: e["name"]):
        if entry["name"] in seen:
            continue
        seen.add(entry["name"])
        lines.append(json.dumps({"id": f"{prefix}.{len(lines):05d}", **entry}, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{path}: {len(lines)} names")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "gazetteers")
    ap.add_argument("--out", type=Path, default=ROOT / "kg" / "data" / "gazetteer")
    args = ap.parse_args()
    banned = not_entities()

    def read(name: str) -> list[dict]:
        text = (args.source / name).read_text(encoding="utf-8")
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    args.out.mkdir(parents=True, exist_ok=True)
    write(
        args.out / "methods.jsonl",
        "pwc.method",
        with_hyphen_variants(build_methods(read("pwc_methods.jsonl"), banned)),
    )
    write(
        args.out / "datasets.jsonl",
        "pwc.dataset",
        build_datasets(read("pwc_datasets.jsonl"), banned),
    )


if __name__ == "__main__":
    main()
