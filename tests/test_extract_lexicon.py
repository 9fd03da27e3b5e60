"""The extractor's vocabulary is data (kg/data/lexicon/*.jsonl), validated when it loads."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from kg.errors import ExtractionError
from kg.extract import vocabulary
from kg.extract.patterns import CUE_EFFECTS, data_path, load_lexicon

ROOT = Path(__file__).resolve().parent.parent
#: The modules whose rules read the vocabulary: none of them may keep a word list of its own.
RULE_MODULES = ["candidates", "cues_apply", "decide", "generic", "model", "shapes", "vocabulary"]


def test_every_lexicon_entry_loads_says_why_and_is_used() -> None:
    lexicon = load_lexicon()
    assert len(lexicon.entries) >= 60
    assert all(e.why.strip() for e in lexicon.entries.values())
    bound = {name.lower() for name in vocabulary.ENTRY_NAMES}
    # Every entry is bound to a name the rules use, and every name comes from an entry.
    assert bound == set(lexicon.entries)
    assert "the" in vocabulary.FUNCTION_WORDS
    assert vocabulary.SENT_DATASET.search("three DATASETS")  # flags are honoured
    assert vocabulary.LIST_OPENERS[0] == ("such", "as")  # phrases keep their order
    assert vocabulary.GREEK_LETTERS["π"] == "pi"


def test_item_separators_and_list_fillers_differ_on_purpose() -> None:
    # generic's rules join one-word items by these only; a cue's list may have filler words.
    assert {",", "and", "or", "/"} == vocabulary.ITEM_SEPARATORS
    assert vocabulary.ITEM_SEPARATORS < vocabulary.LIST_FILLERS
    assert {"such", "including", "e.g."} <= vocabulary.LIST_FILLERS


def test_a_term_listed_twice_is_one_term(tmp_path: Path) -> None:
    path = tmp_path / "words.jsonl"
    path.write_text('{"id": "w", "why": "test", "terms": ["a", "b", "a"]}\n')
    assert load_lexicon(path).words("w") == {"a", "b"}


GOOD = '{"id": "ok", "why": "a good entry", "terms": ["x"]}'


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"why": "w", "terms": ["x"]}', "'id'"),
        ('{"id": "a", "terms": ["x"]}', "'why'"),
        ('{"id": "a", "why": " ", "terms": ["x"]}', "'why'"),
        ('{"id": "a", "why": "w"}', "exactly one of"),
        ('{"id": "a", "why": "w", "terms": ["x"], "pattern": "x"}', "exactly one of"),
        ('{"id": "a", "why": "w", "terms": []}', "'terms'"),
        ('{"id": "a", "why": "w", "terms": ["x", 3]}', "'terms'"),
        ('{"id": "a", "why": "w", "terms": ["x", ""]}', "'terms'"),
        ('{"id": "a", "why": "w", "pattern": "(unclosed"}', "no regular expression"),
        ('{"id": "a", "why": "w", "pattern": "x", "flags": ["VERBOSE"]}', "'flags'"),
        ('{"id": "a", "why": "w", "phrases": [["such", "as"], []]}', "'phrases'"),
        ('{"id": "a", "why": "w", "map": {"x": 1}}', "'map'"),
        ('{"id": "a", "why": "w", "terms": ["x"], "names": ["y"]}', "unknown field"),
        ('{"id": "ok", "why": "w", "terms": ["y"]}', "duplicate"),
    ],
)
def test_malformed_lexicon_line_fails_naming_file_and_line(
    tmp_path: Path, line: str, message: str
) -> None:
    path = tmp_path / "lexicon.jsonl"
    path.write_text(GOOD + "\n" + line + "\n")
    with pytest.raises(ExtractionError, match=message) as info:
        load_lexicon(path)
    if message != "duplicate":
        assert f"{path}:2" in str(info.value)


def test_an_id_defined_in_two_files_names_both(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(GOOD + "\n")
    second.write_text("\n" + GOOD + "\n")
    with pytest.raises(ExtractionError, match=f"{second}:2.*already defined at {first}:1"):
        load_lexicon(first, second)


def test_asking_for_a_missing_or_mistyped_entry_says_which(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.jsonl"
    path.write_text(GOOD + "\n")
    lexicon = load_lexicon(path)
    with pytest.raises(ExtractionError, match="no entry 'nope'"):
        lexicon.words("nope")
    with pytest.raises(ExtractionError, match=f"{path}:1.*'pattern'"):
        lexicon.pattern("ok")


def _word_lists(tree: ast.Module) -> list[str]:
    """Literal collections of three or more strings, and regular expressions compiled from a
    literal, written in a module's code (a word list or name pattern kept in Python);
    ``__all__`` lists names, not words."""
    exports = {
        id(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
    }
    # A function's results ("return type_, rule_id") are values, not lists.
    exports |= {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple)
    }
    found = []
    for node in ast.walk(tree):
        if id(node) in exports:
            continue
        strings = [
            e.value
            for e in getattr(node, "elts", [])
            if isinstance(e, ast.Constant) and isinstance(e.value, str)
        ]
        # Two words are a list too; cue effects and entity types are names of the model.
        if (
            isinstance(node, ast.Set | ast.List | ast.Tuple)
            and len(strings) >= 2
            and not set(strings) <= CUE_EFFECTS
        ):
            found.append(f"line {node.lineno}: {ast.unparse(node)[:60]}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "compile"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.append(f"line {node.lineno}: {ast.unparse(node)[:60]}")
    return found


@pytest.mark.parametrize("module", RULE_MODULES)
def test_no_word_list_lives_in_python(module: str) -> None:
    path = ROOT / "kg" / "extract" / f"{module}.py"
    assert _word_lists(ast.parse(path.read_text(encoding="utf-8"))) == []


#: Modules of kg.extract that are not rules over candidates but read text (URLs, sentences,
#: tokens): structural regular expressions may stay there, word lists may not. (cuematcher and
#: patterns name spaCy's token attributes and the data files' fields, which are no words.)
TEXT_MODULES = ["acronyms", "components", "pipeline", "sentences", "tokenizer", "urls"]
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9 .]*")


@pytest.mark.parametrize("module", TEXT_MODULES)
def test_no_word_list_lives_in_the_text_modules(module: str) -> None:
    """No literal collection of two or more words (hosts, abbreviations, suffixes)."""
    tree = ast.parse((ROOT / "kg" / "extract" / f"{module}.py").read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Set | ast.List | ast.Tuple):
            continue
        strings = [e.value for e in node.elts if isinstance(e, ast.Constant)]
        words = [s for s in strings if isinstance(s, str) and _WORD.fullmatch(s)]
        if len(words) >= 2 and node not in _exports(tree):
            found.append(f"line {node.lineno}: {ast.unparse(node)[:60]}")
    assert found == []


def _exports(tree: ast.Module) -> list[ast.AST]:
    return [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
    ]


def test_the_text_modules_read_their_words_from_the_lexicon() -> None:
    from kg.extract.sentences import sentence_spans
    from kg.extract.urls import is_repository

    assert {"github.com", "huggingface.co"} <= vocabulary.REPOSITORY_HOSTS
    assert is_repository("gitee.com/a/b") and not is_repository("a.github.io/b")
    assert {"e.g", "et al", "Fig"} <= vocabulary.NO_BREAK_ABBREVIATIONS
    text = "T\n\nAs in Fig. 2 and Smith et al. 2020 show. Next."
    assert len(sentence_spans(text, 1)) == 3
    assert {"based", "guided"} <= vocabulary.HYPHEN_MODIFIERS


def test_lexicon_files_are_one_json_object_a_line() -> None:
    for path in sorted(data_path("lexicon").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            assert re.fullmatch(r"[a-z][a-z0-9_]*", row["id"]), row["id"]
