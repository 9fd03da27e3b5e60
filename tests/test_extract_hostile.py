"""Hostile and huge input: sentence ends after size suffixes, capped evidence, bounded names."""

from __future__ import annotations

import json

import pytest

from kg.extract.pipeline import EVIDENCE_CAP, MAX_TEXT, clip_paper, clip_papers, looks_like_name
from kg.extract.sentences import sentence_spans
from kg.records import Mention, Paper, PaperExtraction
from tests.extract_support import shared_extractor

_SENTENCE = "We fine-tune ViT-B. Then we evaluate BERT on ImageNet and report results. "


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("T\n\nWe use ViT-B. Then we go.", ["We use ViT-B.", "Then we go."]),
        ("T\n\nWe use model v2. We go.", ["We use model v2.", "We go."]),
        ("T\n\nAs shown by J. Smith et al. we go.", ["As shown by J. Smith et al. we go."]),
    ],
)
def test_sentences_split_after_size_and_version_suffixes(text: str, parts: list[str]) -> None:
    assert [text[s:e] for s, e in sentence_spans(text, 1)][1:] == parts


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("ResNet-50", True),
        ("BERT", True),
        ("Llama-3-8B", True),
        ("GPT-4-turbo", True),
        ("Segment Anything Model", True),
        ("ACGT", True),
        ("ACGTTGCAAC" * 500, False),
        ("AAAAAAAAAAAAAAAAAAAAAAAA", False),
        ("123.45-67", False),
        ("--", False),
        ("", False),
        ("x" * 101, False),
        (" ".join(["Word"] * 13), False),
    ],
)
def test_looks_like_name(name: str, ok: bool) -> None:
    assert looks_like_name(name) is ok


def _all_mentions(ex: PaperExtraction) -> list[Mention]:
    found = [m for e in (*ex.methods, *ex.datasets, *ex.benchmarks) for m in e.mentions]
    return found + [m for r in ex.repositories for m in r.mentions]


def test_dna_sequence_yields_no_entity() -> None:
    dna = "".join("ACGT"[(i * 7 + i // 3) % 4] for i in range(5000))
    abstract = f"We align the sequence {dna} with BLAST."
    result = shared_extractor().extract(Paper("d", "A study", abstract))
    entities = (*result.methods, *result.datasets, *result.benchmarks)
    assert not [e.name for e in entities if "ACGTACGT" in e.name or len(e.name) > 100]


def test_evidence_is_capped_in_one_giant_sentence() -> None:
    giant = ", ".join(["we then train BERT on ImageNet with care"] * 500) + "."
    result = shared_extractor().extract(Paper("g", "A study", giant))
    mentions = _all_mentions(result)
    assert mentions
    for m in mentions:
        assert len(m.sentence) <= EVIDENCE_CAP
        assert m.text in m.sentence


def test_output_size_is_linear_for_a_200kb_abstract() -> None:
    abstract = (_SENTENCE * (200_000 // len(_SENTENCE) + 1))[:200_000]
    result = shared_extractor().extract(Paper("l", "A study", abstract))
    size = len(json.dumps(result.to_dict()))
    assert size < 40 * len(abstract)


def test_abstract_beyond_spacy_limit_is_cut_with_a_warning() -> None:
    long = (_SENTENCE * (1_200_000 // len(_SENTENCE) + 1))[:1_200_000]
    clipped = clip_paper(Paper("big", "A study", long))
    assert len(clipped.text) <= MAX_TEXT and clipped.abstract.endswith(".")
    warnings: list[str] = []
    assert list(clip_papers([Paper("big", "T", long)], warnings.append)) and len(warnings) == 1
    assert "big" in warnings[0]
    small = Paper("s", "T", "We use BERT.")
    assert clip_paper(small) is small
