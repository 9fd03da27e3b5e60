"""The values the extractor's rules pass around, and the candidate names they start from.

Data classes shared by the rules (:class:`Tokens`, :class:`GazetteerMatch`, :class:`CueMatch`
and the output :class:`FoundMention` / :class:`FoundEntity`; the working candidate is
:class:`kg.extract.model.Candidate`), small token helpers, and the candidate sources
(:data:`CANDIDATE_SOURCES`): name-shaped tokens, gazetteer matches, benchmark names, bare model
names, the title's name and acronym definitions, and the merge of overlapping candidates.
:mod:`kg.extract.decide` calls these; :mod:`kg.extract.cues_apply` adds evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import compress

from kg.extract import vocabulary as vocab
from kg.extract.acronyms import find_abbreviations
from kg.extract.memo import WordMemo
from kg.extract.model import (
    AMBIGUOUS,
    DOUBT,
    FIRED,
    FORM,
    KNOWN,
    LISTED,
    LOWER_DEFINITION,
    NEEDS_ACRONYM,
    PROPOSES,
    TYPE,
    Candidate,
)
from kg.extract.patterns import METRIC_OR_METHOD, METRIC_ROLES, ORGANISATION, Cue
from kg.extract.shapes import (
    is_edition,
    is_model_size,
    is_name_shaped,
    is_plural_family,
    is_version,
)
from kg.names import normalize_name

__all__ = [
    "CANDIDATE_SOURCES",
    "TITLE_NAME_RULE",
    "CueMatch",
    "Definitions",
    "FoundEntity",
    "FoundMention",
    "GazetteerMatch",
    "SourceInput",
    "Tokens",
    "acronym_forms",
    "banned_compound",
    "bare_model_names",
    "benchmark_names",
    "coined_short",
    "extend_name",
    "gazetteer_names",
    "inside_title_phrase",
    "is_suffixed_version",
    "method_reading",
    "plural_definition",
    "redefines_metric",
    "sentence_runs",
    "shape_names",
    "title_names",
]

#: The rule id of the title's name before a colon (a candidate source, not a cue record).
TITLE_NAME_RULE = "cue.title_name"


def is_suffixed_version(word: str) -> bool:
    m = vocab.SUFFIXED_VERSION.fullmatch(word)
    if m is None:
        return False
    suffix = m.group(2)
    return suffix in vocab.SIZE_LETTERS or suffix[0].isdigit() or suffix in vocab.TIER_WORDS



@dataclass(frozen=True, slots=True)
class Tokens:
    """The parts of a tokenised doc that the rules read (parallel lists, one item a token)."""

    text: str
    words: Sequence[str]
    starts: Sequence[int]
    url_like: Sequence[bool]
    title_end: int
    sentences: Sequence[tuple[int, int]]

    def end_char(self, i: int) -> int:
        return self.starts[i] + len(self.words[i])


@dataclass(frozen=True, slots=True)
class GazetteerMatch:
    start: int
    end: int
    type: str
    strength: str
    id: str
    alias_of: str | None = None


@dataclass(frozen=True, slots=True)
class CueMatch:
    start: int
    end: int
    cue: Cue


@dataclass(frozen=True, slots=True)
class FoundMention:
    text: str
    start: int
    end: int
    sentence_index: int
    rule: str


@dataclass(frozen=True, slots=True)
class FoundEntity:
    name: str
    type: str
    role: str
    aliases: tuple[str, ...]
    mentions: tuple[FoundMention, ...]


def token_sentences(starts: Sequence[int], sent_starts: list[int]) -> list[int]:
    """Sentence number of every token (both lists sorted): a token is in the last sentence
    that starts at or before it, else in the first. Each sentence's tokens are one run, found
    by bisection, so the work is per sentence rather than per token."""
    out: list[int] = []
    done = 0
    for s, boundary in enumerate(sent_starts[1:]):
        upto = bisect_left(starts, boundary, done)  # the first token of sentence s + 1
        out.extend([s] * (upto - done))
        done = upto
    out.extend([max(0, len(sent_starts) - 1)] * (len(starts) - done))
    return out


def sentence_runs(sent_of: Sequence[int]) -> dict[int, tuple[int, int]]:
    """``sentence -> (first token, last token + 1)`` for each sentence that has tokens, from
    :func:`token_sentences`'s (sorted) output."""
    runs: dict[int, tuple[int, int]] = {}
    i, n = 0, len(sent_of)
    while i < n:
        j = bisect_right(sent_of, sent_of[i], i)
        runs[sent_of[i]] = (i, j)
        i = j
    return runs


def span_text(tokens: Tokens, start: int, end: int) -> str:
    return tokens.text[tokens.starts[start] : tokens.end_char(end - 1)]


def is_capitalised(word: str) -> bool:
    return word[:1].isupper() and word.lower() not in vocab.FUNCTION_WORDS


def _token_at_char(tokens: Tokens, char: int) -> int:
    return bisect_right(tokens.starts, char) - 1


def banned_compound(word: str, banned: dict[str, str]) -> bool:
    """A generic term glued to a descriptor ("RL-training", "Text-to-Graph", "ROUGE-4")."""
    if "-" not in word:
        return False
    parts = [p for p in word.split("-") if p]
    if not any(p in banned for p in parts) or vocab.BENCHMARK_SHAPE.search(word):
        return False  # "MT-Bench" is a name although "MT" alone is not
    # "Nimbus-7B-SFT" is a model: a size or another name part makes it specific.
    return not any(
        (is_name_shaped(p) or (any(c.isdigit() for c in p) and any(c.isalpha() for c in p)))
        and p not in banned
        for p in parts
    )


def extend_name(tokens: Tokens, i: int, end: int, *, known: bool = False) -> int:
    """Grow a name over a version, a size and a tier ("Nimbus 2 70B", "Falcor 1.0 Pro"), and a
    name-shaped word over its year or edition ("AIME 2024", "FooQA v2": rule ``span.edition``).
    A ``known`` model's name takes a tier even when it is a plain word ("Mistral Large")."""
    words = tokens.words
    n = len(words)
    steps = 0
    while end < n and steps < 3 and tokens.starts[end] == tokens.end_char(end - 1) + 1:
        word = words[end]
        after = words[end + 1] if end + 1 < n else ""
        if after in vocab.MULTIPLIER_MARKS or (
            word.isdigit() and after.lower() in vocab.COUNT_NOUNS
        ):
            break
        if (
            (is_version(word) and not words[end - 1][-1].isdigit())
            or (is_suffixed_version(word) and not words[end - 1][-1].isdigit())
            or is_model_size(word)
            or (steps == 0 and is_edition(word) and is_name_shaped(words[end - 1]))
            or (word in vocab.TIER_WORDS and steps > 0)
            or (word in vocab.TIER_WORDS and (known or is_name_shaped(words[end - 1])))
        ):
            end += 1
        else:
            break
        steps += 1
    return end


def method_reading(words: Sequence[str], i: int, banned: dict[str, str]) -> bool:
    """Whether a name that is both a metric and a well-known method ("MAE": mean absolute
    error or Masked Autoencoder) is read as the method at token ``i``.

    A metric reading wins: a number or a measure word next to it ("MAE of 0.3", "lower MAE",
    "the MAE loss") or another metric in the same list ("MAE and RMSE"). Otherwise a method
    cue is needed: a comparison before it ("compare with X", "outperforms X"), a model noun
    after it ("X pre-training", "X encoder") or a name that is no metric in the same list
    ("X and BEiT").
    """
    n = len(words)
    prev = words[i - 1].lower() if i > 0 else ""
    after = words[i + 1].lower() if i + 1 < n else ""
    if prev in vocab.METRIC_BEFORE or after in vocab.METRIC_AFTER or vocab.NUMBER.fullmatch(after):
        return False
    if i > 1 and words[i - 2].lower() in vocab.MEASURE_VERBS and prev in vocab.MEASURE_LINKS:
        return False
    method = prev in vocab.METHOD_BEFORE or after in vocab.METHOD_AFTER
    for step in (-1, 1):
        j = i + step
        while 0 <= j < n and words[j].lower() in vocab.LIST_JOINERS:
            j += step
        if j == i + step or not 0 <= j < n:
            continue  # no list around it
        other = words[j]
        if banned.get(other) in METRIC_ROLES and other != words[i]:
            return False
        if is_name_shaped(other) and other not in banned:
            method = True
    return method


#: What a word is to the candidate sources that test every token, as bits (see word_kinds).
NAME_SHAPED = 1  # is_name_shaped: a shape.name candidate may start at it
VERSIONABLE = 2  # a capitalised word that a version may follow ("Llama 2")
VERSION = 4  # a version that may follow such a word ("2", "3.1", "2-Chat"), not all capitals
BARE_MODEL = 8  # a letter and a digit ("zq1"): a model with an owner or model word beside it


def word_kind(word: str) -> int:
    """The bits of :data:`NAME_SHAPED`, :data:`VERSIONABLE`, :data:`VERSION` and
    :data:`BARE_MODEL` that ``word`` has. Most words have none; asked once per distinct word
    (:func:`word_kinds`) instead of running every test at every token.

    >>> word_kind("SimCLR") == NAME_SHAPED, word_kind("Llama") == VERSIONABLE, word_kind("the")
    (True, True, 0)
    """
    kind = 0
    if is_name_shaped(word):
        kind |= NAME_SHAPED
    elif (
        word[:1].isupper()
        and word.isalpha()
        and word not in vocab.REFERENCE_WORDS
        and word.lower() not in vocab.FUNCTION_WORDS
    ):
        kind |= VERSIONABLE
    if (is_version(word) or is_suffixed_version(word)) and not word.isupper():
        kind |= VERSION
    if vocab.BARE_MODEL.fullmatch(word) is not None:
        kind |= BARE_MODEL
    return kind


#: Reads the vocabulary (and is_name_shaped): clear it when the word lists change.
_WORD_KINDS = WordMemo(word_kind)
vocab.when_changed(_WORD_KINDS.clear)


def word_kinds(words: Sequence[str]) -> Sequence[int]:
    """:func:`word_kind` of each word, in order."""
    return _WORD_KINDS.map(words)


def _shape_candidates(
    tokens: Tokens, banned: dict[str, str], kinds: Sequence[int]
) -> list[Candidate]:
    """Name-shaped tokens, and capitalised words with a version ("Llama 2"), extended;
    ``kinds`` is :func:`word_kinds` of the words."""
    out = []
    n = len(tokens.words)
    title_is_upper = tokens.text[: tokens.title_end].isupper()
    words = tokens.words
    resume = 0  # the token after the last candidate: names do not overlap
    for i in compress(range(n), kinds):
        if i < resume:
            continue
        kind = kinds[i]
        if not kind & NAME_SHAPED and not (
            kind & VERSIONABLE and i + 1 < n and kinds[i + 1] & VERSION
        ):
            continue  # neither a name nor a capitalised word with a version after it
        word = words[i]
        component = i + 1 < n and words[i + 1] in vocab.COMPONENT_NOUNS
        if (
            tokens.url_like[i]
            or (
                word in banned
                and not (component and is_name_shaped(word))
                and not (banned[word] == METRIC_OR_METHOD and method_reading(words, i, banned))
            )
            or (title_is_upper and tokens.starts[i] < tokens.title_end)
        ):
            continue
        shaped = is_name_shaped(word) and not banned_compound(word, banned)
        if shaped and word.split("-")[0] in vocab.REFERENCE_WORDS:
            shaped = False
        versioned = (
            not shaped
            and word[:1].isupper()
            and word.isalpha()
            and word not in vocab.REFERENCE_WORDS
            and word.lower() not in vocab.FUNCTION_WORDS
            and i + 1 < n
            and (is_version(words[i + 1]) or is_suffixed_version(words[i + 1]))
            and not words[i + 1].isupper()
        )
        if not (shaped or versioned):
            continue
        end = extend_name(tokens, i, i + 1)
        if versioned and end == i + 1:
            continue
        component = end < n and words[end] in vocab.COMPONENT_NOUNS
        if component:
            end += 1  # "HyperClass Regularizer", "K^2 Block": the part is named with its kind
        cand = Candidate(i, end, "shape.name", priority=1)
        if banned.get(word) == METRIC_OR_METHOD:
            # read as the well-known method, which is not ours
            cand.add(KNOWN, "shape.metric_or_method", "method")
        if component:
            # A newly named part ("a HyperClass Regularizer") is the paper's own unless a
            # list knows it; GUIDELINES addendum rule 4.
            cand.add(PROPOSES, "cue.named_component", "weak")
            cand.add(FIRED, "cue.named_component")
        out.append(cand)
        resume = end
    return out




def _bare_model_candidates(
    tokens: Tokens, banned: dict[str, str], kinds: Sequence[int]
) -> list[Candidate]:
    """ "reasoning models such as zq1", "the zq1 model", "Acme zq1": a letter and a digit is too
    short to be a name alone, but a model with one of these beside it ("x1" stays maths);
    ``kinds`` is :func:`word_kinds` of the words."""
    words = tokens.words
    out: list[Candidate] = []
    for i in compress(range(len(words)), kinds):
        if not kinds[i] & BARE_MODEL or tokens.url_like[i]:
            continue
        before = words[i - 1] if i > 0 else ""
        two_before = words[i - 2] if i > 1 else ""
        after = words[i + 1].lower() if i + 1 < len(words) else ""
        owner = banned.get(before) == ORGANISATION
        listed = (before == "as" and two_before.lower() == "such") or (
            before == "like" and two_before in vocab.BARE_MODEL_LIKE_OPENERS
        )
        if owner or listed or after in vocab.BARE_MODEL_HEADS:
            cand = Candidate(i - 1 if owner else i, i + 1, "shape.name", priority=1)
            cand.add(KNOWN, "shape.bare_model", "method")
            out.append(cand)
    return out


def _benchmark_name_candidates(tokens: Tokens) -> list[Candidate]:
    """ "Quux Bench", "Foo Eval", "Long Range Arena": a capitalised word or run before a
    capitalised benchmark head is one name, even when its first word alone is a generic
    acronym or a model's name."""
    words = tokens.words
    out: list[Candidate] = []
    if vocab.BENCHMARK_NAME_HEADS.isdisjoint(words):
        return out
    for i in range(1, len(words)):
        if words[i] not in vocab.BENCHMARK_NAME_HEADS:
            continue
        j = i
        while j > 0 and i - j < 4 and (
            words[j - 1][:1].isupper() or words[j - 1][:1].isdigit()
        ) and words[j - 1].lower() not in vocab.FUNCTION_WORDS and not tokens.url_like[j - 1]:
            j -= 1
        if j < i:
            cand = Candidate(j, i + 1, "shape.benchmark_name", priority=1)
            cand.add(TYPE, "shape.benchmark_name", "benchmark")
            out.append(cand)
    return out


def _title_name(tokens: Tokens, banned: dict[str, str]) -> Candidate | None:
    """The name before a colon in the title ("SMART: Self-learning ...", "P2Q Learning: ...").

    One capitalised word, or up to three words led by a name-shaped one, is a name. A longer
    Title-Case phrase ("Mind the Gap: ...") is kept only if the abstract repeats it or defines
    an acronym for it (the candidate then needs that evidence: :func:`kg.extract.decide.decide`).
    """
    title = tokens.text[: tokens.title_end]
    colon = title.find(":")
    if colon <= 0:
        return None
    head = title[:colon].strip()
    words = head.split()
    if not 1 <= len(words) <= 6 or head in banned or not head[:1].isupper():
        return None
    if words[0] in banned or words[0].lower() in vocab.FUNCTION_WORDS:
        return None
    for word in words:
        if not (word[:1].isupper() or word[:1].isdigit() or word.lower() in vocab.FUNCTION_WORDS):
            return None
    # title.task_head: "Gloss-free Sign Language Translation: ..." names a task or field,
    # not an artifact, when no word of it is written like a name.
    if (
        len(words) > 1
        and words[-1].lower() in vocab.TASK_HEADS
        and not any(is_name_shaped(w) for w in words)
    ):
        return None
    first = _token_at_char(tokens, title.index(head))
    last = _token_at_char(tokens, title.index(head) + len(head) - 1)
    if first < 0 or last < first:
        return None
    candidate = Candidate(first, last + 1, TITLE_NAME_RULE, priority=5)
    candidate.add(PROPOSES, TITLE_NAME_RULE, "strong")
    candidate.add(FIRED, TITLE_NAME_RULE)
    # A phrase is a name when the abstract defines an acronym for it or uses it again as is
    # ("Adaptive Plurality: ... we show that Adaptive Plurality ...").
    repeated = head.lower() in tokens.text[tokens.title_end :].lower()
    if len(words) > 1 and not (len(words) <= 3 and is_name_shaped(words[0])) and not repeated:
        candidate.add(NEEDS_ACRONYM, TITLE_NAME_RULE)
    return candidate




def mark_named_parts(tokens: Tokens, candidates: list[Candidate], sent_of: list[int]) -> None:
    """ "QuuxNet integrates three core components: (1) Blorp Phrase Grounding (BPG), ...": in a
    sentence about the parts of the paper's own method, a Title-Case acronym definition names
    one of those parts (GUIDELINES addendum rule 4)."""
    words = tokens.words
    ours = {
        normalize_name(span_text(tokens, c.start, c.end))
        for c in candidates
        if c.strong_proposed
    }
    if not ours:
        return
    by_start = {c.start: c for c in candidates}
    known = {
        normalize_name(span_text(tokens, c.start, c.end))
        for c in candidates
        if c.known_type or c.weak_type or c.rule.startswith("gazetteer")
    }
    # Candidates by sentence, once: scanning them all for each sentence is quadratic in a
    # long abstract. sent_of is sorted, so a sentence's tokens are one run found by bisection.
    by_sentence: dict[int, list[Candidate]] = {}
    for c in candidates:
        by_sentence.setdefault(sent_of[c.start], []).append(c)
    for s_index, (lo, _hi) in enumerate(tokens.sentences):
        first = _token_at_char(tokens, lo)
        head = by_start.get(first)
        about_ours = (
            head is not None and normalize_name(span_text(tokens, head.start, head.end)) in ours
        ) or words[first].lower() == "our"
        if not about_ours:
            continue
        members = by_sentence.get(s_index, [])
        sentence = range(
            max(first, bisect_left(sent_of, s_index)), bisect_right(sent_of, s_index)
        )
        if not any(words[i].lower() in vocab.PARTS_WORDS for i in sentence):
            continue
        for cand in members:
            if (
                not (cand.is_short_form or cand.is_long_form)
                or cand.start == first
                or cand.known_type
                or cand.weak_type
                or normalize_name(span_text(tokens, cand.start, cand.end)) in known
                or any(normalize_name(a) in known for a in cand.aliases)
            ):
                continue  # "integrating a listed model (ABC) with ...": used, not a part
            if cand.is_long_form:
                long_form = span_text(tokens, cand.start, cand.end)
            else:
                long_form = cand.aliases[0] if cand.aliases else ""
            if len(long_form.split()) >= 2 and all(w[:1].isupper() for w in long_form.split()):
                cand.add(PROPOSES, "cue.named_part", "strong")
                cand.add(DOUBT, "cue.named_part", False)
                cand.add(FIRED, "cue.named_part")


def type_title_name(tokens: Tokens, title: Candidate) -> None:
    """ "QuestLadder: A Benchmark for ...": the words after the colon give the type."""
    rest = " ".join(tokens.text[: tokens.title_end].split(":", 1)[-1].split()[:4])
    says_benchmark = bool(vocab.SENT_BENCHMARK.search(rest))
    says_dataset = bool(vocab.SENT_DATASET.search(rest))
    if says_benchmark and not says_dataset:
        title.add(TYPE, "title.says_benchmark", "benchmark")
    elif says_dataset:
        title.add(TYPE, "title.says_dataset", "dataset")


def redefines_metric(short: str, long_form: str, banned: dict[str, str]) -> bool:
    """ "Masked AutoEncoder (MAE)": the text defines a metric's acronym as something else."""
    words = long_form.split()
    return (
        banned.get(short) in METRIC_ROLES
        and all(w[:1].isupper() for w in words)
        and words[-1].lower() not in vocab.METRIC_HEADS
    )




def coined_short(short: str, long_form: str) -> bool:
    """ "low-rank quux adapters (LoQA)": a mixed-case short form whose small letters come from
    content words is coined like a name ("AoA" for "angle of attack" is not)."""
    small = {w[0] for w in re.split(r"[\s-]+", long_form.lower()) if w in vocab.FUNCTION_WORDS}
    return bool(vocab.MIXED_CASE.search("".join(c for c in short if c not in small)))




def _or_definitions(
    tokens: Tokens, sent_start: int, sentence: str, banned: dict[str, str]
) -> list[tuple[Candidate, Candidate]]:
    """ "Visual Puzzle Learning, or ViPuL, ...": a Title-Case phrase renamed after ", or" by a
    name whose capitals are the phrase's initials, in order."""
    pairs = []
    for m in vocab.OR_DEFINITION.finditer(sentence):
        long_form, short = m.group(1), m.group(2)
        words = long_form.split()
        while words and words[0].lower() in vocab.FUNCTION_WORDS:
            words = words[1:]
        capitals = [ch for ch in short if ch.isupper()]
        initials = "".join(w[0] for w in words)
        if len(capitals) < 2 or not words or short in banned or capitals[0] != initials[0]:
            continue
        rest = iter(initials)
        if not all(ch in rest for ch in capitals):
            continue
        long_form = " ".join(words)
        l_start = sent_start + m.end(1) - len(long_form)
        l_first = _token_at_char(tokens, l_start)
        l_last = _token_at_char(tokens, sent_start + m.end(1) - 1)
        s_first = _token_at_char(tokens, sent_start + m.start(2))
        s_last = _token_at_char(tokens, sent_start + m.end(2) - 1)
        if s_last < s_first or l_last < l_first or s_first != s_last:
            continue
        short_c = Candidate(s_first, s_last + 1, "acronym.short_form", priority=3)
        short_c.add(FORM, "acronym.or_definition", "short")
        short_c.aliases.append(long_form)
        long_c = Candidate(l_first, l_last + 1, "acronym.long_form", priority=4)
        long_c.add(FORM, "acronym.or_definition", "long")
        if words[-1].lower().rstrip("s") in vocab.TASK_HEADS:
            short_c.add(DOUBT, "acronym.task_head")
            long_c.add(DOUBT, "acronym.task_head")
        long_c.aliases.append(short)
        pairs.append((short_c, long_c))
    return pairs


def plural_definition(short: str, long_form: str, banned: dict[str, str]) -> bool:
    """Rule ``acronym.plural_definition``: a plural short form defined by a Title-Case plural
    long form ("Graph Quux Networks (GQNs)") may name one artifact, when its singular is a name
    no list bans; the definition then needs a cue (a proposal, a dataset or benchmark word)
    before it counts, as a family written in the plural is none (GUIDELINES rule 12).

    >>> plural_definition("GQNs", "Graph Quux Networks", {})
    True
    >>> plural_definition("GQNs", "graph quux networks", {})
    False
    >>> plural_definition("LLMs", "Large Language Models", {"LLM": "generic"})
    False
    """
    words = long_form.split()
    return (
        long_form.endswith("s")
        and all(w[:1].isupper() for w in words if w.lower() not in vocab.FUNCTION_WORDS)
        and is_name_shaped(short[:-1])
        and short[:-1] not in banned
        and short not in banned
    )


def _acronym_candidates(
    tokens: Tokens, banned: dict[str, str], generic_spans: list[tuple[int, int]] | None = None
) -> list[tuple[Candidate, Candidate]]:
    """Short form and long form of each Schwartz & Hearst definition, token-aligned.

    The token spans of long forms whose short form is a listed generic name ("Unsupervised
    Environment Design (UED)") go to ``generic_spans``: no name comes from inside them.
    """
    pairs = []
    for sent_start, sent_end in tokens.sentences:
        sentence = tokens.text[sent_start:sent_end]
        if ", or " in sentence:
            pairs.extend(_or_definitions(tokens, sent_start, sentence, banned))
        if "(" not in sentence and ", a" not in sentence:
            continue  # no "long form (SF)", "SF (long form)" or "SF, a Long Form" here
        for abbr in find_abbreviations(sentence):
            short = abbr.short
            plural = is_plural_family(short) and plural_definition(short, abbr.long, banned)
            if not plural and (is_plural_family(short) or not is_name_shaped(short)):
                continue
            if short in banned and not redefines_metric(short, abbr.long, banned):
                if generic_spans is not None:
                    l_first = _token_at_char(tokens, sent_start + abbr.long_start)
                    l_last = _token_at_char(tokens, sent_start + abbr.long_end - 1)
                    if 0 <= l_first <= l_last:
                        generic_spans.append((l_first, l_last + 1))
                continue
            s_first = _token_at_char(tokens, sent_start + abbr.short_start)
            s_last = _token_at_char(tokens, sent_start + abbr.short_end - 1)
            l_first = _token_at_char(tokens, sent_start + abbr.long_start)
            l_last = _token_at_char(tokens, sent_start + abbr.long_end - 1)
            if s_last < s_first or l_last < l_first:
                continue
            long_form = abbr.long
            short_c = Candidate(s_first, s_last + 1, "acronym.short_form", priority=3)
            short_c.add(FORM, "acronym.definition", "short")
            short_c.aliases.append(long_form)
            # A lower-case long form is a description ("joint architecture search ...")
            # unless a cue says the paper names it; see GUIDELINES addendum rule 5.
            last_word = long_form.split()[-1].lower().rstrip("s")
            after = s_last + 2
            head_after = (
                tokens.words[after].lower()
                if after < len(tokens.words) and tokens.words[s_last + 1] == ")"
                else ""
            )
            if head_after in vocab.MEASURE_AFTER:
                continue
            doubt = (
                "acronym.task_head"
                if last_word in vocab.TASK_HEADS
                else "acronym.metric_head"
                # "the Quux Efficiency Ratio (QER)" is a measure; a named loss is a method
                if last_word in vocab.METRIC_HEADS and last_word != "loss"
                else "acronym.category_after"
                if head_after in vocab.CATEGORY_AFTER
                else None
            )
            if plural:
                # "we propose Graph Quux Networks (GQNs)": a family unless a cue makes it one
                doubt = doubt or "acronym.plural_definition"
            if doubt:
                short_c.add(DOUBT, doubt)
            # A lower-case long form is a description ("joint architecture and
            # hyperparameter search (JAHS)") unless a cue uses or names it.
            # A mixed-case short form ("QuRA") is itself coined like a name, though, unless its
            # small letters only stand for small words ("angle of attack (AoA)").
            if long_form == long_form.lower() and not coined_short(short, long_form):
                short_c.add(LOWER_DEFINITION, "acronym.lower_definition")
            long_c = Candidate(l_first, l_last + 1, "acronym.long_form", priority=4)
            long_c.add(FORM, "acronym.definition", "long")
            if doubt:
                long_c.add(DOUBT, doubt)
            long_c.aliases.append(short)
            pairs.append((short_c, long_c))
    return pairs


def _gazetteer_candidates(matches: Sequence[GazetteerMatch]) -> list[Candidate]:
    out = []
    for match in matches:
        rule = f"gazetteer.{match.type}"
        weak = match.strength == "weak"
        candidate = Candidate(match.start, match.end, rule, priority=2)
        if not weak:
            candidate.add(KNOWN, rule, match.type)
        candidate.add(LISTED, rule, match.type)
        if weak:
            # A weak list name ("Places", "SST") is also a word: it needs a cue to count.
            candidate.add(AMBIGUOUS, rule)
            candidate.add(DOUBT, rule)
        if match.alias_of:
            candidate.same_as.append(match.alias_of)
        out.append(candidate)
    return out


def inside_title_phrase(tokens: Tokens, start: int, end: int, sent_starts: set[int]) -> bool:
    """A list name made of plain capitalised words that is only the tail or middle of a longer
    Title-Case phrase ("a Flexible Adaptive Vision Transformer architecture", "Image-To-Text
    Retrieval Transformer"): the phrase describes something else, the list name is a part of it.
    In the title, where every word is capitalised, the name must be wedged between two such
    words ("Multi-Task Vision Transformer Architecture")."""
    words = tokens.words
    if not all(vocab.TITLE_WORD.fullmatch(w) for w in words[start:end]):
        return False  # BERT, ResNet-50, CIFAR-10: names by shape stand on their own
    if start == 0 or start in sent_starts or not vocab.TITLE_WORD.fullmatch(words[start - 1]):
        return False
    if words[start - 1].lower() in vocab.FUNCTION_WORDS:
        return False
    if tokens.starts[start] < tokens.title_end:
        return end < len(words) and bool(vocab.TITLE_WORD.fullmatch(words[end])) and (
            tokens.starts[end] < tokens.title_end
        )
    return True


def merge_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the longest (then highest-priority) of overlapping candidates, merging evidence."""
    candidates.sort(key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    taken: dict[int, Candidate] = {}
    kept: list[Candidate] = []
    for cand in candidates:
        owners = {id(taken[i]): taken[i] for i in range(cand.start, cand.end) if i in taken}
        if not owners:
            for i in range(cand.start, cand.end):
                taken[i] = cand
            kept.append(cand)
            continue
        for owner in owners.values():
            # The same span found twice (shape + gazetteer): pool what each knows.
            if owner.start == cand.start and owner.end == cand.end:
                owner.absorb(cand)
            elif owner.rule.startswith("gazetteer") and cand.rule == TITLE_NAME_RULE:
                owner.add(PROPOSES, TITLE_NAME_RULE, "strong")
    kept.sort(key=lambda c: c.start)
    return kept


@dataclass(frozen=True, slots=True)
class Definitions:
    """A paper's acronym definitions: (short form, long form) candidate pairs, and the token
    spans of long forms whose short form is a listed generic name (no name comes from them)."""

    pairs: list[tuple[Candidate, Candidate]]
    generic_spans: list[tuple[int, int]]


class SourceInput:
    """What the candidate sources read of one paper: its tokens, the not-entity names and the
    gazetteer matches. The acronym definitions are found once, when first asked for."""

    def __init__(
        self, tokens: Tokens, banned: dict[str, str], gazetteer: Sequence[GazetteerMatch]
    ) -> None:
        self.tokens = tokens
        self.banned = banned
        self.gazetteer = gazetteer
        self.sent_starts = {s for s, _ in tokens.sentences}

    @cached_property
    def word_kinds(self) -> Sequence[int]:
        """:func:`word_kinds` of the tokens, found once for the sources that read them."""
        return word_kinds(self.tokens.words)

    @cached_property
    def definitions(self) -> Definitions:
        generic: list[tuple[int, int]] = []
        pairs = _acronym_candidates(self.tokens, self.banned, generic)
        return Definitions(pairs, generic)


def shape_names(source: SourceInput) -> list[Candidate]:
    """``shape.name``: name-shaped tokens ("SimCLR", "GPT-4o") and capitalised words with a
    version ("Llama 2"), grown over versions, sizes and tiers ("Nimbus 2 70B")."""
    return _shape_candidates(source.tokens, source.banned, source.word_kinds)


def gazetteer_names(source: SourceInput) -> list[Candidate]:
    """``gazetteer.<type>``: list names, except a plain Title-Case list name that is only part
    of a longer Title-Case phrase ("a Flexible Adaptive Vision Transformer architecture")."""
    tokens = source.tokens
    return _gazetteer_candidates(
        [
            known_model_grown(tokens, m)
            for m in source.gazetteer
            if not inside_title_phrase(tokens, m.start, m.end, source.sent_starts)
        ]
    )


def known_model_grown(tokens: Tokens, match: GazetteerMatch) -> GazetteerMatch:
    """Rule ``gazetteer.model_variant``: a listed model's name grown over the version, size or
    tier written after it ("Quillon Large", "Quillon 2 70B"), a listed data set's over its
    edition ("Brenfield 100k"): the variant is the entity named."""
    if match.strength != "strong":
        return match
    if match.type == "method":
        end = extend_name(tokens, match.start, match.end, known=True)
    else:
        # "Atari 100k", "Quuxset 2019": a listed set's edition is part of its name
        end = match.end
        if (
            end < len(tokens.words)
            and tokens.starts[end] == tokens.end_char(end - 1) + 1
            and is_edition(tokens.words[end])
        ):
            end += 1
    return match if end == match.end else replace(match, end=end)


def benchmark_names(source: SourceInput) -> list[Candidate]:
    """``shape.benchmark_name``: a capitalised run before a benchmark head ("Quux Bench")."""
    return _benchmark_name_candidates(source.tokens)


def bare_model_names(source: SourceInput) -> list[Candidate]:
    """``shape.name`` (bare models): a letter and a digit with an owner or a model word beside
    it ("Acme q7", "the q7 model", "models such as q7")."""
    return _bare_model_candidates(source.tokens, source.banned, source.word_kinds)


def title_names(source: SourceInput) -> list[Candidate]:
    """``cue.title_name``: the name before a colon in the title ("SMART: Self-learning ...")."""
    title = _title_name(source.tokens, source.banned)
    return [] if title is None else [title]


def acronym_forms(source: SourceInput) -> list[Candidate]:
    """``acronym.short_form`` and ``acronym.long_form``: both sides of each definition
    ("Proximal Policy Optimization (PPO)", "Visual Puzzle Learning, or ViPuL"), short forms
    first."""
    pairs = source.definitions.pairs
    return [short for short, _ in pairs] + [long for _, long in pairs]


#: The candidate sources, in the order their candidates are pooled (on a tie between
#: overlapping candidates of one length and priority, the earlier source's is kept). The
#: names that cues point at are the sixth source: :data:`kg.extract.cues_apply.TARGET_RULES`
#: add them while the cues are applied, since they need the cue matches.
CANDIDATE_SOURCES: dict[str, Callable[[SourceInput], list[Candidate]]] = {
    "shape": shape_names,
    "gazetteer": gazetteer_names,
    "benchmark_name": benchmark_names,
    "bare_model": bare_model_names,
    "title_name": title_names,
    "acronym": acronym_forms,
}
