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
from itertools import compress
from typing import Any

from spacy.lang.en.lex_attrs import _num_words, _ordinal_words, like_num

from kg.errors import ExtractionError
from kg.extract.memo import WordMemo

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
    """Longest match of each pattern at each start, found via a first-token index.

    ``lowers[i]`` must be ``words[i].lower()`` (spaCy's ``LOWER``): which patterns a token can
    start is worked out once per distinct word and cached, since a corpus repeats its words.
    """

    def __init__(self) -> None:
        self._patterns: list[tuple[str, list[Step]]] = []
        self._by_lower: dict[str, list[int]] = {}
        self._by_orth: dict[str, list[int]] = {}
        self._anywhere: list[int] = []
        self._numeric: list[int] = []  # first token LIKE_NUM: tried only where a number may be
        # Patterns whose first token is exactly one set or LIKE_NUM test, matched once: the
        # index already proves that token, so matching resumes at the second.
        self._first_proved: set[int] = set()
        self._starts: WordMemo[Row | None] = WordMemo(
            lambda word: self._patterns_starting(word, word.lower())
        )

    def add(self, key: str, pattern: Sequence[dict[str, Any]]) -> None:
        """Add one spaCy-style token pattern under ``key``."""
        compiled = [compile_token(spec, f"{key}[{i}]") for i, spec in enumerate(pattern)]
        index = len(self._patterns)
        steps = [_step(spec, c) for spec, c in zip(pattern, compiled, strict=True)]
        self._patterns.append((key, steps))
        _, (first_min, _), lower_set, orth_set = compiled[0]
        one_test = len(set(pattern[0]) - {"OP"}) == 1 and compiled[0][1] == (1, 1)
        if first_min > 0 and pattern[0] == {"LIKE_NUM": True}:
            self._numeric.append(index)
            if one_test:
                self._first_proved.add(index)
        elif first_min == 0 or (lower_set is None and orth_set is None):
            self._anywhere.append(index)
        elif lower_set is not None:
            for value in lower_set:
                self._by_lower.setdefault(value, []).append(index)
            if one_test:
                self._first_proved.add(index)
        else:
            assert orth_set is not None
            for value in orth_set:
                self._by_orth.setdefault(value, []).append(index)
            if one_test:
                self._first_proved.add(index)
        self._starts.clear()

    def _patterns_starting(self, word: str, lower: str) -> Row | None:
        """The patterns to try where ``word`` stands, in index order (the lower-case index,
        the exact-case one, anywhere, numbers), as :data:`Start` records, with their gate
        (see :data:`Row`); None when there are none."""
        numeric = self._numeric
        maybe_number = bool(numeric) and (
            _HAS_DIGIT.search(word) is not None or lower in _NUMBER_WORDS
        )
        extra = numeric if maybe_number and _like_num(word) else ()
        starts: list[Start] = []
        gates: list[frozenset[str] | None] = []  # the next word's lower-case forms, per start
        for index in (
            *self._by_lower.get(lower, ()),
            *self._by_orth.get(word, ()),
            *self._anywhere,
            *extra,
        ):
            key, steps = self._patterns[index]
            k = 1 if index in self._first_proved else 0
            if k == len(steps):
                starts.append((key, None, k, False, None, 0))  # the word is the whole match
                gates.append(None)
                continue
            on_lower, guard, reach, options = _first_required(steps, k)
            starts.append((key, steps, k, on_lower, guard, reach))
            gates.append(
                options if guard is not None and k == 1 and on_lower and reach == 1 else None
            )
        if not starts:
            return None
        # Most words that start a pattern ("the", "on", "a") start only patterns whose next
        # word must be one of a few: one look-up of the next word then rules them all out.
        sets = [g for g in gates if g is not None]
        gate = frozenset[str]().union(*sets) if len(sets) == len(gates) else None
        return gate, tuple(starts)

    def __call__(self, words: Sequence[str], lowers: Sequence[str]) -> list[tuple[str, int, int]]:
        """``(key, start, end)`` for the longest match of each pattern at each start."""
        found: list[tuple[str, int, int]] = []
        n = len(words)
        rows = self._starts.map(words)
        for i in compress(range(n), rows):  # the tokens some pattern can start at
            gate, starts = rows[i]  # type: ignore[misc]  # compress drops the None rows
            if gate is not None and (i + 1 >= n or lowers[i + 1] not in gate):
                continue  # every pattern here needs a next word it does not have
            for key, steps, k, guard_lower, guard, reach in starts:
                j = i + k
                if steps is None:
                    found.append((key, i, j))
                    continue
                if guard is not None:
                    if reach == 1:
                        if j >= n or not guard(lowers[j] if guard_lower else words[j]):
                            continue
                    elif not any(map(guard, (lowers if guard_lower else words)[j : j + reach])):
                        continue  # the step that must match is nowhere in its reach
                end = _longest(steps, k, words, lowers, j, n)
                if end > i:
                    found.append((key, i, end))
        return found


#: One compiled token of a pattern: whether it tests the lower-case form, the test on that
#: one string (None when it reads both forms: ``predicate``), (min, max) repeats, and the set
#: of strings that test accepts (None when it is no set test).
Step = tuple[
    bool, "Callable[[str], bool] | None", Predicate, int, int, "frozenset[str] | None"
]
#: Where a pattern may start: its key, its steps (None when the first word is the whole
#: match), the first step left to match, and a guard tried first (see _first_required):
#: whether it tests the lower-case form, the test, and how many tokens it may be found in.
Start = tuple[str, "list[Step] | None", int, bool, "Callable[[str], bool] | None", int]
#: What starts at a word: a gate, the lower-case forms one of which the next word must have
#: for any of its patterns to match (None: no such set), and its :data:`Start` records.
Row = tuple["frozenset[str] | None", tuple[Start, ...]]


#: Most tokens that optional steps before a required one may take, for a guard to look at.
_REACH = 8


def _first_required(
    steps: list[Step], k: int
) -> tuple[bool, Callable[[str], bool] | None, int, frozenset[str] | None]:
    """A guard for matching ``steps[k:]`` from token ``j``: the first step that must match at
    least once, when it is a set test, must pass on one of the tokens ``j`` to ``j + reach -
    1`` (the optional steps before it take at most ``reach - 1``): ``(on_lower, test, reach,
    its set)``; no test when there is no such step or the optional ones may take many tokens.
    "the {0,2} benchmark" then costs a few set look-ups after each "the", not a match."""
    reach = 1
    for on_lower, test, _, low, high, options in steps[k:]:
        if low > 0:
            return (on_lower, test, reach, options) if test is not None else (False, None, 0, None)
        reach += high
        if reach > _REACH:
            break
    return False, None, 0, None


def _step(
    spec: dict[str, Any], compiled: tuple[Predicate, tuple[int, int], Any, Any]
) -> Step:
    """A token's compiled test, with a one-string set test taken out for speed."""
    predicate, (low, high), lower_set, orth_set = compiled
    attrs = set(spec) - {"OP"}
    if attrs == {"LOWER"} and lower_set is not None:
        return (True, lower_set.__contains__, predicate, low, high, lower_set)
    if len(attrs) == 1 and attrs <= {"ORTH", "TEXT"} and orth_set is not None:
        return (False, orth_set.__contains__, predicate, low, high, orth_set)
    return (False, None, predicate, low, high, None)


def _longest(
    steps: list[Step],
    k: int,
    words: Sequence[str],
    lowers: Sequence[str],
    i: int,
    n: int,
) -> int:
    """End of the longest match of ``steps[k:]`` from token ``i`` (or -1 when none)."""
    if k == len(steps):
        return i
    on_lower, test, predicate, low, high, _ = steps[k]
    # The run of tokens from ``i`` that pass this step, up to its most repeats.
    stop = min(n, i + high)
    j = i
    if test is None:
        while j < stop and predicate(words[j], lowers[j]):
            j += 1
    else:
        seq = lowers if on_lower else words
        while j < stop and test(seq[j]):
            j += 1
    if j - i < low:
        return -1
    if k + 1 == len(steps):
        return j  # the last step: its longest run is the longest match
    best = -1
    for mid in range(j, i + low - 1, -1):
        end = _longest(steps, k + 1, words, lowers, mid, n)
        if end > best:
            best = end
    return best
