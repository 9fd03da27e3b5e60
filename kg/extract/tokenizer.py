"""A spaCy tokenizer that keeps ML artifact names in one piece.

spaCy's English tokenizer splits on hyphens between letters ("BERT-Base" -> "BERT", "-",
"Base"), which breaks names such as ResNet-50, LV-ViT-L or GPT-4-turbo apart. We drop that
one infix rule and instead split off a short list of modifier suffixes ("BERT-based",
"CLIP-guided": the lexicon's ``hyphen_modifiers``) so that the name before them still stands
alone. The tokenizer reads the lexicon in force when it is built.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.lang.char_classes import ALPHA, HYPHENS
from spacy.language import BaseDefaults, Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from kg.extract import vocabulary as vocab

__all__ = ["TOKENIZER", "artifact_tokenizer", "customize_tokenizer"]

_HYPHEN_INFIX = rf"(?<=[{ALPHA}0-9])(?:{HYPHENS})(?=[{ALPHA}])"
# "1-2" ranges: would split Llama-3-8B and R^2; a number range is not a name either way.
_NUMBER_INFIX = r"(?<=[0-9])[+\-\*^](?=[0-9-])"
# Brackets glued to words ("models~(LMs)", "En-Ja(41.5") and the tilde of LaTeX spacing.
_GLUED_INFIXES = (
    rf"(?<=[{ALPHA}0-9])[(\[](?=[{ALPHA}0-9])",
    rf"(?<=[{ALPHA}0-9])[)\]](?=[{ALPHA}-])",
    r"~[(\\[]?",
)
# A number glued to the next sentence by a full stop with no space ("83.25%).Additionally",
# "GSM8K.We"): split off the percent sign, the bracket and the full stop so that neither the
# number with its punctuation nor the next sentence's first word is part of a name.
_SENTENCE_JOIN_INFIXES = (
    r"(?<=[0-9])%(?=[)\]]*\.[A-Z][a-z])",
    r"(?<=[0-9%])[)\]](?=[)\]]*\.[A-Z][a-z])",
    r"(?<=[0-9%)\]])\.(?=[A-Z][a-z])",
    r"(?<=[0-9][A-Z])\.(?=[A-Z][a-z])",
)


def _infixes(defaults: type[BaseDefaults]) -> list[str | re.Pattern[str]]:
    """spaCy's infixes for ``defaults`` without the hyphen and number-range rules, plus ours."""
    dropped = {_HYPHEN_INFIX, _NUMBER_INFIX}
    infixes = [r for r in (defaults.infixes or []) if not (isinstance(r, str) and r in dropped)]
    infixes.extend(_GLUED_INFIXES)
    infixes.extend(_SENTENCE_JOIN_INFIXES)
    return infixes


def _suffixes(defaults: type[BaseDefaults]) -> list[str | re.Pattern[str]]:
    """spaCy's suffixes for ``defaults`` without the unit rule, after ours."""
    modifier = "|".join(re.escape(word) for word in sorted(vocab.HYPHEN_MODIFIERS))
    articles = "|".join(re.escape(word) for word in sorted(vocab.GLUED_ARTICLES))
    # Units after a number ("100k", "8B", "1K") are part of names such as GSM8K or ImageNet-1K.
    kept = [r for r in (defaults.suffixes or []) if not (isinstance(r, str) and "km²" in r)]
    return [
        rf"(?<=[{ALPHA}0-9])-(?:{modifier})",
        # An article glued by a dash that lost its spaces: "QUUX-a Self-distilled ...".
        rf"(?<=[A-Z0-9]{{2}})-(?:{articles})",
        # Participles glued to a name describe it: "E4-recorded", "MBR-decoded".
        r"(?<=[A-Z0-9])-[a-z]{3,}(?:ed|ing)",
        r"(?<=[0-9])\\?%",
        # The full stop after "GSM8K" or "Qwen2.5-32B" (spaCy's unit rule used to free it).
        rf"(?<=[0-9][{ALPHA}])\.",
        rf"(?<=[0-9][{ALPHA}][{ALPHA}])\.",
        rf"(?<=-[{ALPHA}0-9])\.",  # "its variant KNT-D."
        *kept,
    ]


def customize_tokenizer(nlp: Language) -> Language:
    """Give ``nlp`` a tokenizer that keeps artifact names whole; returns ``nlp``.

    >>> import spacy
    >>> nlp = customize_tokenizer(spacy.blank("en"))
    >>> [t.text for t in nlp("LV-ViT-L and BERT-based models")]
    ['LV-ViT-L', 'and', 'BERT', '-based', 'models']
    """
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        raise TypeError(f"expected a spaCy Tokenizer, got {type(tokenizer).__name__}")
    # One new tokenizer with every setting, rather than setting infix_finditer and
    # suffix_search on the old one: each of those setters reloads spaCy's 4,000 special cases,
    # which was a third of the time to build the extractor.
    nlp.tokenizer = Tokenizer(
        nlp.vocab,
        rules=tokenizer.rules,
        prefix_search=tokenizer.prefix_search,
        suffix_search=compile_suffix_regex(_suffixes(nlp.Defaults)).search,
        infix_finditer=compile_infix_regex(_infixes(nlp.Defaults)).finditer,
        token_match=tokenizer.token_match,
        url_match=tokenizer.url_match,
        faster_heuristics=tokenizer.faster_heuristics,
        max_cache_size=tokenizer.max_cache_size,
    )
    return nlp


def artifact_tokenizer(nlp: Language) -> Tokenizer:
    """The tokenizer :func:`customize_tokenizer` gives a blank pipeline, built from the
    language's defaults as spaCy's own tokenizer factory builds its tokenizer.

    >>> import spacy
    >>> nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    >>> [t.text for t in nlp("LV-ViT-L and BERT-based models")]
    ['LV-ViT-L', 'and', 'BERT', '-based', 'models']
    """
    defaults = nlp.Defaults
    return Tokenizer(
        nlp.vocab,
        rules=defaults.tokenizer_exceptions,
        prefix_search=compile_prefix_regex(defaults.prefixes).search if defaults.prefixes else None,
        suffix_search=compile_suffix_regex(_suffixes(defaults)).search,
        infix_finditer=compile_infix_regex(_infixes(defaults)).finditer,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )


#: The registered name of :func:`artifact_tokenizer`, for a pipeline config: a pipeline built
#: with it never builds spaCy's default tokenizer (its 4,000 special cases and regular
#: expressions) only to replace it.
TOKENIZER = "kg.artifact_tokenizer.v1"


@registry.tokenizers(TOKENIZER)
def _artifact_tokenizer_factory() -> Callable[[Language], Tokenizer]:
    return artifact_tokenizer
