"""Repository URLs: found with or without a scheme, normalised, told apart from links."""

from __future__ import annotations

import pytest

from kg.extract.urls import find_urls, is_repository, normalize_url


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("https://github.com/owner/repo", "https://github.com/owner/repo"),
        ("http://github.com/owner/repo", "https://github.com/owner/repo"),
        ("github.com/owner/repo", "https://github.com/owner/repo"),
        ("https://www.GitHub.com/Owner/Repo", "https://github.com/Owner/Repo"),
        ("https://github.com/owner/repo.git", "https://github.com/owner/repo"),
        ("https://github.com/owner/repo/", "https://github.com/owner/repo"),
        ("https://github.com/owner/repo.git/", "https://github.com/owner/repo"),
        ("https://github.com/owner/repo.", "https://github.com/owner/repo"),
        ("https://github.com/owner/repo),", "https://github.com/owner/repo"),
        ("HTTPS://HuggingFace.co/datasets/x/y", "https://huggingface.co/datasets/x/y"),
    ],
)
def test_normalize_url(raw: str, normal: str) -> None:
    assert normalize_url(raw) == normal


@pytest.mark.parametrize(
    ("url", "repository"),
    [
        ("https://github.com/a/b", True),
        ("gitlab.com/a/b", True),
        ("https://bitbucket.org/a/b", True),
        ("https://huggingface.co/org/model", True),
        ("https://anonymous.4open.science/r/abc-123", True),
        ("https://a.github.io/project", False),
        ("https://www.youtube.com/watch?v=x", False),
        ("https://bit.ly/abc", False),
        ("https://sites.google.com/view/x", False),
        ("https://example.org/paper", False),
        ("https://github.com", False),  # a host alone is not a repository
    ],
)
def test_is_repository(url: str, repository: bool) -> None:
    assert is_repository(url) is repository


def test_find_urls_with_and_without_scheme_and_trailing_punctuation() -> None:
    text = (
        "Code is at github.com/a/b. Data: (https://huggingface.co/datasets/c/d), "
        "demo https://x.github.io/p/! Mail me@github.com."
    )
    found = find_urls(text)
    assert [u.text for u in found] == [
        "github.com/a/b",
        "https://huggingface.co/datasets/c/d",
        "https://x.github.io/p/",
    ]
    for url in found:
        assert text[url.start : url.end] == url.text


def test_url_keeps_balanced_parenthesis() -> None:
    [url] = find_urls("see https://en.wikipedia.org/wiki/Go_(game).")
    assert url.text == "https://en.wikipedia.org/wiki/Go_(game)"


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/a/\u202eten",
        "https://github.com/a/%E2%80%AEnet",
        "https://github.com/a/%e2%81%a6b",
        "https://github.com/a/b\x1b",
        "https://github.com/a/%07b",
    ],
)
def test_unsafe_url_rejected(url: str) -> None:
    assert find_urls(f"Code at {url} today.") == []
    with pytest.raises(ValueError, match="control or bidi"):
        normalize_url(url)


@pytest.mark.parametrize("url", ["https://github.com/a/b%20c", "https://github.com/a/%C3%A9"])
def test_percent_encoded_printable_url_kept(url: str) -> None:
    assert [u.text for u in find_urls(f"Code at {url} today.")] == [url]


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        # Found in any case, with or without a slash elsewhere in the text.
        ("Code at WWW.Example.org now", ["WWW.Example.org"]),
        ("See HTTPS://GITHUB.COM/A/B.", ["HTTPS://GITHUB.COM/A/B"]),
        ("At GitHub.com/a/b and and/or", ["GitHub.com/a/b"]),
        ("ftp://files.example.org/x", ["ftp://files.example.org/x"]),
        # A text with other letters than ASCII: the pattern's case folding matches the Kelvin
        # sign as "k", which lower() of the text would not show as "kaggle.com/".
        ("Über \u212aaggle.com/u/d", ["\u212aaggle.com/u/d"]),
        ("Café github.com/o/r", ["github.com/o/r"]),
        # Nothing to find: no scheme, "www." or repository host before a path.
        ("We use and/or compare 3/4 of the runs.", []),
        ("No links here.", []),
    ],
)
def test_find_urls_in_any_case_and_script(text: str, urls: list[str]) -> None:
    # find_urls skips the search on text that cannot hold a URL; these are the edge cases.
    assert [u.text for u in find_urls(text)] == urls


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Code: HTTPS://GitHub.com/A/b and WWW.Example.org/x.",
            [("HTTPS://GitHub.com/A/b", 6, 28), ("WWW.Example.org/x", 33, 50)],
        ),
        # A host glued to a word or a subdomain is no scheme-less repository URL.
        (
            "see xgithub.com/o/r or a.github.com/x or (github.com/o/r).",
            [("github.com/o/r", 42, 56)],
        ),
        (
            "ftp://x.y/z https://https://a.b/c",
            [("ftp://x.y/z", 0, 11), ("https://https://a.b/c", 12, 33)],
        ),
        (
            "hf.co/m, x@github.com/a, gitlab.com/g/p",
            [("hf.co/m", 0, 7), ("gitlab.com/g/p", 25, 39)],
        ),
    ],
)
def test_find_urls_offsets(text: str, found: list[tuple[str, int, int]]) -> None:
    """Each URL once, where it starts, however its scheme, "www." or host is written."""
    assert [(u.text, u.start, u.end) for u in find_urls(text)] == found
