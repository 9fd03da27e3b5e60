"""Graph construction: resolved extractions -> one ``networkx.MultiDiGraph``.

The graph follows ``schema/`` (see the package docstring of :mod:`kg.graph`): node key = the
``id`` property, ``label`` attribute, edge key = relationship type. Extractions are streamed:
only a compact copy of each paper's mentions is kept until resolution is decided (no spaCy
objects, one copy of each sentence per paper), so memory grows with the graph, not with the
extractor's working set.
"""

from __future__ import annotations

import gc
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import networkx as nx

from kg.graph.resolve import EntityNode, Resolution, Resolver
from kg.names import canonical_key, is_long_form, repository_id
from kg.records import ExtractedEntity, Mention, PaperExtraction
from kg.schema import load_schema

__all__ = ["PaperEdges", "build_graph", "entity_node_attrs", "kept_entities", "paper_edges",
           "paper_record", "repository_node_attrs"]

#: Relationship type for a Paper -> entity edge, by target label and the entity's role.
_REL_BY_ROLE = {
    ("Method", "proposed"): "PROPOSES",
    ("Method", "introduced"): "PROPOSES",
    ("Method", "used"): "USES",
    ("Dataset", "introduced"): "INTRODUCES",
    ("Benchmark", "introduced"): "INTRODUCES",
    ("Dataset", "proposed"): "INTRODUCES",
    ("Benchmark", "proposed"): "INTRODUCES",
    ("Dataset", "used"): "EVALUATES_ON",
    ("Benchmark", "used"): "EVALUATES_ON",
}
#: When one paper reaches one entity through several records, the stronger claim wins.
_REL_STRENGTH = {"PROPOSES": 2, "INTRODUCES": 2, "USES": 1, "EVALUATES_ON": 1, "HAS_CODE": 1}

# A mention, compactly: (start, end, rule, sentence index, sentence, text).
_MentionRow = tuple[int, int, str, int, str, str]


@dataclass(slots=True)
class _EntityRecord:
    type: str
    role: str
    name: str
    context: frozenset[str]
    mentions: tuple[_MentionRow, ...]


@dataclass(slots=True)
class _PaperRecord:
    attrs: dict[str, Any]
    entities: list[_EntityRecord] = field(default_factory=list)
    repositories: list[tuple[str, tuple[_MentionRow, ...]]] = field(default_factory=list)


def build_graph(extractions: Iterable[PaperExtraction]) -> nx.MultiDiGraph:
    """Resolve entities across all ``extractions`` and build the knowledge graph.

    Parameters
    ----------
    extractions : iterable of PaperExtraction
        One per paper, in any order (a generator is consumed once). A paper id seen twice is
        merged: mentions are united, the attributes of the lexicographically smallest record
        are kept, so the output does not depend on input order.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by ``id`` with a ``label`` attribute; edges keyed by relationship type
        with evidence (``count``, ``sentences``, ``starts``, ``ends``, ``rules``) on every
        Paper->entity edge, ``count``/``papers`` on ``EVALUATED_ON``, ``rule`` on
        ``VARIANT_OF``. ``G.graph["schema_version"]`` is the schema version.

    Examples
    --------
    >>> from kg.records import ExtractedEntity, Mention, Paper, PaperExtraction
    >>> paper = Paper("arxiv:1", "ResNet-50 on ImageNet", "")
    >>> m = Mention("ResNet-50", 0, 9, "ResNet-50 on ImageNet", 0, "gazetteer.method")
    >>> x = PaperExtraction(paper, methods=[ExtractedEntity("ResNet-50", "method", "used",
    ...                                                     mentions=(m,))])
    >>> G = build_graph([x])
    >>> sorted(G.edges(keys=True))
    [('arxiv:1', 'entity:resnet50', 'USES'), ('entity:resnet50', 'entity:resnet', 'VARIANT_OF')]
    """
    with _gc_paused():
        return _build(extractions)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: building creates millions of containers and no
    cycles, and each full collection walks them all, which made large builds superlinear."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build(extractions: Iterable[PaperExtraction]) -> nx.MultiDiGraph:
    schema = load_schema()
    paper_props = set(schema.node("Paper").properties)
    resolver = Resolver()
    papers: dict[str, _PaperRecord] = {}
    for extraction in extractions:
        paper = extraction.paper
        new = paper_record(extraction, paper_props)
        record = papers.get(paper.id)
        if record is None:
            papers[paper.id] = new
        else:
            _merge_duplicate(record, new.attrs, new.entities, new.repositories)
        resolver.add(paper.id, extraction.entities)
    resolution = resolver.resolve()
    return _assemble(papers, resolution, schema.version)


def _paper_attrs(extraction: PaperExtraction, allowed: set[str]) -> dict[str, Any]:
    attrs = extraction.paper.to_dict()
    if extraction.links:
        attrs["links"] = sorted(set(extraction.links))
    attrs = {k: v for k, v in attrs.items() if k in allowed}
    attrs["label"] = "Paper"
    return attrs


def _merge_duplicate(record: _PaperRecord, attrs: dict[str, Any],
                     entities: list[_EntityRecord],
                     repositories: list[tuple[str, tuple[_MentionRow, ...]]]) -> None:
    sources = sorted({*record.attrs.get("sources", []), *attrs.get("sources", [])})
    if json.dumps(attrs, sort_keys=True) < json.dumps(record.attrs, sort_keys=True):
        record.attrs = attrs
    record.attrs["sources"] = sources
    record.entities.extend(entities)
    record.repositories.extend(repositories)


def _mention_rows(mentions: Iterable[Mention],
                  sentences: dict[str, str]) -> tuple[_MentionRow, ...]:
    # One copy of each sentence string per paper, however many mentions share it.
    return tuple(
        (m.start, m.end, m.rule, m.sentence_index, sentences.setdefault(m.sentence, m.sentence),
         m.text)
        for m in mentions
    )


def _entity_record(entity: ExtractedEntity, sentences: dict[str, str]) -> _EntityRecord:
    forms = (entity.name, *entity.aliases)
    context = frozenset(canonical_key(f) for f in forms if is_long_form(f))
    return _EntityRecord(entity.type, entity.role, entity.name, context,
                         _mention_rows(entity.mentions, sentences))


class _Evidence:
    __slots__ = ("rel", "rows")

    def __init__(self) -> None:
        self.rel = ""
        self.rows: dict[tuple[int, int], _MentionRow] = {}

    def add(self, rel: str, rows: Iterable[_MentionRow]) -> None:
        if _REL_STRENGTH.get(rel, 0) > _REL_STRENGTH.get(self.rel, 0):
            self.rel = rel
        for row in rows:
            # Same span reached twice (two records, two rules): keep the smallest rule id.
            key = (row[0], row[1])
            if key not in self.rows or row < self.rows[key]:
                self.rows[key] = row

    def properties(self) -> dict[str, Any]:
        rows = sorted(self.rows.values())
        sentences: dict[str, None] = {}
        for row in sorted(rows, key=lambda r: (r[3], r[0])):
            sentences.setdefault(row[4], None)
        return {
            "count": max(1, len(rows)),
            "sentences": list(sentences),
            "starts": [r[0] for r in rows],
            "ends": [r[1] for r in rows],
            "rules": [r[2] for r in rows],
        }


@dataclass(slots=True)
class PaperEdges:
    """One paper's share of the graph, given the corpus-wide resolution: its Paper->entity
    and Paper->repository edges (target, type, properties) sorted by target, the
    (method, dataset/benchmark) pairs it mentions in one sentence (``EVALUATED_ON``), and
    its repositories as (node id, URL) in the order it gives them."""

    edges: list[tuple[str, str, dict[str, Any]]]
    cooccurrence: set[tuple[str, str]]
    repositories: list[tuple[str, str]]


def paper_record(extraction: PaperExtraction,
                 allowed: set[str] | None = None) -> _PaperRecord:
    """The compact copy of one paper's extraction the graph is built from (``allowed``: the
    Paper properties of the schema)."""
    if allowed is None:
        allowed = set(load_schema().node("Paper").properties)
    sentences: dict[str, str] = {}
    return _PaperRecord(_paper_attrs(extraction, allowed),
                        [_entity_record(e, sentences) for e in extraction.entities],
                        [(r.url, _mention_rows(r.mentions, sentences))
                         for r in extraction.repositories])


def paper_edges(record: _PaperRecord, resolution: Resolution) -> PaperEdges:
    """The edges of one paper (see :class:`PaperEdges`); the same code for ``kg build`` and
    ``kg.spark``, so both make the same graph."""
    nodes = resolution.nodes
    evidence: dict[str, _Evidence] = defaultdict(_Evidence)
    by_sentence: dict[int, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for entity in record.entities:
        fallback = resolution.node_for(entity.type, entity.name, entity.context)
        groups: dict[str, list[_MentionRow]] = defaultdict(list)
        for row in entity.mentions:
            found = resolution.node_for(entity.type, row[5], entity.context) or fallback
            if found is not None:
                groups[found].append(row)
        if not entity.mentions and fallback is not None:
            groups[fallback] = []
        for node_id, rows in groups.items():
            label = nodes[node_id].label
            evidence[node_id].add(_REL_BY_ROLE[(label, entity.role)], rows)
            for row in rows:
                if row[3] >= 0:
                    methods, data = by_sentence[row[3]]
                    (methods if label == "Method" else data).add(node_id)
    cooccurrence = {(method, target) for methods, data in by_sentence.values()
                    for method in methods for target in data}
    repositories = []
    for url, repo_rows in record.repositories:
        rid = repository_id(url)
        repositories.append((rid, url))
        evidence[rid].add("HAS_CODE", repo_rows)
    edges = [(target, evidence[target].rel, evidence[target].properties())
             for target in sorted(evidence)]
    return PaperEdges(edges, cooccurrence, repositories)


def entity_node_attrs(node: EntityNode) -> dict[str, Any]:
    """The properties of an entity's node (``paper_count`` 0: the caller counts edges)."""
    attrs: dict[str, Any] = {
        "label": node.label, "id": node.id, "name": node.name, "canonical": node.canonical,
        "aliases": list(node.aliases), "paper_count": 0,
    }
    if node.type_alternatives:
        attrs["type_alternatives"] = list(node.type_alternatives)
    return dict(sorted(attrs.items()))


def repository_node_attrs(rid: str, url: str) -> dict[str, Any]:
    """The properties of a repository's node, first seen at ``url`` (``paper_count`` 0)."""
    return {"host": urlsplit(url).hostname or "", "id": rid, "label": "Repository",
            "paper_count": 0, "url": url}


def kept_entities(resolution: Resolution, reached: set[str]) -> set[str]:
    """Entity nodes the graph keeps: those a paper reaches, and the bases their variants
    point to (at any depth)."""
    keep = set(reached)
    for kept in sorted(reached):
        while kept in resolution.variants:
            kept = resolution.variants[kept][0]
            keep.add(kept)
    return keep


def _assemble(papers: dict[str, _PaperRecord], resolution: Resolution,
              schema_version: int) -> nx.MultiDiGraph:
    """Add nodes and edges in a fixed order (papers by id), consuming ``papers`` as it goes so
    the compact records and the finished graph are never both held in full."""
    G: nx.MultiDiGraph = nx.MultiDiGraph(schema_version=schema_version)
    nodes = resolution.nodes
    cooccurrence: dict[tuple[str, str], set[str]] = defaultdict(set)
    order = sorted(papers)
    for pid in order:
        G.add_node(pid, **dict(sorted(papers[pid].attrs.items())))
        papers[pid].attrs = {}
    for node_id in sorted(nodes):
        G.add_node(node_id, **entity_node_attrs(nodes[node_id]))

    for pid in order:
        share = paper_edges(papers.pop(pid), resolution)
        for pair in share.cooccurrence:
            cooccurrence[pair].add(pid)
        for rid, url in share.repositories:
            if rid not in G:
                G.add_node(rid, **repository_node_attrs(rid, url))
        for target, rel, props in share.edges:
            G.add_edge(pid, target, key=rel, type=rel, **props)
            G.nodes[target]["paper_count"] += 1

    # Entities no paper reaches are dropped, except the bases their variants point to.
    keep = kept_entities(resolution, {n for n in nodes if G.nodes[n]["paper_count"]})
    G.remove_nodes_from([n for n in nodes if n not in keep])
    for method, target in sorted(cooccurrence):
        pids = sorted(cooccurrence[(method, target)])
        G.add_edge(method, target, key="EVALUATED_ON", type="EVALUATED_ON", count=len(pids),
                   papers=pids)
    for variant in sorted(resolution.variants):
        if variant in keep:
            base, rule = resolution.variants[variant]
            G.add_edge(variant, base, key="VARIANT_OF", type="VARIANT_OF", rule=rule)
    return G
