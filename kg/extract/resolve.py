"""Turn token-level evidence into typed entities with roles: the extractor's decision logic.

Input: the tokens of one doc, the gazetteer and cue matches, the sentence spans. Output: plain
:class:`FoundEntity` values. Nothing here touches spaCy's pipeline machinery, so every rule is a
function that can be read and tested on its own; :mod:`kg.extract.components` wires it in.

The decision follows ../shared/eval/GUIDELINES.md:
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
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.extract.acronyms import find_abbreviations, is_short_form
from kg.extract.patterns import Cue
from kg.extract.shapes import (
    is_model_size,
    is_name_shaped,
    is_plural_family,
    is_version,
    normalize_name,
)

__all__ = ["CueMatch", "FoundEntity", "FoundMention", "GazetteerMatch", "Tokens", "resolve"]

#: Capitalised words that start sentences or titles without being names.
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "our",
        "this",
        "these",
        "that",
        "those",
        "we",
        "in",
        "on",
        "of",
        "for",
        "to",
        "and",
        "or",
        "with",
        "by",
        "from",
        "as",
        "at",
        "via",
        "its",
        "their",
        "his",
        "her",
        "it",
        "is",
        "are",
        "be",
        "new",
        "novel",
        "both",
        "each",
        "all",
        "any",
        "first",
        "second",
        "third",
        "finally",
        "then",
        "however",
        "moreover",
        "furthermore",
        "additionally",
        "specifically",
        "notably",
    ]
)
_LIST_SEPARATORS = frozenset(
    {
        ",",
        "and",
        "or",
        "&",
        "/",
        "(",
        ")",
        ";",
        "as",
        "well",
        "the",
        "e.g.",
        "i.e.",
        "including",
        "such",
        "like",
        "both",
        "also",
    }
)
_NAME_STOP = frozenset(
    [
        "that",
        "which",
        "to",
        "for",
        "in",
        "with",
        "and",
        "by",
        "is",
        "are",
        "as",
        "on",
        "of",
        "from",
        "at",
        ",",
        ".",
        ";",
        ":",
        "(",
        ")",
        "[",
        "]",
        '"',
        "'",
        "“",
        "”",
        "‘",
        "’",
    ]
)
_NAMING_LEFT = frozenset(
    [
        ",",
        "is",
        "are",
        "was",
        "which",
        "we",
        "method",
        "approach",
        "framework",
        "paradigm",
        "technique",
        "model",
        "algorithm",
        "strategy",
        "system",
        "it",
        "this",
        "pipeline",
        "benchmark",
        "dataset",
        "agent",
        "architecture",
        "procedure",
    ]
)
_SIZE_SUFFIX = re.compile(
    r"[-‐ ]?(?:S|B|L|H|G|T|XL|XXL|Tiny|Small|Base|Large|Huge|Giant|Lite|Plus|Pro|Mini|Max"
    r"|\d+(?:\.\d+)?[BM])"
)
#: Words followed by a number that refer to parts of a paper or a setup, not to artifacts.
_REFERENCE_WORDS = frozenset(
    [
        "Figure",
        "Fig",
        "Figs",
        "Table",
        "Tab",
        "Section",
        "Sec",
        "Appendix",
        "Eq",
        "Equation",
        "Algorithm",
        "Theorem",
        "Lemma",
        "Corollary",
        "Proposition",
        "Definition",
        "Step",
        "Stage",
        "Phase",
        "Level",
        "Part",
        "Chapter",
        "Round",
        "Task",
        "Type",
        "Case",
        "Version",
        "Experiment",
        "Setting",
        "Tier",
        "Group",
        "Track",
        "Day",
        "Week",
        "Year",
        "Problem",
        "Question",
        "Exercise",
        "Example",
        "Rule",
        "Class",
        "Category",
        "Layer",
        "Block",
        "Module",
        "Iteration",
        "Epoch",
        "Term",
        "Grade",
        "Line",
        "Row",
        "Column",
        "Model",
        "Method",
        "Team",
        "Study",
        "Scenario",
        "Condition",
        "Split",
        "Subset",
        "Set",
        "Fold",
        "Game",
        "Episode",
    ]
)
#: Head words of long forms that name a task, setting or field, not an artifact
#: ("Sign Language Translation (SLT)", "Hierarchical Reinforcement Learning (HRL)"), and of
#: building blocks (GUIDELINES addendum 2, rule 9: "Multi-head Self-Attention (MSA)").
_TASK_HEADS = frozenset(
    [
        "learning",
        "recognition",
        "translation",
        "detection",
        "segmentation",
        "grounding",
        "classification",
        "captioning",
        "answering",
        "extraction",
        "verification",
        "identification",
        "localization",
        "localisation",
        "forecasting",
        "tracking",
        "intelligence",
        "superintelligence",
        "science",
        "engineering",
        "vision",
        "problem",
        "problems",
        "setting",
        "settings",
        "paradigm",
        "understanding",
        "analysis",
        "processing",
        "summarization",
        "summarisation",
        "parsing",
        "tagging",
        "labeling",
        "labelling",
        "estimation",
        "synthesis",
        "attention",
        "self-attention",
        "convolution",
        "normalization",
        "normalisation",
        "pooling",
        "activation",
        "embedding",
        "representation",
    ]
)
#: Nouns right after a defined acronym that make it a category, not one artifact ("the
#: Long-Term Dispatch (LTD) problem", "Quality-Diversity (QD) methods", "Vision-Action (VA)
#: models"): such a definition needs a cue that the paper names or evaluates on it.
_CATEGORY_AFTER = frozenset(
    ["problem", "problems", "task", "tasks", "setting", "settings", "methods", "approaches",
     "techniques", "models", "capabilities", "capability", "paradigms", "field", "families"]
)
#: Nouns after a defined acronym that make it a measure (GUIDELINES: metrics are no entities).
_MEASURE_AFTER = frozenset(
    ["metric", "metrics", "coefficient", "coefficients", "score", "scores", "measure",
     "measures", "index", "ratio", "criterion"]
)
#: Naming verbs that also coin lower-case names ("a paradigm dubbed early experience").
_COINING_WORDS = frozenset(["dubbed", "termed", "coined", "nicknamed", "codenamed"])
#: Last words that make a multi-word name a dataset or a benchmark.
_DATASET_HEADS = frozenset(["dataset", "corpus", "database", "collection", "treebank"])
_BENCHMARK_HEADS = frozenset(
    ["benchmark", "suite", "environment", "challenge", "leaderboard", "arena", "gym", "games"]
)
#: Nouns that say what kind of thing a name is ("X framework", "X benchmark").
_KIND_NOUNS = frozenset(
    [
        "framework",
        "method",
        "approach",
        "model",
        "algorithm",
        "architecture",
        "system",
        "agent",
        "technique",
        "pipeline",
        "paradigm",
        "strategy",
        "network",
        "toolkit",
        "recipe",
        "mechanism",
        "module",
        "benchmark",
        "dataset",
        "suite",
        "platform",
        "library",
        "loss",
    ]
)
#: Title-Case nouns that, after a name, belong to it ("K^2 Block", "HyperClass Regularizer").
_COMPONENT_NOUNS = frozenset(
    [
        "Block",
        "Module",
        "Layer",
        "Regularizer",
        "Regulariser",
        "Head",
        "Loss",
        "Encoder",
        "Decoder",
        "Adapter",
        "Tokenizer",
        "Router",
        "Gate",
        "Unit",
        "Cell",
        "Attention",
        "Memory",
        "Prompting",
        "Prompt",
        "Decoding",
        "Sampler",
    ]
)
#: Last words of metric names ("Mean Absolute Error", "Peak Signal-to-Noise Ratio").
_METRIC_HEADS = frozenset(
    [
        "error",
        "score",
        "rate",
        "accuracy",
        "precision",
        "recall",
        "distance",
        "ratio",
        "index",
        "coefficient",
        "divergence",
        "similarity",
        "loss",
        "likelihood",
        "perplexity",
        "gain",
    ]
)
#: Capitalised words that do not start a dataset or benchmark name to their right.
_NOT_LEFT = frozenset(
    ["The", "Our", "This", "These", "That", "Their", "Its", "Each", "All", "Both", "New", "Novel"]
)
#: Words that end a model's name ("Falcor 1.0 Pro", "Zorbo Large").
_TIER_WORDS = frozenset(
    [
        "Pro",
        "Flash",
        "Turbo",
        "Large",
        "Mini",
        "Instruct",
        "Chat",
        "Ultra",
        "Base",
        "XL",
        "Small",
        "Medium",
        "Nano",
        "Max",
        "Plus",
        "Lite",
        "Opus",
        "Sonnet",
        "Haiku",
        "Preview",
        "Coder",
        "Math",
        "Vision",
    ]
)
#: Nouns after a number that make it a count ("3 layers"), not a version.
_COUNT_NOUNS = frozenset(
    [
        "layers",
        "layer",
        "times",
        "steps",
        "heads",
        "billion",
        "million",
        "tokens",
        "images",
        "samples",
        "examples",
        "epochs",
        "datasets",
        "tasks",
        "benchmarks",
        "models",
        "languages",
        "categories",
        "classes",
        "points",
        "hours",
        "days",
    ]
)
#: A model family's version or size at the end of a name ("GPT-4", "Llama-3 8B", "T5").
_MODEL_VERSION = re.compile(
    r"(?:[-\s]?v?\d+(?:\.\d+)*[BbMmKk]?|[-\s](?:Pro|Turbo|Mini|Large|Base))$"
)
#: Words after which a list is what the work is evaluated on or compared with.
_EVALUATION_WORDS = frozenset(
    [
        "on",
        "using",
        "over",
        "against",
        "than",
        "outperforms",
        "outperform",
        "via",
        "of",
        "to",
        "similar",
        "like",
        "for",
        "into",
        "upon",
        "with",
        "from",
        "classical",
        "standard",
        "existing",
        "popular",
        "conventional",
        "vanilla",
        "traditional",
        "original",
        "well-known",
        "widely",
        "pretrained",
        "pre-trained",
        "off-the-shelf",
        "prior",
        "previous",
    ]
)
#: Adjectives from names ("Bayesian", "Lagrangian", "Euclidean") are not names themselves.
_ADJECTIVE = re.compile(r"(?:ian|ean|ic|al|ive|ous)$")
_MODEL_NAME = re.compile(r"\d(?:\.\d+)?[BM]\b|-(?:turbo|[Ii]nstruct|[Cc]hat|[Bb]ase|it)\b")
#: A sentence that opens "In X, a ..." puts X in a fronted phrase: the comma after it ends that
#: phrase, so what follows is the clause's subject, not an apposition describing X.
_FRONTING_PREPOSITIONS = frozenset(
    ["in", "on", "for", "with", "within", "across", "under", "unlike", "like", "beyond", "using",
     "via", "through", "from", "during", "after", "before", "besides", "compared", "inside"]
)
#: A version glued to a size or tier ("Quill 2-L", "Llama 2-Chat", "Claude 3.5-Haiku").
_SUFFIXED_VERSION = re.compile(r"(\d{1,2}(?:\.\d+)?)-([A-Z]{1,2}|\d+(?:\.\d+)?[BM]|[A-Z][a-z]+)")


_SIZE_LETTERS = frozenset(["S", "M", "L", "B", "H", "G", "T", "XL", "XS"])

#: The not-entity list of names that are both a metric and a well-known method ("MAE").
_METRIC_OR_METHOD = "not.metric_unless_method"
#: Words before such a name that read it as a metric ("lower MAE", "the average MAE").
_METRIC_BEFORE = frozenset(
    ["lower", "higher", "low", "high", "best", "average", "mean", "smaller", "larger", "min",
     "max", "minimum", "maximum", "reduced", "improved", "test", "validation", "val", "overall",
     "absolute", "relative", "its", "their", "in", "metrics", "metric", "measured", "="]
)
#: Words after it that read it as a metric ("MAE of 0.3", "MAE loss", "MAE decreases").
_METRIC_AFTER = frozenset(
    ["of", "=", ":", "score", "scores", "loss", "losses", "error", "errors", "metric", "metrics",
     "value", "values", "reduction", "improvement", "drops", "decreases", "increases",
     "(", "%", "@", "<", ">", "↓", "↑"]
)
#: Words before it that read it as a method ("compare with MAE", "outperforms MAE").
_METHOD_BEFORE = frozenset(
    ["with", "than", "over", "against", "outperforms", "outperform", "outperforming", "like",
     "as", "vs", "vs.", "versus", "including", "via", "using", "e.g.", "upon", "from", "unlike"]
)
#: Words after it that make it a model ("MAE pre-training", "an MAE encoder").
_METHOD_AFTER = frozenset(
    ["model", "models", "encoder", "encoders", "backbone", "backbones", "pre-training",
     "pretraining", "features", "weights", "baseline", "baselines", "framework", "architecture",
     "paradigm", "objective", "-based", "-style", "-like", "checkpoint", "checkpoints"]
)
#: Verbs that take a measure two words on ("reduces the MAE", "measured with MAE").
_MEASURE_VERBS = frozenset(
    ["reduce", "reduces", "reduced", "reducing", "lowers", "lowering", "minimize", "minimizes",
     "minimizing", "achieves", "achieve", "attains", "obtains", "yields", "report", "reports",
     "reported", "measured", "evaluated", "assessed", "quantified", "computed", "scored"]
)
_MEASURE_LINKS = frozenset(["the", "an", "a", "with", "using", "via", "by", "in", "its"])
_LIST_JOINERS = frozenset([",", "and", "or", "/", "&"])
_NUMBER = re.compile(r"[+-]?\d[\d.,]*%?")

#: Never a name, whichever rule found it: a formula or a metric's value ("FID=9.91",
#: "acc>0.8", "x±0.1") and a number with its punctuation ("83.25%)", "12.5%").
_NOT_A_NAME = re.compile(r".*[=<>≈±≤≥].*|\d[\d.,]*(?:[%)\]].*)?|\d[\d.,]*[%)\]]?[.,;:]\S*")


def _is_suffixed_version(word: str) -> bool:
    m = _SUFFIXED_VERSION.fullmatch(word)
    if m is None:
        return False
    suffix = m.group(2)
    return suffix in _SIZE_LETTERS or suffix[0].isdigit() or suffix in _TIER_WORDS


#: Capitalised words that end a benchmark's own name when written apart ("Quux Bench").
_BENCHMARK_NAME_HEADS = frozenset(["Bench", "Eval", "Arena", "Leaderboard"])
_TITLE_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*")
_BENCHMARK_SHAPE = re.compile(r"(?:[Bb]ench|Eval\b|Arena|Leaderboard|Gym\b)")
_SENT_DATASET = re.compile(r"\b(?:datasets?|corpus|corpora)\b", re.IGNORECASE)
_BENCHMARK_DATASETS = re.compile(r"\bbenchmark\s+(?=datasets?\b|corpora\b)", re.IGNORECASE)
_VARIANT_SUFFIX = re.compile(r"-[0-9A-Za-z]{1,6}$")
_SENT_BENCHMARK = re.compile(r"\bbenchmarks?\b|\bsuites?\b|\benvironments?\b", re.IGNORECASE)


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


def _sentence_of(tokens: Tokens, sent_starts: list[int], i: int) -> int:
    return bisect_right(sent_starts, tokens.starts[i]) - 1


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
    for s_index, (lo, _hi) in enumerate(tokens.sentences):
        first = _token_at_char(tokens, lo)
        head = by_start.get(first)
        about_ours = (
            head is not None and normalize_name(_span_text(tokens, head.start, head.end)) in ours
        ) or words[first].lower() == "our"
        if not about_ours:
            continue
        members = [c for c in candidates if sent_of[c.start] == s_index]
        sentence = (i for i in range(first, len(words)) if sent_of[i] == s_index)
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
    tokens: Tokens, banned: dict[str, str]
) -> list[tuple[_Candidate, _Candidate]]:
    """Short form and long form of each Schwartz & Hearst definition, token-aligned."""
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


def _capture_name_right(tokens: Tokens, j: int, sent_end: int, limit: int) -> int:
    """End of the name that starts at token ``j`` (after "dubbed", "we call it")."""
    words = tokens.words
    if j >= sent_end:
        return j
    quoted = words[j] in {'"', "“", "'", "‘"}
    if quoted:
        k = j + 1
        while k < sent_end and k - j <= limit and words[k] not in {'"', "”", "'", "’"}:
            k += 1
        return k if k < sent_end and words[k] in {'"', "”", "'", "’"} else j
    k = j
    if _is_capitalised(words[j]) or is_name_shaped(words[j]):
        while (
            k < sent_end
            and k - j < limit
            and (
                _is_capitalised(words[k])
                or is_name_shaped(words[k])
                or is_version(words[k])
                or (
                    k > j
                    and words[k].lower() in {"of", "and", "for"}
                    and k + 1 < sent_end
                    and _is_capitalised(words[k + 1])
                )
            )
        ):
            k += 1
        return k
    while (
        k < sent_end
        and k - j < limit
        and words[k].isalpha()
        and words[k].islower()
        and words[k] not in _NAME_STOP
    ):
        k += 1
    return k


_ECHO_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


def _title_echo(tokens: Tokens, j: int, end: int, sent_end: int) -> int:
    """ "We introduce Quuxing step-by-step, ..." under the title "Quuxing Step-by-Step!": the
    lower-case words after a captured name still belong to it when the title opens with them."""
    title = " ".join(tokens.text[: tokens.title_end].lower().split())
    best, k = end, end
    while (
        k < sent_end
        and k - end < 4
        and _ECHO_WORD.fullmatch(tokens.words[k])
        and tokens.words[k].lower() not in _FUNCTION_WORDS
    ):
        k += 1
        phrase = re.escape(_span_text(tokens, j, k).lower())
        # The title opens with the name: "Quuxing Step-by-Step!", "Blorp Token and ...".
        if re.match(rf"{phrase}(?!\w)", title):
            best = k
    return best


def _capture_title_run(tokens: Tokens, j: int, sent_end: int, banned: dict[str, str]) -> int:
    """End of a run of capitalised words from ``j`` ("Montezuma 's Revenge", "Misty Lake")."""
    words = tokens.words
    k = j + 1
    while k < sent_end and k - j < 4:
        word = words[k]
        if word in {"'s", "’s"} and k + 1 < sent_end and _is_capitalised(words[k + 1]):
            k += 2
        elif (_is_capitalised(word) or is_name_shaped(word) or is_version(word)) and (
            word not in banned
        ):
            k += 1
        else:
            break
    # "Story NLI" where NLI is a generic word: a name we cannot delimit, so none.
    if k < sent_end and k - j < 4 and is_name_shaped(words[k]):
        return j
    # Title-Case compounds ("Part-Of-Speech") and plural nouns ("Training Algorithms") are
    # descriptions, not names.
    last = words[k - 1]
    plural = k - j > 1 and last.endswith("s") and last[:-1].isalpha()
    if not is_name_shaped(last) and ("-" in last or plural):
        return j
    return k


def _skip_left(
    words: Sequence[str],
    k: int,
    sent_lo: int,
    ends: dict[int, _Candidate],
    *,
    modifiers: bool = True,
) -> int:
    """Step left over a citation "(Zhang et al., 2018)" and up to two lower-case modifiers
    ("QUUX coding benchmarks") to where a list item should end."""
    if k in ends:
        return k
    if k - 1 >= sent_lo and words[k - 1] == ")":
        j = k - 1
        while j > sent_lo and words[j - 1] != "(" and k - j < 12:
            j -= 1
        if j - 1 in ends or (j - 1 >= sent_lo and words[j - 1] == "(" and (j - 1) in ends):
            return j - 1
        if j > sent_lo and words[j - 1] == "(" and (j - 1) in ends:
            return j - 1
    if modifiers:
        j = k
        while (
            j - 1 >= sent_lo
            and k - j < 2
            and words[j - 1].isalpha()
            and (
                words[j - 1].islower()
                and words[j - 1] not in _FUNCTION_WORDS
                and words[j - 1] not in _LIST_SEPARATORS
            )
        ):
            j -= 1
            if j in ends:
                return j
    return k


def _modifies_noun(words: Sequence[str], end: int, sent_end: int) -> bool:
    """A capitalised run followed by a lower-case noun is an adjective ("Bayesian methods")."""
    if end >= sent_end:
        return False
    after = words[end]
    return (
        after.isalpha()
        and after.islower()
        and after not in _LIST_SEPARATORS
        and (after not in _FUNCTION_WORDS and after not in _NAME_STOP)
    )


_MODEL_NOUNS = frozenset(
    ["model", "models", "llms", "networks", "agents", "policies", "architectures", "checkpoints"]
)


def _of_models(words: Sequence[str], j: int, sent_end: int) -> bool:
    """ "a collection / suite / family of ... models": the head counts the models it names."""
    if j >= sent_end or words[j].lower() != "of":
        return False
    for k in range(j + 1, min(j + 7, sent_end)):
        word = words[k].lower()
        if word in _MODEL_NOUNS:
            return True
        if not word.isalpha() and "-" not in word:
            return False
    return False


def _is_model_word(word: str, banned: dict[str, str]) -> bool:
    """A lone capitalised word that may be a model's name when a list says so ("Llama")."""
    return (
        word.isalpha()
        and _is_capitalised(word)
        and word not in banned
        and not _ADJECTIVE.search(word)
        and word.lower() not in _FUNCTION_WORDS
    )


def _capture_name_left(tokens: Tokens, cue: CueMatch, sent_start_tok: int) -> int:
    """Start of a capitalised name right before a head noun ("the DeepMind Control Suite")."""
    words = tokens.words
    k = cue.start
    before = words[k - 1] if k > 0 else ""
    if not is_name_shaped(before) and before.endswith("s") and before[:-1].isalpha():
        return k  # "Training Algorithms benchmark": a plural noun is a description
    while (
        k - 1 > sent_start_tok
        and cue.start - k < 4
        and words[k - 1] not in _NOT_LEFT
        and (
            (_is_capitalised(words[k - 1]) or is_name_shaped(words[k - 1]))
            and not tokens.url_like[k - 1]
        )
    ):
        k -= 1
    return k


def _apply(cand: _Candidate, cue: Cue, *, adjacent: bool = True) -> None:
    """Attach one cue's evidence; ``adjacent`` is False when words lie between cue and name."""
    cand.cues.append(cue.id)
    if cue.effect == "proposed":
        cand.proposed = True
        if cue.definitional and adjacent:
            cand.strong_proposed = True
    elif cue.effect in {"dataset", "benchmark", "evaluation", "method"}:
        cand.types.append(cue.effect)
        if cue.definitional or cue.id.startswith("cue.appositive_"):
            cand.defined_type = cue.effect  # "X, a new dataset of ...": the text says so
    if cue.effect in {"used", "method"}:
        cand.used_cue = True


def _apply_cues(
    tokens: Tokens,
    candidates: list[_Candidate],
    cues: Sequence[CueMatch],
    sent_of: list[int],
    banned: dict[str, str],
) -> list[_Candidate]:
    """Attach each cue's evidence to the candidates it points at; may add new candidates."""
    words = tokens.words
    n = len(words)
    starts = {c.start: c for c in candidates}
    ends = {c.end: c for c in candidates}
    sent_bounds: dict[int, tuple[int, int]] = {}
    for i, s in enumerate(sent_of):
        if s in sent_bounds:
            sent_bounds[s] = (sent_bounds[s][0], i + 1)
        else:
            sent_bounds[s] = (i, i + 1)
    added: list[_Candidate] = []

    def add(start: int, end: int, rule: str) -> _Candidate | None:
        if end <= start or any(i in starts or i in ends for i in range(start + 1, end)):
            return None
        text = _span_text(tokens, start, end)
        if text in banned or start in starts or end in ends:
            return None
        cand = _Candidate(start, end, rule, priority=3)
        starts[start] = ends[end] = cand
        added.append(cand)
        return cand

    for match in cues:
        cue = match.cue
        s = sent_of[min(match.start, n - 1)]
        sent_lo, sent_hi = sent_bounds[s]
        if (
            cue.effect == "proposed"
            and match.start > sent_lo
            and banned.get(words[match.start - 1]) == "not.organisation"
        ):
            continue  # "before Meta released X": another organisation's artifact
        if cue.target == "right_first":
            j = match.end
            if (
                cue.effect == "proposed"
                and j < sent_hi
                and j not in starts
                and _is_capitalised(words[j])
                and words[j] not in banned
                and tokens.starts[j] >= tokens.title_end
            ):
                # "We present Quillo, ...": a capitalised word right after the verb is a name.
                end = _capture_title_run(tokens, j, sent_hi, banned)
                if end > j:
                    end = _title_echo(tokens, j, end, sent_hi)
                # "we propose Self-paced Routing framework": the noun after is the kind.
                describes = end < sent_hi and words[end].lower() in _KIND_NOUNS
                modifies = _modifies_noun(words, end, sent_hi) and not describes
                comma = match.start > 0 and words[match.start - 1] == ","
                named = ends.get(match.start - 1) if comma else None
                if named is not None and end - j > 1 and describes and not modifies:
                    # "FlexA-ViT, a novel Flexible Adaptive Vision Transformer architecture":
                    # the Title-Case phrase before the kind noun spells out the name before
                    # the comma.
                    named.aliases.append(_span_text(tokens, j, end))
                    continue
                inner = starts.get(end + 1) if end + 1 < sent_hi and words[end] == "(" else None
                if (
                    inner is None
                    and end - j > 1
                    and end + 2 < sent_hi
                    and words[end] == "("
                    and words[end + 2] == ")"
                    and any(c.isupper() for c in words[end + 1][1:])
                    and words[end + 1] not in banned
                    and not is_plural_family(words[end + 1])
                ):
                    # "we propose Stacked Quux Tuning (M^2-Tuning)": the bracketed word is the
                    # coined phrase's short form even when it is not name-shaped on its own.
                    inner = add(end + 1, end + 2, "acronym.short_form")
                if (
                    inner is not None
                    and inner.end < sent_hi
                    and words[inner.end] == ")"
                    and end - j > 1
                ):
                    # "we propose Stacked Sparse Tuning (S^2-Tuning)": a name in brackets
                    # right after the coined phrase is its short form, even when its letters do
                    # not spell the phrase out.
                    inner.aliases.append(_span_text(tokens, j, end))
                    _apply(inner, cue)
                    inner.strong_proposed = True
                    continue
                cand = None if modifies else add(j, end, cue.id)
                if cand is not None:
                    _apply(cand, cue)
                    continue
            for j in range(match.end, min(match.end + cue.window, sent_hi)):
                if j in starts:
                    if cue.id == "cue.our_named" and any(
                        is_model_size(words[t]) for t in range(match.end, j)
                    ):
                        break  # "our 70B Llama 2-Chat model": a released model at one size
                    # "a novel Flexible Adaptive Vision Transformer": a name further on may be
                    # only part of the new one.
                    between = range(match.end, j)
                    _apply(
                        starts[j], cue, adjacent=not any(words[t][:1].isupper() for t in between)
                    )
                    if j == match.end and cue.effect == "proposed":
                        # "we propose X" with nothing in between: X is the paper's own, even
                        # when an older artifact shares the name.
                        starts[j].strong_proposed = True
                    break
                word = words[j].lower()
                if word in _EVALUATION_WORDS or (
                    # "the proposed framework boosts the SER ...": a verb ends the phrase
                    j > match.end
                    and word.endswith("s")
                    and word.isalpha()
                    and word not in _KIND_NOUNS
                    and not word.endswith("ss")
                ):
                    break  # "an extension of FooReg", "results on GLUE": used, not proposed
        elif cue.target == "right_name":
            j = match.end
            while j < sent_hi and words[j].lower() in {"it", "as", "this", "them", "the"}:
                j += 1
            if j in starts:
                _apply(starts[j], cue)
                continue
            if j >= sent_hi or words[j].lower() in {"entity", "entities"}:
                continue
            lowercase = not (_is_capitalised(words[j]) or is_name_shaped(words[j]))
            before = words[match.start - 1].lower() if match.start > 0 else ""
            # Lower-case phrases count only after "we call it" or "..., dubbed" style naming
            # (GUIDELINES addendum rule 11), not after a participle such as "named entity".
            if lowercase and not (
                cue.id.startswith("cue.we_")
                or (before in _NAMING_LEFT and words[match.start].lower() in _COINING_WORDS)
            ):
                continue
            end = _capture_name_right(tokens, j, sent_hi, cue.window)
            if end > j and not lowercase:
                end = _title_echo(tokens, j, end, sent_hi)
            quoted = words[j] in {'"', "“", "'", "‘"}
            cand = add(j + 1 if quoted else j, end, cue.id)
            if cand is not None:
                _apply(cand, cue)
        elif cue.target == "left_first":
            for k in range(match.start, max(match.start - cue.window, sent_lo) - 1, -1):
                if k in ends:
                    _apply(ends[k], cue)
                    break
        elif cue.target == "left_adjacent":
            k = match.start
            if k > 0 and words[k - 1] == ")":
                while k > sent_lo and words[k - 1] != "(":
                    k -= 1
                k -= 1
            if k in ends:
                cand = ends[k]
                fronted = (
                    cand.start - 1 == sent_lo
                    and words[sent_lo].lower() in _FRONTING_PREPOSITIONS
                    and cue.id.startswith("cue.appositive_")
                )
                if fronted:
                    continue
                if cue.effect in {"dataset", "benchmark"} and _of_models(words, match.end, sent_hi):
                    # "Llama 2-Chat, a collection of instruction-tuned models": of models.
                    cand.types.append("method")
                    continue
                _apply(cand, cue)
        elif cue.target == "left_list":
            k = _skip_left(words, match.start, sent_lo, ends)
            if k not in ends:
                in_title = tokens.starts[match.start] < tokens.title_end
                if cue.effect in {"dataset", "benchmark"} and not in_title:
                    head_is_name = words[match.start][:1].isupper()
                    start = _capture_name_left(tokens, match, sent_lo)
                    end = match.end if head_is_name else match.start
                    if start < match.start:
                        cand = add(start, end, cue.id)
                        if cand is not None:
                            _apply(cand, cue)
                elif cue.effect == "method" and not in_title:
                    # "on both Qwen and Llama models": lone capitalised words listed with a
                    # name before a model head are models' names.
                    items: list[int] = []  # lone words, right to left
                    listed_name = False
                    k = match.start
                    while k - 1 > sent_lo:
                        if k in ends:
                            listed_name = True
                            k = ends[k].start
                        elif _is_model_word(words[k - 1], banned):
                            items.append(k - 1)
                            k -= 1
                        else:
                            break
                        if k - 1 > sent_lo and words[k - 1] in {",", "and", "or"}:
                            k -= 1
                        else:
                            break
                    if listed_name and items:
                        for i in items:
                            cand = add(i, i + 1, cue.id)
                            if cand is not None:
                                _apply(cand, cue)
                        k = _skip_left(words, match.start, sent_lo, ends)
                        while k in ends:
                            cand = ends[k]
                            _apply(cand, cue)
                            k = cand.start
                            while k - 1 >= sent_lo and words[k - 1] in {",", "and", "or"}:
                                k -= 1
                continue
            while k in ends:
                cand = ends[k]
                _apply(cand, cue)
                k = cand.start
                while k - 1 >= sent_lo and words[k - 1] in {",", "and", "or", "&", "/"}:
                    k -= 1
                k = _skip_left(words, k, sent_lo, ends, modifiers=False)
        elif cue.target == "right_list":
            j = match.end
            hops = 0
            while j < sent_hi and hops < 40:
                if j in starts:
                    cand = starts[j]
                    _apply(cand, cue)
                    j = cand.end
                elif (
                    cue.effect in {"dataset", "benchmark", "used", "evaluation", "method"}
                    and _is_capitalised(words[j])
                    and words[j] not in banned
                    and not tokens.url_like[j]
                    and tokens.starts[j] >= tokens.title_end
                ):
                    # "games such as Mazer, Blockfall and Tilepush": capitalised list items.
                    end = _capture_title_run(tokens, j, sent_hi, banned)
                    if cue.effect in {"used", "evaluation"} and (
                        (end - j > 1 and "'s" not in words[j:end])
                        or not words[j].isalpha()
                        or (end < sent_hi and words[end] in {"-", "of"})
                    ):
                        break  # "Knowledge Distillation": a Title-Case technique, not a name
                    if _modifies_noun(words, end, sent_hi) or _ADJECTIVE.search(words[j]):
                        break
                    cand = add(j, end, cue.id)
                    if cand is None:
                        break
                    _apply(cand, cue)
                    j = end
                elif words[j].lower() in _LIST_SEPARATORS:
                    j += 1
                else:
                    break
                hops += 1
    return candidates + added


def _pick_type(cand_group: list[_Candidate], tokens: Tokens, sentences: list[str]) -> str:
    """Type of a group of mentions: the text's own word, then the list, then the name's shape."""
    defined = [c.defined_type for c in cand_group if c.defined_type]
    if defined:
        return defined[0]
    types = [t for c in cand_group for t in c.types]
    dataset, benchmark = types.count("dataset"), types.count("benchmark")
    if types.count("method") > dataset + benchmark:
        return "method"  # "finetuned on Nimbus-7B-SFT and Quill-3-8B-Instruct models"
    if dataset or benchmark:
        return "benchmark" if benchmark > dataset else "dataset"
    known = [c.known_type for c in cand_group if c.known_type]
    if "evaluation" in types and not known:
        known = [c.weak_type for c in cand_group if c.weak_type]
    names = [_span_text(tokens, c.start, c.end) for c in cand_group]
    names += [a for c in cand_group for a in c.aliases]
    # The name's own head word: "Retro Learning Environment (RLE)", "DeepMind Control Suite".
    heads = {n.split()[-1].lower() for n in names if " " in n}
    if heads & _DATASET_HEADS:
        return "dataset"
    if heads & _BENCHMARK_HEADS:
        return "benchmark"
    if any(_BENCHMARK_SHAPE.search(n) for n in names):
        return "benchmark"
    if "evaluation" in types and "method" not in known and not any(c.proposed for c in cand_group):
        if known:
            return known[0]  # a known dataset stays one whatever the sentence calls the set
        variant = [c.variant_type for c in cand_group if c.variant_type]
        if any(_MODEL_NAME.search(n) for n in names) or variant[:1] == ["method"]:
            return "method"  # "on LLaMA-3.1-8B": a parameter count or chat suffix is a model
        text = " ".join(sentences)
        # "benchmark datasets" are datasets (GUIDELINES addendum rule 8).
        says_benchmark = bool(_SENT_BENCHMARK.search(_BENCHMARK_DATASETS.sub("datasets", text)))
        says_dataset = bool(_SENT_DATASET.search(text))
        if says_dataset and not says_benchmark:
            return "dataset"
        if says_benchmark and not says_dataset:
            return "benchmark"
        return known[0] if known else (variant or ["benchmark"])[0]
    if known:
        return "dataset" if "dataset" in known and "method" not in known else known[0]
    weak = [c.weak_type for c in cand_group if c.weak_type]
    if not weak and not any(c.proposed for c in cand_group):
        weak = [c.variant_type for c in cand_group if c.variant_type]
    if weak and not any(c.is_short_form for c in cand_group):
        return weak[0]
    return "method"


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve(
    tokens: Tokens,
    gazetteer: Sequence[GazetteerMatch],
    cues: Sequence[CueMatch],
    banned: dict[str, str],
    known_names: dict[str, tuple[str, str]] | None = None,
) -> list[FoundEntity]:
    """All entities of one paper, in order of first mention (see the module docstring).

    ``known_names`` maps a normalised gazetteer name to its ``(type, strength)`` so that
    spelling variants the PhraseMatcher misses ("CIFAR10" for "CIFAR-10") are still known.
    """
    if not tokens.words:
        return []
    sent_starts = [s for s, _ in tokens.sentences]
    sent_of = _sentence_index(tokens.starts, sent_starts)

    sent_start_set = set(sent_starts)
    gazetteer = [
        m for m in gazetteer if not _inside_title_phrase(tokens, m.start, m.end, sent_start_set)
    ]
    candidates = _shape_candidates(tokens, banned) + _gazetteer_candidates(gazetteer)
    candidates += _benchmark_name_candidates(tokens)
    candidates += _bare_model_candidates(tokens, banned)
    title = _title_name(tokens, banned)
    if title is not None:
        candidates.append(title)
    long_forms: list[_Candidate] = []
    for short_c, long_c in _acronym_candidates(tokens, banned):
        candidates.append(short_c)
        long_forms.append(long_c)
    candidates = _merge_overlaps(candidates + long_forms)
    # "the Generalization Factor (GF) coefficient": a bracketed name before a measure noun.
    words = tokens.words
    candidates = [
        c
        for c in candidates
        if not (
            c.start > 0
            and c.end + 1 < len(words)
            and words[c.start - 1] == "("
            and words[c.end] == ")"
            and words[c.end + 1].lower() in _MEASURE_AFTER
        )
    ]
    if known_names:
        for cand in candidates:
            if cand.known_type or cand.weak_type:
                continue
            text = _span_text(tokens, cand.start, cand.end)
            hit = known_names.get(normalize_name(text))
            if hit is None and cand.rule == "shape.name":
                # "ImageNet-1K", "QuuxSet-200", "BERT-Large": a known name with a split, size or
                # variant suffix is of the known name's kind (a hint, never proof).
                base = _VARIANT_SUFFIX.sub("", text)
                weak = known_names.get(normalize_name(base)) if base != text else None
                if weak is not None and len(normalize_name(base)) >= 3:
                    cand.variant_type = weak[0]
                continue
            if hit is not None:
                cand.weak_type = hit[0]
                if hit[1] == "strong":
                    cand.known_type = hit[0]
    if title is not None:
        _type_title_name(tokens, title)
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
            and not _MODEL_VERSION.search(_span_text(tokens, cand.start, cand.end))
        ):
            cand.proposed = True
            cand.cues.append("cue.in_title")
    candidates = _apply_cues(tokens, candidates, cues, sent_of, banned)
    _mark_named_parts(tokens, candidates, sent_of)

    kept = []
    for cand in candidates:
        if _NOT_A_NAME.fullmatch(_span_text(tokens, cand.start, cand.end)):
            continue
        # A known-but-ambiguous name capitalised mid-sentence is being used as a name.
        if cand.weak and cand.needs_evidence:
            word = tokens.words[cand.start]
            mid_sentence = cand.start > 0 and sent_of[cand.start - 1] == sent_of[cand.start]
            in_title = tokens.starts[cand.start] < tokens.title_end
            if mid_sentence and not in_title and word[:1].isupper() and not word.isupper():
                cand.needs_evidence = False
        kept.append(cand)

    # Group: an acronym with its long form, a model with its sizes, repeated mentions.
    uf = _UnionFind()
    texts = {id(c): _span_text(tokens, c.start, c.end) for c in kept}
    for cand in kept:
        key = normalize_name(texts[id(cand)])
        uf.find(key)
        for alias in (*cand.aliases, *cand.same_as):
            uf.union(key, normalize_name(alias))
    surface = sorted({texts[id(c)] for c in kept}, key=len)
    for base in surface:
        for other in surface:
            if (
                other != base
                and other.startswith(base)
                and _SIZE_SUFFIX.fullmatch(other[len(base) :])
            ):
                uf.union(normalize_name(base), normalize_name(other))
    groups: dict[str, list[_Candidate]] = {}
    for cand in sorted(kept, key=lambda c: c.start):
        groups.setdefault(uf.find(normalize_name(texts[id(cand)])), []).append(cand)

    entities = []
    for group in groups.values():
        # A long form alone (its acronym dropped as a description) is not an entity.
        if all(c.is_long_form for c in group):
            continue
        # "improves the QF-all metric": a name only ever written before "metric" is one.
        if all(
            c.end < len(words) and words[c.end].lower() in {"metric", "metrics"} for c in group
        ):
            continue
        if not any(c.is_short_form for c in group):
            group = [c for c in group if not c.needs_acronym]
            if not group:
                continue
        # A definition that names a task ("Sign Language Translation (SLT)") or a list name
        # that is also a word needs a cue: "precise rather than generous".
        needs = any(c.is_short_form and c.needs_evidence for c in group) or all(
            c.needs_evidence for c in group
        )
        # "results on SLT" is no evidence: tasks are evaluated on too.
        if needs and not any(
            c.proposed or c.known_type or {"dataset", "benchmark"} & set(c.types) for c in group
        ):
            continue
        if any(c.lower_definition for c in group) and not any(
            c.proposed or c.known_type or c.used_cue or {"dataset", "benchmark"} & set(c.types)
            for c in group
        ):
            continue
        sentences = [tokens.text[slice(*tokens.sentences[sent_of[c.start]])] for c in group]
        type_ = _pick_type(group, tokens, sentences)
        known = any(c.known_type or c.weak_type for c in group)
        # "our final Quux-Ensemble (QUE) model": an acronym the paper defines for its own.
        defined_ours = any(
            (c.is_short_form or c.is_long_form) and "cue.our_named" in c.cues for c in group
        )
        proposed = (
            any(c.strong_proposed for c in group)
            or defined_ours
            or (not known and any(c.proposed for c in group))
        )
        role = ("proposed" if type_ == "method" else "introduced") if proposed else "used"
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
    return _variants_of_proposed(
        _merge_title_forms(_merge_spelled_out(_type_by_siblings(entities, tokens.text))))


_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi",
    "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau", "φ": "phi", "χ": "chi", "ψ": "psi",
    "ω": "omega",
}  # fmt: skip
_GREEK_CHAR = re.compile("[" + "".join(_GREEK) + "]", re.IGNORECASE)


def _spelled(name: str) -> str:
    """ "Quux-$\u03c0$" and "Quux-pi" are one name: Greek letters spelled out, then normalised."""
    return normalize_name(_GREEK_CHAR.sub(lambda m: _GREEK[m.group().lower()], name))


def _title_forms(name: str) -> set[str]:
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


def _merge_title_forms(entities: list[FoundEntity]) -> list[FoundEntity]:
    """The title's name and a name the abstract proposes are one entity when the abstract's is
    another way of writing the title's ("Zeta-QUUX: ..." / "we propose QUUX")."""
    titled = [
        e
        for e in entities
        if e.role != "used" and any("cue.title_name" in m.rule for m in e.mentions)
    ]
    if len(titled) != 1:
        return entities
    title = titled[0]
    forms = set().union(*(_title_forms(n) for n in (title.name, *title.aliases)))
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


def _merge_spelled_out(entities: list[FoundEntity]) -> list[FoundEntity]:
    """ "the Quux Transformer ... QuT": a Title-Case name whose initials are exactly the capitals
    of a short name of the same paper is that name written out, even without a "(QuT)"
    definition."""
    out = list(entities)
    for short in entities:
        if " " in short.name or not is_short_form(short.name):
            continue
        for long in out:
            words = long.name.split()
            if (
                long is short
                or long.type != short.type
                or not 2 <= len(words) <= 2 * len(short.name)
                or not all(w[:1].isupper() and not is_name_shaped(w) for w in words)
                or "".join(w[0] for w in words) != "".join(c for c in short.name if c.isupper())
                or short not in out
            ):
                continue
            seen = {normalize_name(short.name)}
            aliases = []
            for form in (*short.aliases, long.name, *long.aliases):
                if normalize_name(form) not in seen:
                    seen.add(normalize_name(form))
                    aliases.append(form)
            role = long.role if short.role == "used" else short.role
            mentions = tuple(sorted((*short.mentions, *long.mentions), key=lambda m: m.start))
            merged = FoundEntity(short.name, short.type, role, tuple(aliases), mentions)
            first = min(out.index(short), out.index(long))
            out = [e for e in out if e is not short and e is not long]
            out.insert(first, merged)
            break
    return out


_COORDINATION = re.compile(r"\s*(?:,|,?\s*(?:and|or|&))\s*")


def _type_by_siblings(entities: list[FoundEntity], text: str) -> list[FoundEntity]:
    """ "on QuuxSet and FooQA": a bare name-shaped word with no evidence of its own, listed
    next to a dataset or benchmark, is of the same kind as its neighbour."""
    spans = sorted(
        (m.start, m.end, e.type) for e in entities if e.type != "method" for m in e.mentions
    )
    if not spans:
        return entities
    out = []
    for entity in entities:
        if (
            entity.type == "method"
            and entity.role == "used"
            and all(m.rule == "shape.name" for m in entity.mentions)
        ):
            kinds = set()
            for m in entity.mentions:
                for start, end, kind in spans:
                    gap = text[end : m.start] if end <= m.start else text[m.end : start]
                    if len(gap) <= 6 and _COORDINATION.fullmatch(gap):
                        kinds.add(kind)
            if len(kinds) == 1:
                entity = FoundEntity(
                    entity.name, kinds.pop(), "used", entity.aliases, entity.mentions
                )
        out.append(entity)
    return out


def _family_prefix(name: str) -> str | None:
    """ "CV-" of "CV-QuuxLoss": a short capitalised prefix that names a family of variants."""
    head, dash, _ = name.partition("-")
    return f"{head}-" if dash and 2 <= len(head) <= 4 and head.isupper() else None


def _variants_of_proposed(entities: list[FoundEntity]) -> list[FoundEntity]:
    """ "KNT-D" and "KNT-W" next to a proposed "KNT", or "CV-FooLoss" next to a proposed
    "CV-QuuxLoss", are variants the paper also proposes."""
    proposed = [e.name for e in entities if e.role == "proposed" and e.type == "method"]
    if not proposed:
        return entities
    prefixes = {p for p in map(_family_prefix, proposed) if p}
    out = []
    for entity in entities:
        if (
            entity.role == "used"
            and entity.type == "method"
            and (
                any(entity.name.startswith(f"{name}-") for name in proposed)
                or _family_prefix(entity.name) in prefixes
            )
        ):
            entity = FoundEntity(
                entity.name, entity.type, "proposed", entity.aliases, entity.mentions
            )
        out.append(entity)
    return out
