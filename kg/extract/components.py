"""spaCy pipeline components of the extractor, registered as factories.

``kg_gazetteer`` (PhraseMatcher over the derived Papers-with-Code names), ``kg_cues`` (Matcher
over the context patterns in ``kg/data/patterns/cues.jsonl``) and ``kg_entities`` (which wires
:func:`kg.extract.resolve.resolve` in and stores its result on the doc). Each is built once
with the pipeline; the per-doc work is matching plus one pass of plain Python.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from kg.extract.patterns import load_cues, load_gazetteer, load_not_entities
from kg.extract.resolve import CueMatch, GazetteerMatch, Tokens, resolve
from kg.extract.sentences import sentence_spans
from kg.records import TITLE_SEPARATOR

__all__ = ["CueComponent", "EntityComponent", "GazetteerComponent"]

#: Keys under which the components leave their results in ``doc.user_data``.
GAZETTEER_KEY = "kg.gazetteer"
CUES_KEY = "kg.cues"
ENTITIES_KEY = "kg.entities"
SENTENCES_KEY = "kg.sentences"


class GazetteerComponent:
    """Case-sensitive PhraseMatcher over the known method and dataset names."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.info: dict[int, tuple[str, str, str]] = {}
        for entry in load_gazetteer():
            key = nlp.vocab.strings.add(entry.id)
            self.info[key] = (entry.type, entry.strength, entry.id)
            self.matcher.add(entry.id, [nlp.make_doc(entry.name)])

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[GAZETTEER_KEY] = [
            GazetteerMatch(start, end, *self.info[key]) for key, start, end in self.matcher(doc)
        ]
        return doc


class CueComponent:
    """Matcher over the context cues; keeps the longest match of each cue at each start."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.cues = {}
        for cue in load_cues():
            self.cues[nlp.vocab.strings.add(cue.id)] = cue
            self.matcher.add(cue.id, [cue.pattern])

    def __call__(self, doc: Doc) -> Doc:
        longest: dict[tuple[int, int], int] = {}
        for key, start, end in self.matcher(doc):
            if end > longest.get((key, start), 0):
                longest[(key, start)] = end
        doc.user_data[CUES_KEY] = sorted(
            (CueMatch(start, end, self.cues[key]) for (key, start), end in longest.items()),
            key=lambda m: (m.start, m.end),
        )
        return doc


class EntityComponent:
    """Resolve candidates and cues into entities (see :mod:`kg.extract.resolve`)."""

    def __init__(self) -> None:
        self.banned = load_not_entities()
        from kg.extract.shapes import normalize_name

        self.known_names: dict[str, tuple[str, str]] = {}
        for entry in load_gazetteer():
            self.known_names.setdefault(normalize_name(entry.name), (entry.type, entry.strength))

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        sep = text.find(TITLE_SEPARATOR)
        title_end = sep if sep >= 0 else len(text)
        sentences = sentence_spans(text, title_end)
        tokens = Tokens(
            text=text,
            words=[t.text for t in doc],
            starts=[t.idx for t in doc],
            url_like=[t.like_url or "/" in t.text or "@" in t.text for t in doc],
            title_end=title_end,
            sentences=sentences,
        )
        doc.user_data[SENTENCES_KEY] = sentences
        doc.user_data[ENTITIES_KEY] = resolve(
            tokens,
            doc.user_data.get(GAZETTEER_KEY, []),
            doc.user_data.get(CUES_KEY, []),
            self.banned,
            self.known_names,
        )
        return doc


@Language.factory("kg_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> GazetteerComponent:
    """The known-names PhraseMatcher."""
    return GazetteerComponent(nlp)


@Language.factory("kg_cues")
def make_cues(nlp: Language, name: str) -> CueComponent:
    """The context-cue Matcher."""
    return CueComponent(nlp)


@Language.factory("kg_entities")
def make_entities(nlp: Language, name: str) -> EntityComponent:
    """The resolver that turns matches into typed entities with roles."""
    return EntityComponent()
