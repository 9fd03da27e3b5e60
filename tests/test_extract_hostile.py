"""Hostile and huge input: sentence ends after size suffixes, capped evidence, bounded names."""

from __future__ import annotations

import json

import pytest

from kg.extract.acronyms import _last_word, _words_before
from kg.extract.candidates import FoundEntity, FoundMention
from kg.extract.decide import merge_spelled_out
from kg.extract.pipeline import (
    EVIDENCE_CAP,
    MAX_TEXT,
    MAX_TITLE,
    clip_paper,
    clip_papers,
    looks_like_name,
)
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


def _varied_abstract(size: int) -> str:
    """Deterministic text of ``size`` characters naming ever new methods and datasets, with
    acronym definitions, lists and repository links, so every per-paper step has work."""
    parts, n, i = [], 0, 0
    while n < size:
        parts.append(
            f"We propose Quux Net {i} (QN{i}) and compare it with BERT-{i}, ResNet-50 and "
            f"Zeta-{i} on FooSet{i}, BarQA{i} and ImageNet; code at https://github.com/u{i}/r{i}. "
        )
        n += len(parts[-1])
        i += 1
    return "".join(parts)[:size]


def _evidence_per_mention(abstract: str) -> tuple[float, int]:
    result = shared_extractor().extract(Paper("long", "A study", abstract))
    mentions = _all_mentions(result)
    assert mentions
    return sum(len(m.sentence) for m in mentions) / len(mentions), len(
        json.dumps(result.to_dict())
    )


@pytest.mark.parametrize("separator", [". ", ", "])
def test_long_abstract_output_stays_linear(separator: str) -> None:
    # The same text as many sentences and as one giant sentence (", "): evidence per mention
    # stays bounded and output bytes per input byte do not grow with the input.
    small, large = (_varied_abstract(n).replace(". ", separator) for n in (25_000, 100_000))
    per_small, out_small = _evidence_per_mention(small)
    per_large, out_large = _evidence_per_mention(large)
    assert per_small <= EVIDENCE_CAP and per_large <= EVIDENCE_CAP
    assert out_large / len(large) < 1.2 * out_small / len(small)


def test_repository_evidence_is_capped_in_one_giant_sentence() -> None:
    links = ", ".join(f"see https://github.com/user{i}/repo{i}" for i in range(2_000))
    result = shared_extractor().extract(Paper("u", "A study", f"Code: {links}."))
    assert len(result.repositories) == 2_000
    for repo in result.repositories:
        for m in repo.mentions:
            assert len(m.sentence) <= EVIDENCE_CAP and m.text in m.sentence


def test_huge_title_is_cut_with_a_warning_naming_the_paper() -> None:
    paper = Paper("huge-title", "Quux " * 200_000, "We propose QuuxNet.")
    warnings: list[str] = []
    [clipped] = clip_papers([paper], warnings.append)
    assert len(clipped.title) <= MAX_TITLE and clipped.title.startswith("Quux Quux")
    assert clipped.abstract == paper.abstract
    assert len(warnings) == 1 and warnings[0].startswith("paper huge-title: title of 1,000,000")
    assert "\n" not in warnings[0]
    result = shared_extractor().extract(paper)  # the extractor clips on its own too
    assert len(result.paper.title) <= MAX_TITLE
    normal = Paper("n", "A Normal Title", "We use BERT.")
    assert list(clip_papers([normal], warnings.append)) == [normal] and len(warnings) == 1


def test_title_and_abstract_cut_together_give_one_warning() -> None:
    paper = Paper("both", "T " * 5_000, _SENTENCE * (1_000_000 // len(_SENTENCE)))
    warnings: list[str] = []
    [clipped] = clip_papers([paper], warnings.append)
    assert len(clipped.text) <= MAX_TEXT and len(clipped.title) <= MAX_TITLE
    assert len(warnings) == 1 and "title of" in warnings[0] and "abstract of" in warnings[0]


def _entity(name: str, start: int, role: str = "used") -> FoundEntity:
    mention = FoundMention(name, start, start + len(name), 1, "shape.name")
    return FoundEntity(name, "method", role, (), (mention,))


def test_spelled_out_merge_takes_the_first_long_name_and_its_place() -> None:
    # Indexed, not scanned: still the first matching long name wins, and the merged entity
    # stands where the earlier of its two parts stood.
    entities = [
        _entity("Other Thing", 0),
        _entity("Quux Transformer", 10),
        _entity("QuT", 40, "proposed"),
        _entity("Quux Tokens", 60),
        _entity("QT", 80),
    ]
    merged = merge_spelled_out(entities)
    assert [(e.name, e.aliases, e.role) for e in merged] == [
        ("Other Thing", (), "used"),
        ("QuT", ("Quux Transformer",), "proposed"),
        ("QT", ("Quux Tokens",), "used"),
    ]


def test_look_back_before_a_bracket_crosses_long_words() -> None:
    # A word longer than the first look-back window still counts whole.
    word = "X" * 1_000
    text = f"head {word} tail (TL)"
    assert _last_word(text, 0, len(text) - 5) == (5 + len(word) + 1, "tail")
    assert _last_word(f"a {word}", 0, len(word) + 2) == (2, word)
    assert _words_before(text, len(text) - 5, 2, 0) == 5
    assert _words_before(text, len(text) - 5, 9, 0) == 0
