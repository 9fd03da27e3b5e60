"""Word lists and patterns that the extractor's rules read (:mod:`kg.extract.resolve`).

Function words, head nouns ("dataset", "benchmark"), naming and evaluation words, metric and
model-name shapes: each list keeps the comment that says what it is for. Data only, no logic.
"""

from __future__ import annotations

import re

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

#: Capitalised words that end a benchmark's own name when written apart ("Quux Bench").
_BENCHMARK_NAME_HEADS = frozenset(["Bench", "Eval", "Arena", "Leaderboard"])
_TITLE_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*")
_BENCHMARK_SHAPE = re.compile(r"(?:[Bb]ench|Eval\b|Arena|Leaderboard|Gym\b)")
_SENT_DATASET = re.compile(r"\b(?:datasets?|corpus|corpora)\b", re.IGNORECASE)
_BENCHMARK_DATASETS = re.compile(r"\bbenchmark\s+(?=datasets?\b|corpora\b)", re.IGNORECASE)
_VARIANT_SUFFIX = re.compile(r"-[0-9A-Za-z]{1,6}$")
_SENT_BENCHMARK = re.compile(r"\bbenchmarks?\b|\bsuites?\b|\benvironments?\b", re.IGNORECASE)
#: Verbs that tell a field's history ("AI has mastered Go", "systems that defeated champions at
#: Chess"): a game, product or system named after one, and nowhere else, is no entity of the
#: paper (GUIDELINES addendum 2, rule 10). Rule id ``rule.named_as_history``.
_HISTORY_VERBS = frozenset(
    ["mastered", "mastering", "conquered", "defeated", "defeating", "beaten", "beating",
     "superhuman", "milestones", "landmark", "breakthroughs", "triumphs"]
)
#: How many words before a name the history verb may stand.
_HISTORY_WINDOW = 8
