"""Hugging Face paper-listing pages saved as text (``huggingface.co/papers`` and its search).

Three layouts occur and are read by one line classifier:

1. title and abstract lines separated by blank lines;
2. title and abstract on consecutive lines, no blank lines;
3. layout 1 plus a metadata block *after* each abstract::

       •  14 authors          (or an organisation line: "nvidia NVIDIA")
       ·
       May 10, 2022           ("Sep 25" without a year; "Aug 14 2": 2 is the upvote count)

Page chrome ("new", "Subscribe", "Daily Papers", "byAK and the research community", the
e-mail teaser, the page's date header) is dropped, including "Subscribe" glued to the first
title ("SubscribeMAFormer: ...").

Every other non-blank line is text; text lines alternate title, abstract. Two guards keep a
missing line from shifting every later pair: a "title" longer than :data:`MAX_TITLE_CHARS`
is an abstract without a title, and a line after a title that is short with no sentence end,
or short and followed by an abstract-length line, is the next title (the first had no
abstract). Both are reported and skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypedDict

from kg.readers.base import Problem, Record, excerpt
from kg.readers.dates import MONTHS, iso_date
from kg.readers.files import read_text
from kg.readers.ids import clean_text, normalize_whitespace, title_id
from kg.records import Occurrence, Paper

__all__ = ["MAX_TITLE_CHARS", "parse_listing", "read"]

#: Lines that are page furniture, compared case-folded.
CHROME_LINES = frozenset(
    line.casefold()
    for line in (
        "new",
        "Subscribe",
        "Daily Papers",
        "byAK and the research community",
        "Get trending papers in your email inbox!",
        "Get trending papers in your email inbox once a day!",
    )
)
_GLUED_PREFIX = "Subscribe"
#: Longest plausible title; arXiv titles rarely exceed 250 characters, abstracts start ~500.
MAX_TITLE_CHARS = 300
#: A line after a title shorter than this, with no sentence end, is read as another title.
MIN_ABSTRACT_CHARS = 200
_SEPARATOR = "·"
_AUTHORS = re.compile(r"^[•·*-]\s*(\d+)\s+authors?$", re.IGNORECASE)
_DATE = re.compile(
    r"^(?P<month>[A-Z][a-z]{2,8})\.? (?P<day>\d{1,2})(?:, (?P<year>\d{4}))?(?: (?P<upvotes>\d+))?$"
)


class _Metadata(TypedDict, total=False):
    """What a listing's metadata lines say about the paper above them (Paper field names)."""

    date: str
    date_text: str
    author_count: int
    upvotes: int
    organization: str


@dataclass(slots=True)
class _Entry:
    """A paper being assembled: title and abstract seen, metadata may still follow."""

    line: int
    title: str
    abstract: str
    meta: _Metadata = field(default_factory=lambda: _Metadata())


def _date_line(text: str) -> _Metadata | None:
    """Metadata from a listing date line, or None when ``text`` is not one."""
    match = _DATE.match(text)
    if not match or match.group("month").lower() not in MONTHS:
        return None
    date_text = f"{match.group('month')} {match.group('day')}"
    if match.group("year"):
        date_text += f", {match.group('year')}"
    meta = _Metadata(date_text=date_text)
    iso = iso_date(date_text)
    if iso:
        meta["date"] = iso
    if match.group("upvotes"):
        meta["upvotes"] = int(match.group("upvotes"))
    return meta


def _looks_like_abstract(text: str) -> bool:
    return len(text) >= MIN_ABSTRACT_CHARS or text.rstrip().endswith((".", "!", "?"))


def _is_next_title(line: str, following: str | None) -> bool:
    """Whether ``line``, right after a title, is the next title rather than its abstract.

    It is when it does not read like an abstract, or when it is short and the line after it
    is too long to be a title (so *that* line is the abstract of this one).
    """
    if len(line) > MAX_TITLE_CHARS:
        return False
    if not _looks_like_abstract(line):
        return True
    return (
        len(line) < MIN_ABSTRACT_CHARS
        and following is not None
        and (len(following) > MAX_TITLE_CHARS)
    )


def _paper(entry: _Entry, source: str) -> Record:
    title = normalize_whitespace(entry.title)
    abstract = normalize_whitespace(entry.abstract)
    paper = Paper(
        id=title_id(title, abstract),
        title=title,
        abstract=abstract,
        occurrences=(Occurrence(source, entry.line),),
        **entry.meta,
    )
    if paper.organization is not None:
        paper = replace(paper, organization=normalize_whitespace(paper.organization) or None)
    return Record(paper)


def parse_listing(text: str, source: str) -> Iterator[Record | Problem]:
    """Records (and problems) of one listing page, in page order.

    Parameters
    ----------
    text : str
        The page as saved (any of the three layouts).
    source : str
        File name used in provenance and messages.

    Examples
    --------
    >>> page = "new\\n\\nSubscribe\\n\\nA Title\\n\\nAn abstract that ends here.\\n"
    >>> [r.paper.title for r in parse_listing(page, "p.txt")]
    ['A Title']
    """
    # Cleaned before lines are classified, so a stray ESC cannot hide a sentence end.
    lines = [(n, line.strip()) for n, line in enumerate(clean_text(text).split("\n"), start=1)]
    lines = [(n, line) for n, line in lines if line]
    in_header = True
    pending: tuple[int, str] | None = None  # a title waiting for its abstract
    current: _Entry | None = None  # the last complete paper; its metadata may follow

    def orphan(reason: str) -> Problem:
        assert pending is not None
        message = f"title with no abstract {reason}: {excerpt(pending[1])}"
        return Problem(message, source, pending[0])

    for index, (number, line) in enumerate(lines):
        following = lines[index + 1][1] if index + 1 < len(lines) else None
        if line.casefold() in CHROME_LINES:
            continue
        glued = line[len(_GLUED_PREFIX) :]
        # "SubscribeMAFormer" is chrome glued to a title; "Subscriber churn ..." is a title.
        if (
            in_header
            and line.startswith(_GLUED_PREFIX)
            and (glued[:1].isupper() or glued[:1].isdigit())
        ):
            line = glued
        meta: _Metadata | None = None
        if line == _SEPARATOR:
            meta = _Metadata()
        elif match := _AUTHORS.match(line):
            meta = _Metadata(author_count=int(match.group(1)))
        elif (date_meta := _date_line(line)) is not None:
            meta = _Metadata() if in_header else date_meta  # the page's date header is chrome
        elif following == _SEPARATOR:
            slug, _, name = line.partition(" ")
            meta = _Metadata(organization=name.strip() or slug)
        if meta is not None:
            if pending is not None:
                yield orphan("before its metadata")
                pending = None
            if current is not None:
                current.meta.update(meta)
            continue

        in_header = False
        if pending is None:
            if len(line) > MAX_TITLE_CHARS:
                yield Problem(f"abstract with no title: {excerpt(line)}", source, number)
                continue
            if current is not None:
                yield _paper(current, source)
                current = None
            pending = (number, line)
        elif _is_next_title(line, following):
            yield orphan("(the next line is another title)")
            pending = (number, line)
        else:
            current = _Entry(pending[0], pending[1], line)
            pending = None
    if current is not None:
        yield _paper(current, source)
    if pending is not None:
        yield orphan("at the end of the page")


def read(path: Path, source: str) -> Iterator[Record | Problem]:
    """Read one listing page file (problems with the file itself are raised)."""
    yield from parse_listing(read_text(path, source), source)
