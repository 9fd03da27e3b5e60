"""The gazetteer matcher finds each listed name as the tokenizer splits it in running text."""

from __future__ import annotations

import json
from pathlib import Path

import spacy

from kg.extract.components import GAZETTEER_KEY, GazetteerComponent, token_orths
from kg.extract.tokenizer import TOKENIZER

#: Names whose tokens are odd: punctuation, abbreviations spaCy treats specially, affixes,
#: two spaces (tokenized on its own) and a space-free long list around them.
NAMES = [
    "Quux-Net",
    "e.g. Bench",
    "Dr. Foo",
    "BERT-based Tagger",
    "Fongbe  audio",
    "GPT-4o:",
    "don't stop",
    "(Zeta)",
    "1.5B-Chat",
    *(f"Name{i}" for i in range(1500)),
]


def _pipeline() -> spacy.language.Language:
    return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})


def test_names_tokenized_together_as_one_by_one() -> None:
    nlp = _pipeline()
    expected = [tuple(t.orth for t in nlp.make_doc(name)) for name in NAMES]
    assert token_orths(nlp, NAMES) == expected


def test_gazetteer_matches_odd_names_in_text(tmp_path: Path) -> None:
    path = tmp_path / "names.jsonl"
    rows = [
        {"id": f"test.{i}", "name": name, "type": "method", "strength": "strong"}
        for i, name in enumerate(NAMES)
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    nlp = _pipeline()
    component = GazetteerComponent(nlp, [str(path)])
    text = "We use Quux-Net, e.g. Bench and Dr. Foo with a BERT-based Tagger on Name1499."
    doc = component(nlp.make_doc(text))
    found = {doc[m.start : m.end].text for m in doc.user_data[GAZETTEER_KEY]}
    assert found == {"Quux-Net", "e.g. Bench", "Dr. Foo", "BERT-based Tagger", "Name1499"}
