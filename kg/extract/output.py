"""Write extractions as JSON Lines: the library function behind ``kg extract``."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from kg.fileio import atomic_write

if TYPE_CHECKING:
    from kg.extract.pipeline import ExtractionLine

__all__ = ["ExtractStats", "extract_to_jsonl"]


@dataclass(slots=True)
class ExtractStats:
    """Counts of one ``kg extract`` run."""

    papers: int = 0
    methods: int = 0
    datasets: int = 0
    benchmarks: int = 0
    repositories: int = 0

    def summary(self) -> str:
        return (
            f"{self.papers} papers: {self.methods} methods, {self.datasets} datasets, "
            f"{self.benchmarks} benchmarks, {self.repositories} repositories"
        )


def extract_to_jsonl(
    inputs: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    format: str | None = None,
    processes: int = 1,
    on_warning: Callable[[str], None] | None = None,
    on_paper: Callable[[], None] | None = None,
) -> ExtractStats:
    """Read papers from ``inputs`` (any reader format), extract, write one line per paper.

    Duplicates are merged as ``kg papers`` and ``kg build`` merge them (every occurrence read,
    richest metadata kept), so the three commands see the same papers; that needs every
    paper's metadata in memory before extraction starts (linear in the input), while
    extractions stream to ``out``. ``out`` is replaced atomically at the end (``-`` writes
    to standard output), so a failed run leaves an earlier file intact and a re-run writes
    the same bytes.
    """
    from kg.extract.pipeline import extract_lines
    from kg.readers import read_papers

    if processes < 1:
        raise ValueError(f"processes must be at least 1, got {processes}")
    stats = ExtractStats()
    papers = read_papers(list(inputs), format=format, on_warning=on_warning).papers
    lines = extract_lines(papers, processes=processes, on_warning=on_warning)
    if str(out) == "-":
        _write(lines, sys.stdout, stats, on_paper)
        return stats
    with atomic_write(out, newline="\n") as handle:
        _write(lines, handle, stats, on_paper)
    return stats


def _write(
    lines: Iterable[ExtractionLine],
    handle: IO[str],
    stats: ExtractStats,
    on_paper: Callable[[], None] | None,
) -> None:
    for item in lines:
        handle.write(item.line + "\n")
        stats.papers += 1
        stats.methods += item.methods
        stats.datasets += item.datasets
        stats.benchmarks += item.benchmarks
        stats.repositories += item.repositories
        if on_paper is not None:
            on_paper()
