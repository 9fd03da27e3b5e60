"""The view pages in real headless Chromium: drawn, offline, quiet, and safe to hover."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from kg.view import write_html
from tests.browser import CHROMIUM, Browser, Page, drawn_pixels
from tests.sample_graph import HOSTILE_TITLE, sample_graph
from tests.synthetic import synthetic_graph

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs Debian's chromium"),
]

#: A payload that records whether it ran instead of only calling alert.
PROBE = ('<img src=x onerror="window.__kgPwned=1;alert(1)"> <a href="javascript:alert(3)">'
         "x</a> <script>window.__kgPwned=2</script> Probe paper")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    b = Browser()
    try:
        yield b
    finally:
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    p = browser.new_page()
    try:
        yield p
    finally:
        p.close()


def _probe_graph() -> nx.MultiDiGraph:
    G = sample_graph()
    G.nodes["arxiv:2401.00002"]["title"] = PROBE
    G.nodes["arxiv:2401.00002"]["abstract"] = PROBE + " abstract"
    G.nodes["entity:imagenet"]["aliases"] = [PROBE]
    for _, _, data in G.out_edges("arxiv:2401.00002", data=True):
        data["sentences"] = [PROBE + " evidence"]
    return G


def _node_point(page: Page, node_id: str) -> tuple[float, float]:
    """Viewport coordinates of a node's centre."""
    nid = json.dumps(node_id)
    xy = page.evaluate(
        f"(function () {{ var p = kgView.network.getPositions([{nid}])[{nid}];"
        " var d = kgView.network.canvasToDOM(p);"
        " var r = document.getElementById('mynetwork').getBoundingClientRect();"
        " return [d.x + r.left, d.y + r.top]; })()"
    )
    return float(xy[0]), float(xy[1])


def _assert_offline_and_quiet(page: Page) -> None:
    leaving = [u for u in page.requests() if not u.startswith(("file://", "data:"))]
    assert leaving == []
    assert page.errors() == []
    assert page.dialogs() == []


@pytest.mark.parametrize(
    ("name", "options"),
    [("overview", {}), ("ego", {"focus": "ImageNet"}), ("evaluated_on", {"view": "evaluated_on"})],
)
def test_view_draws_offline_without_errors(
    page: Page, tmp_path: Path, name: str, options: dict[str, str]
) -> None:
    path = write_html(sample_graph(), tmp_path / f"{name}.html", **options)  # type: ignore[arg-type]
    page.open(path.as_uri())
    page.pump(1.0)  # let the physics settle a little
    png = page.screenshot()
    (tmp_path / f"{name}.png").write_bytes(png)
    canvas = page.evaluate("(function () { var r = document.querySelector('#mynetwork canvas')"
                           ".getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom];"
                           " })()")
    legend = page.evaluate("(function () { var r = document.getElementById('kg-legend')"
                           ".getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom];"
                           " })()")
    box = tuple(int(v) for v in canvas)
    assert drawn_pixels(png, box, [tuple(int(v) for v in legend)]) > 2000  # type: ignore[arg-type]
    assert page.evaluate("kgView.nodes.length") == len(page.evaluate("kgView.nodes.getIds()"))
    _assert_offline_and_quiet(page)


def test_hostile_title_stays_text_on_hover_and_click(page: Page, tmp_path: Path) -> None:
    path = write_html(_probe_graph(), tmp_path / "probe.html", title=PROBE)
    page.open(path.as_uri())
    page.evaluate("kgView.network.setOptions({physics: false})")  # keep the node still
    page.pump(0.3)
    x, y = _node_point(page, "arxiv:2401.00002")
    page.mouse_move(x, y)
    page.pump(0.6)
    tooltip = page.evaluate("document.getElementById('kg-tooltip').hidden")
    text = page.evaluate("document.getElementById('kg-tooltip').textContent")
    assert tooltip is False
    assert PROBE in text  # shown literally, as text
    assert page.evaluate("document.querySelectorAll('#kg-tooltip *:not(div)').length") == 0
    gx, gy = _node_point(page, "entity:glue")
    page.mouse_move((x + gx) / 2, (y + gy) / 2)  # the EVALUATES_ON edge's midpoint
    page.pump(0.6)
    edge_tip = page.evaluate("document.getElementById('kg-tooltip').textContent")
    assert edge_tip.startswith("EVALUATES_ON") and PROBE + " evidence" in edge_tip
    page.click(x, y)
    page.pump(0.3)
    assert PROBE in page.evaluate("document.getElementById('kg-details').textContent")
    assert page.evaluate("document.querySelectorAll('#kg-details img, #kg-details script,"
                         " #kg-details a[href^=javascript]').length") == 0
    assert page.evaluate("document.getElementById('kg-title').textContent") == PROBE
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("window.__kgPwned === undefined")
    _assert_offline_and_quiet(page)


def test_sample_hostile_title_hover_in_overview(page: Page, tmp_path: Path) -> None:
    path = write_html(sample_graph(), tmp_path / "sample.html")
    page.open(path.as_uri())
    page.evaluate("kgView.network.setOptions({physics: false})")
    page.pump(0.3)
    page.mouse_move(*_node_point(page, "arxiv:2401.00002"))
    page.pump(0.6)
    assert HOSTILE_TITLE in page.evaluate("document.getElementById('kg-tooltip').textContent")
    _assert_offline_and_quiet(page)


def test_search_selects_by_alias_and_filter_hides_a_type(page: Page, tmp_path: Path) -> None:
    path = write_html(sample_graph(), tmp_path / "search.html")
    page.open(path.as_uri())
    page.evaluate("(function () { var s = document.getElementById('kg-search');"
                  " s.value = 'imagenet-1k';"
                  " s.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'})); })()")
    assert page.evaluate("kgView.network.getSelectedNodes()") == ["entity:imagenet"]
    assert page.evaluate("document.getElementById('kg-search-status').textContent") == "1 found"
    page.evaluate("document.querySelector('#kg-legend input[data-group=Paper]').click()")
    hidden = page.evaluate("kgView.nodes.get({filter: function (n) { return n.hidden; }})"
                           ".map(function (n) { return n.group; })")
    assert hidden and set(hidden) == {"Paper"}
    _assert_offline_and_quiet(page)


def test_big_view_draws_with_physics_off(page: Page, tmp_path: Path) -> None:
    path = write_html(synthetic_graph(3000, seed=5), tmp_path / "big.html", top=0,
                      papers_per_entity=0)
    page.open(path.as_uri(), timeout=60)
    assert page.evaluate("kgView.network.physics.options.enabled") is False
    assert page.evaluate("kgView.nodes.length") == 3000
    _assert_offline_and_quiet(page)


@pytest.fixture(scope="module")
def corpus_graph() -> nx.MultiDiGraph:
    import kg

    return kg.build(Path(__file__).resolve().parent.parent / "examples" / "hf-papers")


@pytest.mark.parametrize(
    "options",
    [{}, {"focus": "ImageNet"}, {"view": "evaluated_on", "top": 0}],
    ids=["overview", "ego-imagenet", "evaluated-on"],
)
def test_example_corpus_views_draw(
    page: Page, tmp_path: Path, corpus_graph: nx.MultiDiGraph, options: dict[str, object]
) -> None:
    path = write_html(corpus_graph, tmp_path / "corpus.html", **options)  # type: ignore[arg-type]
    page.open(path.as_uri())
    assert page.evaluate("kgView.nodes.length") > 20
    png = page.screenshot()
    assert drawn_pixels(png, (200, 60, 1280, 700)) > 2000
    _assert_offline_and_quiet(page)


def test_capped_overview_of_a_big_graph_draws_readably(page: Page, tmp_path: Path) -> None:
    """The default overview of a 20k-node graph: a few hundred papers, not thousands, and at the
    zoom that fits the whole picture the paper labels are not drawn (too small to read)."""
    G = synthetic_graph(20_000, seed=1)
    path = write_html(G, tmp_path / "capped.html")
    page.open(path.as_uri(), timeout=60)
    shown = page.evaluate("kgView.nodes.length")
    papers = page.evaluate("kgView.nodes.get({filter: function (n) {"
                           " return n.group === 'Paper'; }}).length")
    assert shown < 2000 and papers <= 150 * 10
    more = page.evaluate("kgView.nodes.get({filter: function (n) {"
                         " return /\\n\\+[0-9,]+ papers?$/.test(n.label); }}).length")
    assert more > 0
    page.evaluate("kgView.network.fit({animation: false})")
    page.pump(0.3)
    drawn = ("kgView.network.body.nodeIndices.filter(function (id) {"
             " var n = kgView.network.body.nodes[id];"
             " return n.options.group === 'Paper' && n.labelModule.visible(); }).length")
    assert page.evaluate(drawn) == 0
    page.evaluate("kgView.network.moveTo({scale: 2.0, animation: false})")
    page.pump(0.3)
    assert page.evaluate(drawn) > 0  # zoomed in, the papers in view are labelled
    png = page.screenshot()
    (tmp_path / "capped.png").write_bytes(png)
    assert drawn_pixels(png, (200, 60, 1280, 700)) > 2000
    _assert_offline_and_quiet(page)
