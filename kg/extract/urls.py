"""Find URLs in text and tell code repositories from other links.

Repository URLs are normalised the way the annotation guidelines (docs/extraction.md) ask:
``https://`` added when missing, host lower-cased, ``www.`` dropped, trailing punctuation,
``.git`` and ``/`` removed. Project pages (``*.github.io``, personal sites, YouTube, short
links) are links.

A URL holding a control or bidi character, written or percent-encoded (``%E2%80%AE``), is
rejected, never cleaned: a link that reads ``.../ten`` but goes to ``.../%E2%80%AEnet`` is a
spoof. :func:`find_urls` skips it and :func:`normalize_url` raises ``ValueError``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.extract import vocabulary as vocab
from kg.readers.ids import is_unsafe_url

__all__ = [
    "FoundUrl",
    "find_urls",
    "is_repository",
    "is_unsafe_url",
    "normalize_url",
]


@vocab.per_lexicon
def _url() -> re.Pattern[str]:
    """A URL with a scheme, "www." or a repository host (the lexicon's ``repository_hosts``)
    before a path; it stops at white space and quotes."""
    hosts = "|".join(re.escape(h) for h in sorted(vocab.REPOSITORY_HOSTS, key=len, reverse=True))
    return re.compile(
        rf"(?:https?://|ftp://|www\.|(?<![\w.@/-])(?:{hosts})/)[^\s<>\"'`{{}}|\\^]+",
        re.IGNORECASE,
    )

_TRAILING = ".,;:!?)]}>\"'*"


@dataclass(frozen=True, slots=True)
class FoundUrl:
    """A URL as written (trailing punctuation removed) and its offsets in the text."""

    text: str
    start: int
    end: int


def _trim(url: str) -> str:
    """Drop trailing punctuation, keeping a ``)`` that closes a ``(`` inside the URL."""
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _may_hold_url(text: str) -> bool:
    """Whether :func:`_url`'s pattern can match in ``text``: each of its matches holds "://",
    "www." or a repository host and "/", in any case. Checking that first is far cheaper than
    the search, and most abstracts hold none. Only an ASCII text is checked for the hosts: for it,
    ``lower()`` is exactly the pattern's case folding (which also folds a few other letters
    onto ASCII ones); "w", "." and "/" have no such partners."""
    lower = text.lower()
    if "/" not in text:
        return "www." in lower
    if not text.isascii():
        return True
    if "://" in text or "www." in lower:
        return True
    return any(f"{host}/" in lower for host in vocab.REPOSITORY_HOSTS)


def _url_matches(text: str) -> Iterator[re.Match[str]]:
    """``_url().finditer(text)``, with the same matches. In an ASCII text the pattern is only
    tried where a match can start: 3 to 5 characters before a "://", at a "www." and at a
    repository host's "host/" (found in the lower-cased text by ``str.find``, which is far
    faster than trying every alternative at every character). Every match starts at one of
    those places, so the first one that matches after the previous match is the next match."""
    pattern = _url()
    if not text.isascii():  # lower() may change its length: positions would not carry over
        yield from pattern.finditer(text)
        return
    lower = text.lower()
    starts: set[int] = set()
    markers = [("://", (3, 4, 5)), ("www.", (0,))]
    # No hosts leave the pattern's host branch empty: it matches at any "/".
    markers += [(f"{host.lower()}/", (0,)) for host in vocab.REPOSITORY_HOSTS or [""]]
    for marker, offsets in markers:
        at = lower.find(marker)
        while at >= 0:
            starts.update(at - offset for offset in offsets if at >= offset)
            at = lower.find(marker, at + 1)
    end = 0
    for start in sorted(starts):
        if start < end:
            continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            end = match.end()


def find_urls(text: str) -> list[FoundUrl]:
    """Every URL in ``text``, with or without a scheme when the host is a repository host.

    >>> [u.text for u in find_urls("Code: github.com/a/b. Demo at https://x.github.io/p/).")]
    ['github.com/a/b', 'https://x.github.io/p/']
    """
    found: list[FoundUrl] = []
    if not _may_hold_url(text):
        return found
    for match in _url_matches(text):
        url = _trim(match.group())
        if "." not in url.split("://", 1)[-1] or is_unsafe_url(url):
            continue
        found.append(FoundUrl(url, match.start(), match.start() + len(url)))
    return found


def normalize_url(url: str) -> str:
    """Canonical form: ``https://`` + lower-case host (no ``www.``) + path without ``.git``/``/``.

    >>> normalize_url("HTTP://www.GitHub.com/Owner/Repo.git/")
    'https://github.com/Owner/Repo'

    Raises ``ValueError`` for an unsafe URL (see :func:`is_unsafe_url`).
    """
    url = _trim(url.strip())
    if is_unsafe_url(url):
        raise ValueError(f"URL holds a control or bidi character: {url!r}")
    url = re.sub(r"^[a-z]+://", "", url, flags=re.IGNORECASE)
    host, slash, path = url.partition("/")
    host = host.lower()
    host = host.removeprefix("www.")
    path = path.rstrip("/")
    if path.lower().endswith(".git"):
        path = path[:-4]
    path = path.rstrip("/")
    return f"https://{host}{slash if path else ''}{path}"


def is_repository(url: str) -> bool:
    """Whether a (normalised or raw) URL points at a repository rather than a project page.

    >>> is_repository("github.com/a/b"), is_repository("https://a.github.io/b")
    (True, False)
    """
    host = normalize_url(url)[len("https://") :].split("/", 1)[0]
    path = normalize_url(url)[len("https://") + len(host) :].strip("/")
    return host in vocab.REPOSITORY_HOSTS and bool(path)
