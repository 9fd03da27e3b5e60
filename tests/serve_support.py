"""A small real graph for the ``kg serve`` tests: built by ``kg.build`` (real spaCy) from a
corpus with ImageNet papers and a hostile title, plus a live uvicorn on loopback."""

from __future__ import annotations

import json
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import networkx as nx

#: Records whether it ran instead of only calling alert (as in the view tests).
PROBE = ('<img src=x onerror="window.__kgPwned=1;alert(1)"> <a href="javascript:alert(3)">'
         "x</a> <script>window.__kgPwned=2</script> Probe paper")

PAPERS = [
    {"id": "2002.05709", "title": "A Simple Framework for Contrastive Learning",
     "abstract": "We propose SimCLR, a simple framework for contrastive learning. SimCLR "
                 "reaches 76.5% top-1 accuracy on ImageNet and also improves results on "
                 "CIFAR-10. Code: https://github.com/google-research/simclr",
     "date": "2020-02-13"},
    {"id": "2401.00002", "title": PROBE,
     "abstract": "We fine-tune ResNet-50 on ImageNet and evaluate on COCO. "
                 "<script>window.__kgPwned=3</script>",
     "date": "2024-01-02"},
    {"id": "2103.00003", "title": "Comparing ResNet and ViT",
     "abstract": "We compare ResNet and ViT on ImageNet and on CIFAR-10.",
     "date": "2021-03-01"},
]


@cache
def _built() -> str:
    import kg

    tmp = Path(tempfile.mkdtemp(prefix="kg-serve-test-"))
    source = tmp / "papers.jsonl"
    source.write_text("".join(json.dumps(p) + "\n" for p in PAPERS), encoding="utf-8")
    G = kg.build(source)
    kg.graph.save_json(G, tmp / "graph.json")
    return str(tmp / "graph.json")


def serve_graph() -> nx.MultiDiGraph:
    """A fresh copy of the built graph (tests may change it), ImageNet given a hostile alias."""
    from kg.graph import load_graph

    G = load_graph(_built())
    G.nodes["entity:imagenet"]["aliases"] = [*G.nodes["entity:imagenet"]["aliases"], PROBE]
    return G


def probe_paper(G: nx.MultiDiGraph) -> str:
    return next(n for n, t in G.nodes(data="title") if t == PROBE)


@contextmanager
def live_server(G: nx.MultiDiGraph) -> Iterator[str]:
    """The site over ``G`` on a real uvicorn at 127.0.0.1 (a free port); yields its base URL."""
    import uvicorn

    from kg.serve.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(G), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
