"""A record's fields (JSON object or CSV row) -> :class:`~kg.readers.base.Record`.

Field names follow the arXiv metadata snapshot (``id``, ``title``, ``abstract``, ``authors``,
``authors_parsed``, ``categories``, ``update_date``, ``versions``, ``doi``), Semantic Scholar
(``paperId``, ``externalIds``, ``year``, ``authors`` as objects) and ``kg papers`` output
itself, so its JSONL can be read back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from kg.readers.base import Problem, Record
from kg.readers.dates import iso_date
from kg.readers.ids import (
    is_unsafe_url,
    normalize_arxiv_id,
    normalize_doi,
    normalize_whitespace,
    paper_id,
)
from kg.records import Occurrence, Paper

__all__ = ["record_from_fields"]

TITLE_FIELDS = ("title", "paper_title", "papertitle")
ABSTRACT_FIELDS = ("abstract", "summary", "paper_abstract", "paperabstract")
DATE_FIELDS = ("date", "published", "publication_date", "publicationdate", "update_date", "year")
_AUTHOR_SPLIT = re.compile(r",\s*|\s+and\s+")


def _lower_keys(fields: Mapping[str, Any]) -> dict[str, Any]:
    return {str(k).strip().lower(): v for k, v in fields.items() if v not in (None, "", [])}


def _first(fields: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        if name in fields:
            return fields[name]
    return None


def _text(value: Any) -> str:
    return normalize_whitespace(value) if isinstance(value, str) else ""


def _authors(fields: Mapping[str, Any]) -> tuple[str, ...]:
    parsed = fields.get("authors_parsed")
    if isinstance(parsed, list) and all(isinstance(p, list) for p in parsed):
        # arXiv snapshot: [last, first, suffix]; "First Last Suffix" reads naturally.
        names = (" ".join(str(x) for x in (p[1:2] + p[:1] + p[2:3]) if x) for p in parsed)
        return tuple(normalize_whitespace(n) for n in names if n.strip())
    value = fields.get("authors")
    if isinstance(value, str):
        return tuple(n for n in (normalize_whitespace(x) for x in _AUTHOR_SPLIT.split(value)) if n)
    if isinstance(value, list):
        out = []
        for item in value:
            name = item.get("name") if isinstance(item, Mapping) else item
            if isinstance(name, str) and name.strip():
                out.append(normalize_whitespace(name))
        return tuple(out)
    return ()


def _categories(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(normalize_whitespace(value.replace(",", " ")).split())
    if isinstance(value, list):
        return tuple(c for c in (normalize_whitespace(str(v)) for v in value) if c)
    return ()


def _url(value: Any) -> str | None:
    """The URL, stripped; None when there is none or it holds a control or bidi character
    (rejected, not cleaned: a link that reads ``.../ten`` but goes to ``.../%E2%80%AEnet``
    is a spoof)."""
    if not isinstance(value, str) or is_unsafe_url(value.strip()):
        return None
    return value.strip() or None


def _date(fields: Mapping[str, Any]) -> tuple[str | None, str | None]:
    for name in DATE_FIELDS:
        if name in fields:
            text = normalize_whitespace(str(fields[name]))
            return iso_date(text), text
    versions = fields.get("versions")
    if isinstance(versions, list) and versions and isinstance(versions[0], Mapping):
        created = versions[0].get("created")
        if isinstance(created, str):
            return iso_date(created), normalize_whitespace(created)
    return None, None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _ids(fields: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The record's arXiv id and DOI, raw, from wherever the format keeps them."""
    raw_external = fields.get("externalids")
    external: dict[str, Any] = {}
    if isinstance(raw_external, Mapping):
        external = {str(k).lower(): v for k, v in raw_external.items()}
    arxiv = fields.get("arxiv_id") or fields.get("arxivid") or external.get("arxiv")
    doi = fields.get("doi") or external.get("doi")
    raw_id = fields.get("id")
    if isinstance(raw_id, str):
        if raw_id.startswith("doi:") and not doi:
            doi = raw_id
        elif not arxiv and normalize_arxiv_id(raw_id):
            arxiv = raw_id
    return (str(arxiv) if arxiv else None), (str(doi) if doi else None)


def record_from_fields(fields: Mapping[str, Any], source: str, line: int) -> Record | Problem:
    """A Record from one object/row, or a Problem naming the missing field."""
    lowered = _lower_keys(fields)
    title = _text(_first(lowered, TITLE_FIELDS))
    abstract = _text(_first(lowered, ABSTRACT_FIELDS))
    if not title or not abstract:
        missing = " and ".join(n for n, v in (("title", title), ("abstract", abstract)) if not v)
        return Problem(f"record has no {missing}, skipped", source, line)
    arxiv, doi = _ids(lowered)
    pid = paper_id(title, arxiv=arxiv, doi=doi, abstract=abstract)
    bare_arxiv = normalize_arxiv_id(arxiv) if arxiv else None
    bare_doi = normalize_doi(doi) if doi else None
    strong = (f"arxiv:{bare_arxiv}" if bare_arxiv else "", f"doi:{bare_doi}" if bare_doi else "")
    alt_ids = tuple(i for i in strong if i and i != pid)
    url = _url(lowered.get("url") or lowered.get("link"))
    if not url and bare_arxiv:
        url = f"https://arxiv.org/abs/{bare_arxiv}"
    elif not url and isinstance(lowered.get("paperid"), str):
        url = f"https://www.semanticscholar.org/paper/{lowered['paperid']}"
    date, date_text = _date(lowered)
    authors = _authors(lowered)
    organization = lowered.get("organization")
    paper = Paper(
        id=pid,
        title=title,
        abstract=abstract,
        date=date,
        date_text=date_text,
        authors=authors,
        author_count=_int(lowered.get("author_count")),
        upvotes=_int(lowered.get("upvotes")),
        organization=_text(organization) or None,
        url=_text(url) or None,
        categories=_categories(lowered.get("categories")),
        occurrences=(Occurrence(source, line),),
    )
    return Record(paper, alt_ids)
