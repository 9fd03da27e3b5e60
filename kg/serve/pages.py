"""The data behind every page of ``kg serve``, as plain dicts (JSON-ready), no HTML.

The web layer (:mod:`kg.serve.app`) only renders these; scripts can call them directly or
fetch any page with ``?format=json`` and get the same dict. Entities are addressed by a
*slug*: the node id without its ``entity:`` / ``repo:`` prefix (``/dataset/imagenet``).
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.analysis.cypher import EmbeddedGraph, check_read_only
from kg.errors import EntityNotFound, QueryError
from kg.graph import entity_index, find_entities
from kg.schema import entity_labels, named_entity_labels

__all__ = [
    "ENTITY_PATHS",
    "CypherBox",
    "EntityLists",
    "display_name",
    "entity_lists",
    "entity_page",
    "entity_url",
    "home_page",
    "matrix_page",
    "paper_page",
    "paper_url",
    "search_page",
    "top_page",
]

#: URL path segment of each entity label (``/method/<slug>``).
ENTITY_PATHS = {"Method": "method", "Dataset": "dataset", "Benchmark": "benchmark",
                "Repository": "repository"}
_PREFIX = {"Repository": "repo:"}
#: Papers listed on an entity page unless the caller asks for more.
PAPERS_SHOWN = 50
#: Rows of the "evaluated on" table (most papers first); ``evaluated_total`` counts all.
EVALUATED_SHOWN = 100
_MENTIONS_PER_PAPER = 3
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\n")


def _prefix(label: str) -> str:
    return _PREFIX.get(label, "entity:")


def entity_url(G: nx.MultiDiGraph, node: str) -> str:
    """The site path of an entity or paper node."""
    label = str(G.nodes[node].get("label"))
    if label == "Paper":
        return paper_url(node)
    prefix = _prefix(label)
    slug = node[len(prefix):] if node.startswith(prefix) else node
    return f"/{ENTITY_PATHS[label]}/{slug}"


def paper_url(node: str) -> str:
    return f"/paper/{node}"


def display_name(G: nx.MultiDiGraph, node: str) -> str:
    """What a page calls a node: its name, URL (repositories) or title (papers)."""
    attrs = G.nodes[node]
    if attrs.get("label") == "Paper":
        return str(attrs.get("title") or node)
    return str(attrs.get("name") or attrs.get("url") or node)


def _ref(G: nx.MultiDiGraph, node: str, **extra: Any) -> dict[str, Any]:
    attrs = G.nodes[node]
    return {"id": node, "label": attrs.get("label"), "name": display_name(G, node),
            "url": entity_url(G, node), **extra}


def _paper_text(attrs: Mapping[str, Any]) -> str:
    """The text mention offsets point into: title, blank line, abstract (see the schema)."""
    return f"{attrs.get('title', '')}\n\n{attrs.get('abstract', '')}"


def _snippet(text: str, start: int, end: int) -> dict[str, str]:
    """The sentence around ``text[start:end]`` split as before / mention / after."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    found = _SENTENCE_END.search(text, end)
    right = found.end() if found else len(text)
    before, after = text[left:start].lstrip(), text[end:right]
    if len(before) > 160:
        before = "…" + before[-160:]
    if len(after) > 160:
        after = after[:160] + "…"
    return {"before": before, "mention": text[start:end], "after": after}


def _resolve(G: nx.MultiDiGraph, label: str, slug: str) -> str:
    for node in (_prefix(label) + slug, slug):
        if node in G and G.nodes[node].get("label") == label:
            return node
    raise EntityNotFound(slug, (label,), entity_index(G).close_names(slug, (label,)))


@dataclass(frozen=True, slots=True)
class EntityLists:
    """One entity's lists, computed once per graph (:func:`entity_lists`) so a page for a hub
    in 7,000 papers costs what the rows it shows cost, not a walk over all its edges."""

    #: paper ids, newest first (then by id, descending)
    papers: list[str]
    #: (other entity, EVALUATED_ON papers, first seen date or None), most papers first
    evaluated: list[tuple[str, int, str | None]]
    #: (repository, papers of this entity with that code), most first
    repositories: list[tuple[str, int]]
    variants: list[str]
    variant_of: list[str]


_EMPTY = EntityLists([], [], [], [], [])
_LISTS: weakref.WeakKeyDictionary[nx.MultiDiGraph, tuple[int, dict[str, EntityLists]]] = (
    weakref.WeakKeyDictionary()
)


def entity_lists(G: nx.MultiDiGraph) -> dict[str, EntityLists]:
    """:class:`EntityLists` of every entity of ``G`` (built on first use, in one pass over the
    edges, and kept beside the graph like :func:`kg.graph.entity_index`; rebuilt when the
    node count changes). ``kg serve`` builds it before it listens.

    >>> from kg.testing import sample_graph
    >>> entity_lists(sample_graph())["entity:imagenet"].papers[0]
    'arxiv:2401.00002'
    """
    cached = _LISTS.get(G)
    if cached is not None and cached[0] == G.number_of_nodes():
        return cached[1]
    # Plain dicts and one pass over the edges: networkx's nested views cost ~10x more here.
    label_of = dict(G.nodes(data="label"))
    date_of = {n: str(d) for n, d in G.nodes(data="date") if d}
    papers: defaultdict[str, set[str]] = defaultdict(set)
    code: defaultdict[str, list[str]] = defaultdict(list)
    evaluated: defaultdict[str, list[tuple[str, int, str | None]]] = defaultdict(list)
    variants: defaultdict[str, list[str]] = defaultdict(list)
    variant_of: defaultdict[str, list[str]] = defaultdict(list)
    for u, v, key, data in G.edges(keys=True, data=True):
        if label_of.get(u) == "Paper":
            papers[v].add(u)
            if key == "HAS_CODE":
                code[u].append(v)
        elif key == "VARIANT_OF":
            variants[v].append(u)
            variant_of[u].append(v)
        elif key == "EVALUATED_ON":
            first = min((date_of[p] for p in data.get("papers") or () if p in date_of),
                        default=None)
            count = int(data.get("count", 1))
            evaluated[u].append((v, count, first))
            evaluated[v].append((u, count, first))
    lists = {}
    for n, label in label_of.items():
        if label == "Paper":
            continue
        if n not in papers and n not in evaluated and n not in variants and n not in variant_of:
            lists[n] = _EMPTY
            continue
        own = sorted(papers.get(n, ()), key=lambda p: (date_of.get(p, ""), p), reverse=True)
        repos: Counter[str] = Counter()
        if label != "Repository":
            for p in own:
                if p in code:
                    repos.update(code[p])
        lists[n] = EntityLists(
            papers=own,
            evaluated=sorted(evaluated.get(n, ()), key=lambda row: (-row[1], row[0])),
            repositories=sorted(repos.items(), key=lambda i: (-i[1], i[0])),
            variants=sorted(variants.get(n, ())),
            variant_of=sorted(variant_of.get(n, ())),
        )
    _LISTS[G] = (G.number_of_nodes(), lists)
    return lists


def _page_urls(url: str, page: int, pages: int, extra: str) -> dict[str, str | None]:
    def at(n: int) -> str:
        return f"{url}?page={n}{extra}"

    return {"prev_url": at(page - 1) if page > 1 else None,
            "next_url": at(page + 1) if page < pages else None}


def entity_page(G: nx.MultiDiGraph, label: str, slug: str, *,
                papers: int = PAPERS_SHOWN, page: int = 1,
                evaluated: int = EVALUATED_SHOWN) -> dict[str, Any]:
    """Everything about one entity: names, variants, its papers with highlighted evidence,
    the methods evaluated on it (or the datasets it is evaluated on), code repositories.

    Papers are the newest first, ``papers`` per page (``page`` counts from 1;
    ``papers_total`` counts all, ``papers_pages`` the pages, ``prev_url``/``next_url`` link
    the neighbouring pages). The evaluated-on table has the ``evaluated`` rows with the most
    papers (``evaluated_total`` counts all). The lists come from :func:`entity_lists`, so a
    page costs the rows it shows. :class:`EntityNotFound` when ``slug`` is no ``label`` of
    the graph.

    >>> from kg.testing import sample_graph
    >>> page = entity_page(sample_graph(), "Dataset", "imagenet")
    >>> page["name"], page["papers_total"], page["evaluated"][0]["name"]
    ('ImageNet', 3, 'CSWin')
    >>> page = entity_page(sample_graph(), "Dataset", "imagenet", papers=2, page=2)
    >>> len(page["papers"]), page["papers_pages"], page["prev_url"], page["next_url"]
    (1, 2, '/dataset/imagenet?page=1&papers=2', None)
    """
    node = _resolve(G, label, slug)
    attrs = G.nodes[node]
    nodes = G.nodes
    lists = entity_lists(G).get(node, _EMPTY)
    size = max(1, papers)
    pages = max(1, -(-len(lists.papers) // size))
    page = min(max(1, page), pages)
    shown = []
    for u in lists.papers[(page - 1) * size:page * size]:
        text = _paper_text(nodes[u])
        entry = _ref(G, u, date=nodes[u].get("date"), relations=[], evidence=[])
        for key, data in G.succ[u][node].items():
            entry["relations"].append(key)
            for start, end in zip(data.get("starts") or (), data.get("ends") or (),
                                  strict=False):
                if (0 <= start < end <= len(text)
                        and len(entry["evidence"]) < _MENTIONS_PER_PAPER):
                    entry["evidence"].append(_snippet(text, int(start), int(end)))
        shown.append(entry)
    url = entity_url(G, node)
    extra = f"&papers={size}" if size != PAPERS_SHOWN else ""
    return {
        "id": node,
        "label": label,
        "name": display_name(G, node),
        "url": url,
        "external_url": attrs.get("url"),
        "aliases": list(attrs.get("aliases") or ()),
        "type_alternatives": list(attrs.get("type_alternatives") or ()),
        "paper_count": int(attrs.get("paper_count", len(lists.papers))),
        "variants": sorted((_ref(G, u) for u in lists.variants), key=lambda r: r["name"]),
        "variant_of": sorted((_ref(G, v) for v in lists.variant_of), key=lambda r: r["name"]),
        "papers": shown,
        "papers_total": len(lists.papers),
        "papers_page": page,
        "papers_pages": pages,
        "papers_per_page": size,
        **_page_urls(url, page, pages, extra),
        "evaluated": [_ref(G, other, papers=count, first_seen=first)
                      for other, count, first in lists.evaluated[:max(0, evaluated)]],
        "evaluated_total": len(lists.evaluated),
        "evaluated_heading": ("Methods evaluated on it" if label in ("Dataset", "Benchmark")
                              else "Evaluated on"),
        "repositories": [_ref(G, r, papers=n) for r, n in lists.repositories[:20]],
    }


def paper_page(G: nx.MultiDiGraph, paper_id: str) -> dict[str, Any]:
    """One paper: metadata, and its title and abstract as segments, each mention a segment
    with the entity it links to (``entity`` is ``None`` for plain text). Mention offsets
    count in the paper text as the schema defines it: title, blank line, abstract.
    """
    if paper_id not in G or G.nodes[paper_id].get("label") != "Paper":
        raise EntityNotFound(paper_id, ("Paper",))
    attrs = G.nodes[paper_id]
    title = str(attrs.get("title") or "")
    text = _paper_text(attrs)
    mentions: list[tuple[int, int, str, str]] = []
    code = []
    for _, v, key, data in G.out_edges(paper_id, keys=True, data=True):
        if key == "HAS_CODE":
            code.append(_ref(G, v, external_url=G.nodes[v].get("url")))
        for start, end in zip(data.get("starts") or (), data.get("ends") or (), strict=False):
            if 0 <= start < end <= len(text):
                mentions.append((int(start), int(end), v, key))
    mentions.sort(key=lambda m: (m[0], -m[1]))
    segments: list[dict[str, Any]] = []
    at = 0
    for start, end, node, key in mentions:
        if start < at:  # overlaps the previous mention: keep the earlier, longer one
            continue
        if start > at:
            segments.append({"text": text[at:start], "entity": None})
        segments.append({"text": text[start:end], "relation": key,
                         "entity": _ref(G, node)})
        at = end
    segments.append({"text": text[at:], "entity": None})
    title_segments, abstract_segments = _split_at(segments, len(title) + 2)
    return {
        "id": paper_id,
        "label": "Paper",
        "title": title,
        "url": paper_url(paper_id),
        "date": attrs.get("date"),
        "authors": list(attrs.get("authors") or ()),
        "organization": attrs.get("organization"),
        "external_url": attrs.get("url"),
        "categories": list(attrs.get("categories") or ()),
        "links": list(attrs.get("links") or ()),
        "title_segments": title_segments,
        "abstract": abstract_segments,
        "code": sorted(code, key=lambda r: r["name"]),
        "mentions": len(mentions),
    }


def _split_at(segments: list[dict[str, Any]], offset: int,
              ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Segments of text[:offset - 2] (the title) and of text[offset:] (the abstract)."""
    head: list[dict[str, Any]] = []
    tail: list[dict[str, Any]] = []
    at = 0
    for seg in segments:
        end = at + len(seg["text"])
        if end <= offset:
            head.append(seg)
        elif at >= offset:
            tail.append(seg)
        else:  # only plain text straddles the blank line between title and abstract
            head.append({**seg, "text": seg["text"][:offset - at]})
            tail.append({**seg, "text": seg["text"][offset - at:]})
        at = end
    if head:
        head[-1] = {**head[-1], "text": head[-1]["text"].rstrip("\n")}
    return [s for s in head if s["text"]], [s for s in tail if s["text"]]


def search_page(G: nx.MultiDiGraph, query: str, *, limit: int = 20) -> dict[str, Any]:
    """Entities called ``query`` (any name or alias, :func:`kg.graph.find_entities`), then
    those with a name starting with it; "did you mean" suggestions when nothing matched.

    >>> from kg.testing import sample_graph
    >>> page = search_page(sample_graph(), "imagenet")
    >>> page["exact"], page["results"][0]["name"]
    (True, 'ImageNet')
    >>> search_page(sample_graph(), "imagenett")["suggestions"][0]["name"]
    'ImageNet'
    """
    query = query.strip()
    if not query:
        return {"query": query, "exact": False, "results": [], "suggestions": []}
    index = entity_index(G)
    labels = entity_labels()
    exact = find_entities(G, query)
    found = dict.fromkeys(exact)
    for n in index.starting_with(query, labels, limit=limit):
        found.setdefault(n)
    results = [_ref(G, n, paper_count=int(G.nodes[n].get("paper_count", 0)))
               for n in list(found)[:limit]]
    suggestions = []
    if not results:
        for name in index.close_names(query, labels):
            for n in index.find(name, labels)[:1]:
                suggestions.append(_ref(G, n, matched=name))
    return {"query": query, "exact": bool(exact), "results": results,
            "suggestions": suggestions}


def top_page(G: nx.MultiDiGraph, label: str, *, sort: str = "papers",
             limit: int = 50) -> dict[str, Any]:
    """The ``limit`` entities of ``label`` with the most papers (``sort="papers"``) or the
    first by name (``sort="name"``), with their paper counts."""
    if label not in ENTITY_PATHS:
        raise EntityNotFound(label, tuple(ENTITY_PATHS))
    if sort not in ("papers", "name"):
        raise QueryError(f"sort must be 'papers' or 'name', not {sort!r}")
    rows = [(n, int(a.get("paper_count", 0)), display_name(G, n))
            for n, a in G.nodes(data=True) if a.get("label") == label]
    if sort == "papers":
        rows.sort(key=lambda r: (-r[1], r[2].casefold(), r[0]))
    else:
        rows.sort(key=lambda r: (r[2].casefold(), r[0]))
    return {"label": label, "sort": sort, "total": len(rows),
            "entities": [_ref(G, n, paper_count=c) for n, c, _ in rows[:limit]]}


def matrix_page(G: nx.MultiDiGraph, *, top: int = 15) -> dict[str, Any]:
    """Methods x datasets/benchmarks: the ``top`` methods and targets with the most
    EVALUATED_ON papers, and the paper count of each pair (0 when none)."""
    cells: dict[tuple[str, str], int] = {}
    by_method: Counter[str] = Counter()
    by_target: Counter[str] = Counter()
    for u, v, key, data in G.edges(keys=True, data=True):
        if key == "EVALUATED_ON":
            n = int(data.get("count", 1))
            cells[(u, v)] = n
            by_method[u] += n
            by_target[v] += n
    methods = [m for m, _ in sorted(by_method.items(), key=lambda i: (-i[1], i[0]))[:top]]
    targets = [t for t, _ in sorted(by_target.items(), key=lambda i: (-i[1], i[0]))[:top]]
    return {
        "methods": [_ref(G, m) for m in methods],
        "targets": [_ref(G, t) for t in targets],
        "cells": [[cells.get((m, t), 0) for t in targets] for m in methods],
    }


def home_page(G: nx.MultiDiGraph, *, top: int = 10) -> dict[str, Any]:
    """Counts per label and the top entities of each named label."""
    counts: Counter[str] = Counter(str(label) for _, label in G.nodes(data="label"))
    return {"counts": dict(sorted(counts.items())),
            "top": {label: top_page(G, label, limit=top)["entities"]
                    for label in named_entity_labels()}}


class CypherBox:
    """Read-only Cypher for the site: over the embedded engine (loaded on first use) or a
    server (``store`` URI), with a time and row limit.

    Write clauses are refused before anything runs (:func:`kg.analysis.cypher.check_read_only`;
    a server also runs the query in a read transaction).
    """

    def __init__(self, G: nx.MultiDiGraph, *, store: str | None = None,
                 timeout: float = 10.0, max_rows: int = 1000):
        self.G = G
        self.store = store
        self.timeout = timeout
        self.max_rows = max_rows
        self._engine: EmbeddedGraph | None = None
        self._lock = threading.Lock()  # one Ladybug connection, one query at a time

    def run(self, cypher: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """``{"columns", "rows", "truncated"}``; :class:`QueryError` for a write, a
        malformed query or one over the time limit."""
        if not cypher.strip():
            raise QueryError("empty Cypher query")
        check_read_only(cypher)
        if self.store:
            from kg.store import run_query

            result = run_query(self.store, cypher, params, read_only=True)
            rows = result.rows
        else:
            with self._lock:
                if self._engine is None:
                    self._engine = EmbeddedGraph(self.G)
                result = self._engine.query(cypher, params, timeout=self.timeout,
                                            max_rows=self.max_rows + 1)
            rows = result.rows
        return {"columns": result.columns, "rows": rows[:self.max_rows],
                "truncated": len(rows) > self.max_rows}
