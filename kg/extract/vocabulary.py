"""The extractor's vocabulary, by name: word lists and name patterns the rules read.

The lists themselves are data, ``kg/data/lexicon/*.jsonl``, one line per list with the reason
it exists (:func:`kg.extract.patterns.load_lexicon` validates them). Each name below is the
upper-cased id of one entry, and its annotation says what the entry holds (``frozenset[str]``:
``terms``; ``tuple[str, ...]``: ``terms`` in sorted order, for ``str.startswith``/``endswith``;
``tuple[tuple[str, ...], ...]``: ``phrases``; ``re.Pattern[str]``: ``pattern``;
``dict[str, str]``: ``map``). The rules read them as ``vocabulary.NAME`` at the moment they
run, so the lexicon in force can change: :func:`use` binds every name to another lexicon's
entries (each pipeline's ``kg_entities`` component puts its own in force, see
:class:`kg.extract.pipeline.ExtractorData`). One lexicon is in force at a time per process.

At import the default lexicon is put in force: the directory ``$KG_LEXICON_DIR`` names, else
``kg/data/lexicon``. A lexicon directory must hold every entry named here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from kg.errors import ExtractionError
from kg.extract.patterns import Lexicon, load_lexicon

#: Environment variable naming a directory of lexicon files that replaces kg/data/lexicon
#: as the default lexicon.
LEXICON_DIR_VARIABLE = "KG_LEXICON_DIR"
#: How many words before a name a history verb (``HISTORY_VERBS``) may stand.
HISTORY_WINDOW = 8

T = TypeVar("T")

FUNCTION_WORDS: frozenset[str]
LIST_FILLERS: frozenset[str]
ITEM_SEPARATORS: frozenset[str]
LIST_JOINERS: frozenset[str]
LIST_OPENERS: tuple[tuple[str, ...], ...]
NAME_STOP: frozenset[str]
NAMING_LEFT: frozenset[str]
COINING_WORDS: frozenset[str]
KIND_NOUNS: frozenset[str]
COMPONENT_NOUNS: frozenset[str]
DATASET_HEADS: frozenset[str]
BENCHMARK_HEADS: frozenset[str]
BENCHMARK_NAME_HEADS: frozenset[str]
TASK_HEADS: frozenset[str]
CATEGORY_AFTER: frozenset[str]
MEASURE_AFTER: frozenset[str]
METRIC_HEADS: frozenset[str]
REFERENCE_WORDS: frozenset[str]
NOT_LEFT: frozenset[str]
TIER_WORDS: frozenset[str]
COUNT_NOUNS: frozenset[str]
SIZE_LETTERS: frozenset[str]
EVALUATION_WORDS: frozenset[str]
FRONTING_PREPOSITIONS: frozenset[str]
METRIC_BEFORE: frozenset[str]
METRIC_AFTER: frozenset[str]
METHOD_BEFORE: frozenset[str]
METHOD_AFTER: frozenset[str]
MEASURE_VERBS: frozenset[str]
MEASURE_LINKS: frozenset[str]
HISTORY_VERBS: frozenset[str]
METRIC_WORDS: frozenset[str]
TASK_NOUNS: frozenset[str]
TASK_DETERMINERS: frozenset[str]
CATEGORY_NOUNS: frozenset[str]
CATEGORY_OF: frozenset[str]
SOFTWARE_AFTER: frozenset[str]
SOFTWARE_BEFORE: tuple[tuple[str, ...], ...]
ORGANISATION_HEADS: frozenset[str]
MODIFIER_SUFFIXES: frozenset[str]
LOWER_NOT_MODEL: frozenset[str]
PARTS_WORDS: frozenset[str]
MODEL_NOUNS: frozenset[str]
SIZE_SUFFIX: re.Pattern[str]
MODEL_VERSION: re.Pattern[str]
SUFFIXED_VERSION: re.Pattern[str]
MODEL_NAME: re.Pattern[str]
VARIANT_SUFFIX: re.Pattern[str]
ADJECTIVE: re.Pattern[str]
NUMBER: re.Pattern[str]
NOT_A_NAME: re.Pattern[str]
TITLE_WORD: re.Pattern[str]
BENCHMARK_SHAPE: re.Pattern[str]
BENCHMARK_WORD: re.Pattern[str]
SENT_DATASET: re.Pattern[str]
SENT_BENCHMARK: re.Pattern[str]
BENCHMARK_DATASETS: re.Pattern[str]
SIZE_TOKEN: re.Pattern[str]
PLURAL_FAMILY: re.Pattern[str]
VERSION_TOKEN: re.Pattern[str]
MODEL_SIZE: re.Pattern[str]
EDITION_TOKEN: re.Pattern[str]
LOWER_MODEL: re.Pattern[str]
TASK_COMPOUND: re.Pattern[str]
METRIC_SUFFIX: re.Pattern[str]
CLAUSE_VERB: re.Pattern[str]
BARE_MODEL: re.Pattern[str]
MIXED_CASE: re.Pattern[str]
OR_DEFINITION: re.Pattern[str]
ECHO_WORD: re.Pattern[str]
COORDINATION: re.Pattern[str]
GREEK_LETTERS: dict[str, str]
COMMA_AND_OR: frozenset[str]
OPENING_QUOTES: frozenset[str]
CLOSING_QUOTES: frozenset[str]
NAME_LINKS: frozenset[str]
NAMING_FILLERS: frozenset[str]
NAMED_ENTITY_NOUNS: frozenset[str]
POSSESSIVES: frozenset[str]
PHRASE_CONTINUATIONS: frozenset[str]
MULTIPLIER_MARKS: frozenset[str]
BARE_MODEL_LIKE_OPENERS: frozenset[str]
BARE_MODEL_HEADS: frozenset[str]
METRIC_NOUNS: frozenset[str]
BLOCK_NOUNS: frozenset[str]
FAMILY_SUFFIXES: frozenset[str]
REPOSITORY_HOSTS: frozenset[str]
URL_PREFIXES: tuple[str, ...]
NO_BREAK_ABBREVIATIONS: frozenset[str]
HYPHEN_MODIFIERS: frozenset[str]
GLUED_ARTICLES: frozenset[str]
PARTICIPLE_ENDINGS: tuple[str, ...]
BASIS_WORDS: frozenset[str]
BASIS_PREPOSITIONS: frozenset[str]
USE_PREPOSITIONS: frozenset[str]
SUBJECT_VERBS: frozenset[str]

#: How each annotation above is read from a lexicon entry.
_READERS: dict[str, Callable[[Lexicon, str], Any]] = {
    "frozenset[str]": Lexicon.words,
    "tuple[str, ...]": lambda lexicon, id_: tuple(sorted(lexicon.words(id_))),
    "tuple[tuple[str, ...], ...]": Lexicon.phrases,
    "re.Pattern[str]": Lexicon.pattern,
    "dict[str, str]": Lexicon.mapping,
}
#: The lexicon entries the rules read: every upper-case annotated name of this module.
ENTRY_NAMES = tuple(n for n in __annotations__ if n.isupper() and not n.startswith("_"))

_read: dict[str, Lexicon] = {}
_in_force: Lexicon | None = None
_on_change: list[Callable[[], None]] = []


def lexicon_at(folder: str | None = None) -> Lexicon:
    """The lexicon of the ``*.jsonl`` files in ``folder`` (None: ``$KG_LEXICON_DIR``, else the
    shipped ``kg/data/lexicon``), read and validated once per folder."""
    folder = folder or os.environ.get(LEXICON_DIR_VARIABLE) or ""
    key = str(Path(folder).resolve()) if folder else ""
    if key not in _read:
        files: list[Path] = []
        if folder:
            files = sorted(Path(folder).glob("*.jsonl"))
            if not files:
                raise ExtractionError(f"{folder}: no lexicon files (*.jsonl)")
        lexicon = load_lexicon(*files)
        for name in ENTRY_NAMES:  # a missing or mistyped entry fails now, naming it
            _READERS[__annotations__[name]](lexicon, name.lower())
        _read[key] = lexicon
    return _read[key]


def in_force() -> Lexicon:
    """The lexicon whose entries the names of this module hold now."""
    assert _in_force is not None
    return _in_force


def use(lexicon: Lexicon) -> None:
    """Bind every name of this module to ``lexicon``'s entries (nothing to do when it is the
    lexicon in force already, so a component may call this for each doc)."""
    global _in_force
    if lexicon is _in_force:
        return
    names = globals()
    for name in ENTRY_NAMES:
        names[name] = _READERS[__annotations__[name]](lexicon, name.lower())
    _in_force = lexicon
    for clear in _on_change:
        clear()


def when_changed(clear: Callable[[], None]) -> None:
    """Call ``clear`` each time another lexicon is put in force (a cache of a rule that reads
    the vocabulary, such as :func:`kg.extract.shapes.is_name_shaped`, registers here)."""
    _on_change.append(clear)



def per_lexicon(build: Callable[[], T]) -> Callable[[], T]:
    """``build()`` computed once per lexicon in force: for a regular expression a rule makes
    from entries (the repository hosts' URL pattern, say)."""
    cached = lru_cache(maxsize=1)(build)
    when_changed(cached.cache_clear)
    return cached


use(lexicon_at())
