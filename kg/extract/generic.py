"""Is a name one specific artifact, or a measure or a task? (issue 13, capability 1).

Pure functions over the words of a paper, one rule each; :func:`kg.extract.decide.find_entities`
drops a group of mentions when every mention reads as something the guidelines exclude.
Each rule's id is what the decision and the tests call it.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract import vocabulary as vocab
from kg.extract.patterns import METRIC

__all__ = [
    "RULES",
    "in_category_list",
    "list_items",
    "listed_beside_metric",
    "metric_shaped",
    "modifier_use",
    "names_a_task",
    "organisation_name",
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
    "generic.organisation": "'the X Explore Academy': a name opening an organisation's name",
}

def metric_shaped(name: str) -> bool:
    """``generic.metric_shape``: "FooScore", "Foo-Score" are measures; "Score" alone is a word.

    >>> metric_shaped("FooScore"), metric_shaped("Score"), metric_shaped("ScoreNet")
    (True, False, False)
    """
    return bool(vocab.METRIC_SUFFIX.search(name)) and name != "Score"


def list_items(words: Sequence[str], start: int, end: int) -> tuple[list[str], int]:
    """One-word items of the list around ``words[start:end]`` and the index before the list."""
    items = []
    i = start - 1
    separators = vocab.ITEM_SEPARATORS
    while i >= 1 and words[i] in separators and words[i - 1] not in separators:
        items.append(words[i - 1])
        i -= 2
    j = end
    while j + 1 < len(words) and words[j] in vocab.ITEM_SEPARATORS:
        if words[j + 1] in vocab.ITEM_SEPARATORS:
            j += 1
            continue
        items.append(words[j + 1])
        j += 2
    return items, i


def listed_beside_metric(
    words: Sequence[str], start: int, end: int, banned: dict[str, str]
) -> bool:
    """``generic.beside_metric``: "BLEU, ROUGE and FooEval", "metrics such as FooEval".

    ``banned`` maps a not-entity name to its list's role (kg/data/patterns/not_entities.jsonl):
    a listed ``metric`` beside the name makes it one.
    """
    if clause_subject(words, start, end):
        return False
    items, before = list_items(words, start, end)
    if any(banned.get(item) == METRIC for item in items):
        return True
    at = _list_opener_at(words, before)
    return at is not None and words[at - 1].lower() in vocab.METRIC_WORDS


def _list_opener_at(words: Sequence[str], before: int) -> int | None:
    """Where the first of the lexicon's list openers ("such as", "including") that ends at
    ``words[before]`` and has a word before it starts, if one does. An opener whose last word
    is not that word is passed over before its words are lower-cased: asked for every mention."""
    last = words[before].lower() if 1 <= before < len(words) else None
    for opener in vocab.LIST_OPENERS:
        at = before - len(opener) + 1
        if (
            at >= 1
            and (not opener or opener[-1] == last)
            and tuple(w.lower() for w in words[at : before + 1]) == opener
        ):
            return at
    return None


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
        and bool(vocab.CLAUSE_VERB.fullmatch(words[end]))
    )


def names_a_task(words: Sequence[str], start: int, end: int) -> bool:
    """``generic.task_head``: "a new FGD task", "the FooSched problem": the word after the name
    is a singular task noun and the name opens its noun phrase ("the challenging FooComp task"
    describes a set one is evaluated on)."""
    return (
        end < len(words)
        and words[end].lower() in vocab.TASK_NOUNS
        and (start == 0 or words[start - 1].lower() in vocab.TASK_DETERMINERS)
    )


def modifier_use(words: Sequence[str], end: int) -> bool:
    """``generic.modifier_use``: "a UNet-like decoder", "GPT-style prompts" (tokens "-like")."""
    return end < len(words) and words[end].lower() in vocab.MODIFIER_SUFFIXES


def in_category_list(words: Sequence[str], start: int, end: int) -> bool:
    """``generic.category_list``: "domains such as FinFoo and BarCare", "the problem of X"."""
    if (
        start >= 2
        and words[start - 1].lower() == "of"
        and words[start - 2].lower() in vocab.CATEGORY_OF
    ):
        return True
    _, before = list_items(words, start, end)
    at = _list_opener_at(words, before)
    return at is not None and words[at - 1].lower() in vocab.CATEGORY_NOUNS


def software_mention(words: Sequence[str], start: int, end: int) -> bool:
    """``generic.software``: "the FooLib library", "implemented in FooLib" (GUIDELINES rule 3)."""
    if end < len(words) and words[end].lower() in vocab.SOFTWARE_AFTER:
        return True
    left = tuple(w.lower() for w in words[max(0, start - 2) : start])
    return left in vocab.SOFTWARE_BEFORE


def organisation_name(words: Sequence[str], start: int, end: int, *, reach: int = 3) -> bool:
    """``generic.organisation``: "the QX Explore Academy", "Foo AI Lab": the name opens a run
    of capitalised words (at most ``reach`` after it) that ends in an organisation's head word.

    >>> organisation_name("the QX Explore Academy 's system".split(), 1, 2)
    True
    >>> organisation_name("QX Explore improves the Academy".split(), 0, 1)
    False
    """
    heads = vocab.ORGANISATION_HEADS
    for i in range(end, min(len(words), end + reach)):
        word = words[i]
        if word in heads:
            return True
        if not word[:1].isupper():
            return False
    return False
