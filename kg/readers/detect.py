"""Which reader a file needs: from its extension, else from its first bytes.

``--format`` overrides both. Content wins over a generic extension (``.txt``, none) only:
a ``.csv`` is read as CSV even if it looks odd, so the warning names the real problem.
A ``.gz``/``.bz2`` suffix is looked through (``a.jsonl.gz`` is JSON Lines) and the content
is sniffed decompressed.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import InputError
from kg.readers.files import inner_suffix, sniff_bytes

__all__ = ["FORMATS", "detect_format"]

#: Every input format, by the name ``--format`` takes.
FORMATS = ("hf-listing", "jsonl", "json", "csv", "tsv")

_BY_EXTENSION = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
}


def detect_format(path: Path, source: str, *, format: str | None = None) -> str:
    """The format name for ``path``: ``format`` if given, else by extension, else by content.

    Content rules: ``[`` first -> json; ``{`` first -> jsonl; a first line with tabs or commas
    that names a title and an abstract column -> tsv/csv; anything else -> hf-listing.
    Raises InputError for an unknown ``format`` or a file that cannot be read.
    """
    if format is not None:
        if format not in FORMATS:
            raise InputError(f"unknown format {format!r} (choose from {', '.join(FORMATS)})")
        return format
    by_extension = _BY_EXTENSION.get(inner_suffix(path))
    if by_extension:
        return by_extension
    head = sniff_bytes(path, source).decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        return "jsonl"
    first_line = head.split("\n", 1)[0].lower()
    if "title" in first_line and ("abstract" in first_line or "summary" in first_line):
        if "\t" in first_line:
            return "tsv"
        if "," in first_line:
            return "csv"
    return "hf-listing"
