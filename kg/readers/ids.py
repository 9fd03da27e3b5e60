"""Stable paper ids: ``arxiv:<id>``, ``doi:<doi>``, else ``title:<hash>``.

An id depends only on what the input says about the paper, never on the file, the line or
the run, so the same paper read twice (or from two formats) gets the same id.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import unquote

__all__ = [
    "clean_text",
    "has_unsafe_chars",
    "is_unsafe_url",
    "normalize_arxiv_id",
    "normalize_doi",
    "normalize_title",
    "normalize_whitespace",
    "paper_id",
    "title_id",
]

# New-style ids (0704.0001, 2101.00001) and old-style ids (hep-th/9901001, math.AG/0601001),
# per https://info.arxiv.org/help/arxiv_identifier.html; an optional version suffix (v2).
_ARXIV_NEW = re.compile(r"^(\d{4}\.\d{4,5})(?:v\d+)?$")
_ARXIV_OLD = re.compile(r"^([a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")
_ARXIV_PREFIX = re.compile(
    r"^(?:arxiv:|https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/)", re.IGNORECASE
)
# DOIs are "10.<registrant>/<suffix>" and case-insensitive (https://www.doi.org/the-identifier/
# resources/handbook/2_numbering#2.4), so they are compared in lower case.
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")
# C0/C1 controls and DEL, except tab and newline; controls that Python counts as whitespace
# (CR, VT, FF, the separators U+001C-U+001F, NEL) become a space so words stay apart.
_SPACE_CONTROLS = "\r\x0b\x0c\x1c\x1d\x1e\x1f\x85"
_CONTROLS = "".join(
    chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0)) if chr(c) not in "\t\n"
)
#: Bidirectional formatting characters (embeddings, overrides, isolates, marks): they make
#: text display differently from what it is (a Trojan Source / spoofed-link vector).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_CLEAN_TABLE = str.maketrans(
    {c: (" " if c in _SPACE_CONTROLS else None) for c in _CONTROLS + BIDI_CONTROLS}
)
_UNSAFE = re.compile(f"[{re.escape(_CONTROLS + BIDI_CONTROLS)}]")
_NOT_WORD = re.compile(r"[\W_]+")


def clean_text(text: str) -> str:
    """``text`` without control characters (but tab and newline) and bidi controls, in NFC.

    Every text field a reader produces passes here (through :func:`normalize_whitespace`), so
    no writer downstream (GraphML is XML 1.0, neo4j-admin CSV, FalkorDB) meets a NUL or ESC.

    >>> clean_text("Deep\\x00 learn\\u202eing\\x1b[31m e\\u0301")
    'Deep learning[31m \u00e9'
    """
    if text.isascii() and text.isprintable():
        return text  # the common case: nothing to remove, already NFC
    return unicodedata.normalize("NFC", text.translate(_CLEAN_TABLE))


def has_unsafe_chars(text: str) -> bool:
    """Whether ``text`` holds a control character (tab and newline included) or bidi control.

    >>> has_unsafe_chars("https://github.com/a/\\u202etxt.exe"), has_unsafe_chars("https://a.b")
    (True, False)
    """
    return bool(_UNSAFE.search(text)) or "\t" in text or "\n" in text


def is_unsafe_url(url: str) -> bool:
    """Whether ``url`` holds a control or bidi character, as is or percent-encoded
    (``%E2%80%AE``): such a URL is rejected, never cleaned, since it can read differently
    from where it goes.

    >>> is_unsafe_url("https://github.com/a/%E2%80%AEten"), is_unsafe_url("https://a.b/%20c")
    (True, False)
    """
    return has_unsafe_chars(url) or (
        "%" in url and has_unsafe_chars(unquote(url, errors="replace"))
    )


def normalize_whitespace(text: str) -> str:
    """:func:`clean_text`, then every run of whitespace (line breaks included) collapsed into
    one space, ends stripped.

    >>> normalize_whitespace("  Deep\\n  learning \\t works ")
    'Deep learning works'
    """
    return _WHITESPACE.sub(" ", clean_text(text)).strip()


def normalize_title(title: str) -> str:
    """The form two titles are compared in: NFKC, case-folded, punctuation runs as one space.

    "AURORA:Automated Training" and "Aurora: automated training" compare equal.

    >>> normalize_title("LIMIT-BERT : Linguistic Informed Multi-Task BERT")
    'limit bert linguistic informed multi task bert'
    """
    folded = unicodedata.normalize("NFKC", title).casefold()
    return _NOT_WORD.sub(" ", folded).strip()


def normalize_arxiv_id(value: str) -> str | None:
    """The bare arXiv id without version (``2101.00001``), or None when ``value`` is not one.

    Accepts ``arXiv:`` prefixes and abs/pdf URLs.

    >>> normalize_arxiv_id("https://arxiv.org/abs/2101.00001v3")
    '2101.00001'
    >>> normalize_arxiv_id("hep-th/9901001v1")
    'hep-th/9901001'
    >>> normalize_arxiv_id("dev-000") is None
    True
    """
    text = _ARXIV_PREFIX.sub("", value.strip())
    if text.endswith(".pdf"):
        text = text[: -len(".pdf")]
    for pattern in (_ARXIV_NEW, _ARXIV_OLD):
        match = pattern.match(text)
        if match:
            return match.group(1)
    return None


def normalize_doi(value: str) -> str | None:
    """The DOI in lower case without ``doi:`` or resolver prefix, or None when not a DOI.

    >>> normalize_doi("https://doi.org/10.1000/ABC.123")
    '10.1000/abc.123'
    """
    text = _DOI_PREFIX.sub("", value.strip()).lower()
    return text if _DOI.match(text) else None


def title_id(title: str, abstract: str = "") -> str:
    """``title:`` + the first 16 hex digits of the SHA-1 of :func:`normalize_title`.

    A title with no letter or digit ("!!! ???", "🚀🔥") normalises to nothing; its id hashes
    the whole title text and the abstract instead, so such papers never share the empty key.

    >>> title_id("🚀🔥", "One.") != title_id("🎉✨", "Two.") != title_id("", "")
    True
    """
    key = normalize_title(title)
    if not key:
        key = f"{title}\n{abstract}"
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()
    return f"title:{digest[:16]}"


def paper_id(
    title: str, *, arxiv: str | None = None, doi: str | None = None, abstract: str = ""
) -> str:
    """The paper's id: its arXiv id, else its DOI, else a hash of its normalised title
    (of title and ``abstract`` when the title has no letter or digit: :func:`title_id`).

    ``arxiv`` and ``doi`` may be raw (prefixed, versioned, URLs); invalid ones are ignored.

    >>> paper_id("Attention Is All You Need", arxiv="arXiv:1706.03762v7")
    'arxiv:1706.03762'
    """
    if arxiv:
        bare = normalize_arxiv_id(arxiv)
        if bare:
            return f"arxiv:{bare}"
    if doi:
        bare = normalize_doi(doi)
        if bare:
            return f"doi:{bare}"
    return title_id(title, abstract)
