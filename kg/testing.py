"""A small hand-made graph that follows ``schema/`` exactly, for docstring examples and for
tests of the stages after graph construction (stores, views, analysis) that must not depend on
the extractor's output.

>>> from kg.testing import sample_graph
>>> G = sample_graph()
>>> sorted({d["label"] for _, d in G.nodes(data=True)})
['Benchmark', 'Dataset', 'Method', 'Paper', 'Repository']

Hostile strings are deliberate: every consumer must treat titles and names as text.
"""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from pathlib import Path

import networkx as nx

from kg.names import entity_id, repository_id

__all__ = ["HOSTILE_TITLE", "sample_graph", "sample_papers_file"]

HOSTILE_TITLE = "<img src=x onerror=alert(1)> Robust \"quoted\" `tick` 'single' \\ title"


#: The sample graph's papers as input records; the last repeats the first (a duplicate).
_SAMPLE_PAPERS = [
    {"id": "2401.00001", "title": "MAFormer: Multi-scale Attention Fusion",
     "abstract": "We propose MAFormer. MAFormer-L reaches 85.9% on ImageNet and beats CSWin "
                 "on MSCOCO.", "update_date": "2024-01-02"},
    {"id": "2401.00002", "title": HOSTILE_TITLE,
     "abstract": "We fine-tune ResNet-50 on ImageNet and evaluate on GLUE. "
                 "<script>alert(2)</script>", "update_date": "2024-02-03"},
    {"title": "A study without dates",
     "abstract": "We compare ResNet and CSWin on ImageNet. Code: https://github.com/org/repo"},
    {"id": "2401.00001", "title": "MAFormer: Multi-scale Attention Fusion",
     "abstract": "We propose MAFormer."},
]


def sample_papers_file() -> Path:
    """A JSON Lines file of four paper records (three papers, one duplicate) in a fresh
    temporary directory, removed when the interpreter exits: input for examples of the
    stages that read files.

    >>> from kg.readers import read_papers
    >>> result = read_papers([sample_papers_file()])
    >>> result.stats.entries, result.stats.unique, result.stats.duplicates
    (4, 3, 1)
    """
    directory = Path(tempfile.mkdtemp(prefix="kg-sample-"))
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    path = directory / "papers.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in _SAMPLE_PAPERS), encoding="utf-8")
    return path


def _evidence(sentence: str, start: int, end: int, rule: str) -> dict[str, object]:
    return {"count": 1, "sentences": [sentence], "starts": [start], "ends": [end], "rules": [rule]}


def sample_graph() -> nx.MultiDiGraph:
    """Three papers, four methods (one a variant), two datasets, a benchmark and a repository."""
    g: nx.MultiDiGraph = nx.MultiDiGraph(schema_version=1)
    papers = [
        (
            "arxiv:2401.00001",
            "MAFormer: Multi-scale Attention Fusion",
            "2024-01-02",
            "MAFormer-L reaches 85.9% on ImageNet and beats CSWin on MSCOCO.",
        ),
        (
            "arxiv:2401.00002",
            HOSTILE_TITLE,
            "2024-02-03",
            "We fine-tune ResNet-50 on ImageNet and evaluate on GLUE. <script>alert(2)</script>",
        ),
        (
            "title:0123456789abcdef",
            "A study without dates",
            None,
            "We compare ResNet and CSWin on ImageNet. Code: https://github.com/org/repo",
        ),
    ]
    for pid, title, date, abstract in papers:
        attrs = {
            "label": "Paper",
            "id": pid,
            "title": title,
            "abstract": abstract,
            "sources": [f"examples/x.txt:{len(g) + 1}"],
        }
        if date:
            attrs["date"] = date
        g.add_node(pid, **attrs)
    entities = [
        ("Method", "maformer", "MAFormer", ["MAFormer-L", "Multi-scale Attention Fusion"], 1),
        ("Method", "cswin", "CSWin", [], 2),
        ("Method", "resnet", "ResNet", [], 1),
        ("Method", "resnet50", "ResNet-50", [], 1),
        ("Dataset", "imagenet", "ImageNet", ["ImageNet-1K"], 3),
        ("Dataset", "mscoco", "MSCOCO", ["COCO", "MS COCO"], 1),
        ("Benchmark", "glue", "GLUE", [], 1),
    ]
    for label, canonical, name, aliases, count in entities:
        nid = entity_id(canonical)
        g.add_node(
            nid,
            label=label,
            id=nid,
            name=name,
            canonical=canonical,
            aliases=aliases,
            paper_count=count,
        )
    repo = repository_id("https://github.com/org/repo")
    g.add_node(
        repo,
        label="Repository",
        id=repo,
        url="https://github.com/org/repo",
        host="github.com",
        paper_count=1,
    )

    def rel(u: str, v: str, type_: str, **props: object) -> None:
        g.add_edge(u, v, key=type_, type=type_, **props)

    p1, p2, p3 = (p[0] for p in papers)
    rel(p1, "entity:maformer", "PROPOSES", **_evidence(papers[0][1], 0, 8, "title.colon"))
    rel(p1, "entity:cswin", "USES", **_evidence(papers[0][3], 60, 65, "gazetteer.method"))
    rel(
        p1,
        "entity:imagenet",
        "EVALUATES_ON",
        **_evidence(papers[0][3], 40, 48, "gazetteer.dataset"),
    )
    rel(
        p1, "entity:mscoco", "EVALUATES_ON", **_evidence(papers[0][3], 75, 81, "gazetteer.dataset")
    )
    rel(p2, "entity:resnet50", "USES", **_evidence(papers[1][3], 13, 22, "gazetteer.method"))
    rel(
        p2,
        "entity:imagenet",
        "EVALUATES_ON",
        **_evidence(papers[1][3], 26, 34, "gazetteer.dataset"),
    )
    rel(
        p2,
        "entity:glue",
        "EVALUATES_ON",
        **_evidence(papers[1][3], 51, 55, "gazetteer.benchmark"),
    )
    rel(p3, "entity:resnet", "USES", **_evidence(papers[2][3], 11, 17, "gazetteer.method"))
    rel(p3, "entity:cswin", "USES", **_evidence(papers[2][3], 22, 27, "gazetteer.method"))
    rel(
        p3,
        "entity:imagenet",
        "EVALUATES_ON",
        **_evidence(papers[2][3], 31, 39, "gazetteer.dataset"),
    )
    rel(
        p3,
        repo,
        "HAS_CODE",
        **_evidence(papers[2][3], 47, 75, "url.repository"),
    )
    rel("entity:maformer", "entity:imagenet", "EVALUATED_ON", count=1, papers=[p1])
    rel("entity:cswin", "entity:mscoco", "EVALUATED_ON", count=1, papers=[p1])
    rel("entity:resnet50", "entity:imagenet", "EVALUATED_ON", count=1, papers=[p2])
    rel("entity:resnet", "entity:imagenet", "EVALUATED_ON", count=1, papers=[p3])
    rel("entity:cswin", "entity:imagenet", "EVALUATED_ON", count=1, papers=[p3])
    rel("entity:resnet50", "entity:resnet", "VARIANT_OF", rule="variant.size_suffix")
    return g
