"""Decide, for one paper, which candidates are entities, of which type and role.

This is the per-paper stage of the extractor (``kg.extract.decide``); resolving names across
the corpus is :mod:`kg.graph.resolve`'s.

Input: the tokens of one doc, the gazetteer and cue matches, the sentence spans. Output: plain
:class:`FoundEntity` values. Nothing here touches spaCy's pipeline machinery, so every rule is a
function that can be read and tested on its own; :mod:`kg.extract.components` wires it in.

This module holds :func:`find_entities`, which groups candidates into entities, :func:`decide`,
the decision about one group, and the passes that merge or retype its entities afterwards
(title forms, spelled-out Greek letters, siblings in a list, variants of a proposed name).
Candidate generation is in :mod:`kg.extract.candidates`, cue evidence and typing in
:mod:`kg.extract.cues_apply`, the evidence model in :mod:`kg.extract.model`, the word lists
in :mod:`kg.extract.vocabulary` (data: ``kg/data/lexicon``).

The decision follows the annotation guidelines (docs/extraction.md, "Annotation guidelines"):
1. candidates: name-shaped tokens (:func:`kg.extract.shapes.is_name_shaped`), gazetteer names,
   acronym definitions (Schwartz & Hearst), the title's name before a colon, and names that a
   naming cue ("dubbed X") or a head noun ("the X benchmark") points at;
2. cues attach evidence: a role ("we propose X") or a type ("X dataset", "evaluated on X");
3. candidates that only a weak list name or a lower-case acronym definition support, and no
   cue backs, are dropped ("precise rather than generous");
4. mentions of one entity (acronym and long form, sizes of one model) are grouped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kg.extract import vocabulary as vocab
from kg.extract.acronyms import is_short_form
from kg.extract.candidates import (
    CANDIDATE_SOURCES,
    TITLE_NAME_RULE,
    CueMatch,
    FoundEntity,
    FoundMention,
    GazetteerMatch,
    SourceInput,
    Tokens,
    mark_named_parts,
    merge_overlaps,
    sentence_runs,
    span_text,
    token_sentences,
    type_title_name,
)
from kg.extract.cues_apply import apply_cues, pick_type, sentence_words
from kg.extract.generic import (
    clause_subject,
    in_category_list,
    listed_beside_metric,
    metric_shaped,
    modifier_use,
    names_a_task,
    organisation_name,
    software_mention,
)
from kg.extract.model import (
    DEFINES_TYPE,
    DOUBT,
    FIRED,
    FORM,
    KNOWN,
    LISTED,
    LOWER_DEFINITION,
    NEEDS_ACRONYM,
    OWNED,
    PROPOSES,
    TYPE,
    VARIANT_OF,
    Candidate,
    Decision,
)
from kg.extract.shapes import (
    is_name_shaped,
)
from kg.names import normalize_name
from kg.unionfind import UnionFind

__all__ = [
    "PaperView",
    "clause_after_comma",
    "dash_variant",
    "decide",
    "family_prefix",
    "find_entities",
    "merge_spelled_out",
    "merge_title_forms",
    "named_as_history",
    "reads_as_category_or_software",
    "reads_as_measure_or_task",
    "sized_pairs",
    "spelled_out_key",
    "title_forms",
    "type_by_siblings",
    "variants_of_proposed",
]


def find_entities(
    tokens: Tokens,
    gazetteer: Sequence[GazetteerMatch],
    cues: Sequence[CueMatch],
    banned: dict[str, str],
    known_names: dict[str, tuple[str, str]] | None = None,
    trace: list[tuple[Candidate, Decision]] | None = None,
) -> list[FoundEntity]:
    """All entities of one paper, in order of first mention (see the module docstring).

    ``known_names`` maps a normalised gazetteer name to its ``(type, strength)`` so that
    spelling variants the PhraseMatcher misses ("CIFAR10" for "CIFAR-10") are still known.
    With ``trace``, every candidate is appended to it with the decision about it (dropped
    before grouping, or its group's :func:`decide`), for ``kg extract --explain``.
    """
    if not tokens.words:
        return []
    sent_starts = [s for s, _ in tokens.sentences]
    sent_of = token_sentences(tokens.starts, sent_starts)

    source = SourceInput(tokens, banned, gazetteer)
    found = {name: find(source) for name, find in CANDIDATE_SOURCES.items()}
    title = found["title_name"][0] if found["title_name"] else None
    generic_spans = source.definitions.generic_spans
    candidates = merge_overlaps([c for cands in found.values() for c in cands])
    # "the Generalization Factor (GF) coefficient": a bracketed name before a measure noun.
    words = tokens.words
    measured = [
        c
        for c in candidates
        if c.start > 0
        and c.end + 1 < len(words)
        and words[c.start - 1] == "("
        and words[c.end] == ")"
        and words[c.end + 1].lower() in vocab.MEASURE_AFTER
    ]
    if measured:
        _dropped(trace, measured, "drop.bracket_before_measure")
        gone = {id(c) for c in measured}
        candidates = [c for c in candidates if id(c) not in gone]
    if known_names:
        for cand in candidates:
            if cand.known_type or cand.weak_type:
                continue
            text = span_text(tokens, cand.start, cand.end)
            hit = known_names.get(normalize_name(text))
            if hit is None and cand.rule == "shape.name":
                # "ImageNet-1K", "QuuxSet-200", "BERT-Large": a known name with a split, size or
                # variant suffix is of the known name's kind (a hint, never proof).
                base = vocab.VARIANT_SUFFIX.sub("", text)
                weak = known_names.get(normalize_name(base)) if base != text else None
                if weak is not None and len(normalize_name(base)) >= 3:
                    cand.add(VARIANT_OF, "known.variant_suffix", weak[0])
                continue
            if hit is not None:
                if hit[1] == "strong":
                    cand.add(KNOWN, "known.spelling_variant", hit[0])
                cand.add(LISTED, "known.spelling_variant", hit[0])
    if title is not None:
        type_title_name(tokens, title)
    # "MixBO: Mixture-aware JAHS for ...": when the title names the paper's own artifact
    # before its colon, the name-shaped words of the subtitle are what it works on or with.
    own_end = tokens.title_end
    if title is not None and not title.needs_acronym:
        own_end = tokens.starts[title.end - 1] + len(tokens.words[title.end - 1])
    for cand in candidates:
        # An unknown name-shaped word in the title is, most of the time, the paper's own.
        if (
            cand.rule == "shape.name"
            and tokens.starts[cand.start] < own_end
            and not (cand.known_type or cand.weak_type)
            and not vocab.MODEL_VERSION.search(span_text(tokens, cand.start, cand.end))
        ):
            cand.add(PROPOSES, "cue.in_title", "weak")
            cand.add(FIRED, "cue.in_title")
    candidates = apply_cues(tokens, candidates, cues, sent_of, banned)
    if generic_spans:
        # span.inside_generic_long_form: "Unsupervised Environment Design (UED)" is a listed
        # generic term, so neither it nor a piece of it ("Unsupervised Environment") is a name.
        inside = [
            c for c in candidates
            if not c.known_type and any(lo <= c.start and c.end <= hi for lo, hi in generic_spans)
        ]
        _dropped(trace, inside, "span.inside_generic_long_form")
        gone = {id(c) for c in inside}
        candidates = [c for c in candidates if id(c) not in gone]
    mark_named_parts(tokens, candidates, sent_of)

    kept = []
    for cand in candidates:
        if vocab.NOT_A_NAME.fullmatch(span_text(tokens, cand.start, cand.end)):
            _dropped(trace, [cand], "drop.not_a_name")
            continue
        # A known-but-ambiguous name capitalised mid-sentence is being used as a name.
        if cand.weak and cand.needs_evidence:
            word = tokens.words[cand.start]
            mid_sentence = cand.start > 0 and sent_of[cand.start - 1] == sent_of[cand.start]
            in_title = tokens.starts[cand.start] < tokens.title_end
            if mid_sentence and not in_title and word[:1].isupper() and not word.isupper():
                cand.add(DOUBT, "rule.capitalised_mid_sentence", False)
        kept.append(cand)

    # Group: an acronym with its long form, a model with its sizes, repeated mentions.
    uf: UnionFind[str] = UnionFind()
    texts = {id(c): span_text(tokens, c.start, c.end) for c in kept}
    for cand in kept:
        key = normalize_name(texts[id(cand)])
        uf.find(key)
        for alias in (*cand.aliases, *cand.same_as):
            uf.union(key, normalize_name(alias))
    for base, other in sized_pairs({texts[id(c)] for c in kept}):
        uf.union(normalize_name(base), normalize_name(other))
    groups: dict[str, list[Candidate]] = {}
    for cand in sorted(kept, key=lambda c: c.start):
        groups.setdefault(uf.find(normalize_name(texts[id(cand)])), []).append(cand)

    said: dict[tuple[int, ...], tuple[bool, bool]] = {}

    def says(group: list[Candidate]) -> tuple[bool, bool]:
        # What a group's sentences call it, computed once per set of sentences: many names in
        # one long sentence must not each copy and search it. A sentence repeated back to back
        # is searched once, which finds the same words (no match spans two copies of it).
        key = tuple(dict.fromkeys(sent_of[c.start] for c in group))
        if key not in said:
            text = " ".join(tokens.text[slice(*tokens.sentences[i])] for i in key)
            said[key] = sentence_words(text)
        return said[key]

    # sentence index -> its first token
    first = {sent: lo for sent, (lo, _) in sentence_runs(sent_of).items()}
    paper = PaperView(tokens, texts, banned, sent_of, first, says)
    entities = []
    for group in groups.values():
        decision = decide(group, paper)
        if trace is not None:
            trace.extend((c, decision) for c in group)
        if not decision.keep or decision.type is None or decision.role is None:
            continue
        group = list(decision.mentions)
        type_, role = decision.type, decision.role
        shorts = [texts[id(c)] for c in group if c.is_short_form]
        plain = [texts[id(c)] for c in group if not c.is_long_form]
        name = (shorts or plain)[0]
        seen = {normalize_name(name)}
        aliases = []
        for cand in group:
            for form in (texts[id(cand)], *cand.aliases):
                key = normalize_name(form)
                if key and key not in seen:
                    seen.add(key)
                    aliases.append(form)
        mentions = tuple(
            FoundMention(
                text=texts[id(c)],
                start=tokens.starts[c.start],
                end=tokens.end_char(c.end - 1),
                sentence_index=sent_of[c.start],
                rule="+".join(dict.fromkeys([c.rule, *c.cues])),
            )
            for c in group
        )
        entities.append(FoundEntity(name, type_, role, tuple(aliases), mentions))
    return variants_of_proposed(
        merge_title_forms(merge_spelled_out(type_by_siblings(entities, tokens.text))))


def _dropped(
    trace: list[tuple[Candidate, Decision]] | None, candidates: Sequence[Candidate], reason: str
) -> None:
    """Note candidates dropped before grouping, with the rule that dropped them."""
    if trace is not None:
        trace.extend((c, Decision(False, reason)) for c in candidates)


@dataclass(frozen=True, slots=True)
class PaperView:
    """What :func:`decide` reads of a paper besides a group's own evidence."""

    tokens: Tokens
    #: The surface text of each candidate, by ``id(candidate)``.
    texts: dict[int, str]
    banned: dict[str, str]
    #: Sentence index of each token, and the first token of each sentence.
    sent_of: Sequence[int]
    first: dict[int, int]
    #: Whether a group's sentences call something a dataset, and a benchmark.
    says: Callable[[list[Candidate]], tuple[bool, bool]]


def _drop(reason: str, group: Sequence[Candidate], *kinds: str) -> Decision:
    return Decision(False, reason, mentions=tuple(group), kinds=kinds)


def decide(group: Sequence[Candidate], paper: PaperView) -> Decision:
    """Keep or drop the mentions of one name, and their type and role, from their evidence.

    The rules, in order (each drop names its rule id in ``Decision.reason``):

    - ``drop.long_form_alone``: only the long form of an acronym definition is left;
    - ``drop.before_metric``: every mention is written before "metric(s)";
    - ``generic.block_type``: every mention is written before a plural block noun ("SE
      blocks", "the QX layers"), and no list, proposal or defining cue says otherwise;
    - ``generic.measure_or_task``, ``generic.category_or_software``, ``generic.modifier_use``:
      every written mention reads as what the guidelines exclude (:mod:`kg.extract.generic`);
    - ``drop.title_phrase``: a long title phrase that the abstract neither repeats nor defines;
    - ``drop.needs_cue``: a definition that names a task or an ambiguous list name, with no
      proposal, strong list name or dataset/benchmark cue (``doubt`` evidence);
    - ``drop.lower_case_definition``: a lower-case acronym definition no cue uses or names;
    - ``rule.named_as_history``: named only after a history verb and not proposed;
    - ``rule.family_modifier``: written only as "X-like" / "X-style".

    A kept group's type comes from :func:`kg.extract.cues_apply.pick_type` (its rule id is the
    first part of the reason); its role is proposed/introduced on a strong proposal, an owned
    definition, or any proposal of a name no list knows (the second part), else used.
    """
    tokens, words, sent_of = paper.tokens, paper.tokens.words, paper.sent_of
    # A long form alone (its acronym dropped as a description) is not an entity.
    if all(c.is_long_form for c in group):
        return _drop("drop.long_form_alone", group, FORM)
    # "improves the QF-all metric": a name only ever written before "metric" is one.
    if all(c.end < len(words) and words[c.end].lower() in vocab.METRIC_NOUNS for c in group):
        return _drop("drop.before_metric", group)
    # "SE blocks", "the QX layers": a name only ever written before a plural block noun is a
    # kind of building block (rule 9), unless a list knows it or the paper makes it.
    if all(c.end < len(words) and words[c.end] in vocab.BLOCK_NOUNS for c in group) and not any(
        c.known_type or c.weak_type or c.proposed or c.defined_type for c in group
    ):
        return _drop("generic.block_type", group, KNOWN, LISTED, PROPOSES)
    if reads_as_measure_or_task(group, tokens, paper.texts, paper.banned):
        return _drop("generic.measure_or_task", group, KNOWN, LISTED, TYPE)
    if reads_as_category_or_software(group, words):
        return _drop("generic.category_or_software", group, KNOWN, LISTED, PROPOSES, TYPE)
    # "the QX Explore Academy": a name that only ever opens an organisation's name.
    if not any(c.strong_proposed or c.known_type or c.defined_type for c in group) and all(
        organisation_name(words, c.start, c.end) for c in group if not c.is_long_form
    ):
        return _drop("generic.organisation", group, KNOWN, PROPOSES, DEFINES_TYPE)
    # "a UNet-like decoder": a name only ever written as a likeness is a family.
    if all(modifier_use(words, c.end) for c in group if not c.is_long_form):
        return _drop("generic.modifier_use", group)
    if not any(c.is_short_form for c in group):
        kept = [c for c in group if not c.needs_acronym]
        if not kept:
            return _drop("drop.title_phrase", group, NEEDS_ACRONYM)
        group = kept
    # A definition that names a task ("Sign Language Translation (SLT)") or a list name
    # that is also a word needs a cue: "precise rather than generous".
    needs = any(c.is_short_form and c.needs_evidence for c in group) or all(
        c.needs_evidence for c in group
    )
    # "results on SLT" is no evidence: tasks are evaluated on too.
    if needs and not any(
        c.proposed or c.known_type or {"dataset", "benchmark"} & set(c.types) for c in group
    ):
        return _drop("drop.needs_cue", group, DOUBT, FORM)
    if any(c.lower_definition for c in group) and not any(
        c.proposed or c.known_type or c.used_cue or {"dataset", "benchmark"} & set(c.types)
        for c in group
    ):
        return _drop("drop.lower_case_definition", group, LOWER_DEFINITION)
    first = paper.first
    history = all(named_as_history(words, c.start, first[sent_of[c.start]]) for c in group)
    if history and not any(c.proposed for c in group):
        return _drop("rule.named_as_history", group)  # "AI has mastered Go and Chess"
    # rule.family_modifier: "ResNet-like networks", "BERT-style encoders" name a family
    # of things resembling a model, not the model itself.
    if all(c.end < len(words) and words[c.end].lower() in vocab.FAMILY_SUFFIXES for c in group):
        return _drop("rule.family_modifier", group)
    type_, type_rule = pick_type(list(group), tokens, paper.says)
    known = any(c.known_type or c.weak_type for c in group)
    # "our final Quux-Ensemble (QUE) model": an acronym the paper defines for its own.
    defined_ours = any((c.is_short_form or c.is_long_form) and c.owned_cue for c in group)
    if any(c.strong_proposed for c in group):
        role_rule = "role.strong_proposal"
    elif defined_ours:
        role_rule = "role.owned_definition"
    elif not known and any(c.proposed for c in group):
        role_rule = "role.proposed_unlisted"
    else:
        role_rule = "role.used"
    proposed = role_rule != "role.used"
    role = ("proposed" if type_ == "method" else "introduced") if proposed else "used"
    return Decision(
        True,
        f"{type_rule}; {role_rule}",
        type_,
        role,
        tuple(group),
        (TYPE, DEFINES_TYPE, KNOWN, LISTED, VARIANT_OF, PROPOSES, OWNED),
    )


def named_as_history(words: Sequence[str], start: int, sent_start: int) -> bool:
    """Whether the name at ``start`` follows a history verb in its sentence (rule 10).

    >>> named_as_history("AI has mastered games like Go".split(), 5, 0)
    True
    >>> named_as_history("We evaluate on Go".split(), 3, 0)
    False
    >>> named_as_history("AI mastered Go , Zorb plays Poker".split(), 4, 0)
    False
    """
    lo = max(sent_start, start - vocab.HISTORY_WINDOW)
    # ", ZorbNet plays ...": after a comma, a name followed by a verb opens its own clause
    if start > lo and clause_subject(words, start, start + 1):
        return False
    return any(w.lower() in vocab.HISTORY_VERBS for w in words[lo:start])


def reads_as_measure_or_task(
    group: Sequence[Candidate], tokens: Tokens, texts: dict[int, str], banned: dict[str, str]
) -> bool:
    """Every written mention is a measure or names a task (:mod:`kg.extract.generic`).

    A known name, one the text calls a dataset or benchmark, or one evaluated on stays ("the
    GLUE task", "results on the FooQA task").
    """
    if any(
        c.known_type or c.weak_type or {"dataset", "benchmark", "evaluation"} & set(c.types)
        for c in group
    ):
        return False
    words = tokens.words
    mentions = [c for c in group if not c.is_long_form]
    return bool(mentions) and all(
        metric_shaped(texts[id(c)])
        or listed_beside_metric(words, c.start, c.end, banned)
        or names_a_task(words, c.start, c.end)
        for c in mentions
    )


def reads_as_category_or_software(
    group: Sequence[Candidate], words: Sequence[str]
) -> bool:
    """Every written mention is a category's member or software (:mod:`kg.extract.generic`).

    Known names, names the text types or evaluates on, and the paper's own stay.
    """
    if any(
        c.known_type or c.weak_type or c.proposed or c.strong_proposed or c.defined_type
        or {"dataset", "benchmark", "evaluation"} & set(c.types)
        for c in group
    ):
        return False
    mentions = [c for c in group if not c.is_long_form]
    return bool(mentions) and all(
        in_category_list(words, c.start, c.end) or software_mention(words, c.start, c.end)
        for c in mentions
    )


def sized_pairs(surface: set[str]) -> list[tuple[str, str]]:
    """Every ``(base, other)`` of ``surface`` where ``other`` is ``base`` plus a size suffix
    ("BERT", "BERT-Large"). Each name's own prefixes are looked up rather than every pair
    compared, so a paper with thousands of names costs thousands of look-ups, not millions.
    (The pairs' order does not matter: a union-find group's root is its smallest key.)

    >>> sized_pairs({"BERT", "BERT-Large", "BERTology"})
    [('BERT', 'BERT-Large')]
    """
    return [
        (other[:cut], other)
        for other in sorted(surface)
        for cut in range(len(other))
        if other[:cut] in surface and vocab.SIZE_SUFFIX.fullmatch(other[cut:])
    ]


@vocab.per_lexicon
def _greek_char() -> re.Pattern[str]:
    return re.compile("[" + "".join(vocab.GREEK_LETTERS) + "]", re.IGNORECASE)


def _spelled(name: str) -> str:
    """ "Quux-$\u03c0$" and "Quux-pi" are one name: Greek letters spelled out, then normalised."""
    return normalize_name(_greek_char().sub(lambda m: vocab.GREEK_LETTERS[m.group().lower()], name))


def title_forms(name: str) -> set[str]:
    """Other ways an abstract writes a title name: its spelled form, its compact form
    ("Auto-QNN" -> "AQNN": plain words by their initial, name-shaped parts whole) and, for a
    two-part hyphenated name ("Zeta-QUUX"), its name-shaped part ("QUUX")."""
    forms = {_spelled(name)}
    parts = [p for p in re.split(r"[-\s]+", name.strip("$")) if p]
    if len(parts) >= 2:
        compact = "".join(p if is_name_shaped(p) else p[:1] for p in parts)
        if any(is_name_shaped(p) for p in parts):
            forms.add(normalize_name(compact))
    if len(parts) == 2 and "-" in name:
        forms.update(
            normalize_name(p) for p in parts if is_name_shaped(p) and len(normalize_name(p)) >= 3
        )
    forms.discard("")
    return forms


def merge_title_forms(entities: list[FoundEntity]) -> list[FoundEntity]:
    """The title's name and a name the abstract proposes are one entity when the abstract's is
    another way of writing the title's ("Zeta-QUUX: ..." / "we propose QUUX")."""
    titled = [
        e
        for e in entities
        if e.role != "used" and any(TITLE_NAME_RULE in m.rule for m in e.mentions)
    ]
    if len(titled) != 1:
        return entities
    title = titled[0]
    forms = set().union(*(title_forms(n) for n in (title.name, *title.aliases)))
    for i, other in enumerate(entities):
        if other is title or other.role == "used" or other.type != title.type:
            continue
        keys = {_spelled(n) for n in (other.name, *other.aliases)}
        if not keys & forms:
            continue
        seen = {normalize_name(other.name)}
        aliases = []
        for form in (*other.aliases, title.name, *title.aliases):
            if normalize_name(form) not in seen:
                seen.add(normalize_name(form))
                aliases.append(form)
        mentions = tuple(sorted((*title.mentions, *other.mentions), key=lambda m: m.start))
        merged = FoundEntity(other.name, other.type, other.role, tuple(aliases), mentions)
        out = [e for e in entities if e is not title and e is not other]
        first = min(entities.index(title), i)
        out.insert(first, merged)
        return out
    return entities


def spelled_out_key(entity: FoundEntity) -> tuple[str, str, int] | None:
    """``(type, initials, words)`` of a name that can be a short name written out: at least
    two capitalised words, none name-shaped ("Quux Transformer" -> ``("method", "QT", 2)``)."""
    words = entity.name.split()
    if len(words) < 2 or not all(w[:1].isupper() and not is_name_shaped(w) for w in words):
        return None
    return entity.type, "".join(w[0] for w in words), len(words)


def merge_spelled_out(entities: list[FoundEntity]) -> list[FoundEntity]:
    """ "the Quux Transformer ... QuT": a Title-Case name whose initials are exactly the capitals
    of a short name of the same paper is that name written out, even without a "(QuT)"
    definition.

    Each short name takes the first such long name still unmerged. The written-out names are
    indexed by type and initials, so a paper with thousands of names is not scanned once per
    short name; a merged entity takes the place of the earlier of its two parts.
    """
    slots: list[FoundEntity | None] = list(entities)
    slot_of = {id(e): i for i, e in enumerate(entities)}
    longs: dict[tuple[str, str], list[tuple[int, int, FoundEntity]]] = {}

    def index(slot: int, entity: FoundEntity) -> None:
        key = spelled_out_key(entity)
        if key is not None:
            insort(longs.setdefault(key[:2], []), (slot, key[2], entity), key=lambda x: x[0])

    for slot, entity in enumerate(entities):
        index(slot, entity)
    for short in entities:
        if " " in short.name or not is_short_form(short.name):
            continue
        here = slot_of[id(short)]
        if slots[here] is not short:
            continue  # already merged into another name
        capitals = "".join(c for c in short.name if c.isupper())
        found = next(
            (
                (slot, long)
                for slot, n_words, long in longs.get((short.type, capitals), [])
                if long is not short and slots[slot] is long and n_words <= 2 * len(short.name)
            ),
            None,
        )
        if found is None:
            continue
        slot, long = found
        seen = {normalize_name(short.name)}
        aliases = []
        for form in (*short.aliases, long.name, *long.aliases):
            if normalize_name(form) not in seen:
                seen.add(normalize_name(form))
                aliases.append(form)
        role = long.role if short.role == "used" else short.role
        mentions = tuple(sorted((*short.mentions, *long.mentions), key=lambda m: m.start))
        merged = FoundEntity(short.name, short.type, role, tuple(aliases), mentions)
        first, last = min(here, slot), max(here, slot)
        slots[first], slots[last] = merged, None
        index(first, merged)
    return [e for e in slots if e is not None]


#: Longest gap, in characters, between two names of one list ("A (+12.3%), and B" has 20).
_GAP = 22


@vocab.per_lexicon
def _clause_verb_after() -> re.Pattern[str]:
    """A clause verb (``CLAUSE_VERB``) after white space, as a word."""
    return re.compile(rf"\s+(?:{vocab.CLAUSE_VERB.pattern})\b")


def clause_after_comma(joint: str, text: str, end: int) -> bool:
    """Rule ``siblings.clause_subject``: "On QuuxQA, FooNet improves ...": a bare comma then a
    name then a verb makes the name the clause's subject, not the next item of a list."""
    return joint.strip() == "," and bool(_clause_verb_after().match(text, end))


def type_by_siblings(entities: list[FoundEntity], text: str) -> list[FoundEntity]:
    """ "on QuuxSet and FooQA": a bare name-shaped word with no evidence of its own, listed
    next to a dataset or benchmark, is of the same kind as its neighbour."""
    spans = sorted(
        (m.start, m.end, e.type) for e in entities if e.type != "method" for m in e.mentions
    )
    if not spans:
        return entities
    by_start = [start for start, _, _ in spans]
    by_end = sorted((end, kind) for _, end, kind in spans)
    ends = [end for end, _ in by_end]
    out = []
    for entity in entities:
        if (
            entity.type == "method"
            and entity.role == "used"
            and all(m.rule == "shape.name" for m in entity.mentions)
        ):
            kinds = set()
            for m in entity.mentions:
                # Only a neighbour ending at most _GAP characters before the mention or
                # starting at most _GAP after it can be joined to it by "and" or a comma:
                # look those up by bisection instead of testing every span of the paper.
                before = by_end[bisect_left(ends, m.start - _GAP) : bisect_right(ends, m.start)]
                for end, kind in before:
                    joint = text[end : m.start]
                    if vocab.COORDINATION.fullmatch(joint) and not clause_after_comma(
                        joint, text, m.end
                    ):
                        kinds.add(kind)
                lo, hi = bisect_left(by_start, m.end), bisect_right(by_start, m.end + _GAP)
                for start, _, kind in spans[lo:hi]:
                    if vocab.COORDINATION.fullmatch(text[m.end : start]):
                        kinds.add(kind)
            if len(kinds) == 1:
                entity = FoundEntity(
                    entity.name, kinds.pop(), "used", entity.aliases, entity.mentions
                )
        out.append(entity)
    return out


def family_prefix(name: str) -> str | None:
    """ "CV-" of "CV-QuuxLoss": a short capitalised prefix that names a family of variants."""
    head, dash, _ = name.partition("-")
    return f"{head}-" if dash and 2 <= len(head) <= 4 and head.isupper() else None


def dash_variant(name: str, bases: set[str]) -> bool:
    """Whether ``name`` is one of ``bases`` followed by "-" and more ("KNT-D" of "KNT"): each
    dash of the name is tried, not each base, so many proposed names cost nothing extra.

    >>> dash_variant("KNT-D", {"KNT"}), dash_variant("KNTD", {"KNT"})
    (True, False)
    """
    return any(char == "-" and name[:i] in bases for i, char in enumerate(name))


def variants_of_proposed(entities: list[FoundEntity]) -> list[FoundEntity]:
    """ "KNT-D" and "KNT-W" next to a proposed "KNT", or "CV-FooLoss" next to a proposed
    "CV-QuuxLoss", are variants the paper also proposes."""
    proposed = [e.name for e in entities if e.role == "proposed" and e.type == "method"]
    if not proposed:
        return entities
    prefixes = {p for p in map(family_prefix, proposed) if p}
    names = set(proposed)
    out = []
    for entity in entities:
        if (
            entity.role == "used"
            and entity.type == "method"
            and (dash_variant(entity.name, names) or family_prefix(entity.name) in prefixes)
        ):
            entity = FoundEntity(
                entity.name, entity.type, "proposed", entity.aliases, entity.mentions
            )
        out.append(entity)
    return out
