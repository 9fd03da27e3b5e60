"""What every format reader yields: a :class:`Record` per paper, or a problem."""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import InputError
from kg.records import Paper

__all__ = ["Problem", "Record", "excerpt"]

#: A bad entry or file, reported as a warning (or raised with ``strict``).
Problem = InputError


@dataclass(slots=True)
class Record:
    """One paper as read from one place in one file.

    ``alt_ids`` are the paper's other strong ids (a DOI next to an arXiv id) so that
    deduplication can match a record that only carries one of them.
    """

    paper: Paper
    alt_ids: tuple[str, ...] = ()


def excerpt(text: str, limit: int = 60) -> str:
    """A short quoted excerpt of ``text`` for a warning."""
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
