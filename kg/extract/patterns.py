"""Load the extractor's data files (cues, not-entity lists, lexicons, gazetteer), validating
each line.

A malformed line fails at load time with :class:`kg.errors.ExtractionError` naming the file
and line, so a test that loads every file catches a bad pattern before it reaches a run.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from kg.errors import ExtractionError

__all__ = [
    "CUE_EFFECTS",
    "CUE_OPTIONS",
    "CUE_TARGETS",
    "METRIC",
    "METRIC_OR_METHOD",
    "METRIC_ROLES",
    "NOT_ENTITY_ROLES",
    "ORGANISATION",
    "Cue",
    "GazetteerEntry",
    "Lexicon",
    "LexiconEntry",
    "NotEntityList",
    "data_path",
    "load_cues",
    "load_gazetteer",
    "load_lexicon",
    "load_not_entities",
    "load_not_entity_lists",
]

CUE_EFFECTS = frozenset(
    {"proposed", "used", "method", "dataset", "benchmark", "evaluation", "collection"}
)
CUE_TARGETS = frozenset(
    {"right_first", "right_name", "right_list", "left_first", "left_adjacent", "left_list"}
)

#: The true/false options of a cue record (fields of :class:`Cue`, false when left out).
CUE_OPTIONS = (
    "definitional",
    "appositive",
    "coins_lowercase",
    "owns_definition",
    "stop_at_model_size",
    "covers_list",
)
_CUE_FIELDS = {"id", "why", "pattern", "effect", "target", "window", *CUE_OPTIONS}


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
    #: "X, a new dataset": the text says what X is (its type is defined, not guessed), and a
    #: name in a fronted phrase ("In X, a ...") is not the one described.
    appositive: bool = False
    #: A lower-case phrase after the cue is a name ("we call it early experience", rule 11).
    coins_lowercase: bool = False
    #: "our X": an acronym defined for the name it points at is the paper's own.
    owns_definition: bool = False
    #: "our 70B Llama 2-Chat model": a model size between cue and name makes the name a
    #: released model at one size, not the paper's own.
    stop_at_model_size: bool = False
    #: "our Foo (F) and Bar (B)": the names listed after the first one are pointed at too.
    covers_list: bool = False


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
        unknown = sorted(set(row) - _CUE_FIELDS)
        if unknown:
            raise ExtractionError(f"{where}: unknown field(s) {', '.join(unknown)}")
        options = {name: row.get(name, False) for name in CUE_OPTIONS}
        for name, value in options.items():
            if not isinstance(value, bool):
                raise ExtractionError(f"{where}: '{name}' must be true or false")
        cues.append(Cue(row["id"], pattern, row["effect"], row["target"], window, **options))
    return cues


#: What the names of a not-entity list are, where a rule needs more than "never an entity"
#: (the list record's ``role``): an ``organisation`` before "released X" makes X another's
#: artifact, a ``metric`` beside a name makes the name a measure, and a ``metric_or_method``
#: name ("MAE") is a method only where the text reads it as one.
ORGANISATION = "organisation"
METRIC = "metric"
METRIC_OR_METHOD = "metric_or_method"
NOT_ENTITY_ROLES = frozenset({ORGANISATION, METRIC, METRIC_OR_METHOD})
#: The roles whose names read as a metric (plain metrics and metric-or-method names).
METRIC_ROLES = frozenset({METRIC, METRIC_OR_METHOD})
_NOT_ENTITY_FIELDS = {"id", "why", "role", "names"}


@dataclass(frozen=True, slots=True)
class NotEntityList:
    """One group of names that are never entities, and what its names are (``role``; empty
    when the rules need no more than "never an entity")."""

    id: str
    names: tuple[str, ...]
    role: str = ""
    why: str = ""


def load_not_entity_lists(path: Path | None = None) -> list[NotEntityList]:
    """Read and validate ``not_entities.jsonl``: ``{"id", "why", "names", "role"?}`` lines."""
    path = path or data_path("patterns", "not_entities.jsonl")
    lists = []
    for lineno, row in _read_jsonl(path):
        where = f"{path}:{lineno} ({row['id']})"
        names = row.get("names")
        if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
            raise ExtractionError(f"{where}: 'names' must list strings")
        role = row.get("role", "")
        if role and role not in NOT_ENTITY_ROLES:
            raise ExtractionError(f"{where}: 'role' must be one of {sorted(NOT_ENTITY_ROLES)}")
        unknown = sorted(set(row) - _NOT_ENTITY_FIELDS)
        if unknown:
            raise ExtractionError(f"{where}: unknown field(s) {', '.join(unknown)}")
        lists.append(NotEntityList(row["id"], tuple(names), role, row.get("why", "")))
    return lists


def load_not_entities(path: Path | None = None) -> dict[str, str]:
    """Names that are never entities, mapped to the ``role`` of the first list that bans them
    (empty for a list with none). The rules read the role, never the list's id, so renaming
    a list changes nothing."""
    banned: dict[str, str] = {}
    for group in load_not_entity_lists(path):
        for name in group.names:
            banned.setdefault(name, group.role)
    return banned


#: The shipped gazetteer files, in kg/data/gazetteer (README.md there says what each holds).
GAZETTEER_FILES = ("methods.jsonl", "datasets.jsonl", "recent.jsonl")


def load_gazetteer(*paths: Path) -> list[GazetteerEntry]:
    """Read the gazetteer files (default: the derived methods and datasets, and the hand-made
    supplement of names the derived lists predate)."""
    if not paths:
        paths = tuple(data_path("gazetteer", name) for name in GAZETTEER_FILES)
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


#: The regular-expression flags a lexicon pattern may name.
_REGEX_FLAGS = {"IGNORECASE": re.IGNORECASE}
#: What a lexicon record holds besides ``id`` and ``why``: exactly one of these fields.
LEXICON_VALUES = ("terms", "phrases", "pattern", "map")


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One named word list, phrase list, regular expression or mapping, and why it exists."""

    id: str
    why: str
    kind: Literal["terms", "phrases", "pattern", "map"]
    value: Any
    where: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The extractor's vocabulary by id (``kg/data/lexicon/*.jsonl``), validated at load."""

    entries: dict[str, LexiconEntry]

    def _get(self, id_: str, kind: str) -> Any:
        entry = self.entries.get(id_)
        if entry is None:
            raise ExtractionError(f"lexicon: no entry {id_!r} (kg/data/lexicon/*.jsonl)")
        if entry.kind != kind:
            raise ExtractionError(f"{entry.where}: {id_!r} must hold '{kind}', not '{entry.kind}'")
        return entry.value

    def words(self, id_: str) -> frozenset[str]:
        """A word list (``terms``), as a set."""
        return self._get(id_, "terms")

    def phrases(self, id_: str) -> tuple[tuple[str, ...], ...]:
        """A list of phrases (``phrases``, each a list of words), in file order."""
        return self._get(id_, "phrases")

    def pattern(self, id_: str) -> re.Pattern[str]:
        """A regular expression (``pattern``, compiled with its ``flags``)."""
        return self._get(id_, "pattern")

    def mapping(self, id_: str) -> dict[str, str]:
        """A mapping from string to string (``map``), in file order."""
        return dict(self._get(id_, "map"))


def _lexicon_value(row: dict[str, Any], where: str) -> tuple[str, Any]:
    kinds = [k for k in LEXICON_VALUES if k in row]
    if len(kinds) != 1:
        raise ExtractionError(f"{where}: needs exactly one of {', '.join(LEXICON_VALUES)}")
    kind = kinds[0]
    value = row[kind]
    if kind == "terms":
        if not isinstance(value, list) or not value:
            raise ExtractionError(f"{where}: 'terms' must be a non-empty list of strings")
        if not all(isinstance(t, str) and t for t in value):
            raise ExtractionError(f"{where}: 'terms' must be a non-empty list of strings")
        return kind, frozenset(value)  # a term listed twice is one term
    if kind == "phrases":
        if not isinstance(value, list) or not value or not all(
            isinstance(p, list) and p and all(isinstance(w, str) and w for w in p) for p in value
        ):
            raise ExtractionError(f"{where}: 'phrases' must be a non-empty list of word lists")
        return kind, tuple(dict.fromkeys(tuple(p) for p in value))
    if kind == "map":
        if not isinstance(value, dict) or not value or not all(
            isinstance(k, str) and k and isinstance(v, str) and v for k, v in value.items()
        ):
            raise ExtractionError(f"{where}: 'map' must map non-empty strings to strings")
        return kind, tuple(value.items())
    flags = row.get("flags", [])
    if not isinstance(flags, list) or not all(f in _REGEX_FLAGS for f in flags):
        raise ExtractionError(f"{where}: 'flags' must list some of {sorted(_REGEX_FLAGS)}")
    if not isinstance(value, str) or not value:
        raise ExtractionError(f"{where}: 'pattern' must be a non-empty regular expression")
    combined = 0
    for flag in flags:
        combined |= _REGEX_FLAGS[flag]
    try:
        return kind, re.compile(value, combined)
    except re.error as exc:
        raise ExtractionError(f"{where}: 'pattern' is no regular expression: {exc}") from exc


def load_lexicon(*paths: Path) -> Lexicon:
    """Read and validate the lexicon files (default: every ``kg/data/lexicon/*.jsonl``).

    Each line is ``{"id", "why", <value>}`` where the value is one of ``terms`` (a word list),
    ``phrases`` (a list of word lists), ``pattern`` (a regular expression, optional ``flags``)
    or ``map``. Ids are unique across the files; a bad line fails naming its file and line.
    """
    if not paths:
        paths = tuple(sorted(data_path("lexicon").glob("*.jsonl")))
    entries: dict[str, LexiconEntry] = {}
    allowed = {"id", "why", "flags", *LEXICON_VALUES}
    for path in paths:
        for lineno, row in _read_jsonl(path):
            where = f"{path}:{lineno} ({row['id']})"
            unknown = sorted(set(row) - allowed)
            if unknown:
                raise ExtractionError(f"{where}: unknown field(s) {', '.join(unknown)}")
            if not isinstance(row.get("why"), str) or not row["why"].strip():
                raise ExtractionError(f"{where}: 'why' must say what the entry is for")
            if row["id"] in entries:
                raise ExtractionError(
                    f"{where}: id already defined at {entries[row['id']].where}"
                )
            kind, value = _lexicon_value(row, where)
            entries[row["id"]] = LexiconEntry(row["id"], row["why"], kind, value, where)  # type: ignore[arg-type]
    return Lexicon(entries)
