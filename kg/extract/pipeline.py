"""The :class:`Extractor`: a blank English spaCy pipeline plus the rule components, built once."""

from __future__ import annotations

import dataclasses
import gc
import json
import multiprocessing
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from itertools import chain, islice
from multiprocessing.pool import AsyncResult
from typing import Any, TypeVar

import spacy
from spacy.attrs import LOWER, NORM
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from kg.extract import components  # registers the factories
from kg.extract import vocabulary as vocab
from kg.extract.candidates import FoundEntity
from kg.extract.model import Candidate, Decision
from kg.extract.tokenizer import TOKENIZER
from kg.extract.urls import find_urls, is_repository, normalize_url
from kg.records import ExtractedEntity, Mention, Paper, PaperExtraction, RepositoryRef

__all__ = [
    "ExtractionLine",
    "Extractor",
    "ExtractorData",
    "build_pipeline",
    "explain_paper",
    "extract_lines",
    "extract_papers",
    "format_explanation",
]

T = TypeVar("T")

#: Papers handed to a worker process at a time, and papers in flight per worker.
_CHUNK = 250
#: Tokenizer cache entries (spaCy's default is 10,000; each is a few pointers).
_CACHE_SIZE = 100_000
_WINDOW = 4
#: The lexeme attributes computed for new words (see build_pipeline).
_LEXEME_ATTRS = frozenset({LOWER, NORM})


class _TextKeepingTokenizer:
    """Wraps spaCy's tokenizer to leave the input text on the doc: ``doc.text`` rebuilds it
    from every token, which costs as much as a component."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data[components.TEXT_KEY] = text
        return doc

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tokenizer, name)  # everything else is spaCy's tokenizer


@dataclass(frozen=True, slots=True)
class ExtractorData:
    """The data files the rule components read; None (or no gazetteer files) means the files
    shipped in ``kg/data``. ``lexicon`` is a directory of lexicon files (default:
    ``$KG_LEXICON_DIR``, else ``kg/data/lexicon``), read once per directory: the tokenizer is
    built with it and the ``kg_entities`` component puts it in force
    (:func:`kg.extract.vocabulary.use`) before its rules run on a doc."""

    cues: str | None = None
    not_entities: str | None = None
    gazetteer: tuple[str, ...] = ()
    lexicon: str | None = None


def build_pipeline(data: ExtractorData | None = None) -> Language:
    """``spacy.blank("en")`` with the artifact-name tokenizer and the three rule components."""
    data = data or ExtractorData()
    vocab.use(vocab.lexicon_at(data.lexicon))  # the tokenizer reads its modifier words
    # The artifact-name tokenizer (kg.extract.tokenizer) is the pipeline's own from the start.
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    # The rules read token texts only, so a new word's lexeme gets its lower-case form and
    # norm but not spaCy's other attributes (shape, like_num, like_url, stop word, ...):
    # working those out was a third of the tokenizer's time on unseen words.
    lexemes: Any = nlp.vocab  # spaCy's type stubs leave lex_attr_getters out
    lexemes.lex_attr_getters = {
        attr: getter for attr, getter in lexemes.lex_attr_getters.items() if attr in _LEXEME_ATTRS
    }
    nlp.add_pipe("kg_gazetteer", config={"gazetteer": list(data.gazetteer)})
    nlp.add_pipe("kg_cues", config={"cues": data.cues})
    nlp.add_pipe(
        "kg_entities",
        config={
            "not_entities": data.not_entities,
            "gazetteer": list(data.gazetteer),
            "lexicon": data.lexicon,
        },
    )
    if isinstance(nlp.tokenizer, Tokenizer):
        nlp.tokenizer.max_cache_size = _CACHE_SIZE
        nlp.tokenizer = _TextKeepingTokenizer(nlp.tokenizer)
    return nlp


#: Most characters of a mention's evidence sentence kept (a window around the mention).
EVIDENCE_CAP = 400
#: Longest entity name, in characters and in whitespace-separated words.
NAME_MAX_CHARS = 100
NAME_MAX_TOKENS = 12
_LETTERS = re.compile(r"[^\W\d_]")


def evidence(text: str, sentence: tuple[int, int], start: int, end: int) -> str:
    """The sentence ``text[sentence[0]:sentence[1]]``, cut to at most ``EVIDENCE_CAP``
    characters around the mention ``text[start:end]`` at word boundaries.

    >>> evidence("a b c", (0, 5), 2, 3)
    'a b c'
    """
    s_start, s_end = sentence
    if s_end - s_start <= EVIDENCE_CAP:
        return text[s_start:s_end]
    room = max(0, EVIDENCE_CAP - (end - start))
    lo = max(s_start, start - room // 2)
    hi = min(s_end, lo + max(EVIDENCE_CAP, end - start))
    lo = max(s_start, min(lo, hi - EVIDENCE_CAP))
    if lo > s_start:  # start at a word: drop the partial word before the first space
        cut = text.find(" ", lo, start)
        lo = cut + 1 if cut >= 0 else lo
    if hi < s_end:  # end at a word: drop the partial word after the last space
        cut = text.rfind(" ", end, hi)
        hi = cut if cut >= 0 else hi
    return text[lo:hi].strip()


def looks_like_name(name: str) -> bool:
    """Whether ``name`` can be an entity name: bounded length and word count, some letters,
    and not one long run of a few letters (a DNA sequence) or of digits and punctuation.

    >>> looks_like_name("ResNet-50"), looks_like_name("ACGT" * 50), looks_like_name("1.2-3.4")
    (True, False, False)
    """
    name = name.strip()
    if not name or len(name) > NAME_MAX_CHARS or len(name.split()) > NAME_MAX_TOKENS:
        return False
    if _LETTERS.search(name) is None:
        return False
    # No long word over an alphabet of at most four letters ("ACGTTGCA...", "AAAA...").
    return all(len(word) < 20 or len(set(word.upper())) > 4 for word in name.split())


#: Longest paper text (title, blank line, abstract) given to spaCy; its limit is 1,000,000.
MAX_TEXT = 990_000
#: Longest title kept, in characters: real titles are a few hundred at most, and a title is
#: copied into every output line, graph node and view, so a huge one is cut like an abstract.
MAX_TITLE = 2_000


def _cut(text: str, limit: int, *, at_sentence: bool = False) -> str:
    """``text`` cut to at most ``limit`` characters: with ``at_sentence`` at the last sentence
    end in its second half, else at the last whitespace there, else exactly at ``limit``.

    >>> _cut("one two three", 9)
    'one two'
    >>> _cut("One two. Three four", 15, at_sentence=True)
    'One two.'
    """
    if len(text) <= limit:
        return text
    head = text[: max(0, limit)]
    floor = len(head) // 2
    if at_sentence:
        end = max(head.rfind(". ", floor), head.rfind("! ", floor), head.rfind("? ", floor))
        if end >= 0:
            return head[: end + 1].rstrip()
    space = max(head.rfind(" ", floor), head.rfind("\n", floor))
    return (head[:space] if space >= 0 else head).rstrip()


def clip_paper(paper: Paper) -> Paper:
    """``paper`` with its title cut to ``MAX_TITLE`` (at a word) and its abstract cut so that
    its text fits ``MAX_TEXT``: at the last sentence end, else the last whitespace, before the
    limit. The same paper when it already fits.

    >>> clip_paper(Paper("x", "T", "One. Two.")).abstract
    'One. Two.'
    >>> len(clip_paper(Paper("x", "word " * 1000, "One.")).title) <= MAX_TITLE
    True
    """
    title = _cut(paper.title, MAX_TITLE)
    room = MAX_TEXT - len(title) - len(paper.text) + len(paper.title) + len(paper.abstract)
    abstract = _cut(paper.abstract, room, at_sentence=True)
    if title is paper.title and abstract is paper.abstract:
        return paper
    return dataclasses.replace(paper, title=title, abstract=abstract)


def clip_warning(paper: Paper, clipped: Paper) -> str | None:
    """The one-line warning naming ``paper`` when :func:`clip_paper` cut its title or abstract.

    >>> clip_warning(Paper("p1", "T", "A."), Paper("p1", "T", "A.")) is None
    True
    """
    cuts = [
        f"{part} of {len(before):,} characters cut to {len(after):,} (the extractor's limit "
        f"is {limit:,})"
        for part, before, after, limit in (
            ("title", paper.title, clipped.title, MAX_TITLE),
            ("abstract", paper.abstract, clipped.abstract, MAX_TEXT),
        )
        if len(after) < len(before)
    ]
    return f"paper {paper.id}: " + "; ".join(cuts) if cuts else None


def clip_papers(
    papers: Iterable[Paper], on_warning: Callable[[str], None] | None = None
) -> Iterator[Paper]:
    """:func:`clip_paper` over a stream, with one warning per paper that was cut."""
    for paper in papers:
        clipped = clip_paper(paper)
        if clipped is not paper and on_warning is not None:
            warning = clip_warning(paper, clipped)
            if warning is not None:
                on_warning(warning)
        yield clipped


def _to_extraction(paper: Paper, doc: Doc) -> PaperExtraction:
    text = components.doc_text(doc)
    sentences: list[tuple[int, int]] = doc.user_data[components.SENTENCES_KEY]
    found: list[FoundEntity] = doc.user_data[components.ENTITIES_KEY]
    out = PaperExtraction(paper=paper)

    starts = [start for start, _ in sentences]

    def sentence_of(char: int) -> int:
        # The sentence holding ``char``, else the one before the gap it falls in: found by
        # bisection, as a scan of all sentences per URL is quadratic in a long abstract.
        return max(0, min(len(sentences) - 1, bisect_right(starts, char) - 1))

    for entity in found:
        if not looks_like_name(entity.name):
            continue
        mentions = tuple(
            Mention(
                text=m.text,
                start=m.start,
                end=m.end,
                sentence=evidence(text, sentences[m.sentence_index], m.start, m.end),
                sentence_index=m.sentence_index,
                rule=m.rule,
            )
            for m in entity.mentions
        )
        record = ExtractedEntity(
            name=entity.name,
            type=entity.type,  # type: ignore[arg-type]
            role=entity.role,  # type: ignore[arg-type]
            aliases=entity.aliases,
            mentions=mentions,
        )
        {"method": out.methods, "dataset": out.datasets, "benchmark": out.benchmarks}[
            entity.type
        ].append(record)

    repos: dict[str, list[Mention]] = {}
    for url in find_urls(text):
        normal = normalize_url(url.text)
        if not is_repository(normal):
            if normal not in out.links:
                out.links.append(normal)
            continue
        index = sentence_of(url.start)
        repos.setdefault(normal, []).append(
            Mention(
                text=url.text,
                start=url.start,
                end=url.end,
                sentence=evidence(text, sentences[index], url.start, url.end),
                sentence_index=index,
                rule="url.repository",
            )
        )
    out.repositories = [RepositoryRef(u, tuple(ms)) for u, ms in repos.items()]
    return out


class Extractor:
    """Finds methods, datasets, benchmarks and repositories in papers.

    Build it once (loading the gazetteer and patterns takes about a second) and reuse it.

    >>> from kg.records import Paper
    >>> ex = Extractor()
    >>> result = ex.extract(Paper("x", "SMART: a method", "We evaluate on CIFAR-10."))
    >>> [e.name for e in result.methods], [e.name for e in result.datasets]
    (['SMART'], ['CIFAR-10'])
    """

    def __init__(self, data: ExtractorData | None = None) -> None:
        self.nlp = build_pipeline(data)
        #: The lexicon this extractor's rules read (put in force for each paper): the one
        #: its kg_entities component was built with.
        entities = self.nlp.get_pipe("kg_entities")
        assert isinstance(entities, components.EntityComponent)
        self.lexicon = entities.lexicon
        # spaCy's tokenizer caches the tokenisation of each whitespace-separated chunk, but
        # only outside memory zones and only up to max_cache_size chunks (raised in
        # build_pipeline): the first papers run outside a zone to fill the cache.
        self._unzoned = 0  # papers run outside a memory zone so far (the warm-up)

    def extract(self, paper: Paper) -> PaperExtraction:
        """Everything found in one paper."""
        # Run the generator to its end so that its memory zone is closed before returning.
        [result] = list(self.pipe([paper]))
        return result

    def explain(self, paper: Paper) -> list[dict[str, Any]]:
        """Every candidate name of one paper with its evidence and the decision about it.

        One record per candidate, in text order: ``text``, ``start``/``end`` (characters of
        ``paper.text``), ``sentence_index``, ``source`` (the rule that found it),
        ``aliases``, ``evidence`` (``kind``, ``rule``, ``value`` items) and ``decision``
        (``keep``, ``reason``: the deciding rule ids, ``type``, ``role``); a kept one also
        names the ``entity`` its mention ended up in (later passes may retype or merge).

        >>> from kg.records import Paper
        >>> [r["text"] for r in Extractor().explain(Paper("x", "Quux: a method", "Hi."))]
        ['Quux']
        """
        clipped = clip_paper(paper)
        doc = self.nlp.make_doc(clipped.text)
        trace: list[tuple[Candidate, Decision]] = []
        doc.user_data[components.EXPLAIN_KEY] = trace
        for _, component in self.nlp.pipeline:
            doc = component(doc)
        vocab.use(self.lexicon)
        extraction = _to_extraction(clipped, doc)
        entity_at = {
            m.start: entity for entity in extraction.entities for m in entity.mentions
        }
        words, _, starts = components.token_view(doc)
        sentences = doc.user_data[components.SENTENCES_KEY]
        sentence_starts = [lo for lo, _ in sentences]
        records = []
        for cand, decision in sorted(trace, key=lambda item: (item[0].start, item[0].end)):
            start = starts[cand.start]
            end = starts[cand.end - 1] + len(words[cand.end - 1])
            record: dict[str, Any] = {
                "text": clipped.text[start:end],
                "start": start,
                "end": end,
                "sentence_index": bisect_right(sentence_starts, start) - 1,
                "source": cand.rule,
                "aliases": list(cand.aliases),
                "evidence": [
                    {"kind": e.kind, "rule": e.rule_id, "value": e.value} for e in cand.evidence
                ],
                "decision": {
                    "keep": decision.keep,
                    "reason": decision.reason,
                    "type": decision.type,
                    "role": decision.role,
                },
            }
            entity = entity_at.get(start) if decision.keep else None
            if entity is not None:
                record["entity"] = {"name": entity.name, "type": entity.type, "role": entity.role}
            records.append(record)
        return records

    def pipe(
        self,
        papers: Iterable[Paper],
        n_process: int = 1,
        batch_size: int = 256,
        zone_size: int = 5_000,
    ) -> Iterator[PaperExtraction]:
        """Extract from a stream of papers, in input order; memory stays flat.

        With ``n_process > 1`` the work is shared by worker processes, each building its own
        pipeline once; papers are sent in bounded batches so a long input is never held whole.
        Every ``zone_size`` papers run in a spaCy memory zone, which frees the strings and
        lexemes of new words afterwards. Inside a zone spaCy's tokenizer adds nothing to its
        cache, so the first ``zone_size`` papers run outside one to fill the cache with the
        corpus's common words. Consume the iterator to the end (or close it) before starting
        another: zones do not nest.
        """
        if n_process > 1:
            yield from _pipe_parallel(papers, n_process, self)
            return
        iterator = iter(papers)
        while True:
            warm = self._unzoned >= zone_size
            zone = islice(iterator, zone_size if warm else zone_size - self._unzoned)
            first = next(zone, None)
            if first is None:
                return
            # Strings and lexemes spaCy adds for new words are freed with the zone, so a
            # long stream of unseen names does not grow the vocabulary without bound.
            # Results are plain records, safe to hand out while the zone is open.
            with self.nlp.memory_zone() if warm else nullcontext():
                pairs = ((p.text, p) for p in map(clip_paper, chain([first], zone)))
                for doc, paper in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
                    if not warm:
                        self._unzoned += 1
                    # Another extractor may have run in between (URLs read the lexicon).
                    vocab.use(self.lexicon)
                    yield _to_extraction(paper, doc)


_worker: Extractor | None = None


def _init_worker() -> None:
    global _worker
    if _worker is None:  # "spawn" platforms: build the pipeline once per worker
        _worker = Extractor()


def _work(chunk: list[Paper]) -> list[PaperExtraction]:
    assert _worker is not None
    return list(_worker.pipe(chunk))


def _work_lines(chunk: list[Paper]) -> list[ExtractionLine]:
    assert _worker is not None
    return [ExtractionLine.of(x) for x in _worker.pipe(chunk)]


def _pipe_parallel(
    papers: Iterable[Paper],
    n_process: int,
    extractor: Extractor | None = None,
    work: Callable[[list[Paper]], list[T]] = _work,  # type: ignore[assignment]
) -> Iterator[T]:
    """Share the work among ``n_process`` workers, in order, with bounded memory.

    Where processes fork, the workers inherit the parent's already-built pipeline (copy on
    write) instead of each spending a second building its own.
    """
    global _worker
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    if context.get_start_method() == "fork":
        _worker = extractor or _worker or Extractor()
    iterator = iter(papers)
    # Python's docs advise gc.freeze() before fork: otherwise the children's collector
    # touches every object inherited from the parent and copy-on-write copies the heap.
    gc.freeze()
    try:
        pool = context.Pool(n_process, initializer=_init_worker)
    finally:
        gc.unfreeze()
    with pool:
        pending: list[AsyncResult[list[T]]] = []
        while True:
            while len(pending) < n_process * _WINDOW:
                chunk = list(islice(iterator, _CHUNK))
                if not chunk:
                    break
                pending.append(pool.apply_async(work, (chunk,)))
            if not pending:
                return
            yield from pending.pop(0).get()


#: The JSON writer of ``kg extract`` lines (``json.dumps(..., ensure_ascii=False)``), made once
#: rather than for every line.
_JSON_LINE = json.JSONEncoder(ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class ExtractionLine:
    """One paper's ``kg extract`` JSON line and its counts (what the CLI needs)."""

    line: str
    methods: int
    datasets: int
    benchmarks: int
    repositories: int

    @classmethod
    def of(cls, extraction: PaperExtraction) -> ExtractionLine:
        return cls(
            _JSON_LINE.encode(extraction.to_dict()),
            len(extraction.methods),
            len(extraction.datasets),
            len(extraction.benchmarks),
            len(extraction.repositories),
        )


def extract_lines(papers: Iterable[Paper], *, processes: int = 1,
                  on_warning: Callable[[str], None] | None = None) -> Iterator[ExtractionLine]:
    """Like :func:`extract_papers` but already serialised; with processes the workers
    serialise too, so the parent only writes."""
    if processes < 1:
        raise ValueError(f"processes must be at least 1, got {processes}")
    papers = clip_papers(papers, on_warning)
    if processes == 1:
        yield from (ExtractionLine.of(x) for x in Extractor().pipe(papers))
    else:
        yield from _pipe_parallel(papers, processes, work=_work_lines)


def explain_paper(paper: Paper, extractor: Extractor | None = None) -> list[dict[str, Any]]:
    """:meth:`Extractor.explain`: every candidate of ``paper``, its evidence and decision."""
    return (extractor or Extractor()).explain(paper)


def format_explanation(paper: Paper, records: Iterable[dict[str, Any]]) -> str:
    """:meth:`Extractor.explain`'s records as text, one block per candidate (``kg extract
    --explain``)."""
    lines = [f"paper {paper.id}: {paper.title}"]
    for r in records:
        d = r["decision"]
        lines.append(
            f"  {r['text']!r} [{r['start']}:{r['end']}] sentence {r['sentence_index']}, "
            f"found by {r['source']}" + (f", aliases {r['aliases']}" if r["aliases"] else "")
        )
        for e in r["evidence"]:
            value = "" if e["value"] is True else f" = {e['value']}"
            lines.append(f"      {e['kind']}{value}  ({e['rule']})")
        if d["keep"]:
            verdict = f"keep as {d['type']}, {d['role']}  ({d['reason']})"
            entity = r.get("entity")
            if entity and (entity["type"], entity["role"]) != (d["type"], d["role"]):
                verdict += f"; finally {entity['type']}, {entity['role']} as {entity['name']!r}"
            elif entity:
                verdict += f"; entity {entity['name']!r}"
        else:
            verdict = f"drop  ({d['reason']})"
        lines.append(f"    -> {verdict}")
    return "\n".join(lines) + "\n"


def extract_papers(papers: Iterable[Paper], *, processes: int = 1,
                   on_warning: Callable[[str], None] | None = None
                   ) -> Iterator[PaperExtraction]:
    """Extract from ``papers`` in input order, streaming, with ``processes`` worker processes.

    A title or abstract beyond the extractor's limits is cut (:func:`clip_paper`), with one
    line naming the paper to ``on_warning``.

    >>> from kg.records import Paper
    >>> [x.paper.id for x in extract_papers([Paper("a", "T", "Uses BERT.")])]
    ['a']
    """
    if processes < 1:
        raise ValueError(f"processes must be at least 1, got {processes}")
    papers = clip_papers(papers, on_warning)
    if processes == 1:
        yield from Extractor().pipe(papers)
    else:
        yield from _pipe_parallel(papers, processes)
