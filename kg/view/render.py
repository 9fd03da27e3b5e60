"""Turn a selected subgraph into one self-contained, offline, injection-safe HTML page.

pyvis renders the page from its template with the vis-network library inlined
(``cdn_resources="in_line"``); we then post-process it:

* every remote ``<link>``/``<script src>`` (pyvis's template links bootstrap from a CDN) is
  removed, and a Content-Security-Policy allows no network access at all and only the page's
  own scripts (by hash), so even an injected event handler could not run;
* pyvis's ``<h1>`` (rendered without escaping) is replaced by our escaped header, legend,
  search box and filter;
* our small script (``assets/view.js``) draws tooltips and details with ``textContent``.

Untrusted text is HTML-escaped before it reaches pyvis and is only ever put on the page as a
text node, so two independent mistakes would be needed for a title to become markup. No node
gets a vis ``title``: that is what makes pyvis switch every tooltip to ``innerHTML``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from typing import Any

import networkx as nx

from kg.view.layout import layout_positions
from kg.view.select import ALL_LABELS, MORE_PAPERS
from kg.view.style import EDGE_COLORS, NODE_STYLES, node_size

__all__ = ["PHYSICS_LIMIT", "render_html", "view_payload"]

#: Above this many nodes the page starts with physics off (the Python layout is final).
PHYSICS_LIMIT = 300
#: Above this many nodes, edges are hidden while dragging/zooming to keep the page responsive.
FAST_INTERACTION_LIMIT = 1500
ABSTRACT_CHARS = 280
SENTENCE_CHARS = 300
LABEL_CHARS = 32
#: Tooltip headings and search names: long enough for any real name or title, bounded so one
#: hostile value cannot blow up the page.
HEADING_CHARS = 300
#: On-screen font size in px below which vis-network draws no label: zoomed out, a big view
#: shows shapes only (and the hubs' larger labels first), not a wall of overlapping text.
LABEL_DRAW_PX = 8
PAPER_FONT = 12
ENTITY_FONT = 14

Tip = list[list[str]]


def _esc(value: object) -> str:
    """HTML-escape ``value`` (quotes too); the page decodes it only into text nodes."""
    return html.escape(str(value), quote=True)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _safe_url(url: object) -> str | None:
    """Only absolute http(s) URLs become links."""
    if isinstance(url, str) and re.match(r"https?://[^\s\"'<>]+$", url):
        return url
    return None


def _degree(G: nx.MultiDiGraph, node: str) -> int:
    return len(set(G.successors(node)) | set(G.predecessors(node)))


def _paper_tip(full: nx.MultiDiGraph, node: str) -> Tip:
    a = full.nodes[node]
    tip = [["kind", "Paper"], ["heading", _esc(_clip(str(a.get("title", node)), HEADING_CHARS))]]
    date = a.get("date") or a.get("date_text")
    if date:
        tip.append(["meta", _esc(date)])
    if a.get("abstract"):
        tip.append(["text", _esc(_clip(a["abstract"], ABSTRACT_CHARS))])
    urls = [a.get("url")]
    urls += [full.nodes[v].get("url") for _, v, k in full.out_edges(node, keys=True)
             if k == "HAS_CODE"]
    urls += list(a.get("links") or ())
    seen: set[str] = set()
    for url in urls:
        safe = _safe_url(url)
        if safe and safe not in seen:
            seen.add(safe)
            tip.append(["link", _esc(safe)])
    tip.append(["meta", _esc(node)])
    return tip


def _entity_tip(full: nx.MultiDiGraph, node: str, more: int = 0) -> Tip:
    a = full.nodes[node]
    label = a.get("label", "")
    heading = str(a.get("name") or a.get("url") or node)
    tip = [["kind", _esc(label)], ["heading", _esc(_clip(heading, HEADING_CHARS))]]
    aliases = [str(x) for x in a.get("aliases") or ()]
    if aliases:
        tip.append(["meta", _esc("also: " + _clip(", ".join(aliases), SENTENCE_CHARS))])
    count = a.get("paper_count")
    if count is not None:
        tip.append(["meta", _esc(f"{count} paper{'s' if count != 1 else ''}")])
    if more:
        tip.append(["meta", _esc(f"{more:,} more paper{'s' if more != 1 else ''} not shown")])
    safe = _safe_url(a.get("url"))
    if safe:
        tip.append(["link", _esc(safe)])
    return tip


def _edge_tip(full: nx.MultiDiGraph, u: str, v: str, key: str, attrs: dict[str, Any]) -> Tip:
    tip = [["kind", _esc(key)]]
    sentences = [s for s in attrs.get("sentences") or () if isinstance(s, str)]
    if sentences:
        tip.append(["text", _esc(_clip(sentences[0], SENTENCE_CHARS))])
    if key == "EVALUATED_ON":
        papers = [str(p) for p in attrs.get("papers") or ()]
        tip.append(["meta", _esc(f"{attrs.get('count', len(papers))} paper(s)")])
        for pid in papers[:3]:
            title = full.nodes[pid].get("title", pid) if pid in full else pid
            tip.append(["text", _esc(_clip(str(title), 120))])
    elif attrs.get("count"):
        tip.append(["meta", _esc(f"mentioned {attrs['count']}×")])
    if attrs.get("rule"):
        tip.append(["meta", _esc(f"rule: {attrs['rule']}")])
    return tip


def _node_label(full: nx.MultiDiGraph, node: str) -> str:
    """The text drawn on a node, clipped: vis-network scales the drawing to fit every label, so
    one very long name would shrink the whole view to a dot."""
    a = full.nodes[node]
    if a.get("label") == "Paper":
        text = str(a.get("title", node))
    elif a.get("label") == "Repository":
        text = str(a.get("url", node)).split("://", 1)[-1]
    else:
        text = str(a.get("name", node))
    return _clip(text, LABEL_CHARS)


def _font_size(label: str, size: float) -> int:
    """Label font size: hubs (bigger nodes) get bigger labels, so zooming in reveals the
    names of the important nodes first (see :data:`LABEL_DRAW_PX`)."""
    if label == "Paper":
        return PAPER_FONT
    return round(ENTITY_FONT + (size - 8.0) / 4)


def view_payload(
    full: nx.MultiDiGraph, H: nx.MultiDiGraph, *, seed: int = 7
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """vis-network node and edge dicts for subgraph ``H`` of ``full``, in sorted order.

    Sizes use the degree in ``full`` (how important a node is, not how much of it is shown).
    An entity whose papers were capped (:data:`kg.view.select.MORE_PAPERS` on ``H``) says
    "+N papers" under its name and in its tooltip. Every string is HTML-escaped.
    """
    pos = layout_positions(H, seed=seed)
    nodes = []
    for node in sorted(H):
        label = full.nodes[node].get("label", "Paper")
        more = int(H.nodes[node].get(MORE_PAPERS) or 0)
        tip = _paper_tip(full, node) if label == "Paper" else _entity_tip(full, node, more)
        names = [full.nodes[node].get("name"), *(full.nodes[node].get("aliases") or ())]
        if label == "Paper":
            names = [full.nodes[node].get("title")]
        x, y = pos[node]
        text = _node_label(full, node)
        if more:
            text += f"\n+{more:,} paper{'s' if more != 1 else ''}"
        size = node_size(_degree(full, node))
        nodes.append({
            "id": node,
            "label": _esc(text),
            "group": label,
            "size": size,
            "font": {"size": _font_size(label, size)},
            "x": x,
            "y": y,
            "tip": tip,
            "names": [_esc(_clip(n, HEADING_CHARS)) for n in names if isinstance(n, str) and n],
        })
    edges = []
    ordered = sorted(H.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    for i, (u, v, key, attrs) in enumerate(ordered):
        edges.append({
            "id": f"e{i}",
            "from": u,
            "to": v,
            "color": EDGE_COLORS.get(key, "#999999"),
            "tip": _edge_tip(full, u, v, key, attrs),
        })
    return nodes, edges


def _vis_options(n_nodes: int, seed: int) -> dict[str, Any]:
    physics = n_nodes <= PHYSICS_LIMIT
    fast = n_nodes > FAST_INTERACTION_LIMIT
    groups = {
        label: {
            "shape": style.shape,
            "color": {"background": style.color, "border": style.border,
                      "highlight": {"background": style.color, "border": "#000000"},
                      "hover": {"background": style.color, "border": "#000000"}},
        }
        for label, style in NODE_STYLES.items()
    }
    return {
        "autoResize": True,
        "groups": groups,
        "nodes": {"borderWidth": 1.5, "font": {"size": ENTITY_FONT, "face": "sans-serif",
                                              "strokeWidth": 3, "strokeColor": "#ffffff"},
                  # vis skips a label drawn smaller than drawThreshold - 1 px on screen
                  "scaling": {"label": {"drawThreshold": LABEL_DRAW_PX + 1}}},
        "edges": {"smooth": False, "width": 1, "selectionWidth": 2,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
                  "color": {"inherit": False, "opacity": 0.7}},
        "layout": {"improvedLayout": False, "randomSeed": seed},
        "physics": {"enabled": physics, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -40, "springLength": 60},
                    "stabilization": {"enabled": physics, "iterations": 150, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": fast,
                        "hideEdgesOnZoom": fast, "keyboard": False, "multiselect": True},
    }


def _legend(H: nx.MultiDiGraph) -> list[dict[str, Any]]:
    counts = Counter(str(label) for _, label in H.nodes(data="label"))
    return [
        {"label": label, "text": NODE_STYLES[label].legend, "color": NODE_STYLES[label].color,
         "border": NODE_STYLES[label].border, "shape": NODE_STYLES[label].shape,
         "count": counts[label]}
        for label in ALL_LABELS
        if counts[label]
    ]


def _asset(name: str) -> str:
    return resources.files("kg.view").joinpath("assets", name).read_text(encoding="utf-8")


def _json_for_script(data: object) -> str:
    """JSON that cannot close its ``<script>`` element or start a comment/markup."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_REMOTE = [
    # <link ... href="http(s)://..."> (bootstrap css)
    re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.I),
    # <script src="http(s)://..."></script> (bootstrap js)
    re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>", re.I),
    # pyvis's unescaped heading, rendered twice
    re.compile(r"<center>\s*<h1>.*?</h1>\s*</center>", re.I | re.S),
    # a commented-out local link block
    re.compile(r"<!--\s*<link.*?-->", re.I | re.S),
]
_SCRIPT = re.compile(r"<script(?:\s+type=\"text/javascript\")?>(.*?)</script>", re.S)


def _strip_remote(page: str) -> str:
    for pattern in _REMOTE:
        page = pattern.sub("", page)
    leftover = re.search(r"<(?:link|script|img|iframe)\b[^>]*\b(?:src|href)\s*=", page, re.I)
    if leftover:  # pyvis's template changed: fail loudly rather than ship a page that phones out
        raise RuntimeError(f"remote resource left in the view page: {leftover.group(0)[:80]}")
    return page


def _csp(page: str) -> str:
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(m.encode()).digest()).decode() + "'"
        for m in _SCRIPT.findall(page)
    })
    return ("default-src 'none'; script-src " + " ".join(hashes)
            + "; style-src 'unsafe-inline'; img-src data:; font-src data:; "
            "base-uri 'none'; form-action 'none'")


def render_html(
    full: nx.MultiDiGraph, H: nx.MultiDiGraph, *, title: str, view: str,
    notes: Sequence[str] = (), seed: int = 7,
) -> str:
    """The page for subgraph ``H`` of ``full`` as a string (see :func:`kg.view.write_html`)."""
    from pyvis.network import Network  # deferred: pyvis pulls in jinja and IPython helpers

    nodes, edges = view_payload(full, H, seed=seed)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line",
                  heading="")
    # Filled directly: pyvis's add_node/add_edge check membership in lists (quadratic time).
    net.nodes = nodes
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    net.edges = edges
    net.options = _vis_options(len(nodes), seed)
    page = net.generate_html(notebook=False)
    page = _strip_remote(page)

    config = {
        "title": _esc(title),
        "view": _esc(view),
        "legend": _legend(H),
        "edgeColors": EDGE_COLORS,
        "counts": {"nodes": len(nodes), "edges": len(edges)},
        "notes": [_esc(n) for n in notes],
        "physics": len(nodes) <= PHYSICS_LIMIT,
    }
    header = (
        '<header id="kg-header"><h1 id="kg-title">' + _esc(title) + "</h1>"
        '<span id="kg-counts">' + f"{len(nodes)} nodes · {len(edges)} edges · {_esc(view)}"
        + "</span>"
        '<input id="kg-search" type="search" placeholder="Search by name…" '
        'autocomplete="off" aria-label="Search nodes by name">'
        '<span id="kg-search-status" aria-live="polite"></span></header>'
        '<aside id="kg-legend" aria-label="Legend and type filter"></aside>'
        '<aside id="kg-details" hidden></aside>'
    )
    page = page.replace("<body>", "<body>\n" + header, 1)
    page = page.replace(
        "</head>",
        "<title>" + _esc(title) + "</title>\n<style>" + _asset("view.css") + "</style>\n"
        '<script type="application/json" id="kg-view-data">' + _json_for_script(config)
        + "</script>\n</head>",
        1,
    )
    page = page.replace("</body>", "<script>" + _asset("view.js") + "</script>\n</body>", 1)
    page = page.replace(
        '<meta charset="utf-8">',
        '<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="'
        + _csp(page) + '">\n<meta name="viewport" content="width=device-width, initial-scale=1">',
        1,
    )
    return page
