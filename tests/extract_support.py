"""Shared helpers for the extractor tests: one Extractor per test session."""

from __future__ import annotations

from functools import lru_cache

from kg.extract import Extractor
from kg.records import Paper, PaperExtraction


@lru_cache(maxsize=1)
def shared_extractor() -> Extractor:
    """The spaCy pipeline is built once for every extractor test module."""
    return Extractor()


def extract(title: str, abstract: str) -> PaperExtraction:
    return shared_extractor().extract(Paper(id="test:1", title=title, abstract=abstract))


def names(result: PaperExtraction, kind: str) -> dict[str, str]:
    """``{name: role}`` of one entity list ("methods", "datasets", "benchmarks")."""
    return {e.name: e.role for e in getattr(result, kind)}


def all_names(result: PaperExtraction) -> set[str]:
    return {n for e in result.entities for n in (e.name, *e.aliases)}
