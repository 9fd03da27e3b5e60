"""Stable paper ids: ``arxiv:<id>``, ``doi:<doi>``, else ``title:<hash>``.

An id depends only on what the input says about the paper, never on the file, the line or
the run, so the same paper read twice (or from two formats) gets the same id.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = [
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
_NOT_WORD = re.compile(r"[\W_]+")


def normalize_whitespace(text: str) -> str:
    """Collapse every run of whitespace (line breaks included) into one space; strip the ends.

    >>> normalize_whitespace("  Deep\\n  learning \\t works ")
    'Deep learning works'
    """
    return _WHITESPACE.sub(" ", text).strip()


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


def title_id(title: str) -> str:
    """``title:`` + the first 16 hex digits of the SHA-1 of :func:`normalize_title`."""
    digest = hashlib.sha1(normalize_title(title).encode("utf-8")).hexdigest()
    return f"title:{digest[:16]}"


def paper_id(title: str, *, arxiv: str | None = None, doi: str | None = None) -> str:
    """The paper's id: its arXiv id, else its DOI, else a hash of its normalised title.

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
    return title_id(title)
