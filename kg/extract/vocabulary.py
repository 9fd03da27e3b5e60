"""The extractor's vocabulary, by name: word lists and name patterns the rules read.

The lists themselves are data, ``kg/data/lexicon/*.jsonl``, one line per list with the reason
it exists (:func:`kg.extract.patterns.load_lexicon` validates them); this module loads them
once, at import, and binds each to the name the rules use. To change a list, edit its line.
``KG_LEXICON_DIR`` names another directory of lexicon files to read instead (for trying a
change without editing the package; it must hold every list).
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import ExtractionError
from kg.extract.patterns import load_lexicon

#: Environment variable naming a directory of lexicon files that replaces kg/data/lexicon.
LEXICON_DIR_VARIABLE = "KG_LEXICON_DIR"


def _lexicon_files() -> list[Path]:
    folder = os.environ.get(LEXICON_DIR_VARIABLE)
    if not folder:
        return []  # the shipped files
    files = sorted(Path(folder).glob("*.jsonl"))
    if not files:
        raise ExtractionError(f"{folder}: no lexicon files (*.jsonl) in ${LEXICON_DIR_VARIABLE}")
    return files


_LEXICON = load_lexicon(*_lexicon_files())

#: The not-entity list of names that are both a metric and a well-known method ("MAE").
METRIC_OR_METHOD = "not.metric_unless_method"
#: How many words before a name a history verb (``HISTORY_VERBS``) may stand.
HISTORY_WINDOW = 8

FUNCTION_WORDS = _LEXICON.words("function_words")
LIST_FILLERS = _LEXICON.words("list_fillers")
ITEM_SEPARATORS = _LEXICON.words("item_separators")
LIST_JOINERS = _LEXICON.words("list_joiners")
LIST_OPENERS = _LEXICON.phrases("list_openers")
NAME_STOP = _LEXICON.words("name_stop")
NAMING_LEFT = _LEXICON.words("naming_left")
COINING_WORDS = _LEXICON.words("coining_words")
KIND_NOUNS = _LEXICON.words("kind_nouns")
COMPONENT_NOUNS = _LEXICON.words("component_nouns")
DATASET_HEADS = _LEXICON.words("dataset_heads")
BENCHMARK_HEADS = _LEXICON.words("benchmark_heads")
BENCHMARK_NAME_HEADS = _LEXICON.words("benchmark_name_heads")
TASK_HEADS = _LEXICON.words("task_heads")
CATEGORY_AFTER = _LEXICON.words("category_after")
MEASURE_AFTER = _LEXICON.words("measure_after")
METRIC_HEADS = _LEXICON.words("metric_heads")
REFERENCE_WORDS = _LEXICON.words("reference_words")
NOT_LEFT = _LEXICON.words("not_left")
TIER_WORDS = _LEXICON.words("tier_words")
COUNT_NOUNS = _LEXICON.words("count_nouns")
SIZE_LETTERS = _LEXICON.words("size_letters")
EVALUATION_WORDS = _LEXICON.words("evaluation_words")
FRONTING_PREPOSITIONS = _LEXICON.words("fronting_prepositions")
METRIC_BEFORE = _LEXICON.words("metric_before")
METRIC_AFTER = _LEXICON.words("metric_after")
METHOD_BEFORE = _LEXICON.words("method_before")
METHOD_AFTER = _LEXICON.words("method_after")
MEASURE_VERBS = _LEXICON.words("measure_verbs")
MEASURE_LINKS = _LEXICON.words("measure_links")
HISTORY_VERBS = _LEXICON.words("history_verbs")
METRIC_WORDS = _LEXICON.words("metric_words")
TASK_NOUNS = _LEXICON.words("task_nouns")
TASK_DETERMINERS = _LEXICON.words("task_determiners")
CATEGORY_NOUNS = _LEXICON.words("category_nouns")
CATEGORY_OF = _LEXICON.words("category_of")
SOFTWARE_AFTER = _LEXICON.words("software_after")
SOFTWARE_BEFORE = _LEXICON.phrases("software_before")
ORGANISATION_HEADS = _LEXICON.words("organisation_heads")
MODIFIER_SUFFIXES = _LEXICON.words("modifier_suffixes")
LOWER_NOT_MODEL = _LEXICON.words("lower_not_model")
PARTS_WORDS = _LEXICON.words("parts_words")
MODEL_NOUNS = _LEXICON.words("model_nouns")
SIZE_SUFFIX = _LEXICON.pattern("size_suffix")
MODEL_VERSION = _LEXICON.pattern("model_version")
SUFFIXED_VERSION = _LEXICON.pattern("suffixed_version")
MODEL_NAME = _LEXICON.pattern("model_name")
VARIANT_SUFFIX = _LEXICON.pattern("variant_suffix")
ADJECTIVE = _LEXICON.pattern("adjective")
NUMBER = _LEXICON.pattern("number")
NOT_A_NAME = _LEXICON.pattern("not_a_name")
TITLE_WORD = _LEXICON.pattern("title_word")
BENCHMARK_SHAPE = _LEXICON.pattern("benchmark_shape")
BENCHMARK_WORD = _LEXICON.pattern("benchmark_word")
SENT_DATASET = _LEXICON.pattern("sent_dataset")
SENT_BENCHMARK = _LEXICON.pattern("sent_benchmark")
BENCHMARK_DATASETS = _LEXICON.pattern("benchmark_datasets")
SIZE_TOKEN = _LEXICON.pattern("size_token")
PLURAL_FAMILY = _LEXICON.pattern("plural_family")
VERSION_TOKEN = _LEXICON.pattern("version_token")
MODEL_SIZE = _LEXICON.pattern("model_size")
LOWER_MODEL = _LEXICON.pattern("lower_model")
METRIC_SUFFIX = _LEXICON.pattern("metric_suffix")
CLAUSE_VERB = _LEXICON.pattern("clause_verb")
BARE_MODEL = _LEXICON.pattern("bare_model")
MIXED_CASE = _LEXICON.pattern("mixed_case")
OR_DEFINITION = _LEXICON.pattern("or_definition")
ECHO_WORD = _LEXICON.pattern("echo_word")
COORDINATION = _LEXICON.pattern("coordination")
GREEK_LETTERS = _LEXICON.mapping("greek_letters")
COMMA_AND_OR = _LEXICON.words("comma_and_or")
OPENING_QUOTES = _LEXICON.words("opening_quotes")
CLOSING_QUOTES = _LEXICON.words("closing_quotes")
NAME_LINKS = _LEXICON.words("name_links")
NAMING_FILLERS = _LEXICON.words("naming_fillers")
NAMED_ENTITY_NOUNS = _LEXICON.words("named_entity_nouns")
POSSESSIVES = _LEXICON.words("possessives")
PHRASE_CONTINUATIONS = _LEXICON.words("phrase_continuations")
MULTIPLIER_MARKS = _LEXICON.words("multiplier_marks")
BARE_MODEL_LIKE_OPENERS = _LEXICON.words("bare_model_like_openers")
BARE_MODEL_HEADS = _LEXICON.words("bare_model_heads")
METRIC_NOUNS = _LEXICON.words("metric_nouns")
FAMILY_SUFFIXES = _LEXICON.words("family_suffixes")
#: As a tuple, for ``str.endswith``.
PARTICIPLE_ENDINGS = tuple(sorted(_LEXICON.words("participle_endings")))
