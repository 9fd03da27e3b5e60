"""Load the extractor's data files (cues, not-entity lists, gazetteer), validating each line.

A malformed line fails at load time with :class:`kg.errors.ExtractionError` naming the file
and line, so a test that loads every file catches a bad pattern before it reaches a run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from kg.errors import ExtractionError

__all__ = [
    "CUE_EFFECTS",
    "CUE_TARGETS",
    "Cue",
    "GazetteerEntry",
    "data_path",
    "load_cues",
    "load_gazetteer",
    "load_not_entities",
]

CUE_EFFECTS = frozenset({"proposed", "used", "method", "dataset", "benchmark", "evaluation"})
CUE_TARGETS = frozenset(
    {"right_first", "right_name", "right_list", "left_first", "left_adjacent", "left_list"}
)


@dataclass(frozen=True, slots=True)
class Cue:
    """A context pattern: where it matches (a spaCy Matcher pattern) and what it says."""

    id: str
    pattern: list[dict[str, Any]]
    effect: str
    target: str
    window: int
    #: A definitional cue ("the proposed X", "X, a novel ...") marks the paper's own artifact
    #: even when an older list knows the name (the list may be newer than the paper).
    definitional: bool = False


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """A known name; ``strength`` ``weak`` names need a typing cue nearby to count."""

    id: str
    name: str
    type: str
    strength: str
    #: The canonical name when this entry is a long form ("Proximal Policy Optimization").
    alias_of: str | None = None


def data_path(*parts: str) -> Path:
    """Path of a file shipped in ``kg/data``."""
    return Path(str(resources.files("kg").joinpath("data", *parts)))


def _read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ExtractionError(f"{path}: cannot read pattern file: {exc}") from exc
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ExtractionError(f"{path}:{lineno}: not valid JSON: {exc.msg}") from exc
        if not isinstance(row, dict) or not isinstance(row.get("id"), str) or not row["id"]:
            raise ExtractionError(f"{path}:{lineno}: each line needs a string 'id'")
        rows.append((lineno, row))
    ids = [row["id"] for _, row in rows]
    if len(ids) != len(set(ids)):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise ExtractionError(f"{path}: duplicate pattern ids: {', '.join(dup)}")
    return rows


def load_cues(path: Path | None = None) -> list[Cue]:
    """Read and validate ``cues.jsonl`` (the Matcher patterns are checked by spaCy later)."""
    path = path or data_path("patterns", "cues.jsonl")
    cues = []
    for lineno, row in _read_jsonl(path):
        where = f"{path}:{lineno} ({row['id']})"
        pattern = row.get("pattern")
        if (
            not isinstance(pattern, list)
            or not pattern
            or not all(isinstance(t, dict) for t in pattern)
        ):
            raise ExtractionError(f"{where}: 'pattern' must be a non-empty list of token dicts")
        if row.get("effect") not in CUE_EFFECTS:
            raise ExtractionError(f"{where}: 'effect' must be one of {sorted(CUE_EFFECTS)}")
        if row.get("target") not in CUE_TARGETS:
            raise ExtractionError(f"{where}: 'target' must be one of {sorted(CUE_TARGETS)}")
        window = row.get("window", 1)
        if not isinstance(window, int) or window < 1:
            raise ExtractionError(f"{where}: 'window' must be a positive integer")
        definitional = row.get("definitional", False)
        if not isinstance(definitional, bool):
            raise ExtractionError(f"{where}: 'definitional' must be true or false")
        cues.append(Cue(row["id"], pattern, row["effect"], row["target"], window, definitional))
    return cues


def load_not_entities(path: Path | None = None) -> dict[str, str]:
    """Names that are never entities, mapped to the id of the list that bans them."""
    path = path or data_path("patterns", "not_entities.jsonl")
    banned: dict[str, str] = {}
    for lineno, row in _read_jsonl(path):
        names = row.get("names")
        if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
            raise ExtractionError(f"{path}:{lineno} ({row['id']}): 'names' must list strings")
        for name in names:
            banned.setdefault(name, row["id"])
    return banned


def load_gazetteer(*paths: Path) -> list[GazetteerEntry]:
    """Read the derived gazetteer files (default: methods and datasets)."""
    if not paths:
        paths = (data_path("gazetteer", "methods.jsonl"), data_path("gazetteer", "datasets.jsonl"))
    entries = []
    for path in paths:
        for lineno, row in _read_jsonl(path):
            where = f"{path}:{lineno} ({row['id']})"
            if not isinstance(row.get("name"), str) or not row["name"].strip():
                raise ExtractionError(f"{where}: 'name' must be a non-empty string")
            if row.get("type") not in {"method", "dataset", "benchmark"}:
                raise ExtractionError(f"{where}: 'type' must be method, dataset or benchmark")
            if row.get("strength") not in {"strong", "weak"}:
                raise ExtractionError(f"{where}: 'strength' must be strong or weak")
            alias_of = row.get("alias_of")
            if alias_of is not None and not isinstance(alias_of, str):
                raise ExtractionError(f"{where}: 'alias_of' must be a string")
            entries.append(
                GazetteerEntry(row["id"], row["name"], row["type"], row["strength"], alias_of)
            )
    return entries
