"""A token-pattern matcher for the cue patterns, compiled to a first-token index.

The patterns use spaCy's Matcher syntax (and are validated by spaCy's own schema when loaded),
but spaCy's Matcher evaluates every pattern at every token: measured on the example corpus it
costs about 0.1 s per pattern per 160k words, which alone would break the speed target. Cue
patterns almost always start with a small set of words, so this matcher indexes patterns by the
values their first token accepts and tries a pattern only where one occurs. It supports the
subset of the syntax the cue file uses: ``ORTH``/``LOWER``/``TEXT`` with a string,
``{"IN": [...]}`` or ``{"REGEX": ...}``; ``IS_LOWER``/``IS_ALPHA``/``LIKE_NUM`` booleans; and the
operators ``?``, ``*``, ``+``, ``{n,m}``. ``tests/test_extract_patterns.py`` checks that it
returns what spaCy's Matcher returns on the example corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from spacy.lang.en.lex_attrs import _num_words, _ordinal_words, like_num

from kg.errors import ExtractionError

__all__ = ["CueMatcher", "compile_token"]

Predicate = Callable[[str, str], bool]  # (text, lower) -> bool
_ATTRS = {"ORTH", "LOWER", "TEXT", "IS_LOWER", "IS_ALPHA", "LIKE_NUM", "OP"}
_HAS_DIGIT = re.compile(r"\d")
#: Words spaCy's English LIKE_NUM accepts without a digit ("three", "third").
_NUMBER_WORDS = frozenset(_num_words) | frozenset(_ordinal_words)
_RANGE = re.compile(r"\{(\d*),(\d*)\}|\{(\d+)\}")


def _value_test(value: Any, where: str) -> tuple[Callable[[str], bool], frozenset[str] | None]:
    """A test for one attribute value and, when it is a finite set, that set."""
    if isinstance(value, str):
        options = frozenset({value})
        return options.__contains__, options
    if isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
        options = frozenset(str(v) for v in value["IN"])
        return options.__contains__, options
    if isinstance(value, dict) and set(value) == {"REGEX"}:
        regex = re.compile(value["REGEX"])
        return (lambda s: regex.search(s) is not None), None
    raise ExtractionError(f"{where}: unsupported value {value!r}")


@lru_cache(maxsize=100_000)
def _like_num(text: str) -> bool:
    return bool(like_num(text))


def _on_text(test: Callable[[str], bool], options: frozenset[str] | None) -> Predicate:
    if options is not None:
        return lambda text, lower: text in options
    return lambda text, lower: test(text)


def _on_lower(test: Callable[[str], bool], options: frozenset[str] | None) -> Predicate:
    if options is not None:
        return lambda text, lower: lower in options
    return lambda text, lower: test(lower)


def _flag(attr: str, wanted: bool) -> Predicate:
    if attr == "IS_LOWER":
        return lambda text, lower: text.islower() == wanted
    if attr == "IS_ALPHA":
        return lambda text, lower: text.isalpha() == wanted
    return lambda text, lower: _like_num(text) == wanted  # LIKE_NUM, spaCy's English rule


def compile_token(
    spec: dict[str, Any], where: str = "pattern"
) -> tuple[Predicate, tuple[int, int], frozenset[str] | None, frozenset[str] | None]:
    """One token spec -> (predicate, (min, max) repeats, LOWER first-set, ORTH first-set)."""
    unknown = set(spec) - _ATTRS
    if unknown:
        raise ExtractionError(f"{where}: unsupported token attributes {sorted(unknown)}")
    tests: list[Predicate] = []
    lower_set: frozenset[str] | None = None
    orth_set: frozenset[str] | None = None
    for attr, value in spec.items():
        if attr == "OP":
            continue
        if attr in {"ORTH", "TEXT"}:
            test, orth_set = _value_test(value, where)
            tests.append(_on_text(test, orth_set))
        elif attr == "LOWER":
            test, lower_set = _value_test(value, where)
            tests.append(_on_lower(test, lower_set))
        else:
            tests.append(_flag(attr, bool(value)))
    op = spec.get("OP", "1")
    if op == "1":
        repeats = (1, 1)
    elif op == "?":
        repeats = (0, 1)
    elif op == "*":
        repeats = (0, 10_000)
    elif op == "+":
        repeats = (1, 10_000)
    elif match := _RANGE.fullmatch(op):
        if match.group(3):
            repeats = (int(match.group(3)), int(match.group(3)))
        else:
            repeats = (int(match.group(1) or 0), int(match.group(2) or 10_000))
    else:
        raise ExtractionError(f"{where}: unsupported operator {op!r}")

    if len(tests) == 1:
        predicate = tests[0]
    else:

        def predicate(text: str, lower: str) -> bool:
            return all(test(text, lower) for test in tests)

    return predicate, repeats, lower_set, orth_set


class CueMatcher:
    """Longest match of each pattern at each start, found via a first-token index."""

    def __init__(self) -> None:
        self._patterns: list[tuple[str, list[tuple[Predicate, tuple[int, int]]]]] = []
        self._by_lower: dict[str, list[int]] = {}
        self._by_orth: dict[str, list[int]] = {}
        self._anywhere: list[int] = []
        self._numeric: list[int] = []  # first token LIKE_NUM: tried only where a number may be

    def add(self, key: str, pattern: Sequence[dict[str, Any]]) -> None:
        """Add one spaCy-style token pattern under ``key``."""
        compiled = [compile_token(spec, f"{key}[{i}]") for i, spec in enumerate(pattern)]
        index = len(self._patterns)
        self._patterns.append((key, [(pred, reps) for pred, reps, _, _ in compiled]))
        _, (first_min, _), lower_set, orth_set = compiled[0]
        if first_min > 0 and pattern[0] == {"LIKE_NUM": True}:
            self._numeric.append(index)
        elif first_min == 0 or (lower_set is None and orth_set is None):
            self._anywhere.append(index)
        elif lower_set is not None:
            for value in lower_set:
                self._by_lower.setdefault(value, []).append(index)
        else:
            assert orth_set is not None
            for value in orth_set:
                self._by_orth.setdefault(value, []).append(index)

    def __call__(self, words: Sequence[str], lowers: Sequence[str]) -> list[tuple[str, int, int]]:
        """``(key, start, end)`` for the longest match of each pattern at each start."""
        found = []
        patterns = self._patterns
        by_lower, by_orth, anywhere = self._by_lower, self._by_orth, self._anywhere
        numeric = self._numeric
        n = len(words)
        for i in range(n):
            hits = by_lower.get(lowers[i])
            hits_orth = by_orth.get(words[i])
            maybe_number = bool(numeric) and (
                _HAS_DIGIT.search(words[i]) is not None or lowers[i] in _NUMBER_WORDS
            )
            if hits is None and hits_orth is None and not anywhere and not maybe_number:
                continue
            extra = numeric if maybe_number else ()
            for index in (*(hits or ()), *(hits_orth or ()), *anywhere, *extra):
                key, steps = patterns[index]
                end = _longest(steps, 0, words, lowers, i, n)
                if end > i:
                    found.append((key, i, end))
        return found


def _longest(
    steps: list[tuple[Predicate, tuple[int, int]]],
    k: int,
    words: Sequence[str],
    lowers: Sequence[str],
    i: int,
    n: int,
) -> int:
    """End of the longest match of ``steps[k:]`` from token ``i`` (or -1 when none)."""
    if k == len(steps):
        return i
    predicate, (low, high) = steps[k]
    j = i
    count = 0
    ends = []
    while count < low:
        if j >= n or not predicate(words[j], lowers[j]):
            return -1
        j += 1
        count += 1
    ends.append(j)
    while count < high and j < n and predicate(words[j], lowers[j]):
        j += 1
        count += 1
        ends.append(j)
    best = -1
    for j in reversed(ends):
        end = _longest(steps, k + 1, words, lowers, j, n)
        if end > best:
            best = end
    return best
