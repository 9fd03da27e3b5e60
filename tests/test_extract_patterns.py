"""Pattern and gazetteer files load with validation; the cue matcher agrees with spaCy's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc

from kg.errors import ExtractionError
from kg.extract.cuematcher import CueMatcher
from kg.extract.patterns import data_path, load_cues, load_gazetteer, load_not_entities
from kg.extract.tokenizer import customize_tokenizer

ROOT = Path(__file__).resolve().parent.parent


def test_every_pattern_file_loads() -> None:
    cues = load_cues()
    assert cues and len({c.id for c in cues}) == len(cues)
    banned = load_not_entities()
    assert {"RL", "LLMs", "PyTorch", "BLEU", "A100", "GPU"} <= set(banned)
    gazetteer = load_gazetteer()
    assert {"method", "dataset", "benchmark"} == {e.type for e in gazetteer}
    names = {e.name for e in gazetteer}
    assert {"CIFAR-10", "ImageNet", "BERT"} <= names
    # Generic techniques were filtered out of the derived gazetteer (guidelines rules 1, 9).
    assert not {"Dropout", "ReLU", "LSTM", "Softmax", "Layer Normalization"} & names
    nlp = spacy.blank("en")
    validator = Matcher(nlp.vocab, validate=True)
    for cue in cues:
        validator.add(cue.id, [cue.pattern])


def test_gazetteer_ships_licence_and_attribution() -> None:
    folder = data_path("gazetteer")
    assert "CC BY-SA 4.0" in (folder / "LICENSE").read_text()
    assert "Papers with Code" in (folder / "README.md").read_text()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"pattern": [{"LOWER": "we"}], "effect": "proposed", "target": "right_first"}', "id"),
        ('{"id": "x", "pattern": [], "effect": "proposed", "target": "right_first"}', "pattern"),
        (
            '{"id": "x", "pattern": [{"LOWER": "we"}], "effect": "bogus", "target": "right_first"}',
            "effect",
        ),
        (
            '{"id": "x", "pattern": [{"LOWER": "we"}], "effect": "used", "target": "sideways"}',
            "target",
        ),
    ],
)
def test_malformed_cue_fails_at_load_naming_file_and_line(
    tmp_path: Path, line: str, message: str
) -> None:
    path = tmp_path / "cues.jsonl"
    good = '{"id": "ok", "pattern": [{"LOWER": "we"}], "effect": "used", "target": "right_list"}'
    path.write_text(good + "\n" + line + "\n")
    with pytest.raises(ExtractionError, match=message) as info:
        load_cues(path)
    assert f"{path}:2" in str(info.value)


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "not.jsonl"
    path.write_text('{"id": "a", "names": ["X"]}\n{"id": "a", "names": ["Y"]}\n')
    with pytest.raises(ExtractionError, match="duplicate pattern ids: a"):
        load_not_entities(path)


def test_unsupported_token_attribute_is_rejected() -> None:
    matcher = CueMatcher()
    with pytest.raises(ExtractionError, match="POS"):
        matcher.add("x", [{"POS": "NOUN"}])


def _longest_matches(
    spacy_matcher: Matcher, ours: CueMatcher, doc: Doc
) -> tuple[dict[tuple[str, int], int], dict[tuple[str, int], int]]:
    """The longest match end per (pattern, start) of spaCy's Matcher and of ours on ``doc``."""
    expected: dict[tuple[str, int], int] = {}
    for key, start, end in spacy_matcher(doc):
        cue_id = doc.vocab.strings[key]
        expected[(cue_id, start)] = max(end, expected.get((cue_id, start), 0))
    words = [t.text for t in doc]
    return expected, {(k, s): e for k, s, e in ours(words, [w.lower() for w in words])}


def test_cue_matcher_finds_what_spacy_matcher_finds() -> None:
    """Same longest match per (cue, start) as spaCy's Matcher, over real abstracts."""
    nlp = customize_tokenizer(spacy.blank("en"))
    spacy_matcher = Matcher(nlp.vocab)
    ours = CueMatcher()
    for cue in load_cues():
        spacy_matcher.add(cue.id, [cue.pattern])
        ours.add(cue.id, cue.pattern)
    from kg.readers import read_papers

    texts = [p.text for p in read_papers([ROOT / "examples" / "hf-papers"]).papers[:80]]
    compared = 0
    for doc in nlp.pipe(texts):
        expected, got = _longest_matches(spacy_matcher, ours, doc)
        assert got == expected
        compared += len(expected)
    assert compared > 50


#: Made-up patterns of every shape the cue matcher indexes differently: a one-word match, a
#: first word proved by the index (lower-case or exact-case set, a number), a first word with
#: a second test, an optional or unindexed first word, and repeated steps after it.
_SHAPES = {
    "one_word": [{"LOWER": {"IN": ["quux", "zorp"]}}],
    "two_words": [{"LOWER": "the"}, {"LOWER": {"IN": ["quux", "big"]}}],
    "exact_case": [{"ORTH": ","}, {"LOWER": {"IN": ["a", "an"]}}, {"IS_LOWER": True, "OP": "{,2}"},
                   {"LOWER": "zorp"}],
    "number": [{"LIKE_NUM": True}, {"LOWER": {"IN": ["on", "in"]}}, {"LOWER": "the", "OP": "?"}],
    "first_and_alpha": [{"LOWER": {"IN": ["quux", "on"]}, "IS_ALPHA": True},
                        {"LOWER": "the", "OP": "*"}],
    "optional_first": [{"LOWER": "very", "OP": "?"}, {"LOWER": "big"}],
    "unindexed_first": [{"IS_LOWER": False}, {"LOWER": "quux"}],
    "repeated": [{"LOWER": {"IN": ["on", "in"]}}, {"LOWER": {"IN": ["the", "big"]}, "OP": "+"},
                 {"LOWER": "quux", "OP": "?"}],
    "longest_not_greedy": [{"LOWER": "x"}, {"LOWER": "y", "OP": "*"}, {"LOWER": "y"},
                           {"LOWER": "z"}],
}


def test_cue_matcher_agrees_with_spacy_on_every_pattern_shape() -> None:
    nlp = spacy.blank("en")
    spacy_matcher = Matcher(nlp.vocab)
    ours = CueMatcher()
    for key, pattern in _SHAPES.items():
        spacy_matcher.add(key, [pattern])
        ours.add(key, pattern)
    text = (
        "The quux sat on the the big quux , a big small zorp 3 on the mat in 12 in "
        "the very big Zorp , an zorp . X quux on on the quux x y y z x y z x z three in"
    )
    for _ in range(2):  # the second time from the matcher's cache of words
        expected, got = _longest_matches(spacy_matcher, ours, nlp(text))
        assert got == expected
    assert {key for key, _ in expected} == set(_SHAPES)


def test_shipped_gazetteer_is_what_the_build_script_derives(tmp_path: Path) -> None:
    # The derived data must stay reproducible from its source and the script's filters.
    root = Path(__file__).resolve().parent.parent
    source = root.parent / "shared" / "gazetteers"
    if not source.is_dir():
        pytest.skip(f"{source} (the Papers with Code lists) is not beside the repository")
    subprocess.run([sys.executable, str(root / "scripts" / "build_gazetteer.py"),
                    "--source", str(source), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    shipped = root / "kg" / "data" / "gazetteer"
    for name in ("methods.jsonl", "datasets.jsonl"):
        assert (tmp_path / name).read_bytes() == (shipped / name).read_bytes(), name


def test_every_cue_word_is_one_token() -> None:
    # A cue word the tokenizer splits ("pre-trained" -> "pre" "-trained") never matches: the
    # cue would be dead data. List the pieces instead.
    from tests.extract_support import shared_extractor

    nlp = shared_extractor().nlp
    split = []
    for cue in load_cues():
        for spec in cue.pattern:
            value = spec.get("LOWER", spec.get("ORTH"))
            words = value["IN"] if isinstance(value, dict) and "IN" in value else (
                [value] if isinstance(value, str) else [])
            split += [(cue.id, w) for w in words if len(nlp.make_doc(w)) > 1]
    assert split == []
