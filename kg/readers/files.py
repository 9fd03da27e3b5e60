"""Finding input files and reading their text safely.

Every failure becomes an :class:`~kg.errors.InputError` naming the file (and the line when
there is one); the callers turn it into a warning, so one bad file never stops a run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError

__all__ = ["expand_paths", "iter_text_lines", "read_text", "sniff_bytes"]

#: How much of a file is looked at to tell text from binary and to detect the format.
SNIFF_SIZE = 8192


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files named by ``paths``, in the order given; a directory yields every file under it,
    sorted by path, recursively. Hidden files and directories (``.name``) inside a directory
    are skipped (editor and OS droppings such as ``.DS_Store``). A path that does not exist is
    yielded as is, so reading it reports the problem."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = (
                p
                for p in path.rglob("*")
                if not any(part.startswith(".") for part in p.relative_to(path).parts)
                and not p.is_dir()
            )
            yield from sorted(found)
        else:
            yield path


def _read_bytes(path: Path, source: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", source) from exc


def sniff_bytes(path: Path, source: str) -> bytes:
    """The first :data:`SNIFF_SIZE` bytes of ``path`` (InputError when it cannot be read)."""
    try:
        with path.open("rb") as handle:
            return handle.read(SNIFF_SIZE)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", source) from exc


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
        with path.open("rb") as handle:
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
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", source) from exc
