#!/usr/bin/env python
"""Time to first draw of `kg view` pages in headless Chromium (issue 6).

For synthetic graphs of 500 / 5,000 / 20,000 nodes (``tests/synthetic.py``), writes the overview
page with every entity and all their papers (``top=0, papers_per_entity=0``), opens it from
``file://`` in headless Chromium, and reports:

* ``write``: seconds to select, lay out and write the page in Python;
* ``first draw``: ms from navigation start to vis-network's first ``afterDrawing`` event
  (``window.kgFirstDrawMs``, set by the page);
* ``interactive``: ms from navigation start until the page answers a script evaluation after
  the first draw and one more frame has been drawn (the main thread is free again).

Target: a 5,000-node view interactive within 3 s. Median of ``--repeat`` page loads.

A second table (issue 17) shows what the *default* overview (``--top 150``) draws as the graph
grows, without the per-entity paper cap (``papers_per_entity=0``, as before) and with the
default cap (10): nodes, papers and edges drawn, and the first draw.
Usage: ``.venv/bin/python scripts/bench_view.py [--sizes 500,5000,20000] [--repeat 3]
[--overview-sizes 20000,33334]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.view import DEFAULT_PAPERS_PER_ENTITY, write_html
from tests.browser import Browser
from tests.synthetic import synthetic_graph

INTERACTIVE_JS = """new Promise(function (resolve) {
  kgView.network.once("afterDrawing", function () { resolve(performance.now()); });
  kgView.network.redraw();
})"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,5000,20000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--overview-sizes", default="20000,33334",
                        help="graph sizes for the default-overview table ('' to skip)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    overview_sizes = [int(s) for s in args.overview_sizes.split(",") if s]
    browser = Browser()
    rows = []
    overview_rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for n in sizes:
                G = synthetic_graph(n, seed=1)
                start = time.perf_counter()
                page_path = write_html(G, Path(tmp) / f"view-{n}.html", top=0,
                                       papers_per_entity=0)
                write_s = time.perf_counter() - start
                first, ready = [], []
                for _ in range(args.repeat):
                    page = browser.new_page()
                    try:
                        page.open(page_path.resolve().as_uri(), timeout=120)
                        first.append(page.evaluate("window.kgFirstDrawMs"))
                        ready.append(page.evaluate(INTERACTIVE_JS))
                        shown = page.evaluate("kgView.nodes.length")
                        physics = page.evaluate("kgView.config.physics")
                        errors = page.errors()
                    finally:
                        page.close()
                rows.append((n, shown, G.number_of_edges(), page_path.stat().st_size / 1e6,
                             write_s, statistics.median(first), statistics.median(ready),
                             physics, len(errors)))
                print(f"{n} nodes done", file=sys.stderr)
            for n in overview_sizes:
                G = synthetic_graph(n, seed=1)
                papers = sum(1 for _, label in G.nodes(data="label") if label == "Paper")
                for cap in (0, DEFAULT_PAPERS_PER_ENTITY):
                    page_path = write_html(G, Path(tmp) / f"overview-{n}-{cap}.html",
                                           papers_per_entity=cap)
                    page = browser.new_page()
                    try:
                        page.open(page_path.resolve().as_uri(), timeout=120)
                        first_ms = page.evaluate("window.kgFirstDrawMs")
                        shown = page.evaluate("kgView.nodes.length")
                        shown_papers = page.evaluate(
                            "kgView.nodes.get({filter: function (n) {"
                            " return n.group === 'Paper'; }}).length")
                        shown_edges = page.evaluate("kgView.edges.length")
                    finally:
                        page.close()
                    overview_rows.append((n, papers, cap, shown, shown_papers, shown_edges,
                                          first_ms))
                print(f"default overview of {n} nodes done", file=sys.stderr)
    finally:
        browser.close()
    if rows:
        print("| graph nodes | drawn nodes | edges | page MB | write s | first draw ms "
              "| interactive ms | physics | console errors |")
        print("|---:|---:|---:|---:|---:|---:|---:|:---:|---:|")
        for n, shown, m, mb, w, f, r, physics, errs in rows:
            print(f"| {n:,} | {shown:,} | {m:,} | {mb:.1f} | {w:.2f} | {f:.0f} | {r:.0f} "
                  f"| {'on' if physics else 'off'} | {errs} |")
    if overview_rows:
        print("\nDefault overview (--top 150):\n")
        print("| graph nodes | graph papers | papers per entity | drawn nodes | drawn papers "
              "| drawn edges | first draw ms |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for n, papers, cap, shown, shown_papers, shown_edges, first_ms in overview_rows:
            print(f"| {n:,} | {papers:,} | {cap or 'all'} | {shown:,} | {shown_papers:,} "
                  f"| {shown_edges:,} | {first_ms:.0f} |")
    target = [r for r in rows if r[0] == 5000]
    if target and target[0][6] > 3000:
        print("5,000-node view NOT interactive within 3 s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
