"""Deduplication: one Paper per paper, whatever number of files and formats it came from.

Two records are the same paper when they share an id (arXiv id, DOI, or title hash), when
one's DOI is the other's id, or when their normalised titles are equal and their strong ids
do not contradict each other (two different arXiv ids are two papers, even with one title).
"""

from __future__ import annotations

from dataclasses import replace

from kg.readers.base import Record
from kg.readers.ids import normalize_title, title_id
from kg.records import Paper

__all__ = ["Deduplicator", "merge_papers"]


def _scheme(paper_id: str) -> str:
    return paper_id.partition(":")[0]


def _title_key(paper: Paper) -> str | None:
    """The title hash two records with equal normalised titles share; None for a title with
    no letter or digit (all such titles normalise to "": they must not merge on it)."""
    return title_id(paper.title) if normalize_title(paper.title) else None


def _id_rank(paper_id: str) -> int:
    return {"arxiv": 0, "doi": 1}.get(_scheme(paper_id), 2)


def merge_papers(kept: Paper, other: Paper) -> Paper:
    """``kept`` completed with ``other``: every occurrence, and the richer value per field.

    Richer means: the strong id (arXiv over DOI over title hash); the longer abstract and
    author list (a listing may truncate); a date with a known year over one without (date
    and date_text travel together); the higher upvote count (the later snapshot); otherwise
    the first value seen. Categories are united in first-seen order.

    >>> a = Paper("title:1", "T", "Short.", date_text="Sep 25")
    >>> b = Paper("arxiv:2101.00001", "T", "Short. And more.", date="2023-09-25")
    >>> m = merge_papers(a, b)
    >>> m.id, m.abstract, m.date
    ('arxiv:2101.00001', 'Short. And more.', '2023-09-25')
    """
    date, date_text = kept.date, kept.date_text
    if (other.date and not kept.date) or (not date_text and other.date_text and not date):
        date, date_text = other.date, other.date_text
    upvotes = [v for v in (kept.upvotes, other.upvotes) if v is not None]
    return replace(
        kept,
        id=other.id if _id_rank(other.id) < _id_rank(kept.id) else kept.id,
        abstract=other.abstract if len(other.abstract) > len(kept.abstract) else kept.abstract,
        date=date,
        date_text=date_text,
        authors=other.authors if len(other.authors) > len(kept.authors) else kept.authors,
        author_count=kept.author_count if kept.author_count is not None else other.author_count,
        upvotes=max(upvotes) if upvotes else None,
        organization=kept.organization or other.organization,
        url=kept.url or other.url,
        categories=tuple(dict.fromkeys((*kept.categories, *other.categories))),
        occurrences=tuple(dict.fromkeys((*kept.occurrences, *other.occurrences))),
    )


class Deduplicator:
    """Index of papers seen so far: finds the paper a new record duplicates, if any.

    Memory is a few dict entries per unique paper (ids and a title hash), no texts, so
    :func:`kg.readers.iter_papers` can stream any number of records. Strong ids (arXiv, DOI)
    are kept per paper only when it has some: most listing-page papers have none, and an empty
    set per paper would be most of the index.
    """

    def __init__(self) -> None:
        self._by_key: dict[str, int] = {}
        self._strong: dict[int, set[str]] = {}
        self.count = 0

    def _keys(self, record: Record) -> list[str]:
        return [record.paper.id, *record.alt_ids]

    def find(self, record: Record) -> int | None:
        """Index of the paper ``record`` duplicates, or None when it is new."""
        for key in self._keys(record):
            if key in self._by_key:
                return self._by_key[key]
        title_key = _title_key(record.paper)
        index = self._by_key.get(title_key) if title_key is not None else None
        if index is None:
            return None
        mine = {k for k in self._keys(record) if _scheme(k) != "title"}
        theirs = self._strong.get(index, set())
        for scheme in ("arxiv", "doi"):
            a = {k for k in mine if _scheme(k) == scheme}
            b = {k for k in theirs if _scheme(k) == scheme}
            if a and b and not a & b:
                return None  # same title, different papers
        return index

    def add(self, record: Record, index: int | None = None) -> int:
        """Register ``record`` (as paper ``index`` when it is a duplicate); return the index."""
        if index is None:
            index = self.count
            self.count += 1
        title_key = _title_key(record.paper)
        for key in (*self._keys(record), *((title_key,) if title_key is not None else ())):
            self._by_key.setdefault(key, index)
        strong = {k for k in self._keys(record) if _scheme(k) != "title"}
        if strong:
            self._strong.setdefault(index, set()).update(strong)
        return index
