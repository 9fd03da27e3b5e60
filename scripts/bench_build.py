#!/usr/bin/env python
"""Benchmark of the graph stage (issue 4).

1. Example corpus: time of extraction (the real spaCy extractor) vs resolution + graph
   construction (`kg.graph.build_graph`) on the same extractions. Target: the graph stage
   adds less than 20% to extraction time.
2. Synthetic corpus of N papers (default 100,000) made by resampling sentences of the example
   corpus together with their extracted mentions (offsets recomputed), streamed into
   `build_graph` from a generator in a fresh process; peak RSS reported for several sizes so
   the growth per paper is visible (the graph itself holds every abstract, so memory must
   grow with it - the point is that nothing else does: no Docs, no per-paper copies).

Usage:
    .venv/bin/python scripts/bench_build.py                 # both parts, N = 25k, 50k, 100k
    .venv/bin/python scripts/bench_build.py --sizes 10000   # quicker
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.records import (  # noqa: E402
    ExtractedEntity,
    Mention,
    Paper,
    PaperExtraction,
    RepositoryRef,
)

# A sentence unit: (sentence text, [(kind, type, role, name, aliases, start, end, rule, text)])
Unit = tuple[str, list[tuple[str, str, str, str, tuple[str, ...], int, int, str, str]]]


def current_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def sentence_units(extractions: list[PaperExtraction]) -> tuple[list[Unit], list[str]]:
    """Every sentence of the example corpus that has a mention, with its mentions relative to
    the sentence start; plus every title, for synthetic titles."""
    units: list[Unit] = []
    titles = []
    for x in extractions:
        text = x.paper.text
        titles.append(x.paper.title)
        by_sentence: dict[int, list] = defaultdict(list)
        sentence_text: dict[int, tuple[str, int]] = {}
        items = [("entity", e) for e in x.entities] + [("repo", r) for r in x.repositories]
        for kind, thing in items:
            for m in thing.mentions:
                known = sentence_text.get(m.sentence_index)
                if m.sentence_index <= 0 or (known is not None and known[0] != m.sentence):
                    continue  # the title (index 0) is not resampled into abstracts
                offset = text.find(m.sentence, max(0, m.end - len(m.sentence)))
                if offset < 0 or offset > m.start:
                    continue
                sentence_text[m.sentence_index] = (m.sentence, offset)
                if kind == "entity":
                    row = ("entity", thing.type, thing.role, thing.name, thing.aliases,
                           m.start - offset, m.end - offset, m.rule, m.text)
                else:
                    row = ("repo", "", "", thing.url, (), m.start - offset, m.end - offset,
                           m.rule, m.text)
                by_sentence[m.sentence_index].append(row)
        for index, rows in by_sentence.items():
            units.append((sentence_text[index][0], rows))
    return units, titles


def synthetic_extractions(n: int, units: list[Unit], titles: list[str],
                          seed: int = 0) -> Iterator[PaperExtraction]:
    """``n`` papers of 4-8 resampled sentences each, generated lazily."""
    rng = random.Random(seed)
    for i in range(n):
        title = rng.choice(titles)
        chosen = [rng.choice(units) for _ in range(rng.randint(4, 8))]
        text = title + "\n\n"
        entities: dict[tuple[str, str], list[Mention]] = defaultdict(list)
        meta: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {}
        repos: dict[str, list[Mention]] = defaultdict(list)
        for index, (sentence, rows) in enumerate(chosen, start=1):
            offset = len(text)
            text += sentence + " "
            for kind, type_, role, name, aliases, start, end, rule, surface in rows:
                mention = Mention(surface, offset + start, offset + end, sentence, index, rule)
                if kind == "repo":
                    repos[name].append(mention)
                else:
                    entities[(type_, name)].append(mention)
                    meta.setdefault((type_, name), (role, aliases))
        paper = Paper(f"synthetic:{i:07d}", title, text[len(title) + 2:].rstrip())
        out = PaperExtraction(paper)
        for (type_, name), mentions in entities.items():
            role, aliases = meta[(type_, name)]
            entity = ExtractedEntity(name, type_, role, aliases, tuple(mentions))  # type: ignore[arg-type]
            {"method": out.methods, "dataset": out.datasets,
             "benchmark": out.benchmarks}[type_].append(entity)
        out.repositories = [RepositoryRef(url, tuple(ms)) for url, ms in repos.items()]
        yield out


def bench_example(corpus: Path, processes: int) -> tuple[list[PaperExtraction], dict]:
    from kg.extract import Extractor
    from kg.graph import build_graph, save_json, write_graphml, write_neo4j_import
    from kg.readers import read_papers

    papers = read_papers([corpus], on_warning=lambda _m: None).papers
    t0 = time.perf_counter()
    extractor = Extractor()
    t1 = time.perf_counter()
    extractions = list(extractor.pipe(papers))
    t2 = time.perf_counter()
    G = build_graph(extractions)
    t3 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        save_json(G, Path(tmp) / "graph.json")
        write_graphml(G, Path(tmp) / "graph.graphml")
        write_neo4j_import(G, Path(tmp) / "neo4j-import")
    t4 = time.perf_counter()
    result = {
        "papers": len(papers),
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "pipeline_load_s": round(t1 - t0, 3),
        "extract_s": round(t2 - t1, 3),
        "resolve_and_graph_s": round(t3 - t2, 3),
        "graph_vs_extract_pct": round(100 * (t3 - t2) / (t2 - t1), 2),
        "graph_vs_extract_incl_load_pct": round(100 * (t3 - t2) / (t2 - t0), 2),
        "exports_s": round(t4 - t3, 3),
    }
    return extractions, result


def run_synthetic(units_file: Path, n: int) -> dict:
    """In this (fresh) process: stream ``n`` synthetic papers into build_graph."""
    from kg.graph import build_graph

    with units_file.open("rb") as fh:
        units, titles = pickle.load(fh)
    base = peak_rss_mb()
    t0 = time.perf_counter()
    G = build_graph(synthetic_extractions(n, units, titles))
    seconds = time.perf_counter() - t0
    peak = peak_rss_mb()
    return {"papers": n, "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
            "build_s": round(seconds, 1), "papers_per_s": round(n / seconds),
            "rss_before_mb": round(base, 1), "peak_rss_mb": round(peak, 1),
            "rss_with_graph_mb": round(current_rss_mb(), 1),
            "kib_per_paper": round((peak - base) * 1024 / n, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "hf-papers")
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 50_000, 100_000])
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--synthetic-child", nargs=2, metavar=("UNITS", "N"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.synthetic_child:
        print(json.dumps(run_synthetic(Path(args.synthetic_child[0]),
                                       int(args.synthetic_child[1]))))
        return

    extractions, example = bench_example(args.corpus, args.processes)
    print("example corpus:", json.dumps(example), flush=True)
    units = sentence_units(extractions)
    with tempfile.TemporaryDirectory() as tmp:
        units_file = Path(tmp) / "units.pickle"
        with units_file.open("wb") as fh:
            pickle.dump(units, fh)
        print(f"synthetic corpus: {len(units[0])} sentence units with mentions", flush=True)
        for n in args.sizes:
            done = subprocess.run(
                [sys.executable, __file__, "--synthetic-child", str(units_file), str(n)],
                check=True, capture_output=True, text=True)
            print("synthetic:", done.stdout.strip(), flush=True)


if __name__ == "__main__":
    main()
