"""What a name looks like: pure functions over one token's text.

The guidelines (../shared/eval/GUIDELINES.md) define a named artifact by its written form: an
acronym, a CamelCase/mixed-case token or a name with digits (SimCLR, ResNet-50, GPT-4o, CIFAR-10,
GSM8K). These functions encode that test, plus the shapes that look like names but are not
(plural families "LLMs", sizes "7B", Title-Case compounds "Self-Attention").
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["is_name_shaped", "is_plural_family", "is_version", "normalize_name"]

_SIZE = re.compile(r"\d+(?:\.\d+)?(?:[A-Za-z]{1,2}|[xX×]\d+)")  # 7B, 3D, 10x, 2nd, 3x3
_PLURAL = re.compile(r"[A-Z][A-Za-z0-9-]*[A-Z0-9]s")  # LLMs, GNNs, ViTs
_VERSION = re.compile(r"v?\d+(?:\.\d+)+|[A-Z]\d{1,2}|\d")  # 2.0, B7, 2
_NOT_ALNUM = re.compile(r"[\W_]+")


def normalize_name(text: str) -> str:
    """Case-folded letters and digits only; the scorer's notion of "the same name".

    >>> normalize_name("ResNet-50") == normalize_name("resnet50")
    True
    """
    return _NOT_ALNUM.sub("", text.casefold())


def is_plural_family(word: str) -> bool:
    """A plural of an acronym or CamelCase name: a family, not one artifact ("LLMs", "ViTs").

    >>> is_plural_family("LLMs"), is_plural_family("ViTs"), is_plural_family("SMS")
    (True, True, False)
    """
    return bool(_PLURAL.fullmatch(word))


def is_version(word: str) -> bool:
    """A version or size that can follow a name ("wav2vec 2.0", "EfficientNet B7")."""
    return bool(_VERSION.fullmatch(word))


@lru_cache(maxsize=200_000)
def is_name_shaped(word: str) -> bool:
    """Whether one token is written like an artifact name.

    >>> [is_name_shaped(w) for w in ["SimCLR", "T5", "mBERT", "Self-Attention", "7B", "LLMs"]]
    [True, True, True, False, False, False]
    """
    # Too short, or starting with punctuation ("(a", "-based").
    if len(word) < 2 or not word[0].isalnum():
        return False
    if not any(c.isalpha() for c in word):
        return False
    # Sizes, units and ordinals: "7B", "3D", "10x", "2nd".
    if _SIZE.fullmatch(word):
        return False
    # Plural families: "LLMs", "GNNs", "ViTs".
    if is_plural_family(word):
        return False
    upper = sum(c.isupper() for c in word)
    has_digit = any(c.isdigit() for c in word)
    # Title-Case compounds: "Self-Attention", "Chain-of-Thought", "Vision-Language".
    if "-" in word and all(
        part[:1].isupper() and (part[1:].islower() or not part[1:]) or part.islower()
        for part in word.split("-")
        if part
    ) and not has_digit:
        return False
    if upper >= 2:
        return True  # SimCLR, BERT, LoRA, GPT-4o, ResNet-50
    if upper == 1 and has_digit:
        return True  # T5, Set5, Llama-2
    # A lower-case start then a capital: mBERT has two, but xLSTM-like one-capital forms too.
    return upper == 1 and word[0].islower() and not word[1:2] == "-"
