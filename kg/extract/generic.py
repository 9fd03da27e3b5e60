"""Is a name one specific artifact, or a measure or a task? (issue 13, capability 1).

Pure functions over the words of a paper, one rule each; :func:`kg.extract.resolve.resolve`
drops a group of mentions when every mention reads as something the guidelines exclude.
Each rule's id is what the decision and the tests call it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = [
    "RULES",
    "in_category_list",
    "listed_beside_metric",
    "metric_shaped",
    "modifier_use",
    "names_a_task",
    "software_mention",
]

#: Rule ids, for the docs and the tests.
RULES = {
    "generic.metric_shape": "a CamelCase name ending in Score is a measure (CLIPScore-like)",
    "generic.beside_metric": "a name in a list with a listed metric, or after 'metrics such as'",
    "generic.task_head": "a name right before a singular 'task' or 'problem' names a task",
    "generic.modifier_use": "'X-like', 'X-style': a name used only as a modifier is a family",
    "generic.category_list": "'domains such as X', 'the problem of X': a category's members",
    "generic.software": "'the X library', 'implemented in X': software is no method (rule 3)",
}

_METRIC_SUFFIX = re.compile(r"[A-Za-z0-9][-‐]?Score$")
_LIST_SEPARATORS = frozenset([",", "and", "or", "/"])
#: Words that, before a list, say that its items are measures ("metrics such as A, B").
_METRIC_WORDS = frozenset(["metric", "metrics", "measures", "scores"])
_LIST_OPENERS = (("such", "as"), ("like",), ("including",), ("e.g.",), ("(",), (":",))
#: Singular nouns that make the name before them a task or a problem setting, not an artifact
#: ("a new FGD task", "the FooSched problem"); plurals ("MuJoCo tasks") are a suite's tasks.
_TASK_NOUNS = frozenset(["task", "problem"])
_TASK_DETERMINERS = frozenset(["a", "an", "the", "new", "novel", "this", "our"])
_METRIC_LIST = "not.metric"
#: Nouns before "such as"/"like"/"including" whose members are no artifacts: fields, products
#: and software ("domains such as X", "applications like X", "libraries such as X"). Not
#: "techniques", "paradigms", "settings", "tools": with them val typed F1 fell (0.767 -> 0.765).
_CATEGORY_NOUNS = frozenset(
    ["domains", "fields", "areas", "applications", "languages", "libraries", "toolkits",
     "packages", "products", "apps", "services", "industries", "sectors", "disciplines"]
)
#: "the problem of X", "the task of X": X names the problem.
_CATEGORY_OF = frozenset(["problem", "task", "field", "area", "domain", "setting"])
#: Nouns after a name that make it software ("the FooLib library").
_SOFTWARE_AFTER = frozenset(
    ["library", "libraries", "toolkit", "package", "packages", "software", "api", "apis",
     "app", "application", "plugin", "extension", "compiler", "interpreter", "ide", "sdk"]
)
#: Words before a name that make it the software a thing is built with ("implemented in X").
_SOFTWARE_BEFORE = (("implemented", "in"), ("implemented", "with"), ("written", "in"),
                    ("implemented", "using"), ("built", "with"), ("coded", "in"))
#: Suffixes (tokenized apart from the name) that make a name a likeness, not the artifact used.
#: Not "-based": "a GPT-4-based judge" uses GPT-4, and the gold annotates it.
MODIFIER_SUFFIXES = frozenset(["-like", "-style", "-esque", "-type", "-inspired"])


def metric_shaped(name: str) -> bool:
    """``generic.metric_shape``: "FooScore", "Foo-Score" are measures; "Score" alone is a word.

    >>> metric_shaped("FooScore"), metric_shaped("Score"), metric_shaped("ScoreNet")
    (True, False, False)
    """
    return bool(_METRIC_SUFFIX.search(name)) and name != "Score"


def _list_items(words: Sequence[str], start: int, end: int) -> tuple[list[str], int]:
    """One-word items of the list around ``words[start:end]`` and the index before the list."""
    items = []
    i = start - 1
    while i >= 1 and words[i] in _LIST_SEPARATORS and words[i - 1] not in _LIST_SEPARATORS:
        items.append(words[i - 1])
        i -= 2
    j = end
    while j + 1 < len(words) and words[j] in _LIST_SEPARATORS:
        if words[j + 1] in _LIST_SEPARATORS:
            j += 1
            continue
        items.append(words[j + 1])
        j += 2
    return items, i


def listed_beside_metric(
    words: Sequence[str], start: int, end: int, banned: dict[str, str]
) -> bool:
    """``generic.beside_metric``: "BLEU, ROUGE and FooEval", "metrics such as FooEval".

    ``banned`` maps a not-entity name to its list id (kg/data/patterns/not_entities.jsonl).
    """
    if clause_subject(words, start, end):
        return False
    items, before = _list_items(words, start, end)
    if any(banned.get(item) == _METRIC_LIST for item in items):
        return True
    for opener in _LIST_OPENERS:
        at = before - len(opener) + 1
        if at >= 1 and tuple(w.lower() for w in words[at : before + 1]) == opener:
            return words[at - 1].lower() in _METRIC_WORDS
    return False


#: A verb right after a name ("QuuxNet is faster", "FooNet improves"); resolve's
#: ``siblings.clause_subject`` looks for the same words in the text.
CLAUSE_VERB = r"[a-z]+(?:s|ed)|is|are|was|were|has|have|can|does"
_CLAUSE_VERB = re.compile(CLAUSE_VERB)


def clause_subject(words: Sequence[str], start: int, end: int) -> bool:
    """``siblings.clause_subject`` at the word level: "Unlike prior work with BLEU, QuuxNet is
    faster": a name after a bare comma and before a verb opens a new clause, so it is no item
    of the list before the comma.

    >>> clause_subject("with BLEU , QuuxNet is faster".split(), 3, 4)
    True
    >>> clause_subject("BLEU , FooEval and ROUGE".split(), 2, 3)
    False
    """
    return (
        start >= 1
        and words[start - 1] == ","
        and end < len(words)
        and bool(_CLAUSE_VERB.fullmatch(words[end]))
    )


def names_a_task(words: Sequence[str], start: int, end: int) -> bool:
    """``generic.task_head``: "a new FGD task", "the FooSched problem": the word after the name
    is a singular task noun and the name opens its noun phrase ("the challenging FooComp task"
    describes a set one is evaluated on)."""
    return (
        end < len(words)
        and words[end].lower() in _TASK_NOUNS
        and (start == 0 or words[start - 1].lower() in _TASK_DETERMINERS)
    )


def modifier_use(words: Sequence[str], end: int) -> bool:
    """``generic.modifier_use``: "a UNet-like decoder", "GPT-style prompts" (tokens "-like")."""
    return end < len(words) and words[end].lower() in MODIFIER_SUFFIXES


def in_category_list(words: Sequence[str], start: int, end: int) -> bool:
    """``generic.category_list``: "domains such as FinFoo and BarCare", "the problem of X"."""
    if start >= 2 and words[start - 1].lower() == "of" and words[start - 2].lower() in _CATEGORY_OF:
        return True
    _, before = _list_items(words, start, end)
    for opener in _LIST_OPENERS:
        at = before - len(opener) + 1
        if at >= 1 and tuple(w.lower() for w in words[at : before + 1]) == opener:
            return words[at - 1].lower() in _CATEGORY_NOUNS
    return False


def software_mention(words: Sequence[str], start: int, end: int) -> bool:
    """``generic.software``: "the FooLib library", "implemented in FooLib" (GUIDELINES rule 3)."""
    if end < len(words) and words[end].lower() in _SOFTWARE_AFTER:
        return True
    left = tuple(w.lower() for w in words[max(0, start - 2) : start])
    return left in _SOFTWARE_BEFORE
