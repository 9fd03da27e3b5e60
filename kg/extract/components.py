"""spaCy pipeline components of the extractor, registered as factories.

``kg_gazetteer`` (PhraseMatcher over the derived Papers-with-Code names), ``kg_cues`` (Matcher
over the context patterns in ``kg/data/patterns/cues.jsonl``) and ``kg_entities`` (which wires
:func:`kg.extract.decide.find_entities` in and stores its result on the doc). Each is built once
with the pipeline; the per-doc work is matching plus one pass of plain Python.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from spacy.attrs import IDX, LENGTH, ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from kg.errors import ExtractionError
from kg.extract import vocabulary as vocab
from kg.extract.candidates import CueMatch, GazetteerMatch, Tokens
from kg.extract.cuematcher import CueMatcher
from kg.extract.decide import find_entities
from kg.extract.memo import WordMemo
from kg.extract.patterns import GazetteerEntry, load_cues, load_gazetteer, load_not_entities
from kg.extract.sentences import sentence_spans
from kg.records import TITLE_SEPARATOR

__all__ = ["CueComponent", "EntityComponent", "GazetteerComponent", "doc_tokens"]

#: Keys under which the components leave their results in ``doc.user_data``.
GAZETTEER_KEY = "kg.gazetteer"
CUES_KEY = "kg.cues"
ENTITIES_KEY = "kg.entities"
SENTENCES_KEY = "kg.sentences"
VIEW_KEY = "kg.tokens"
TEXT_KEY = "kg.text"
#: A list put here before ``kg_entities`` runs receives every candidate with its decision.
EXPLAIN_KEY = "kg.explain"


@lru_cache(maxsize=4)
def gazetteer_entries(paths: tuple[str, ...] = ()) -> tuple[GazetteerEntry, ...]:
    """The gazetteer of ``paths`` (default: the shipped one), read once per process: the
    PhraseMatcher and the decision's spelling-variant index both read it."""
    return tuple(load_gazetteer(*map(Path, paths)))


#: A name whose words are separated by single spaces, with no other white space.
_PLAIN_NAME = re.compile(r"\S+(?: \S+)*")
#: Names tokenized together, between blank lines (each batch well below spaCy's text limit).
_NAME_BATCH = 1000
_BLANK_LINE = "\n\n"


def token_orths(nlp: Language, names: Sequence[str]) -> list[tuple[int, ...]]:
    """The ORTH ids of the tokens of each name, as ``nlp.make_doc(name)`` has them.

    spaCy tokenizes each white-space-separated chunk of a text on its own and makes a run of
    line breaks a token of its own, so plain names (:data:`_PLAIN_NAME`) are tokenized
    together, separated by blank lines, and split there: a doc per name cost as much as the
    rest of building the extractor. (A blank line, unlike a single line break, is no special
    case of spaCy's: after one of those, spaCy caches no more chunks of the doc.) Other
    names, and a batch whose blank lines did not come out as tokens of their own, are
    tokenized one by one.
    """
    out: list[tuple[int, ...] | None] = [None] * len(names)
    plain = [i for i, name in enumerate(names) if _PLAIN_NAME.fullmatch(name)]
    blank_line = nlp.vocab.strings.add(_BLANK_LINE)
    for lo in range(0, len(plain), _NAME_BATCH):
        batch = plain[lo : lo + _NAME_BATCH]
        text = _BLANK_LINE.join(names[i] for i in batch)
        orths = nlp.make_doc(text).to_array(ORTH).tolist()
        if orths.count(blank_line) != len(batch) - 1:
            continue  # a blank line merged with something: one by one below
        start = 0
        for i in batch:
            end = orths.index(blank_line, start) if i != batch[-1] else len(orths)
            out[i] = tuple(orths[start:end])
            start = end + 1
    return [
        keys if keys is not None else tuple(t.orth for t in nlp.make_doc(name))
        for keys, name in zip(out, names, strict=True)
    ]


class GazetteerComponent:
    """Case-sensitive PhraseMatcher over the known method and dataset names."""

    def __init__(self, nlp: Language, gazetteer: Sequence[str] = ()) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.info: dict[int, tuple[str, str, str, str | None]] = {}
        entries = gazetteer_entries(tuple(gazetteer))
        patterns = token_orths(nlp, [entry.name for entry in entries])
        for entry, pattern in zip(entries, patterns, strict=True):
            key = nlp.vocab.strings.add(entry.id)
            self.info[key] = (entry.type, entry.strength, entry.id, entry.alias_of)
            # A pattern of ORTH ids is what the PhraseMatcher makes of a pattern doc.
            self.matcher.add(entry.id, [pattern])  # type: ignore[list-item]

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
        starts: list[int]
        lengths: list[int]
        # One array of both columns: each to_array call costs as much as a pass over the doc.
        starts, lengths = doc.to_array([IDX, LENGTH]).T.tolist() if len(doc) else ([], [])
        words = [text[i : i + n] for i, n in zip(starts, lengths, strict=True)]
        view = (words, [w.lower() for w in words], starts)
        doc.user_data[VIEW_KEY] = view
    return view


class CueComponent:
    """The context cues: longest match of each cue at each start.

    Patterns are in spaCy's Matcher syntax and validated by spaCy's schema when loaded; they
    are run by :class:`kg.extract.cuematcher.CueMatcher` (same matches, a fraction of the
    time: see that module).
    """

    def __init__(self, nlp: Language, cues: str | None = None) -> None:
        validator = Matcher(nlp.vocab, validate=True)
        self.matcher = CueMatcher()
        self.cues = {}
        for cue in load_cues(Path(cues) if cues else None):
            try:
                validator.add(cue.id, [cue.pattern])
            except (ValueError, KeyError) as exc:
                raise ExtractionError(f"cue {cue.id}: invalid pattern: {exc}") from exc
            self.cues[cue.id] = cue
            self.matcher.add(cue.id, cue.pattern)

    def __call__(self, doc: Doc) -> Doc:
        words, lowers, _ = token_view(doc)
        cues = self.cues
        # In order of (start, end), matches of one span in the matcher's order (a stable sort
        # of its plain tuples, before the records are made).
        doc.user_data[CUES_KEY] = [
            CueMatch(start, end, cues[key])
            for key, start, end in sorted(self.matcher(words, lowers), key=itemgetter(1, 2))
        ]
        return doc


def _url_like(word: str) -> bool:
    """URLs, paths and e-mail addresses: names inside them are not entities (GUIDELINES 7)."""
    return "/" in word or "@" in word or word.lower().startswith(vocab.URL_PREFIXES)


#: Reads the vocabulary's URL prefixes: clear it when the word lists change.
_URL_LIKE = WordMemo(_url_like)
vocab.when_changed(_URL_LIKE.clear)


def _url_like_words(text: str, words: list[str]) -> Sequence[bool]:
    """:func:`_url_like` of each word; all False at once when the text holds no "/", "@" or
    URL prefix (most abstracts), which no word can then hold either."""
    if "/" in text or "@" in text:
        return _URL_LIKE.map(words)
    # Lower-casing maps each character on its own (the Greek final sigma aside), so a word
    # whose lower case starts with a prefix is in a text whose lower case holds it.
    lower = text.lower()
    if any(prefix in lower for prefix in vocab.URL_PREFIXES):
        return _URL_LIKE.map(words)
    return [False] * len(words)


def doc_tokens(doc: Doc) -> Tokens:
    """What the rules read of a tokenised paper (``title + "\\n\\n" + abstract``)."""
    text = doc_text(doc)
    sep = text.find(TITLE_SEPARATOR)
    title_end = sep if sep >= 0 else len(text)
    words, _, starts = token_view(doc)
    return Tokens(
        text=text,
        words=words,
        starts=starts,
        url_like=_url_like_words(text, words),
        title_end=title_end,
        sentences=sentence_spans(text, title_end),
    )


class EntityComponent:
    """Decide which candidates are entities, from candidates and cues (:mod:`kg.extract.decide`)."""

    def __init__(
        self,
        not_entities: str | None = None,
        gazetteer: Sequence[str] = (),
        lexicon: str | None = None,
    ) -> None:
        #: The lexicon the rules read, put in force for each doc (another pipeline's may be
        #: in force: one lexicon at a time per process, :mod:`kg.extract.vocabulary`).
        self.lexicon = vocab.lexicon_at(lexicon)
        self.banned = load_not_entities(Path(not_entities) if not_entities else None)
        from kg.names import normalize_name

        self.known_names: dict[str, tuple[str, str]] = {}
        for entry in gazetteer_entries(tuple(gazetteer)):
            self.known_names.setdefault(normalize_name(entry.name), (entry.type, entry.strength))

    def __call__(self, doc: Doc) -> Doc:
        vocab.use(self.lexicon)
        tokens = doc_tokens(doc)
        doc.user_data[SENTENCES_KEY] = tokens.sentences
        doc.user_data[ENTITIES_KEY] = find_entities(
            tokens,
            doc.user_data.get(GAZETTEER_KEY, []),
            doc.user_data.get(CUES_KEY, []),
            self.banned,
            self.known_names,
            doc.user_data.get(EXPLAIN_KEY),
        )
        return doc


# Each factory takes its data files from the pipeline config (``nlp.add_pipe(name,
# config=...)``); null or [] means the files shipped in kg/data.
@Language.factory("kg_gazetteer", default_config={"gazetteer": []})
def make_gazetteer(nlp: Language, name: str, gazetteer: list[str]) -> GazetteerComponent:
    """The known-names PhraseMatcher (``gazetteer``: JSONL files, default the shipped ones)."""
    return GazetteerComponent(nlp, gazetteer)


@Language.factory("kg_cues", default_config={"cues": None})
def make_cues(nlp: Language, name: str, cues: str | None) -> CueComponent:
    """The context-cue Matcher (``cues``: a cues.jsonl, default the shipped one)."""
    return CueComponent(nlp, cues)


@Language.factory(
    "kg_entities", default_config={"not_entities": None, "gazetteer": [], "lexicon": None}
)
def make_entities(
    nlp: Language,
    name: str,
    not_entities: str | None,
    gazetteer: list[str],
    lexicon: str | None,
) -> EntityComponent:
    """The decision that turns matches into typed entities with roles (``lexicon``: a
    directory of lexicon files, default ``$KG_LEXICON_DIR`` or the shipped one)."""
    return EntityComponent(not_entities, gazetteer, lexicon)
