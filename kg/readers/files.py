"""Finding input files and reading their text safely.

Every failure becomes an :class:`~kg.errors.InputError` naming the file (and the line when
there is one); the callers turn it into a warning, so one bad file never stops a run.
``.gz`` and ``.bz2`` files are decompressed while they are read (streamed, never whole);
the format is that of the name without the suffix.
"""

from __future__ import annotations

import bz2
import gzip
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError
from kg.exporters import EXPORTERS

__all__ = [
    "COMPRESSED_SUFFIXES",
    "INPUT_SUFFIXES",
    "expand_paths",
    "inner_suffix",
    "iter_text_lines",
    "open_binary",
    "read_text",
    "sniff_bytes",
]

#: Extensions of files a directory contributes (listing pages are saved as ``.txt``); any
#: of them may end in a :data:`COMPRESSED_SUFFIXES` suffix. A file named on its own is read
#: whatever its name.
INPUT_SUFFIXES = frozenset({".txt", ".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".tab"})
COMPRESSED_SUFFIXES = frozenset({".gz", ".bz2"})
#: ``kg build --out DIR`` writes every registered exporter's target (:mod:`kg.exporters`): a
#: directory holding ``graph.json`` and one of the others is a build output, never input.
BUILD_OUTPUT_MARKER = EXPORTERS["json"].target
_READ_ERRORS = (OSError, EOFError, zlib.error)

#: How much of a file is looked at to tell text from binary and to detect the format.
SNIFF_SIZE = 8192


def inner_suffix(path: Path) -> str:
    """The lower-case extension that names the format: ``.jsonl`` for ``a.jsonl.gz``."""
    suffix = path.suffix.lower()
    if suffix in COMPRESSED_SUFFIXES:
        suffix = Path(path.stem).suffix.lower()
    return suffix


def _is_build_output(directory: Path) -> bool:
    return (directory / BUILD_OUTPUT_MARKER).is_file() and any(
        (directory / e.target).exists() for e in EXPORTERS.values()
        if e.target != BUILD_OUTPUT_MARKER
    )


def _walk(directory: Path, seen: set[Path]) -> Iterator[Path | InputError]:
    """Files under ``directory`` sorted by path, the way :func:`expand_paths` describes."""
    seen.add(directory.resolve())
    for entry in sorted(directory.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if _is_build_output(entry):
                yield InputError("kg build output directory, skipped", str(entry))
            elif entry.resolve() not in seen:  # a symlink loop is walked once
                yield from _walk(entry, seen)
        elif inner_suffix(entry) not in INPUT_SUFFIXES:
            yield InputError("not an input format (by its extension), skipped", str(entry))
        else:
            yield entry


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | InputError]:
    """Files named by ``paths``, in the order given; a directory yields the files under it,
    sorted by path, recursively.

    Inside a directory only files with an input extension (:data:`INPUT_SUFFIXES`, maybe
    compressed) are read; every other file (``README.md``, ``graph.graphml``, ``.html``) and
    every ``kg build`` output directory (``graph.json`` next to ``graph.graphml``,
    ``neo4j-import/`` or ``graph.html``) is yielded as an InputError note instead, one each.
    Hidden files and directories (``.name``) are skipped silently (editor and OS droppings
    such as ``.DS_Store``). A path that does not exist is yielded as is, so reading it
    reports the problem."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            if _is_build_output(path):
                yield InputError("kg build output directory, skipped", str(path))
            else:
                yield from _walk(path, set())
        else:
            yield path


def open_binary(path: Path) -> BinaryIO:
    """``path`` opened for reading bytes, decompressed on the fly when ``.gz`` or ``.bz2``."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if suffix == ".bz2":
        return bz2.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _cannot_read(exc: Exception, source: str) -> InputError:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
    return InputError(f"cannot read file: {reason or type(exc).__name__}", source)


def _read_bytes(path: Path, source: str) -> bytes:
    try:
        with open_binary(path) as handle:
            return handle.read()
    except _READ_ERRORS as exc:
        raise _cannot_read(exc, source) from exc


def sniff_bytes(path: Path, source: str) -> bytes:
    """The first :data:`SNIFF_SIZE` bytes of ``path``, decompressed (InputError when it
    cannot be read)."""
    try:
        with open_binary(path) as handle:
            return handle.read(SNIFF_SIZE)
    except _READ_ERRORS as exc:
        raise _cannot_read(exc, source) from exc


def _check_text(head: bytes, source: str) -> None:
    """Refuse empty and binary content (a NUL byte: no text encoding we read has one)."""
    if not head.strip():
        raise InputError("empty file, nothing to read", source)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("UTF-16 text is not supported (save it as UTF-8), skipped", source, 1)
    nul = head.find(b"\x00")
    if nul >= 0:
        line = head.count(b"\n", 0, nul) + 1
        raise InputError("binary file (NUL byte), skipped", source, line)


def _decode(data: bytes, source: str, first_line: int = 1) -> str:
    try:
        return data.decode("utf-8-sig" if first_line == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        line = first_line + data.count(b"\n", 0, exc.start)
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}), skipped", source, line
        ) from exc


def read_text(path: Path, source: str) -> str:
    """The whole file as text; InputError when unreadable, empty, binary or not UTF-8."""
    data = _read_bytes(path, source)
    _check_text(data[:SNIFF_SIZE], source)
    if b"\x00" in data:
        _check_text(data, source)
    return _decode(data, source).replace("\r\n", "\n").replace("\r", "\n")


def iter_text_lines(path: Path, source: str) -> Iterator[tuple[int, str] | InputError]:
    """Stream ``(line number, text)`` pairs without loading the file.

    A line that is not UTF-8 or holds a NUL byte is yielded as an InputError and skipped; a
    file that cannot be opened, is empty or starts binary raises InputError.
    """
    _check_text(sniff_bytes(path, source), source)
    try:
        with open_binary(path) as handle:
            for number, raw in enumerate(handle, start=1):
                if b"\x00" in raw:
                    yield InputError("binary data (NUL byte), line skipped", source, number)
                    continue
                try:
                    text = _decode(raw, source, number)
                except InputError as exc:
                    yield exc
                    continue
                yield number, text.rstrip("\r\n")
    except _READ_ERRORS as exc:
        raise _cannot_read(exc, source) from exc
