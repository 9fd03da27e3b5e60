"""CSV and TSV tables with a header row naming the title and abstract columns.

Column names are matched case-insensitively with the same field names as JSON records
(``title``, ``abstract``/``summary``, ``authors``, ``doi``, ``id``, ``date`` ...). Quoted
fields may span lines; each record's provenance is the line it starts on.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from kg.readers.base import Problem, Record
from kg.readers.fields import ABSTRACT_FIELDS, TITLE_FIELDS, record_from_fields
from kg.readers.files import read_text

__all__ = ["read_csv", "read_tsv"]


def _read_table(path: Path, source: str, delimiter: str) -> Iterator[Record | Problem]:
    text = read_text(path, source)
    # Abstracts can exceed csv's default 128 KiB field limit in pathological exports.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        yield Problem(f"cannot read the header row ({exc}), file skipped", source, 1)
        return
    names = [h.strip().lower() for h in header]
    missing = [
        kind
        for kind, accepted in (("title", TITLE_FIELDS), ("abstract", ABSTRACT_FIELDS))
        if not any(n in accepted for n in names)
    ]
    if missing:
        yield Problem(
            f"header names no {' or '.join(missing)} column (found: {', '.join(header)}), "
            "file skipped",
            source,
            1,
        )
        return
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Problem(f"malformed row ({exc}), rest of file skipped", source, start)
            return
        if any(cell.strip() for cell in row):
            if len(row) > len(names):
                yield Problem(
                    f"row has {len(row)} fields, header has {len(names)}, skipped", source, start
                )
            else:
                yield record_from_fields(dict(zip(names, row, strict=False)), source, start)
        start = reader.line_num + 1


def read_csv(path: Path, source: str) -> Iterator[Record | Problem]:
    """Comma-separated table."""
    yield from _read_table(path, source, ",")


def read_tsv(path: Path, source: str) -> Iterator[Record | Problem]:
    """Tab-separated table."""
    yield from _read_table(path, source, "\t")
