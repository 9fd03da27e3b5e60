"""Schwartz & Hearst acronym definitions: the pure functions, edge cases first."""

from __future__ import annotations

import pytest

from kg.extract.acronyms import best_long_form, find_abbreviations, is_short_form


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CAE", True),
        ("ALBERT", True),
        ("LoRA", True),
        ("R2D2", True),
        ("TF-IDF", True),
        ("3D", True),  # a valid short form; not an entity (shapes decide that)
        ("e.g.", False),
        ("Ph.D", False),
        ("i.e.", False),
        ("2023", False),
        ("ours", False),
        ("see Fig. 2 and Tab. 3", False),
        ("A", False),
        ("(x)", False),
    ],
)
def test_is_short_form(text: str, expected: bool) -> None:
    assert is_short_form(text) is expected


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        ("We train a context autoencoder (CAE) on images.", "CAE", "context autoencoder"),
        ("CAE (context autoencoder) is trained on images.", "CAE", "context autoencoder"),
        ("We present A Lite BERT (ALBERT) for NLU.", "ALBERT", "A Lite BERT"),
        ("adapted with Low-Rank Adaptation (LoRA).", "LoRA", "Low-Rank Adaptation"),
        ("the Vision Transformer (ViT) family", "ViT", "Vision Transformer"),
        (
            "we introduce SMART (Self-learning Meta-strategy Agent for Reasoning Tasks), a",
            "SMART",
            "Self-learning Meta-strategy Agent for Reasoning Tasks",
        ),
        # The shortest long form wins: "new" is not part of it.
        ("a new context autoencoder (CAE)", "CAE", "context autoencoder"),
        # Text after ";" or "," inside the parentheses is not part of the short form.
        ("a context autoencoder (CAE; ours) works", "CAE", "context autoencoder"),
    ],
)
def test_find_abbreviations(text: str, short: str, long: str) -> None:
    found = find_abbreviations(text)
    assert [(a.short, a.long) for a in found] == [(short, long)]
    abbr = found[0]
    assert text[abbr.short_start : abbr.short_end] == short
    assert text[abbr.long_start : abbr.long_end] == long


@pytest.mark.parametrize(
    "text",
    [
        "results improve (see Table 2).",
        "as shown before (Smith et al., 2020).",
        "accuracy (81.2%) is high",
        "the model (ours) wins",
        "unrelated words (XYZ) here",  # no long form contains X, Y, Z in order
        "XGBoost (81.23% against 75.35% for the baseline) wins",
    ],
)
def test_not_abbreviations(text: str) -> None:
    assert find_abbreviations(text) == []


def test_long_form_never_spans_another_definition() -> None:
    text = "our future-self-training (FST) framework, both deeply (FST-D) and widely (FST-W)."
    assert [(a.short, a.long) for a in find_abbreviations(text)] == [
        ("FST", "future-self-training")
    ]


def test_best_long_form_needs_first_letter_at_word_start() -> None:
    # "c" of CAE must start a word: "autoencoder context" has no such order.
    assert best_long_form("CAE", "xcontext autoencoder") is None
    candidate = "train a context autoencoder"
    start = best_long_form("CAE", candidate)
    assert start is not None and candidate[start:] == "context autoencoder"


def test_floor_bounds_the_long_form() -> None:
    text = "Context autoencoder. Then (CAE) appears."
    assert find_abbreviations(text, floor=text.index("Then")) == []
