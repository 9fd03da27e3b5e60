"""What a name looks like: pure functions over one token's text.

The annotation guidelines (docs/extraction.md) define a named artifact by its written form: an
acronym, a CamelCase/mixed-case token or a name with digits (SimCLR, ResNet-50, GPT-4o, CIFAR-10,
GSM8K). These functions encode that test, plus the shapes that look like names but are not
(plural families "LLMs", sizes "7B", Title-Case compounds "Self-Attention").
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import vocabulary as vocab

__all__ = [
    "is_edition",
    "is_model_size",
    "is_name_shaped",
    "is_plural_family",
    "is_version",
]



def is_plural_family(word: str) -> bool:
    """A plural of an acronym or CamelCase name: a family, not one artifact ("LLMs", "ViTs").

    >>> is_plural_family("LLMs"), is_plural_family("ViTs"), is_plural_family("SMS")
    (True, True, False)
    """
    return bool(vocab.PLURAL_FAMILY.fullmatch(word))


def is_version(word: str) -> bool:
    """A version that can follow a name ("wav2vec 2.0", "FooNet B7", "StarCraft II")."""
    return bool(vocab.VERSION_TOKEN.fullmatch(word))


def is_edition(word: str) -> bool:
    """A year or numbered edition that can follow a dataset's name ("AIME 2024", "FooQA v2").

    >>> [is_edition(w) for w in ["2024", "1998", "v2", "2.0", "3000", "v"]]
    [True, True, True, False, False, False]
    """
    return bool(vocab.EDITION_TOKEN.fullmatch(word))


def is_model_size(word: str) -> bool:
    """A parameter count that can follow a model name ("Nimbus 2 70B")."""
    return bool(vocab.MODEL_SIZE.fullmatch(word))


@lru_cache(maxsize=200_000)
def is_name_shaped(word: str) -> bool:
    """Whether one token is written like an artifact name.

    >>> [is_name_shaped(w) for w in ["SimCLR", "GPT-4o", "mBERT", "Self-Attention", "7B", "LLMs"]]
    [True, True, True, False, False, False]
    >>> [is_name_shaped(w) for w in ["nimbus-1.5-pro", "wav2vec", "top-1", "W.R.T", "Qwen2.5"]]
    [True, True, False, False, True]
    """
    # Too short, or starting with punctuation ("(a", "-based").
    if len(word) < 2 or not word[0].isalnum():
        return False
    # "text-to-SQL", "image-to-3D": a task, a mapping between kinds of data (rule 2).
    if vocab.TASK_COMPOUND.fullmatch(word):
        return False
    # Assignments, subscripts and formulas ("K=3", "CO_2") are maths, not names.
    if "=" in word or "_" in word:
        return False
    # A number with its punctuation ("83.25%).Additionally", "12%") is a value, not a name.
    if word[0].isdigit() and any(c in "%)]" for c in word):
        return False
    # Full stops belong to abbreviations ("W.R.T", "U.S."), except in versions ("Qwen2.5").
    if "." in word and not re.search(r"\d\.\d", word):
        return False
    # A number first and a hyphen later is a measure ("14B-parameter", "2-L").
    if word[0].isdigit() and "-" in word:
        return False
    # Lower-case model names with a version: "zorbo-3-opus", "text-nimbus-002", "wav2vec".
    if word.islower() or (word[0].islower() and not any(c.isupper() for c in word)):
        return (
            bool(vocab.LOWER_MODEL.fullmatch(word))
            and word.split("-")[0] not in vocab.LOWER_NOT_MODEL
        )
    if not any(c.isalpha() for c in word):
        return False
    # A capital and one digit is a level, layer or grade ("L3", "D4", "V2"); names of that
    # shape that are artifacts (T5) come from the gazetteer.
    if len(word) == 2 and word[0].isupper() and word[1].isdigit():
        return False
    # Sizes, units and ordinals: "7B", "3D", "10x", "2nd".
    if vocab.SIZE_TOKEN.fullmatch(word):
        return False
    # Plural families: "LLMs", "GNNs", "ViTs".
    if is_plural_family(word):
        return False
    # A name with a participle glued on describes a use of it ("E4-recorded", "MBR-decoded").
    last = word.rsplit("-", 1)[-1]
    glued = last != word and last.isalpha() and last.islower()
    if glued and last.endswith(vocab.PARTICIPLE_ENDINGS):
        return False
    upper = sum(c.isupper() for c in word)
    has_digit = any(c.isdigit() for c in word)
    # Title-Case compounds: "Self-Attention", "Chain-of-Thought", "Vision-Language".
    if (
        "-" in word
        and all(
            (part[:1].isupper() and part[1:].islower()) or part.islower()
            for part in word.split("-")
            if part
        )
        and not has_digit
        and not vocab.BENCHMARK_WORD.search(word)
    ):
        return False
    if upper >= 2:
        return True  # SimCLR, BERT, LoRA, GPT-4o, ResNet-50
    if upper == 1 and has_digit:
        return True  # T5, Set5, Llama-2
    # A lower-case start then a capital: mBERT has two, but xLSTM-like one-capital forms too.
    return upper == 1 and word[0].islower() and word[1:2] != "-"


# The cached shapes were read with the lexicon in force; another lexicon may shape otherwise.
vocab.when_changed(is_name_shaped.cache_clear)
