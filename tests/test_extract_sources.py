"""Each candidate source on its own: good and bad cases (guidelines in docs/extraction.md)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.extract.candidates import (
    CANDIDATE_SOURCES,
    SourceInput,
    acronym_forms,
    bare_model_names,
    benchmark_names,
    gazetteer_names,
    shape_names,
    title_names,
)
from kg.extract.components import GAZETTEER_KEY, doc_tokens
from kg.extract.model import Candidate
from kg.records import TITLE_SEPARATOR
from tests.extract_support import shared_extractor

Source = Callable[[SourceInput], list[Candidate]]


def source_input(abstract: str, title: str = "A study") -> SourceInput:
    """The input every source reads, from the shipped pipeline's tokenizer and gazetteer."""
    nlp = shared_extractor().nlp
    doc = nlp.get_pipe("kg_gazetteer")(nlp.make_doc(title + TITLE_SEPARATOR + abstract))
    banned = nlp.get_pipe("kg_entities").banned
    return SourceInput(doc_tokens(doc), banned, doc.user_data[GAZETTEER_KEY])


def found(source: Source, abstract: str, title: str = "A study") -> list[str]:
    inp = source_input(abstract, title)
    text = inp.tokens.text
    return [
        text[inp.tokens.starts[c.start] : inp.tokens.end_char(c.end - 1)] for c in source(inp)
    ]


def test_the_table_lists_every_source_once() -> None:
    assert list(CANDIDATE_SOURCES.values()) == [
        shape_names,
        gazetteer_names,
        benchmark_names,
        bare_model_names,
        title_names,
        acronym_forms,
    ]


@pytest.mark.parametrize(
    ("source", "abstract", "name"),
    [
        # Acronyms, CamelCase and names with digits are names by their shape.
        (shape_names, "We train SimCLR on images.", "SimCLR"),
        (shape_names, "We prompt GPT-4o twice.", "GPT-4o"),
        # A version, a size and a tier belong to the name.
        (shape_names, "We fine-tune Nimbus 2 70B on it.", "Nimbus 2 70B"),
        # A Title-Case part noun after a name is part of it (guidelines rule 4).
        (shape_names, "We add a HyperClass Regularizer to it.", "HyperClass Regularizer"),
        # Lower-case model names with a version.
        (shape_names, "We query zorbo-3-opus daily.", "zorbo-3-opus"),
        # The gazetteer knows the names of the Papers with Code lists.
        (gazetteer_names, "We evaluate on CIFAR-10 only.", "CIFAR-10"),
        # A capitalised run before a benchmark head is one name.
        (benchmark_names, "We evaluate on Quux Bench today.", "Quux Bench"),
        (benchmark_names, "Results on the Long Range Arena improve.", "Long Range Arena"),
        # A letter and a digit is a model with a model word or a list opener beside it.
        (bare_model_names, "We distill the q7 model.", "q7"),
        (bare_model_names, "reasoning models such as q7 improve.", "q7"),
        # Both sides of an acronym definition (Schwartz & Hearst), short form first.
        (acronym_forms, "We use Proximal Quux Optimization (PQO) here.", "PQO"),
        (
            acronym_forms,
            "We use Proximal Quux Optimization (PQO) here.",
            "Proximal Quux Optimization",
        ),
        # "Visual Puzzle Learning, or ViPuL": the capitals are the phrase's initials.
        (acronym_forms, "We study Visual Puzzle Learning, or ViPuL, today.", "ViPuL"),
    ],
)
def test_source_finds(source: Source, abstract: str, name: str) -> None:
    assert name in found(source, abstract)


@pytest.mark.parametrize(
    ("source", "abstract", "name"),
    [
        # Plural families name a class, not one artifact (guidelines rule 12).
        (shape_names, "We compare LLMs on it.", "LLMs"),
        # A generic term glued to a descriptor is no name (guidelines rule 1).
        (shape_names, "We apply RL-training here.", "RL-training"),
        # Sizes and parts of a paper are no names.
        (shape_names, "We train 7B models.", "7B"),
        (shape_names, "As Figure 3 shows, it works.", "Figure 3"),
        # A name inside a URL is not an entity (guidelines rule 7).
        (shape_names, "Code: https://github.com/FooNet/quux", "FooNet"),
        # A list name that is only part of a longer Title-Case phrase describes something else.
        (
            gazetteer_names,
            "We build a Flexible Adaptive Vision Transformer architecture.",
            "Vision Transformer",
        ),
        # A function word does not start a benchmark name.
        (benchmark_names, "We show The Bench is long.", "The Bench"),
        # A letter and a digit alone is maths ("x1").
        (bare_model_names, "Let x1 be the input.", "x1"),
        # A listed generic term's definition yields no candidate (guidelines rule 1).
        (acronym_forms, "We use reinforcement learning (RL) here.", "RL"),
    ],
)
def test_source_does_not_find(source: Source, abstract: str, name: str) -> None:
    assert name not in found(source, abstract)


@pytest.mark.parametrize(
    ("title", "name"),
    [
        # One capitalised word before the colon.
        ("SMART: Self-learning Meta-strategy Agent for Reasoning Tasks", "SMART"),
        # Up to three words led by a name-shaped one.
        ("P2Q Learning: A Quux Study", "P2Q Learning"),
    ],
)
def test_title_name_found(title: str, name: str) -> None:
    assert found(title_names, "We study it.", title) == [name]


@pytest.mark.parametrize(
    "title",
    [
        # No colon, no name.
        "A Study of Quux",
        # A task or field's name when no word of it is written like a name (rule 2).
        "Gloss-free Sign Language Translation: A Study",
        # A function word first.
        "The Gap: A Study",
        # Lower-case words are a description (rule 5).
        "learning to rank: A Study",
    ],
)
def test_title_name_not_found(title: str) -> None:
    assert found(title_names, "We study it.", title) == []


def test_long_title_phrase_needs_the_abstract_to_repeat_it() -> None:
    [phrase] = title_names(source_input("We study it.", "Mind the Quux Gap: A Study"))
    assert phrase.needs_acronym
    [repeated] = title_names(
        source_input("We show that Mind the Quux Gap works.", "Mind the Quux Gap: A Study")
    )
    assert not repeated.needs_acronym


def test_generic_definition_blocks_its_long_form() -> None:
    inp = source_input("We use Unsupervised Environment Design (UED) here.")
    # "UED" is a listed generic term: no candidate, and its long form's span is blocked.
    assert acronym_forms(inp) == []
    [(lo, hi)] = inp.definitions.generic_spans
    assert " ".join(inp.tokens.words[lo:hi]) == "Unsupervised Environment Design"
