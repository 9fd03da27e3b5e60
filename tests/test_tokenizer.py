"""The customised tokenizer keeps artifact names whole and splits what describes them."""

from __future__ import annotations

import pytest
import spacy

from kg.extract.tokenizer import customize_tokenizer


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return customize_tokenizer(spacy.blank("en"))


@pytest.mark.parametrize(
    "name",
    [
        "ResNet-50",
        "GPT-4o",
        "BERT-Base",
        "CIFAR-10",
        "LV-ViT-L",
        "R^2",
        "Set5",
        "GSM8K",
        "ImageNet-1K",
        "Llama-3-8B-Instruct",
        "MiniWoB++",
        "Qwen2.5",
        "text-davinci-002",
        "https://github.com/owner/repo",
    ],
)
def test_names_stay_whole(nlp: spacy.language.Language, name: str) -> None:
    words = [t.text for t in nlp(f"We use {name}, then stop.")]
    assert name in words


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("BERT-based models", ["BERT", "-based", "models"]),
        ("CLIP-guided search", ["CLIP", "-guided", "search"]),
        ("models~(LMs)", ["models", "~(", "LMs", ")"]),
        ("by 8.0% on", ["by", "8.0", "%", "on"]),
        ("(CIFAR-10).", ["(", "CIFAR-10", ")", "."]),
    ],
)
def test_descriptors_and_punctuation_split(
    nlp: spacy.language.Language, text: str, tokens: list[str]
) -> None:
    assert [t.text for t in nlp(text)] == tokens


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        (
            "(71.5% to 74.2%).Moreover, we",
            ["(", "71.5", "%", "to", "74.2", "%", ")", ".", "Moreover", ",", "we"],
        ),
        ("reaches 64.0%.We also", ["reaches", "64.0", "%", ".", "We", "also"]),
        ("on TinyQA-2K.Results show", ["on", "TinyQA-2K", ".", "Results", "show"]),
        ("with Foo-3.5.Then we", ["with", "Foo-3.5", ".", "Then", "we"]),
        ("(see Table 3).Finally", ["(", "see", "Table", "3", ")", ".", "Finally"]),
    ],
)
def test_number_glued_to_the_next_sentence_is_split(
    nlp: spacy.language.Language, text: str, tokens: list[str]
) -> None:
    assert [t.text for t in nlp(text)] == tokens


@pytest.mark.parametrize("name", ["Foo-3.5", "Qwen2.5", "U.S."])
def test_versions_and_abbreviations_keep_their_full_stops(
    nlp: spacy.language.Language, name: str
) -> None:
    assert name in [t.text for t in nlp(f"We use {name} here.")]
