"""``kg serve`` in real headless Chromium against a real uvicorn on loopback: search, entity
page, paper page with highlighted evidence, the Cypher box, and a hostile title that stays text.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, Browser, BrowserError, Page
from tests.serve_support import PROBE, live_server, probe_paper, serve_graph

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs Debian's chromium"),
]

SHOTS = Path("/tmp")
LOADED = "document.readyState === 'complete'"


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[str, str]]:
    G = serve_graph()
    with live_server(G) as url:
        yield url, probe_paper(G)


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    browser = Browser()
    p = browser.new_page()
    try:
        yield p
    finally:
        p.close()
        browser.close()


def _wait(page: Page, condition: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not page.evaluate(f"!!({condition})"):
        if time.monotonic() > deadline:
            raise BrowserError(f"not true within {timeout}s: {condition}")
        page.pump(0.05)


def _go(page: Page, action: str, path_test: str) -> None:
    """Run ``action`` (a click or a submit) and wait for the next page to load."""
    page.evaluate("window.__kgOld = 1")
    page.evaluate(action)
    _wait(page, f"window.__kgOld === undefined && {LOADED} && ({path_test})")


def test_search_entity_paper_query(site: tuple[str, str], page: Page) -> None:
    base, _ = site
    page.open(base + "/", ready=LOADED)
    _go(page, "document.querySelector('form.search input').value = 'imagenet';"
              "document.querySelector('form.search').requestSubmit()",
        "location.pathname === '/dataset/imagenet'")
    assert page.evaluate("document.getElementById('entity-name').textContent").startswith(
        "ImageNet")
    (SHOTS / "kg-serve-entity.png").write_bytes(page.screenshot())

    _go(page, "document.querySelector('a.paper[href=\"/paper/arxiv:2002.05709\"]').click()",
        "location.pathname === '/paper/arxiv:2002.05709'")
    marks = page.evaluate("Array.from(document.querySelectorAll('#abstract a.mention mark'))"
                          ".map(m => [m.textContent, m.parentNode.getAttribute('href')])")
    assert ["ImageNet", "/dataset/imagenet"] in marks
    assert ["SimCLR", "/method/simclr"] in marks
    background = page.evaluate("getComputedStyle(document.querySelector('#abstract mark'))"
                               ".backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # the stylesheet applied
    (SHOTS / "kg-serve-paper.png").write_bytes(page.screenshot())

    page.open(base + "/query", ready=LOADED)
    _go(page, "document.getElementById('cypher').value = 'MATCH (m:Method)-[:EVALUATED_ON]->"
              "(d:Dataset {name: $d}) RETURN m.name AS method ORDER BY method';"
              "document.getElementById('name0').value = 'd';"
              "document.getElementById('value0').value = 'ImageNet';"
              "document.getElementById('run').click()",
        "location.pathname === '/query'")
    cells = page.evaluate("Array.from(document.querySelectorAll('#result tbody td'))"
                          ".map(td => td.textContent)")
    assert "SimCLR" in cells
    (SHOTS / "kg-serve-query.png").write_bytes(page.screenshot())
    assert page.dialogs() == []
    assert page.errors() == []  # no failed request (a favicon 404 was one), no CSP violation


def test_hostile_title_runs_no_script(site: tuple[str, str], page: Page) -> None:
    base, probe = site
    for path in ("/paper/" + probe, "/method/resnet50", "/search?q=Probe+paper&go=0"):
        page.open(base + path, ready=LOADED)
        assert page.evaluate("window.__kgPwned === undefined"), path
        assert page.evaluate("document.querySelectorAll('main img, main script').length") == 0
    page.open(base + "/paper/" + probe, ready=LOADED)
    assert page.evaluate("document.getElementById('paper-title').textContent") == PROBE
    assert page.dialogs() == []
