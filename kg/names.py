"""Name folding and node ids: the one place that decides when two written names are "the same".

Two keys, one built on the other:

* :func:`normalize_name` is the base fold: case-folded letters and digits only. The extractor
  compares names within a paper and against the gazetteer with it; it is the scorer's notion
  of "the same name", so it stays exactly this.
* :func:`canonical_key` is the graph's identity of a surface form, built on the base fold and
  looser: it first NFKC-normalises the text (full-width letters, ligatures, superscripts) and,
  in a multi-word long form (:func:`is_long_form`), folds a plain plural ``s``. Node ids and
  every corpus-wide lookup use it.

>>> normalize_name("ResNet-50") == normalize_name("resnet 50") == canonical_key("ResNet 50")
True
>>> normalize_name("Vision Transformers"), canonical_key("Vision Transformers")
('visiontransformers', 'visiontransformer')
>>> normalize_name("ＢＥＲＴ"), canonical_key("ＢＥＲＴ")  # full-width letters
('ｂｅｒｔ', 'bert')

The node ids made from names live here too: :func:`entity_id` (from a canonical key) and
:func:`repository_id` (from a URL). Ids do not depend on a node's label, which votes decide
and more papers can change.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["canonical_key", "entity_id", "is_long_form", "normalize_name", "repository_id"]

_NOT_ALNUM = re.compile(r"[\W_]+")


@lru_cache(maxsize=1 << 16)
def normalize_name(text: str) -> str:
    """The base fold: case-folded letters and digits only (remembered: the extractor folds
    the same names many times a paper).

    >>> normalize_name("ResNet-50") == normalize_name("resnet50")
    True
    >>> normalize_name("MS-COCO 2017!")
    'mscoco2017'
    """
    return _NOT_ALNUM.sub("", text.casefold())


@lru_cache(maxsize=1 << 16)
def canonical_key(name: str) -> str:
    """The graph's identity of a surface form: :func:`normalize_name` of the NFKC-normalised
    text, with a plain plural ``s`` folded in a multi-word long form ("Vision Transformers" =
    "Vision Transformer"); single names are never touched (``Adams``).

    >>> canonical_key("BERT-Base") == canonical_key("bert base") == "bertbase"
    True
    >>> canonical_key("Vision Transformers"), canonical_key("Adams")
    ('visiontransformer', 'adams')
    """
    folded = unicodedata.normalize("NFKC", name)
    if is_long_form(name):
        folded = " ".join(_singular(word) for word in folded.casefold().split())
    return normalize_name(folded)


def _singular(word: str) -> str:
    # Only a plain plural: "transformers", not "process", "corpus", "analysis" or "is".
    if len(word) > 3 and word.isalpha() and word.endswith("s") and not word.endswith(
        ("ss", "us", "is")
    ):
        return word[:-1]
    return word


@lru_cache(maxsize=1 << 16)
def is_long_form(name: str) -> bool:
    """True for a multi-word form such as ``"context autoencoder"`` (a possible long form).

    A long form has at least two words of letters, at least one of them four letters long or
    more (so "GPT 4" or "VQA v2" are spellings, not expansions).

    >>> [is_long_form(n) for n in ["context autoencoder", "MS COCO", "GPT 4", "VQA v2", "BERT"]]
    [True, True, False, False, False]
    """
    words = re.findall(r"[^\W\d_]+", name)
    return len(name.split()) >= 2 and len(words) >= 2 and any(len(w) >= 4 for w in words)


def entity_id(canonical: str) -> str:
    """The node id of the entity with canonical key ``canonical`` (label-independent).

    >>> entity_id(canonical_key("ResNet-50"))
    'entity:resnet50'
    """
    return f"entity:{canonical}"


def repository_id(url: str) -> str:
    """Node id of a repository URL: ``repo:`` + the URL without its scheme.

    >>> repository_id("https://github.com/org/repo")
    'repo:github.com/org/repo'
    """
    return "repo:" + url.split("://", 1)[-1]
