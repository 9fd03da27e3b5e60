"""Sentence boundaries by rule: the title is sentence 0, the abstract is split after . ! ?

A regular expression over the text is far cheaper than a parser and good enough to give each
mention its sentence as evidence. Abbreviations that end in a full stop ("e.g.", "et al.",
"Fig.": the lexicon's ``no_break_abbreviations``) and initials do not end a sentence.
"""

from __future__ import annotations

import re

from kg.extract import vocabulary as vocab

__all__ = ["sentence_spans"]

#: A sentence end: its punctuation (group 1), then a closing quote or bracket, white space and
#: a capital or digit. The punctuation is matched, not looked behind for: a lookbehind is
#: tried at every character, which made this search 2.4 times slower.
_BOUNDARY = re.compile(r"([.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")


@vocab.per_lexicon
def _no_break() -> re.Pattern[str]:
    """A full stop after a listed abbreviation or an initial (a lone capital), at the end."""
    words = "|".join(rf"\b{re.escape(w)}" for w in sorted(vocab.NO_BREAK_ABBREVIATIONS))
    return re.compile(rf"(?:{words}|(?<![-\w])[A-Z])\.$")


@vocab.per_lexicon
def _no_break_endings() -> tuple[str, ...]:
    """The endings :func:`_no_break` needs ("e.g.", "Fig."), besides a capital and a full stop:
    a text with none of them cannot match it, which ``str.endswith`` tells far faster."""
    return tuple(f"{w}." for w in vocab.NO_BREAK_ABBREVIATIONS)


def _may_not_break(head: str) -> bool:
    """Whether :func:`_no_break` can match ``head``: it ends with a listed abbreviation's full
    stop or with a capital and a full stop."""
    return head.endswith(_no_break_endings()) or (
        len(head) >= 2 and head[-1] == "." and "A" <= head[-2] <= "Z"
    )


def sentence_spans(text: str, title_end: int) -> list[tuple[int, int]]:
    """``(start, end)`` character spans of the sentences of ``text``; the first is the title.

    ``title_end`` is where the title stops (the abstract starts after the blank line).

    >>> t = "Title\\n\\nFirst one, e.g. this. Second one."
    >>> [t[s:e] for s, e in sentence_spans(t, 5)]
    ['Title', 'First one, e.g. this.', 'Second one.']
    """
    spans = [(0, title_end)]
    start = title_end
    while start < len(text) and text[start].isspace():
        start += 1
    if start >= len(text):
        return spans
    no_break = _no_break()
    for match in _BOUNDARY.finditer(text, start):
        stop = match.end(1)  # just after the punctuation
        head = text[max(start, stop - 12) : stop].rstrip("\"')]")
        if _may_not_break(head) and no_break.search(head):
            continue
        end = stop
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
        start = match.end()
    end = len(text.rstrip())
    if end > start:
        spans.append((start, end))
    return spans
