"""JSON Lines (one object per line) and JSON files (an array of objects, or one object).

JSON Lines are streamed line by line, so a multi-gigabyte arXiv snapshot needs memory for one
line at a time. A line that does not parse is reported with its number and skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.readers.base import Problem, Record
from kg.readers.fields import record_from_fields
from kg.readers.files import iter_text_lines, read_text

__all__ = ["read_json", "read_jsonl"]


def _from_value(value: Any, source: str, line: int) -> Record | Problem:
    if not isinstance(value, dict):
        found = type(value).__name__
        return Problem(f"expected a JSON object, found {found}, skipped", source, line)
    return record_from_fields(value, source, line)


def read_jsonl(path: Path, source: str) -> Iterator[Record | Problem]:
    """One record per non-blank line."""
    for item in iter_text_lines(path, source):
        if isinstance(item, Problem):
            yield item
            continue
        number, text = item
        if not text.strip():
            continue
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Problem(f"line is not valid JSON ({exc.msg}), skipped", source, number)
            continue
        yield _from_value(value, source, number)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def read_json(path: Path, source: str) -> Iterator[Record | Problem]:
    """An array of objects (each element's line is its provenance), a single object, or JSON
    Lines saved as ``.json``. Inside an array, an element that does not parse ends the file
    (JSON cannot be resynchronised), with a problem naming its line."""
    text = read_text(path, source)
    start = len(text) - len(text.lstrip())
    if not text.startswith("[", start):
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            yield from read_jsonl(path, source)  # JSON Lines with a .json name
            return
        yield _from_value(value, source, _line_of(text, start))
        return
    decoder = json.JSONDecoder()
    position = start + 1
    while True:
        while position < len(text) and text[position] in " \t\r\n,":
            position += 1
        if position >= len(text):
            yield Problem("JSON array is not closed", source, _line_of(text, position))
            return
        if text[position] == "]":
            return
        try:
            value, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            yield Problem(
                f"invalid JSON ({exc.msg}), rest of file skipped", source, _line_of(text, exc.pos)
            )
            return
        yield _from_value(value, source, _line_of(text, position))
        position = end
