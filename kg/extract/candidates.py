"""The values the extractor's rules pass around, and the candidate names they start from.

Data classes shared by the rules (:class:`Tokens`, :class:`GazetteerMatch`, :class:`CueMatch`,
the working ``_Candidate`` and the output :class:`FoundMention` / :class:`FoundEntity`), small
token helpers, and candidate generation: name-shaped tokens, bare model names, benchmark names,
the title's name, acronym definitions, gazetteer matches, and the merge of overlapping
candidates. :mod:`kg.extract.resolve` calls these; :mod:`kg.extract.cues_apply` adds evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.extract.acronyms import find_abbreviations
from kg.extract.patterns import Cue
from kg.extract.shapes import (
    is_model_size,
    is_name_shaped,
    is_plural_family,
    is_version,
)
from kg.extract.vocabulary import (
    _BENCHMARK_NAME_HEADS,
    _BENCHMARK_SHAPE,
    _CATEGORY_AFTER,
    _COMPONENT_NOUNS,
    _COUNT_NOUNS,
    _FUNCTION_WORDS,
    _LIST_JOINERS,
    _MEASURE_AFTER,
    _MEASURE_LINKS,
    _MEASURE_VERBS,
    _METHOD_AFTER,
    _METHOD_BEFORE,
    _METRIC_AFTER,
    _METRIC_BEFORE,
    _METRIC_HEADS,
    _METRIC_OR_METHOD,
    _NUMBER,
    _REFERENCE_WORDS,
    _SENT_BENCHMARK,
    _SENT_DATASET,
    _SIZE_LETTERS,
    _SUFFIXED_VERSION,
    _TASK_HEADS,
    _TIER_WORDS,
    _TITLE_WORD,
)
from kg.names import normalize_name

__all__ = ["CueMatch", "FoundEntity", "FoundMention", "GazetteerMatch", "Tokens"]


def _is_suffixed_version(word: str) -> bool:
    m = _SUFFIXED_VERSION.fullmatch(word)
    if m is None:
        return False
    suffix = m.group(2)
    return suffix in _SIZE_LETTERS or suffix[0].isdigit() or suffix in _TIER_WORDS



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


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    rule: str
    priority: int
    known_type: str | None = None
    weak: bool = False
    needs_evidence: bool = False
    types: list[str] = field(default_factory=list)
    proposed: bool = False
    strong_proposed: bool = False
    cues: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    #: Names this mention is known to stand for but that the text does not write (a
    #: gazetteer long form's acronym): used to group mentions, never output as aliases.
    same_as: list[str] = field(default_factory=list)
    is_short_form: bool = False
    is_long_form: bool = False
    needs_acronym: bool = False
    weak_type: str | None = None
    lower_definition: bool = False
    defined_type: str | None = None
    used_cue: bool = False
    #: The kind of a known name this one extends with a suffix ("ImageNet-1K"): a hint for
    #: typing a used name, never evidence that a name exists or is not the paper's own.
    variant_type: str | None = None


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


def _sentence_index(starts: Sequence[int], sent_starts: list[int]) -> list[int]:
    """Sentence number of every token, in one pass over both sorted lists."""
    out = []
    s = 0
    following = [*sent_starts[1:], 1 << 62]
    nxt = following[0]
    for start in starts:
        while start >= nxt:
            s += 1
            nxt = following[s]
        out.append(s)
    return out


def _span_text(tokens: Tokens, start: int, end: int) -> str:
    return tokens.text[tokens.starts[start] : tokens.end_char(end - 1)]


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and word.lower() not in _FUNCTION_WORDS


def _token_at_char(tokens: Tokens, char: int) -> int:
    return bisect_right(tokens.starts, char) - 1


def _banned_compound(word: str, banned: dict[str, str]) -> bool:
    """A generic term glued to a descriptor ("RL-training", "Text-to-Graph", "ROUGE-4")."""
    if "-" not in word:
        return False
    parts = [p for p in word.split("-") if p]
    if not any(p in banned for p in parts) or _BENCHMARK_SHAPE.search(word):
        return False  # "MT-Bench" is a name although "MT" alone is not
    # "Nimbus-7B-SFT" is a model: a size or another name part makes it specific.
    return not any(
        (is_name_shaped(p) or (any(c.isdigit() for c in p) and any(c.isalpha() for c in p)))
        and p not in banned
        for p in parts
    )


def _extend_name(tokens: Tokens, i: int, end: int) -> int:
    """Grow a name over a version, a size and a tier ("Nimbus 2 70B", "Falcor 1.0 Pro")."""
    words = tokens.words
    n = len(words)
    steps = 0
    while end < n and steps < 3 and tokens.starts[end] == tokens.end_char(end - 1) + 1:
        word = words[end]
        after = words[end + 1] if end + 1 < n else ""
        if after in {"%", "x", "×"} or (word.isdigit() and after.lower() in _COUNT_NOUNS):
            break
        if (
            (is_version(word) and not words[end - 1][-1].isdigit())
            or (_is_suffixed_version(word) and not words[end - 1][-1].isdigit())
            or is_model_size(word)
            or (word in _TIER_WORDS and steps > 0)
            or (word in _TIER_WORDS and is_name_shaped(words[end - 1]))
        ):
            end += 1
        else:
            break
        steps += 1
    return end


def _method_reading(words: Sequence[str], i: int, banned: dict[str, str]) -> bool:
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
    if prev in _METRIC_BEFORE or after in _METRIC_AFTER or _NUMBER.fullmatch(after):
        return False
    if i > 1 and words[i - 2].lower() in _MEASURE_VERBS and prev in _MEASURE_LINKS:
        return False
    method = prev in _METHOD_BEFORE or after in _METHOD_AFTER
    for step in (-1, 1):
        j = i + step
        while 0 <= j < n and words[j].lower() in _LIST_JOINERS:
            j += step
        if j == i + step or not 0 <= j < n:
            continue  # no list around it
        other = words[j]
        if banned.get(other) in {"not.metric", _METRIC_OR_METHOD} and other != words[i]:
            return False
        if is_name_shaped(other) and other not in banned:
            method = True
    return method


def _shape_candidates(tokens: Tokens, banned: dict[str, str]) -> list[_Candidate]:
    """Name-shaped tokens, and capitalised words with a version ("Llama 2"), extended."""
    out = []
    n = len(tokens.words)
    title_is_upper = tokens.text[: tokens.title_end].isupper()
    words = tokens.words
    i = 0
    while i < n:
        word = words[i]
        component = i + 1 < n and words[i + 1] in _COMPONENT_NOUNS
        if (
            tokens.url_like[i]
            or (
                word in banned
                and not (component and is_name_shaped(word))
                and not (banned[word] == _METRIC_OR_METHOD and _method_reading(words, i, banned))
            )
            or (title_is_upper and tokens.starts[i] < tokens.title_end)
        ):
            i += 1
            continue
        shaped = is_name_shaped(word) and not _banned_compound(word, banned)
        if shaped and word.split("-")[0] in _REFERENCE_WORDS:
            shaped = False
        versioned = (
            not shaped
            and word[:1].isupper()
            and word.isalpha()
            and word not in _REFERENCE_WORDS
            and word.lower() not in _FUNCTION_WORDS
            and i + 1 < n
            and (is_version(words[i + 1]) or _is_suffixed_version(words[i + 1]))
            and not words[i + 1].isupper()
        )
        if not (shaped or versioned):
            i += 1
            continue
        end = _extend_name(tokens, i, i + 1)
        if versioned and end == i + 1:
            i += 1
            continue
        component = end < n and words[end] in _COMPONENT_NOUNS
        if component:
            end += 1  # "HyperClass Regularizer", "K^2 Block": the part is named with its kind
        cand = _Candidate(i, end, "shape.name", priority=1)
        if banned.get(word) == _METRIC_OR_METHOD:
            cand.known_type = "method"  # read as the well-known method, which is not ours
        if component:
            # A newly named part ("a HyperClass Regularizer") is the paper's own unless a
            # list knows it; GUIDELINES addendum rule 4.
            cand.proposed = True
            cand.cues.append("cue.named_component")
        out.append(cand)
        i = end
    return out


_BARE_MODEL = re.compile(r"[a-z]\d(?:-[a-z]+)?")


def _bare_model_candidates(tokens: Tokens, banned: dict[str, str]) -> list[_Candidate]:
    """ "reasoning models such as zq1", "the zq1 model", "Acme zq1": a letter and a digit is too
    short to be a name alone, but a model with one of these beside it ("x1" stays maths)."""
    words = tokens.words
    out: list[_Candidate] = []
    for i, word in enumerate(words):
        if not _BARE_MODEL.fullmatch(word) or tokens.url_like[i]:
            continue
        before = words[i - 1] if i > 0 else ""
        two_before = words[i - 2] if i > 1 else ""
        after = words[i + 1].lower() if i + 1 < len(words) else ""
        owner = banned.get(before) == "not.organisation"
        listed = (before == "as" and two_before.lower() == "such") or (
            before == "like" and two_before in {")", "LLMs", "models"}
        )
        if owner or listed or after in {"model", "models"}:
            cand = _Candidate(i - 1 if owner else i, i + 1, "shape.name", priority=1)
            cand.known_type = "method"
            out.append(cand)
    return out


def _benchmark_name_candidates(tokens: Tokens) -> list[_Candidate]:
    """ "Quux Bench", "Foo Eval", "Long Range Arena": a capitalised word or run before a
    capitalised benchmark head is one name, even when its first word alone is a generic
    acronym or a model's name."""
    words = tokens.words
    out: list[_Candidate] = []
    if _BENCHMARK_NAME_HEADS.isdisjoint(words):
        return out
    for i in range(1, len(words)):
        if words[i] not in _BENCHMARK_NAME_HEADS:
            continue
        j = i
        while j > 0 and i - j < 4 and (
            words[j - 1][:1].isupper() or words[j - 1][:1].isdigit()
        ) and words[j - 1].lower() not in _FUNCTION_WORDS and not tokens.url_like[j - 1]:
            j -= 1
        if j < i:
            cand = _Candidate(j, i + 1, "shape.benchmark_name", priority=1)
            cand.types.append("benchmark")
            out.append(cand)
    return out


def _title_name(tokens: Tokens, banned: dict[str, str]) -> _Candidate | None:
    """The name before a colon in the title ("SMART: Self-learning ...", "P2Q Learning: ...").

    One capitalised word, or up to three words led by a name-shaped one, is a name. A longer
    Title-Case phrase ("Mind the Gap: ...") is kept only if the abstract repeats it or defines
    an acronym for it (the candidate then needs that evidence, see :func:`resolve`).
    """
    title = tokens.text[: tokens.title_end]
    colon = title.find(":")
    if colon <= 0:
        return None
    head = title[:colon].strip()
    words = head.split()
    if not 1 <= len(words) <= 6 or head in banned or not head[:1].isupper():
        return None
    if words[0] in banned or words[0].lower() in _FUNCTION_WORDS:
        return None
    for word in words:
        if not (word[:1].isupper() or word[:1].isdigit() or word.lower() in _FUNCTION_WORDS):
            return None
    # title.task_head: "Gloss-free Sign Language Translation: ..." names a task or field,
    # not an artifact, when no word of it is written like a name.
    if (
        len(words) > 1
        and words[-1].lower() in _TASK_HEADS
        and not any(is_name_shaped(w) for w in words)
    ):
        return None
    first = _token_at_char(tokens, title.index(head))
    last = _token_at_char(tokens, title.index(head) + len(head) - 1)
    if first < 0 or last < first:
        return None
    candidate = _Candidate(first, last + 1, "cue.title_name", priority=5)
    candidate.proposed = candidate.strong_proposed = True
    candidate.cues.append("cue.title_name")
    # A phrase is a name when the abstract defines an acronym for it or uses it again as is
    # ("Adaptive Plurality: ... we show that Adaptive Plurality ...").
    repeated = head.lower() in tokens.text[tokens.title_end :].lower()
    if len(words) > 1 and not (len(words) <= 3 and is_name_shaped(words[0])) and not repeated:
        candidate.needs_acronym = True
    return candidate


_PARTS_WORDS = frozenset(
    ["components", "modules", "stages", "parts", "consists", "comprises", "integrates"]
)


def _mark_named_parts(tokens: Tokens, candidates: list[_Candidate], sent_of: list[int]) -> None:
    """ "QuuxNet integrates three core components: (1) Blorp Phrase Grounding (BPG), ...": in a
    sentence about the parts of the paper's own method, a Title-Case acronym definition names
    one of those parts (GUIDELINES addendum rule 4)."""
    words = tokens.words
    ours = {
        normalize_name(_span_text(tokens, c.start, c.end))
        for c in candidates
        if c.strong_proposed
    }
    if not ours:
        return
    by_start = {c.start: c for c in candidates}
    known = {
        normalize_name(_span_text(tokens, c.start, c.end))
        for c in candidates
        if c.known_type or c.weak_type or c.rule.startswith("gazetteer")
    }
    # Candidates by sentence, once: scanning them all for each sentence is quadratic in a
    # long abstract. sent_of is sorted, so a sentence's tokens are one run found by bisection.
    by_sentence: dict[int, list[_Candidate]] = {}
    for c in candidates:
        by_sentence.setdefault(sent_of[c.start], []).append(c)
    for s_index, (lo, _hi) in enumerate(tokens.sentences):
        first = _token_at_char(tokens, lo)
        head = by_start.get(first)
        about_ours = (
            head is not None and normalize_name(_span_text(tokens, head.start, head.end)) in ours
        ) or words[first].lower() == "our"
        if not about_ours:
            continue
        members = by_sentence.get(s_index, [])
        sentence = range(
            max(first, bisect_left(sent_of, s_index)), bisect_right(sent_of, s_index)
        )
        if not any(words[i].lower() in _PARTS_WORDS for i in sentence):
            continue
        for cand in members:
            if (
                not (cand.is_short_form or cand.is_long_form)
                or cand.start == first
                or cand.known_type
                or cand.weak_type
                or normalize_name(_span_text(tokens, cand.start, cand.end)) in known
                or any(normalize_name(a) in known for a in cand.aliases)
            ):
                continue  # "integrating a listed model (ABC) with ...": used, not a part
            if cand.is_long_form:
                long_form = _span_text(tokens, cand.start, cand.end)
            else:
                long_form = cand.aliases[0] if cand.aliases else ""
            if len(long_form.split()) >= 2 and all(w[:1].isupper() for w in long_form.split()):
                cand.proposed = cand.strong_proposed = True
                cand.needs_evidence = False
                cand.cues.append("cue.named_part")


def _type_title_name(tokens: Tokens, title: _Candidate) -> None:
    """ "QuestLadder: A Benchmark for ...": the words after the colon give the type."""
    rest = " ".join(tokens.text[: tokens.title_end].split(":", 1)[-1].split()[:4])
    says_benchmark = bool(_SENT_BENCHMARK.search(rest))
    says_dataset = bool(_SENT_DATASET.search(rest))
    if says_benchmark and not says_dataset:
        title.types.append("benchmark")
    elif says_dataset:
        title.types.append("dataset")


def _redefines_metric(short: str, long_form: str, banned: dict[str, str]) -> bool:
    """ "Masked AutoEncoder (MAE)": the text defines a metric's acronym as something else."""
    words = long_form.split()
    return (
        banned.get(short) in {"not.metric", _METRIC_OR_METHOD}
        and all(w[:1].isupper() for w in words)
        and words[-1].lower() not in _METRIC_HEADS
    )


_MIXED_CASE = re.compile(r"[A-Z].*[a-rt-z]|[a-z].*[A-Z]")


def _coined_short(short: str, long_form: str) -> bool:
    """ "low-rank quux adapters (LoQA)": a mixed-case short form whose small letters come from
    content words is coined like a name ("AoA" for "angle of attack" is not)."""
    small = {w[0] for w in re.split(r"[\s-]+", long_form.lower()) if w in _FUNCTION_WORDS}
    return bool(_MIXED_CASE.search("".join(c for c in short if c not in small)))


_OR_DEFINITION = re.compile(
    r"\b((?:[A-Z][\w-]*\s+){1,5}[A-Z][\w-]*),\s+or\s+([A-Za-z][\w-]*[A-Z][\w-]*)\b"
)


def _or_definitions(
    tokens: Tokens, sent_start: int, sentence: str, banned: dict[str, str]
) -> list[tuple[_Candidate, _Candidate]]:
    """ "Visual Puzzle Learning, or ViPuL, ...": a Title-Case phrase renamed after ", or" by a
    name whose capitals are the phrase's initials, in order."""
    pairs = []
    for m in _OR_DEFINITION.finditer(sentence):
        long_form, short = m.group(1), m.group(2)
        words = long_form.split()
        while words and words[0].lower() in _FUNCTION_WORDS:
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
        short_c = _Candidate(s_first, s_last + 1, "acronym.short_form", priority=3)
        short_c.is_short_form = True
        short_c.aliases.append(long_form)
        short_c.needs_evidence = words[-1].lower().rstrip("s") in _TASK_HEADS
        long_c = _Candidate(l_first, l_last + 1, "acronym.long_form", priority=4)
        long_c.is_long_form = True
        long_c.needs_evidence = short_c.needs_evidence
        long_c.aliases.append(short)
        pairs.append((short_c, long_c))
    return pairs


def _acronym_candidates(
    tokens: Tokens, banned: dict[str, str], generic_spans: list[tuple[int, int]] | None = None
) -> list[tuple[_Candidate, _Candidate]]:
    """Short form and long form of each Schwartz & Hearst definition, token-aligned.

    The token spans of long forms whose short form is a listed generic name ("Unsupervised
    Environment Design (UED)") go to ``generic_spans``: no name comes from inside them.
    """
    pairs = []
    for sent_start, sent_end in tokens.sentences:
        sentence = tokens.text[sent_start:sent_end]
        if ", or " in sentence:
            pairs.extend(_or_definitions(tokens, sent_start, sentence, banned))
        if "(" not in sentence:
            continue
        for abbr in find_abbreviations(sentence):
            short = abbr.short
            if is_plural_family(short) or not is_name_shaped(short):
                continue
            if short in banned and not _redefines_metric(short, abbr.long, banned):
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
            short_c = _Candidate(s_first, s_last + 1, "acronym.short_form", priority=3)
            short_c.is_short_form = True
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
            if head_after in _MEASURE_AFTER:
                continue
            short_c.needs_evidence = last_word in _TASK_HEADS or head_after in _CATEGORY_AFTER
            # A lower-case long form is a description ("joint architecture and
            # hyperparameter search (JAHS)") unless a cue uses or names it.
            # A mixed-case short form ("QuRA") is itself coined like a name, though, unless its
            # small letters only stand for small words ("angle of attack (AoA)").
            short_c.lower_definition = long_form == long_form.lower() and not _coined_short(
                short, long_form
            )
            long_c = _Candidate(l_first, l_last + 1, "acronym.long_form", priority=4)
            long_c.is_long_form = True
            long_c.needs_evidence = short_c.needs_evidence
            long_c.aliases.append(short)
            pairs.append((short_c, long_c))
    return pairs


def _gazetteer_candidates(matches: Sequence[GazetteerMatch]) -> list[_Candidate]:
    out = []
    for match in matches:
        rule = f"gazetteer.{match.type}"
        weak = match.strength == "weak"
        candidate = _Candidate(
            match.start, match.end, rule, priority=2, known_type=None if weak else match.type
        )
        candidate.weak_type = match.type
        candidate.weak = candidate.needs_evidence = weak
        if match.alias_of:
            candidate.same_as.append(match.alias_of)
        out.append(candidate)
    return out


def _inside_title_phrase(tokens: Tokens, start: int, end: int, sent_starts: set[int]) -> bool:
    """A list name made of plain capitalised words that is only the tail or middle of a longer
    Title-Case phrase ("a Flexible Adaptive Vision Transformer architecture", "Image-To-Text
    Retrieval Transformer"): the phrase describes something else, the list name is a part of it.
    In the title, where every word is capitalised, the name must be wedged between two such
    words ("Multi-Task Vision Transformer Architecture")."""
    words = tokens.words
    if not all(_TITLE_WORD.fullmatch(w) for w in words[start:end]):
        return False  # BERT, ResNet-50, CIFAR-10: names by shape stand on their own
    if start == 0 or start in sent_starts or not _TITLE_WORD.fullmatch(words[start - 1]):
        return False
    if words[start - 1].lower() in _FUNCTION_WORDS:
        return False
    if tokens.starts[start] < tokens.title_end:
        return end < len(words) and bool(_TITLE_WORD.fullmatch(words[end])) and (
            tokens.starts[end] < tokens.title_end
        )
    return True


def _merge_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the longest (then highest-priority) of overlapping candidates, merging evidence."""
    candidates.sort(key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    taken: dict[int, _Candidate] = {}
    kept: list[_Candidate] = []
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
                owner.known_type = owner.known_type or cand.known_type
                owner.weak_type = owner.weak_type or cand.weak_type
                # A short form whose definition names a task stays in doubt until a cue says
                # otherwise; a weak list name found by shape too is no longer in doubt.
                owner.needs_evidence = (owner.needs_evidence and cand.needs_evidence) or any(
                    c.is_short_form and c.needs_evidence for c in (owner, cand)
                )
                owner.weak = owner.weak and cand.weak
                owner.aliases.extend(cand.aliases)
                owner.same_as.extend(cand.same_as)
                owner.is_short_form |= cand.is_short_form
                owner.lower_definition |= cand.lower_definition
                owner.proposed |= cand.proposed
                owner.strong_proposed |= cand.strong_proposed
                owner.cues.extend(cand.cues)
            elif owner.rule.startswith("gazetteer") and cand.rule == "cue.title_name":
                owner.proposed = owner.strong_proposed = True
    kept.sort(key=lambda c: c.start)
    return kept
