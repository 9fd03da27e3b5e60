"""Which part of the graph a view shows: pure functions from a graph to a subgraph.

Each function takes the whole graph ``G`` first and returns a new ``nx.MultiDiGraph`` (a copy,
never a view, so the caller may add drawing attributes). Ranking uses the node's number of
distinct neighbours in the whole graph, ties broken by id, so the selection is deterministic.

A view stays readable as the corpus grows because no entity brings in more than
``papers_per_entity`` of its papers (default :data:`DEFAULT_PAPERS_PER_ENTITY`): a hub dataset
in 7,000 papers shows the ten that tie it most to the rest of the picture, and its node
carries the count of the others in the :data:`MORE_PAPERS` attribute ("+6,990 papers").
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import networkx as nx

from kg.errors import EntityNotFound
from kg.graph import find_entity
from kg.names import canonical_key
from kg.schema import entity_labels, node_labels

__all__ = [
    "DEFAULT_PAPERS_PER_ENTITY",
    "ENTITY_LABELS",
    "MORE_PAPERS",
    "VIEWS",
    "EntityNotFound",
    "capped_papers",
    "ego_subgraph",
    "evaluated_on_subgraph",
    "find_entity",
    "find_focus",
    "overview_subgraph",
    "select_view",
]

#: Labels of the non-paper nodes, in legend order (the schema's).
ENTITY_LABELS = entity_labels()
ALL_LABELS = node_labels()
#: View names accepted by :func:`select_view` (the CLI spells ``evaluated_on`` with a hyphen).
VIEWS = ("overview", "ego", "evaluated_on")
DEFAULT_TOP = {"overview": 150, "evaluated_on": 150}
#: Papers an entity brings into the overview or an ego view unless asked otherwise (0 = all).
DEFAULT_PAPERS_PER_ENTITY = 10
#: Node attribute of a selected subgraph: how many of the entity's papers are not in it.
MORE_PAPERS = "more_papers"


def _degree(G: nx.MultiDiGraph, node: str) -> int:
    """Number of distinct neighbours, whatever the direction or number of parallel edges."""
    return len(set(G.successors(node)) | set(G.predecessors(node)))


def _neighbours(G: nx.MultiDiGraph, node: str) -> set[str]:
    return set(G.succ[node]) | set(G.pred[node])


def _is_paper(G: nx.MultiDiGraph, node: str) -> bool:
    return G.nodes[node].get("label") == "Paper"


def _check_cap(papers_per_entity: int | None) -> int:
    cap = DEFAULT_PAPERS_PER_ENTITY if papers_per_entity is None else papers_per_entity
    if cap < 0:
        raise ValueError(f"papers_per_entity must not be negative, got {cap}")
    return cap


def capped_papers(
    G: nx.MultiDiGraph, entity: str, cap: int, context: Collection[str] = ()
) -> list[str]:
    """The papers of ``entity`` a view shows, at most ``cap`` of them (``0``: all), best first.

    Best means: mentions more of the ``context`` entities (those already in the picture, so
    the papers shown are the ones that link it together), then more entities in all, then
    newer, then by id, so the choice is deterministic.

    Examples
    --------
    >>> from kg.testing import sample_graph
    >>> capped_papers(sample_graph(), "entity:imagenet", 2, context={"entity:glue"})
    ['arxiv:2401.00002', 'arxiv:2401.00001']
    """
    papers = sorted(n for n in _neighbours(G, entity) if _is_paper(G, n))
    if cap and len(papers) > cap:
        near = set(context)
        papers.sort(key=lambda p: str(G.nodes[p].get("date") or ""), reverse=True)
        papers.sort(key=lambda p: (-len(_neighbours(G, p) & near), -_degree(G, p)))
        papers = papers[:cap]
    return papers


def _capped_partners(G: nx.MultiDiGraph, entity: str, cap: int) -> list[str]:
    """The entities directly linked to ``entity`` (EVALUATED_ON, VARIANT_OF) an ego view
    walks on to, at most ``cap`` (``0``: all): most shared papers first, then by id."""
    def papers(other: str) -> int:
        edges = [*G.get_edge_data(entity, other, default={}).values(),
                 *G.get_edge_data(other, entity, default={}).values()]
        return sum(int(e.get("count", 1)) for e in edges)

    partners = sorted(n for n in _neighbours(G, entity) if not _is_paper(G, n))
    if cap and len(partners) > cap:
        partners.sort(key=lambda n: -papers(n))
        partners = partners[:cap]
    return partners


def _count_hidden_papers(G: nx.MultiDiGraph, H: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Set :data:`MORE_PAPERS` on every entity of ``H`` with papers in ``G`` not in ``H``."""
    for node in H:
        if _is_paper(G, node):
            continue
        hidden = sum(1 for n in _neighbours(G, node) if n not in H and _is_paper(G, n))
        if hidden:
            H.nodes[node][MORE_PAPERS] = hidden
    return H


def find_focus(G: nx.MultiDiGraph, focus: str) -> str:
    """The node an ego view is about: a node id, an entity's name or alias
    (:func:`find_entity`), a paper's id without its ``arxiv:`` prefix, or a paper's title
    (case, spacing and punctuation folded).

    Raises
    ------
    EntityNotFound
        Nothing matches; ``matches`` lists close entity names and paper titles.

    Examples
    --------
    >>> from kg.testing import sample_graph
    >>> G = sample_graph()
    >>> find_focus(G, "imagenet-1k"), find_focus(G, "2401.00001")
    ('entity:imagenet', 'arxiv:2401.00001')
    >>> find_focus(G, "a study without DATES")
    'title:0123456789abcdef'
    """
    if focus in G:
        return focus
    if f"arxiv:{focus}" in G and _is_paper(G, f"arxiv:{focus}"):
        return f"arxiv:{focus}"
    try:
        return find_entity(G, focus)
    except EntityNotFound as missing:
        key = canonical_key(focus)
        titles = {n: str(t) for n, t in G.nodes(data="title") if t and _is_paper(G, n)}
        same = sorted(n for n, t in titles.items() if key and canonical_key(t) == key)
        if same:
            return same[0]
        raise EntityNotFound(focus, (*missing.labels, "Paper"),
                             [*missing.matches, *_close_titles(titles, focus)]) from None


def _close_titles(titles: dict[str, str], text: str, n: int = 3) -> list[str]:
    """Paper titles close to ``text`` (RapidFuzz, in C: milliseconds over 100k titles)."""
    from rapidfuzz import fuzz, process, utils

    if len(text) < 12:  # a short name is an entity name, not a title
        return []
    found = process.extract(text, titles, scorer=fuzz.ratio, processor=utils.default_process,
                            limit=n, score_cutoff=80)
    return [title for title, _, _ in found]


def _check_types(types: Collection[str] | None) -> set[str]:
    if types is None:
        return set(ENTITY_LABELS)
    unknown = sorted(set(types) - set(ALL_LABELS))
    if unknown:
        raise ValueError(f"unknown node type(s) {unknown}; choose from {list(ALL_LABELS)}")
    return set(types) & set(ENTITY_LABELS)


def _ranked_entities(
    G: nx.MultiDiGraph, labels: set[str], min_degree: int, nodes: Iterable[str] | None = None
) -> list[str]:
    """Entities of ``labels`` with degree >= ``min_degree``, most connected first."""
    pool = G.nodes if nodes is None else nodes
    scored = [
        (-_degree(G, n), n)
        for n in pool
        if G.nodes[n].get("label") in labels and _degree(G, n) >= min_degree
    ]
    return [n for _, n in sorted(scored)]


def overview_subgraph(
    G: nx.MultiDiGraph,
    *,
    top: int | None = None,
    types: Collection[str] | None = None,
    min_degree: int = 0,
    papers_per_entity: int | None = None,
) -> nx.MultiDiGraph:
    """The ``top`` most connected entities and (some of) the papers that mention them.

    Parameters
    ----------
    G : nx.MultiDiGraph
        The knowledge graph.
    top : int, optional
        How many entities to keep (default 150); ``0`` keeps every entity.
    types : collection of str, optional
        Entity labels to show (``Method``, ``Dataset``, ``Benchmark``, ``Repository``); papers
        are always shown as the links between them. Default: every entity label.
    min_degree : int
        Leave out entities with fewer distinct neighbours than this.
    papers_per_entity : int, optional
        At most this many papers per entity (default 10, ``0``: all; see
        :func:`capped_papers`); an entity with more carries the count of the rest in
        :data:`MORE_PAPERS`.

    Examples
    --------
    >>> from kg.testing import sample_graph
    >>> H = overview_subgraph(sample_graph(), top=1)
    >>> sorted(H.nodes(data="label"))[0]
    ('arxiv:2401.00001', 'Paper')
    >>> H = overview_subgraph(sample_graph(), top=1, papers_per_entity=1)
    >>> len(H), H.nodes["entity:imagenet"][MORE_PAPERS]
    (2, 2)
    """
    labels = _check_types(types)
    cap = _check_cap(papers_per_entity)
    if top is None:
        top = DEFAULT_TOP["overview"]
    entities = _ranked_entities(G, labels, min_degree)
    if top:
        entities = entities[:top]
    keep = set(entities)
    for entity in entities:
        keep.update(capped_papers(G, entity, cap, context=entities))
    return _count_hidden_papers(G, G.subgraph(keep).copy())


def ego_subgraph(
    G: nx.MultiDiGraph,
    focus: str,
    *,
    radius: int = 2,
    types: Collection[str] | None = None,
    min_degree: int = 0,
    papers_per_entity: int | None = None,
) -> nx.MultiDiGraph:
    """One entity or paper and what is around it (``radius`` hops, direction ignored).

    ``focus`` is a node id, an entity's name or alias, or a paper's title (see
    :func:`find_focus`). From an entity the walk takes at most ``papers_per_entity`` of its
    papers (default 10, ``0``: all; :func:`capped_papers`, preferring papers that mention
    entities already reached) and as many of the entities linked to it directly
    (EVALUATED_ON, VARIANT_OF; most shared papers first). So an entity's ego view shows it,
    some papers and their entities, and a paper's shows its entities and the other papers
    that share most of them, however big the hubs.
    Entities with papers left out carry the count in :data:`MORE_PAPERS`. ``types`` and
    ``min_degree`` thin out the other entities; the focus itself and papers are always kept.

    Examples
    --------
    >>> from kg.testing import sample_graph
    >>> H = ego_subgraph(sample_graph(), "GLUE")
    >>> "entity:resnet50" in H, "entity:maformer" in H
    (True, False)
    >>> sorted(ego_subgraph(sample_graph(), "arxiv:2401.00002", radius=1))[:2]
    ['arxiv:2401.00002', 'entity:glue']
    """
    labels = _check_types(types)
    cap = _check_cap(papers_per_entity)
    node = find_focus(G, focus)
    reached = {node}
    frontier = [node]
    for _ in range(radius):
        entities = [n for n in reached if not _is_paper(G, n)]
        step: list[str] = []
        for v in sorted(frontier):
            if _is_paper(G, v):
                near = sorted(_neighbours(G, v))
            else:
                near = _capped_partners(G, v, cap) + capped_papers(G, v, cap, context=entities)
            for n in near:
                if n not in reached:
                    reached.add(n)
                    step.append(n)
        frontier = step
    keep = {
        n
        for n in reached
        if n == node
        or _is_paper(G, n)
        or (G.nodes[n].get("label") in labels and _degree(G, n) >= min_degree)
    }
    return _count_hidden_papers(G, G.subgraph(keep).copy())


def evaluated_on_subgraph(
    G: nx.MultiDiGraph,
    *,
    top: int | None = None,
    types: Collection[str] | None = None,
    min_degree: int = 0,
) -> nx.MultiDiGraph:
    """Methods x datasets/benchmarks joined by ``EVALUATED_ON``, no papers.

    Keeps the ``top`` (default 150, ``0`` for all) methods, datasets and benchmarks with the
    most ``EVALUATED_ON`` partners, and only ``EVALUATED_ON`` edges.

    Examples
    --------
    >>> from kg.testing import sample_graph
    >>> H = evaluated_on_subgraph(sample_graph())
    >>> sorted({t for _, _, t in H.edges(keys=True)})
    ['EVALUATED_ON']
    """
    labels = _check_types(types) & {"Method", "Dataset", "Benchmark"}
    if top is None:
        top = DEFAULT_TOP["evaluated_on"]
    pairs: nx.MultiDiGraph = nx.MultiDiGraph(**G.graph)
    for u, v, key, attrs in G.edges(keys=True, data=True):
        if key == "EVALUATED_ON":
            pairs.add_edge(u, v, key=key, **attrs)
    ranked = [
        n
        for _, n in sorted((-_degree(pairs, n), n) for n in pairs)
        if G.nodes[n].get("label") in labels and _degree(G, n) >= min_degree
    ]
    if top:
        ranked = ranked[:top]
    H = pairs.subgraph(ranked).copy()
    for n in H:
        H.nodes[n].update(G.nodes[n])
    H.remove_nodes_from([n for n in ranked if H.degree(n) == 0])
    return H


def select_view(
    G: nx.MultiDiGraph,
    view: str = "overview",
    *,
    focus: str | None = None,
    types: Collection[str] | None = None,
    top: int | None = None,
    min_degree: int = 0,
    papers_per_entity: int | None = None,
) -> nx.MultiDiGraph:
    """Dispatch to the view's selection function; ``focus`` implies the ego view.
    ``papers_per_entity`` caps the papers of the overview and ego views (not
    ``evaluated_on``, which has no papers)."""
    view = view.replace("-", "_")
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; choose from {list(VIEWS)}")
    if min_degree < 0 or (top is not None and top < 0):
        raise ValueError("top and min_degree must not be negative")
    if focus is not None or view == "ego":
        if not focus:
            raise ValueError("the ego view needs a focus entity")
        return ego_subgraph(G, focus, types=types, min_degree=min_degree,
                            papers_per_entity=papers_per_entity)
    if view == "evaluated_on":
        return evaluated_on_subgraph(G, top=top, types=types, min_degree=min_degree)
    return overview_subgraph(G, top=top, types=types, min_degree=min_degree,
                             papers_per_entity=papers_per_entity)
