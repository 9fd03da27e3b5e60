"""Acronym definitions in running text, after Schwartz & Hearst (2003).

A. S. Schwartz and M. A. Hearst, "A Simple Algorithm for Identifying Abbreviation Definitions
in Biomedical Text", Pacific Symposium on Biocomputing 8:451-462, 2003.

Two forms are found: ``long form (SF)`` and ``SF (long form)``. The long form is the shortest
run of words before the parenthesis whose characters, read right to left, contain every letter
and digit of the short form in order, the first of them starting a word (S&H's
``findBestLongForm``). The window is ``min(len(SF) + 5, 2 * len(SF))`` words, as in the paper.
These are pure functions over strings; the pipeline component only wires them in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "Abbreviation",
    "best_long_form",
    "find_abbreviations",
    "find_appositive_definitions",
    "is_camel_short_form",
    "is_short_form",
]

_PAREN = re.compile(r"\(([^()]{1,120})\)")
_WORD = re.compile(r"\S+")
_ALTERNATIVES = re.compile(r"(\S+) or (\S+)")
_CAMEL_PART = re.compile(r"[A-Z][a-z]+")
#: "SF, a Long Form": a Title-Case run that small words ("of", "for") may link.
_APPOSITIVE = re.compile(
    r"(?<![\w-])([A-Za-z0-9][\w-]{1,9}), an? ([A-Z][\w-]*(?: (?:[A-Z][\w-]*|[a-z]{1,4})){1,7})"
)


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """A short form defined by a long form; offsets index into the text searched."""

    short: str
    short_start: int
    short_end: int
    long: str
    long_start: int
    long_end: int


def is_short_form(text: str) -> bool:
    """Whether ``text`` can be a short form: S&H's ``isValidShortForm`` plus an upper-case test.

    >>> is_short_form("CAE"), is_short_form("ALBERT"), is_short_form("e.g.")
    (True, True, False)
    """
    # S&H: at most ten characters, at most two words; a one-word CamelCase short form may be
    # longer ("Video Quux Benchmark (VideoQuuxBench)"): it spells its long form's words.
    if len(text.split()) > 2 or not (2 <= len(text) <= 10 or is_camel_short_form(text)):
        return False
    # It must start with a letter or digit and contain a letter.
    if not text[0].isalnum() or not any(c.isalpha() for c in text):
        return False
    # An acronym has at least one capital ("Ph.D" and "e.g." are not names; "i.e." neither).
    if not any(c.isupper() for c in text):
        return False
    # Abbreviations with full stops are citations or Latin ("et al.", "Ph.D.").
    if "." in text.rstrip("."):
        return False
    # Years, figures and citations: "(2023)", "(Fig. 2)", "(ours)".
    return not text.isdigit()


def is_camel_short_form(text: str) -> bool:
    """A one-word CamelCase short form longer than S&H's ten characters: two or more capitals
    each opening a run of small letters, at most 24 characters (``acronym.camel_short_form``).

    >>> is_camel_short_form("VideoQuuxBench"), is_camel_short_form("VIDEOQUUXBENCH")
    (True, False)
    >>> is_camel_short_form("Videoquuxbench"), is_camel_short_form("Quux-Bench-Long")
    (False, False)
    """
    return (
        len(text) <= 24
        and text.isalnum()
        and len(_CAMEL_PART.findall(text)) >= 2
        and not text.isupper()
    )


def _window(short: str) -> int:
    """How many words before the parenthesis a long form may take: S&H's
    ``min(len(SF) + 5, 2 * len(SF))``, counting a CamelCase short form's parts, not letters."""
    size = len(_CAMEL_PART.findall(short)) if len(short) > 10 else len(short)
    return min(size + 5, 2 * size)


def best_long_form(short: str, candidate: str) -> int | None:
    """Start offset in ``candidate`` of the shortest long form for ``short``, or None.

    S&H's ``findBestLongForm``: walk both strings right to left; each letter or digit of the
    short form must be found in order, and its first character must begin a word.

    >>> c = "a new context autoencoder"
    >>> c[best_long_form("CAE", c):]
    'context autoencoder'
    """
    s_index = len(short) - 1
    l_index = len(candidate) - 1
    lowered_short = short.lower()
    lowered = candidate.lower()
    while s_index >= 0:
        char = lowered_short[s_index]
        if not char.isalnum():
            s_index -= 1
            continue
        while l_index >= 0 and (
            lowered[l_index] != char
            or (s_index == 0 and l_index > 0 and lowered[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    start = lowered.rfind(" ", 0, l_index + 1) + 1
    return start


#: Characters looked at first when searching back from a parenthesis (doubled as needed).
_LOOK_BACK = 256


def _words_before(text: str, end: int, count: int, floor: int) -> int:
    """Start offset of the ``count`` words of ``text`` that end at ``end`` (not before floor).

    Only a window before ``end`` is searched, widened until it holds more than ``count``
    words or reaches ``floor``: the first word of a window may be cut, the others are whole.
    Searching from ``floor`` each time is quadratic in a sentence with many brackets.

    >>> _words_before("one two three four", 18, 2, 0)
    8
    """
    width = _LOOK_BACK
    while True:
        lo = max(floor, end - width)
        starts = [m.start() for m in _WORD.finditer(text, lo, end)]
        if lo == floor or len(starts) > count:
            break
        width *= 2
    if not starts:
        return end
    return starts[-count] if len(starts) >= count else starts[0]


_LAST_WORD = re.compile(r"(\S+)$")


def _last_word(text: str, floor: int, end: int) -> tuple[int, str] | None:
    r"""Offset and text of ``re.search(r"(\S+)$", text[floor:end])``, the word right before
    ``end``, searching only a window before ``end`` widened while the word may go on.

    >>> _last_word("a bc", 0, 4)
    (2, 'bc')
    """
    width = _LOOK_BACK
    while True:
        lo = max(floor, end - width)
        match = _LAST_WORD.search(text, lo, end)
        # A match at the window's start may be the tail of a longer word: widen.
        if lo == floor or match is None or match.start(1) > lo:
            break
        width *= 2
    return None if match is None else (match.start(1), match.group(1))


def find_abbreviations(text: str, *, floor: int = 0) -> list[Abbreviation]:
    """Every ``long form (SF)`` and ``SF (long form)`` definition in ``text``.

    ``floor`` bounds how far back a long form may reach (a sentence start, say).

    >>> [(a.short, a.long) for a in find_abbreviations("We train a context autoencoder (CAE).")]
    [('CAE', 'context autoencoder')]
    >>> [(a.short, a.long) for a in find_abbreviations("CAE (context autoencoder) works.")]
    [('CAE', 'context autoencoder')]
    """
    found: list[Abbreviation] = []
    for match in _PAREN.finditer(text, floor):
        inner = match.group(1).strip()
        # "(CAE; ours)", "(CAE, 2023)": S&H keep the part before ";" or ",".
        inner = re.split(r"[;,]\s", inner, maxsplit=1)[0].strip()
        inner_start = text.index(inner, match.start(1)) if inner else match.start(1)
        before_end = match.start()
        while before_end > floor and text[before_end - 1] == " ":
            before_end -= 1
        # "long form (QXQX or QX2)": two short forms for one long form; the one whose letters
        # the long form spells defines both.
        pair = _ALTERNATIVES.fullmatch(inner)
        if pair and is_short_form(pair.group(1)) and is_short_form(pair.group(2)):
            window = min(max(len(pair.group(1)), len(pair.group(2))) + 5, 10)
            start = _words_before(text, before_end, window, floor)
            candidate = text[start:before_end]
            for short in (pair.group(1), pair.group(2)):
                offset = best_long_form(short, candidate)
                if offset is not None:
                    break
            if offset is None:
                continue
            long_form = candidate[offset:].strip(" \"'“”")
            if "(" in long_form or ")" in long_form or len(long_form.split()) < 2:
                continue
            long_start = start + candidate.index(long_form, offset)
            for group in (1, 2):
                s_start = inner_start + pair.start(group)
                found.append(
                    Abbreviation(
                        pair.group(group),
                        s_start,
                        s_start + len(pair.group(group)),
                        long_form,
                        long_start,
                        long_start + len(long_form),
                    )
                )
            continue
        if is_short_form(inner):
            window = _window(inner)
            start = _words_before(text, before_end, window, floor)
            candidate = text[start:before_end]
            offset = best_long_form(inner, candidate)
            if offset is None:
                continue
            long_form = candidate[offset:].strip(" \"'“”")
            long_start = start + offset
            if len(long_form) <= len(inner) or long_form.lower() == inner.lower():
                continue
            # A long form does not contain another definition: "deeply (KNT-D) and widely".
            if "(" in long_form or ")" in long_form:
                continue
            if len(long_form.split()) > window:
                continue
            found.append(
                Abbreviation(
                    inner,
                    inner_start,
                    inner_start + len(inner),
                    long_form,
                    long_start,
                    long_start + len(long_form),
                )
            )
        elif len(inner.split()) >= 2:
            # "SF (long form)": the word right before the parenthesis is the short form.
            last = _last_word(text, floor, before_end)
            if last is None:
                continue
            short_start, short = last
            if not is_short_form(short):
                continue
            # The long form is a plain phrase of at most min(|SF| + 5, 2|SF|) words (S&H's
            # window), not a clause with figures ("XGBoost (81.2% against 75.3%)").
            if len(inner.split()) > min(len(short) + 5, 2 * len(short)) or re.search(
                r"[:;%=]|\d", inner
            ):
                continue
            offset = best_long_form(short, inner)
            if offset != 0:
                continue
            found.append(
                Abbreviation(
                    short,
                    short_start,
                    short_start + len(short),
                    inner,
                    inner_start,
                    inner_start + len(inner),
                )
            )
    found.extend(find_appositive_definitions(text, floor=floor))
    return found


def find_appositive_definitions(text: str, *, floor: int = 0) -> list[Abbreviation]:
    """``SF, a Long Form``: a short form followed by its Title-Case long form in apposition
    ("ZQRB, a Zero-shot Quux Recognition Benchmark"), an extension of S&H's two forms: the
    long form must spell the short form from its first word on (``best_long_form`` at offset
    0), every word of it but small linking words capitalised.

    >>> [(a.short, a.long) for a in find_appositive_definitions(
    ...     "We present ZQRB, a Zero-shot Quux Recognition Benchmark for agents.")]
    [('ZQRB', 'Zero-shot Quux Recognition Benchmark')]
    >>> find_appositive_definitions("We use GPT-4, a Large Model by Quux.")
    []
    """
    found: list[Abbreviation] = []
    for match in _APPOSITIVE.finditer(text, floor):
        short, long_form = match.group(1), match.group(2)
        words = long_form.split()
        while words and not words[-1][:1].isupper():
            words.pop()  # "..., a Quux Benchmark for": the long form ends at a capital
        long_form = " ".join(words)
        if len(words) < 2 or not is_short_form(short) or best_long_form(short, long_form) != 0:
            continue
        found.append(
            Abbreviation(
                short,
                match.start(1),
                match.end(1),
                long_form,
                match.start(2),
                match.start(2) + len(long_form),
            )
        )
    return found
