"""Readers: paper listings, JSON Lines/JSON, CSV/TSV -> deduplicated :class:`~kg.records.Paper`.

>>> from kg.readers import read_papers
>>> from kg.testing import sample_papers_file
>>> result = read_papers([sample_papers_file()])    # or ["examples/hf-papers"]: (693, 639)
>>> result.stats.entries, result.stats.unique
(4, 3)

Bad input never stops a run: each unreadable, undecodable, binary or empty file and each bad
record becomes one warning ``file:line: reason`` (in :attr:`ReadResult.warnings` and passed to
``on_warning``) and the rest is read. With ``strict=True`` any problem raises
:class:`~kg.errors.InputError` instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.readers.base import Problem, Record
from kg.readers.detect import FORMATS, detect_format
from kg.records import Paper

__all__ = ["FORMATS", "ReadResult", "ReadStats", "file_records", "iter_papers", "read_papers"]

PathLike = str | os.PathLike[str]
WarningCallback = Callable[[str], None]


@dataclass(slots=True)
class ReadStats:
    """Counts of one read.

    ``entries`` = paper records found (``read`` good + ``skipped`` bad); ``duplicates`` = good
    records that repeat an earlier paper; ``unique`` = papers returned. ``files`` were opened,
    ``files_skipped`` of them could not be read at all.
    """

    files: int = 0
    files_skipped: int = 0
    entries: int = 0
    read: int = 0
    skipped: int = 0
    duplicates: int = 0
    unique: int = 0

    def summary(self) -> str:
        """One line for the end of a run."""
        text = (
            f"{self.entries} entries in {self.files} files: {self.unique} unique papers, "
            f"{self.read} read, {self.skipped} skipped, {self.duplicates} duplicates"
        )
        if self.files_skipped:
            text += f", {self.files_skipped} files skipped"
        return text


@dataclass(slots=True)
class ReadResult:
    """Deduplicated papers in first-seen order, the warnings, and the counts."""

    papers: list[Paper] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stats: ReadStats = field(default_factory=ReadStats)


def _reader(name: str) -> Callable[[Path, str], Iterator[Record | Problem]]:
    # Imported here so that importing kg.readers stays cheap.
    from kg.readers import csv_table, hf_listing, jsonl

    readers: dict[str, Callable[[Path, str], Iterator[Record | Problem]]] = {
        "hf-listing": hf_listing.read,
        "jsonl": jsonl.read_jsonl,
        "json": jsonl.read_json,
        "csv": csv_table.read_csv,
        "tsv": csv_table.read_tsv,
    }
    return readers[name]


def file_records(path: Path, format: str | None = None) -> Iterator[Record | Problem]:
    """Every record and bad record of one file, in file order (what :func:`read_papers`
    reads per file; ``kg.spark`` reads each file in a task with it). Raises
    :class:`InputError` when the file itself cannot be read."""
    source = str(path)
    return _reader(detect_format(path, source, format=format))(path, source)


def _records(
    paths: PathLike | Iterable[PathLike],
    *,
    format: str | None,
    strict: bool,
    stats: ReadStats,
    on_warning: WarningCallback | None,
    warnings: list[str] | None,
) -> Iterator[Record]:
    """Every good record of every file; problems are counted and reported (or raised)."""
    from kg.readers.files import expand_paths

    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # one path, not an iterable of characters
    if format is not None and format not in FORMATS:
        raise InputError(f"unknown format {format!r} (choose from {', '.join(FORMATS)})")

    def report(problem: InputError) -> None:
        if strict:
            raise problem
        message = str(problem)
        if warnings is not None:
            warnings.append(message)
        if on_warning is not None:
            on_warning(message)

    for path in expand_paths(paths):
        if isinstance(path, InputError):  # a directory's non-input file: a note, never fatal
            if warnings is not None:
                warnings.append(str(path))
            if on_warning is not None:
                on_warning(str(path))
            continue
        stats.files += 1
        try:
            for item in file_records(path, format):
                stats.entries += 1
                if isinstance(item, Record):
                    stats.read += 1
                    yield item
                else:
                    stats.skipped += 1
                    report(item)
        except InputError as problem:  # the file itself: unreadable, empty, binary, not UTF-8
            if strict:
                raise  # already the problem to report (or one report() raised)
            stats.files_skipped += 1
            report(problem)


def iter_papers(
    paths: PathLike | Iterable[PathLike],
    *,
    format: str | None = None,
    strict: bool = False,
    on_warning: WarningCallback | None = None,
    stats: ReadStats | None = None,
) -> Iterator[Paper]:
    """Stream the papers of ``paths`` (files or directories), each paper once.

    The first occurrence of each paper wins (nothing is merged: it has already been yielded);
    memory grows with the number of distinct ids only. Problems go to ``on_warning`` (or raise
    :class:`InputError` at the first one with ``strict``). Pass a :class:`ReadStats` to have
    it filled in as the stream is consumed.
    """
    from kg.readers.dedupe import Deduplicator

    stats = stats if stats is not None else ReadStats()
    seen = Deduplicator()
    for record in _records(
        paths, format=format, strict=strict, stats=stats, on_warning=on_warning, warnings=None
    ):
        if seen.find(record) is not None:
            stats.duplicates += 1
            continue
        seen.add(record)
        stats.unique += 1
        yield record.paper


def read_papers(
    paths: PathLike | Iterable[PathLike],
    *,
    format: str | None = None,
    strict: bool = False,
    on_warning: WarningCallback | None = None,
    on_record: Callable[[], None] | None = None,
) -> ReadResult:
    """Read and deduplicate every paper in ``paths`` (files or directories, recursively).

    Parameters
    ----------
    paths : str, Path, or iterable of them
        Input files; a directory stands for every non-hidden file under it, sorted.
    format : str, optional
        One of :data:`FORMATS`; by default detected per file from extension and content.
    strict : bool
        Raise :class:`~kg.errors.InputError` at the first problem instead of warning.
    on_warning : callable, optional
        Called with each warning line (``file:line: reason``) as it happens.
    on_record : callable, optional
        Called after each good record (for a progress bar).

    Returns
    -------
    ReadResult
        Papers in first-seen order, duplicates merged: every occurrence kept, richest
        metadata kept (see :func:`kg.readers.dedupe.merge_papers`).

    Examples
    --------
    >>> from kg.testing import sample_papers_file
    >>> result = read_papers([sample_papers_file()])
    >>> result.papers[0].title
    'MAFormer: Multi-scale Attention Fusion'
    """
    from kg.readers.dedupe import Deduplicator, merge_papers

    result = ReadResult()
    index = Deduplicator()
    for record in _records(
        paths,
        format=format,
        strict=strict,
        stats=result.stats,
        on_warning=on_warning,
        warnings=result.warnings,
    ):
        found = index.find(record)
        if found is None:
            index.add(record)
            result.papers.append(record.paper)
        else:
            index.add(record, found)
            result.papers[found] = merge_papers(result.papers[found], record.paper)
            result.stats.duplicates += 1
        if on_record is not None:
            on_record()
    result.stats.unique = len(result.papers)
    return result
