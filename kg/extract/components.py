"""spaCy pipeline components of the extractor, registered as factories.

``kg_gazetteer`` (PhraseMatcher over the derived Papers-with-Code names), ``kg_cues`` (Matcher
over the context patterns in ``kg/data/patterns/cues.jsonl``) and ``kg_entities`` (which wires
:func:`kg.extract.resolve.resolve` in and stores its result on the doc). Each is built once
with the pipeline; the per-doc work is matching plus one pass of plain Python.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from kg.errors import ExtractionError
from kg.extract.candidates import CueMatch, GazetteerMatch, Tokens
from kg.extract.cuematcher import CueMatcher
from kg.extract.patterns import load_cues, load_gazetteer, load_not_entities
from kg.extract.resolve import resolve
from kg.extract.sentences import sentence_spans
from kg.records import TITLE_SEPARATOR

__all__ = ["CueComponent", "EntityComponent", "GazetteerComponent"]

#: Keys under which the components leave their results in ``doc.user_data``.
GAZETTEER_KEY = "kg.gazetteer"
CUES_KEY = "kg.cues"
ENTITIES_KEY = "kg.entities"
SENTENCES_KEY = "kg.sentences"
VIEW_KEY = "kg.tokens"
TEXT_KEY = "kg.text"


class GazetteerComponent:
    """Case-sensitive PhraseMatcher over the known method and dataset names."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.info: dict[int, tuple[str, str, str, str | None]] = {}
        for entry in load_gazetteer():
            key = nlp.vocab.strings.add(entry.id)
            self.info[key] = (entry.type, entry.strength, entry.id, entry.alias_of)
            self.matcher.add(entry.id, [nlp.make_doc(entry.name)])

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[GAZETTEER_KEY] = [
            GazetteerMatch(start, end, *self.info[key]) for key, start, end in self.matcher(doc)
        ]
        return doc


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once (spaCy joins every token's text each time it is asked)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def token_view(doc: Doc) -> tuple[list[str], list[str], list[int]]:
    """Token texts, lower-cased texts and start offsets, computed once per doc.

    Slicing the text by the token offsets is several times faster than creating a ``Token``
    object per token, which matters at 150,000 words per second.
    """
    view = doc.user_data.get(VIEW_KEY)
    if view is None:
        text = doc_text(doc)
        spans = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        words = [text[i : i + n] for i, n in spans]
        view = (words, [w.lower() for w in words], [i for i, _ in spans])
        doc.user_data[VIEW_KEY] = view
    return view


class CueComponent:
    """The context cues: longest match of each cue at each start.

    Patterns are in spaCy's Matcher syntax and validated by spaCy's schema when loaded; they
    are run by :class:`kg.extract.cuematcher.CueMatcher` (same matches, a fraction of the
    time: see that module).
    """

    def __init__(self, nlp: Language) -> None:
        validator = Matcher(nlp.vocab, validate=True)
        self.matcher = CueMatcher()
        self.cues = {}
        for cue in load_cues():
            try:
                validator.add(cue.id, [cue.pattern])
            except (ValueError, KeyError) as exc:
                raise ExtractionError(f"cue {cue.id}: invalid pattern: {exc}") from exc
            self.cues[cue.id] = cue
            self.matcher.add(cue.id, cue.pattern)

    def __call__(self, doc: Doc) -> Doc:
        words, lowers, _ = token_view(doc)
        doc.user_data[CUES_KEY] = sorted(
            (
                CueMatch(start, end, self.cues[key])
                for key, start, end in self.matcher(words, lowers)
            ),
            key=lambda m: (m.start, m.end),
        )
        return doc


@lru_cache(maxsize=100_000)
def _url_like(word: str) -> bool:
    """URLs, paths and e-mail addresses: names inside them are not entities (GUIDELINES 7)."""
    return "/" in word or "@" in word or word.lower().startswith(("http", "www."))


class EntityComponent:
    """Resolve candidates and cues into entities (see :mod:`kg.extract.resolve`)."""

    def __init__(self) -> None:
        self.banned = load_not_entities()
        from kg.names import normalize_name

        self.known_names: dict[str, tuple[str, str]] = {}
        for entry in load_gazetteer():
            self.known_names.setdefault(normalize_name(entry.name), (entry.type, entry.strength))

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        sep = text.find(TITLE_SEPARATOR)
        title_end = sep if sep >= 0 else len(text)
        sentences = sentence_spans(text, title_end)
        words, _, starts = token_view(doc)
        tokens = Tokens(
            text=text,
            words=words,
            starts=starts,
            url_like=[_url_like(w) for w in words],
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
