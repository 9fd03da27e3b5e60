"""Compare embedded Cypher engines on the README's example questions: correctness against a
real FalkorDB (the reference) and speed.

Engines: Ladybug (``kg.analysis.cypher``, what ``kg query --graph`` uses) and grand-cypher
over networkx (for the record; it has no parameters, so values are pasted in as literals
here, which ``kg`` itself never does).

    .venv/bin/kg build examples/hf-papers --out out
    .venv/bin/python scripts/bench_query.py out/graph.json [--repeat 5] [--markdown]

Prints, per question and engine: ok / wrong / error, and the median time of ``--repeat`` runs;
then the load time of each engine.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

from kg.analysis.cypher import EmbeddedGraph  # noqa: E402
from kg.graph import load_graph  # noqa: E402
from kg.records import QueryResult  # noqa: E402
from tests.test_readme_questions import readme_questions  # noqa: E402


def _timed(fn: Any, repeat: int) -> tuple[Any, float]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return result, statistics.median(times)


def _grand_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """grand-cypher reads labels and relationship types from ``__labels__`` sets."""
    H = nx.MultiDiGraph()
    for node, attrs in G.nodes(data=True):
        H.add_node(node, **attrs, __labels__={attrs["label"]})
    for u, v, key, attrs in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=key, **attrs, __labels__={key})
    return H


def _grand_query(H: nx.MultiDiGraph, cypher: str, params: dict[str, Any]) -> QueryResult:
    from grandcypher import GrandCypher

    for name, value in params.items():  # no parameters in grand-cypher: literals
        cypher = re.sub(rf"\${name}\b", json.dumps(value), cypher)
    cypher = re.sub(r"\b(count|collect|sum|avg|min|max)\(", lambda m: m[1].upper() + "(",
                    cypher, flags=re.IGNORECASE)
    table = GrandCypher(H).run(cypher)
    columns = [str(c) for c in table]
    return QueryResult(columns, [list(r) for r in zip(*table.values(), strict=True)])


def _same(a: QueryResult, b: QueryResult, ordered: bool) -> bool:
    if a.columns != b.columns:
        return False
    return a.rows == b.rows if ordered else sorted(a.rows, key=repr) == sorted(b.rows, key=repr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path, help="graph.json written by kg build")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()

    from kg.store import run_query, write_graph
    from tests.falkordb_server import start_falkordb

    G = load_graph(args.graph)
    questions = readme_questions()
    start = time.perf_counter()
    embedded = EmbeddedGraph(G)
    ladybug_load = time.perf_counter() - start
    start = time.perf_counter()
    grand = _grand_graph(G)
    grand_load = time.perf_counter() - start
    rows = []
    with start_falkordb() as server:
        write_graph(G, server.url, database="bench")
        for title, cypher, params in questions:
            reference = run_query(server.url, cypher, params, database="bench")
            ordered = "ORDER BY" in cypher.upper()
            row = [title.split(".")[0], title.split(". ", 1)[1], str(len(reference.rows))]
            engines = (lambda q=cypher, p=params: embedded.query(q, p),
                       lambda q=cypher, p=params: _grand_query(grand, q, p))
            for engine in engines:
                try:
                    result, seconds = _timed(engine, args.repeat)
                except Exception as exc:  # any engine failure is a result to report
                    row.append(f"error ({type(exc).__name__}: {str(exc).splitlines()[0][:60]})")
                    continue
                verdict = "ok" if _same(result, reference, ordered) else "WRONG"
                row.append(f"{verdict} {seconds * 1000:.1f} ms")
            rows.append(row)
    embedded.close()
    header = ["#", "question", "rows (FalkorDB)", "Ladybug", "grand-cypher"]
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    else:
        for row in rows:
            print("  ".join(row))
    print(f"\nload: Ladybug {ladybug_load * 1000:.0f} ms, grand-cypher {grand_load * 1000:.0f} ms "
          f"({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)")


if __name__ == "__main__":
    main()
