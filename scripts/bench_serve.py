#!/usr/bin/env python
"""Latency of `kg serve` pages (issue 17): entity pages and search, on the example corpus and
on a 100k-paper synthetic graph, plus start-up (load) time.

For each graph: writes it as graph.json (the example corpus is built with ``kg.build``), then
times ``load_graph`` + building the alias index + the entity lists (what ``kg serve`` does
before it listens),
starts the real app on a real uvicorn bound to 127.0.0.1 and requests pages over loopback
with one keep-alive ``httpx2`` client:

* ``entity``: the HTML page of the 50 entities with most papers (the hubs, the worst case)
  and of 150 others picked at random;
* ``entity json``: the same pages with ``?format=json``;
* ``search``: exact names, prefixes and misspellings (a misspelling runs the suggestions).

Reports p50/p95 in ms. Goal: p95 < 100 ms for entity pages on the 100k-paper graph.
Usage: ``nice -n 10 .venv/bin/python scripts/bench_serve.py [--papers 100000] [--seed 1]``
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx2 as httpx
import networkx as nx

from kg.graph import entity_index, load_graph, save_json
from kg.serve.pages import display_name, entity_lists, entity_url
from tests.serve_support import live_server
from tests.synthetic import synthetic_graph


def _pct(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def _time(client: httpx.Client, urls: list[str]) -> list[float]:
    out = []
    for url in urls:
        start = time.perf_counter()
        r = client.get(url)
        out.append(time.perf_counter() - start)
        if r.status_code not in (200, 303):
            raise SystemExit(f"{url}: HTTP {r.status_code}")
    return out


def _bench(name: str, path: Path, rng: random.Random) -> None:
    start = time.perf_counter()
    G = load_graph(path)
    loaded = time.perf_counter() - start
    entity_index(G)
    indexed = time.perf_counter() - start
    entity_lists(G)
    listed = time.perf_counter() - start
    labels = ("Method", "Dataset", "Benchmark")
    entities = [n for n, label in G.nodes(data="label") if label in labels]
    hubs = sorted(entities, key=lambda n: (-int(G.nodes[n].get("paper_count", 0)), n))[:50]
    others = rng.sample(entities, min(150, len(entities)))
    pages = [entity_url(G, n) for n in hubs + others]
    names = [display_name(G, n) for n in rng.sample(entities, min(100, len(entities)))]
    searches = ([f"/search?go=0&q={n}" for n in names[:40]]
                + [f"/search?q={n[:3]}" for n in names[40:70]]
                + [f"/search?q={n[:-1] + 'x' + n[-1]}" for n in names[70:]])
    papers = sum(1 for _, label in G.nodes(data="label") if label == "Paper")
    print(f"\n{name}: {papers:,} papers, {len(entities):,} named entities, "
          f"{G.number_of_edges():,} edges; top hub has "
          f"{G.nodes[hubs[0]].get('paper_count', 0):,} papers")
    print(f"  start-up: load graph.json {loaded:.2f} s, + alias index {indexed:.2f} s, "
          f"+ entity lists {listed:.2f} s")
    with live_server(G) as base, httpx.Client(base_url=base) as client:
        _time(client, pages[:10])  # warm-up
        for label, urls in (("entity", pages), ("entity json", [u + "?format=json" for u in pages]),
                            ("entity (hubs)", pages[:50]), ("search", searches)):
            times = _time(client, urls)
            print(f"  {label:14} n={len(times):4}  p50 {_pct(times, 0.5):6.1f} ms  "
                  f"p95 {_pct(times, 0.95):6.1f} ms  max {max(times) * 1000:6.1f} ms  "
                  f"mean {statistics.mean(times) * 1000:6.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-example", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_example:
            import kg

            example = Path(tmp) / "example.json"
            save_json(kg.build(Path(__file__).resolve().parent.parent / "examples/hf-papers"),
                      example)
            _bench("example corpus (examples/hf-papers)", example, rng)
        G: nx.MultiDiGraph = synthetic_graph(int(args.papers / 0.6), seed=args.seed)
        synthetic = Path(tmp) / "synthetic.json"
        save_json(G, synthetic)
        del G
        _bench("synthetic graph (tests/synthetic.py)", synthetic, rng)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
