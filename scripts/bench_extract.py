#!/usr/bin/env python3
"""Speed and memory of the extractor (issue 3).

Speed: times the extractor (the work of ``kg extract``: pipeline + JSON lines) over the example
corpus against spaCy's bare tokenizer (``spacy.blank("en")``) on the same texts in the same
run; prints words/s of both, the ratio of times, and the speed-up with 2 processes.

Memory (``--memory``): builds synthetic corpora of 1k and 100k papers by resampling sentences
of the example corpus (seeded), writes each to a temporary JSONL file, runs ``kg extract`` on
each in a fresh process and reports its peak RSS. Flat peak RSS = the extractor streams.

Long abstracts (``--memory`` too, issue 11): one paper whose abstract is 125 KB, 250 KB,
500 KB and 1 MB of resampled sentences with ever new names (seeded), written as ordinary
sentences and as one giant sentence; ``kg extract`` runs on each in a fresh process. Prints
peak RSS, seconds and output bytes per input byte, and exits non-zero when a peak RSS reaches
``--rss-limit`` MiB or the output/input ratio grows by more than ``--max-growth`` across sizes
(output must be linear in input; the 1 MB abstract is cut to the extractor's limit first).

Against a base revision (``--base REV``, issue 12): makes a temporary ``git worktree`` of REV
and times the 1-process extractor of REV and of this tree alternately, ``--rounds`` times
each, in fresh interpreters; prints the median words/s of both and their ratio. With
``--memory`` it runs the 1k/100k-paper peak-RSS measurement for both trees.

Usage:
    python scripts/bench_extract.py [--corpus examples/hf-papers] [--repeat 10]
    python scripts/bench_extract.py --base 9febca8 [--rounds 5] [--repeat 5] [--memory]
    python scripts/bench_extract.py --memory [--sizes 1000 100000] [--long-sizes ...]
    python scripts/bench_extract.py --memory --sizes     # the long abstracts only
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from revision import base_tree

ROOT = Path(__file__).resolve().parent.parent


def load_papers(corpus: Path) -> list:
    from kg.readers import read_papers

    return read_papers([corpus]).papers


_TIMER = """
import json, sys, time
from kg.readers import read_papers
papers = read_papers([sys.argv[1]]).papers * int(sys.argv[2])
procs = int(sys.argv[3])
if procs == 0:
    import spacy
    texts = [p.text for p in papers]
    start = time.perf_counter()
    nlp = spacy.blank("en")
    words = sum(sum(1 for t in doc if not t.is_space) for doc in nlp.tokenizer.pipe(texts))
    print(json.dumps({"seconds": time.perf_counter() - start, "words": words}))
else:
    import resource
    from kg.extract.pipeline import extract_lines
    start = time.perf_counter()
    lines = [x.line for x in extract_lines(papers, processes=procs)]
    seconds = time.perf_counter() - start
    cpu = sum(
        r.ru_utime + r.ru_stime
        for r in (resource.getrusage(resource.RUSAGE_SELF),
                  resource.getrusage(resource.RUSAGE_CHILDREN))
    )
    print(json.dumps({"seconds": seconds, "cpu": cpu, "lines": len(lines),
                      "digest": hash(tuple(lines))}))
"""


def _timed(corpus: Path, repeat: int, procs: int, tree: Path | None = None) -> dict:
    """One measurement in a fresh interpreter, so no run inherits another's caches; with
    ``tree``, of the ``kg`` package in that source tree."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    result = subprocess.run(
        [sys.executable, "-c", _TIMER, str(corpus), str(repeat), str(procs)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=tree,
    )
    return json.loads(result.stdout)


def bench_speed(corpus: Path, repeat: int) -> None:
    papers = load_papers(corpus)
    chars = sum(len(p.text) for p in papers) * repeat
    print(f"corpus: {corpus} x{repeat} = {len(papers) * repeat} papers, {chars:,} chars")
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    bare = _timed(corpus, repeat, 0)
    words = bare["words"]
    one = _timed(corpus, repeat, 1)
    two = _timed(corpus, repeat, 2)
    assert one["digest"] == two["digest"], "2-process output differs from 1-process output"
    print(f"words (spaCy blank tokenizer):  {words:,}")
    print(f"bare tokenizer:   {bare['seconds']:7.2f} s  {words / bare['seconds']:12,.0f} words/s")
    print(
        f"extract, 1 proc:  {one['seconds']:7.2f} s  {words / one['seconds']:12,.0f} words/s  "
        f"({one['seconds'] / bare['seconds']:.1f}x the tokenizer's time)"
    )
    print(
        f"extract, 2 procs: {two['seconds']:7.2f} s  {words / two['seconds']:12,.0f} words/s  "
        f"(speed-up {one['seconds'] / two['seconds']:.2f}x; CPU seconds {one['cpu']:.1f} vs "
        f"{two['cpu']:.1f}: a speed-up needs a second idle core)"
    )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


def synthetic_corpus(papers: list, n: int, path: Path, seed: int = 0) -> None:
    """``n`` papers whose titles and abstracts are sentences resampled from ``papers``."""
    rng = random.Random(seed)
    titles = [p.title for p in papers]
    sentences = [s for p in papers for s in re.split(r"(?<=[.!?])\s+", p.abstract) if s]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            abstract = " ".join(rng.choice(sentences) for _ in range(rng.randint(5, 10)))
            # Two halves of real titles: unique titles without inventing new words.
            head = rng.choice(titles).split(":")[0]
            title = f"{head}: {rng.choice(titles)}"
            out.write(
                json.dumps({"id": f"synthetic-{i}", "title": title, "abstract": abstract}) + "\n"
            )


def peak_rss_of_kg_extract(
    path: Path, out: Path, processes: int, tree: Path | None = None
) -> tuple[float, float]:
    """Peak RSS (MiB) and wall time of ``kg extract`` run in a fresh process (with ``tree``,
    of the ``kg`` package in that source tree)."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - t)\n"
    )
    kg = [
        sys.executable,
        "-c",
        "import sys; from kg.cli import main; sys.argv[0] = 'kg'; main()",
        "extract",
        str(path),
        "--out",
        str(out),
        "--processes",
        str(processes),
    ]
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    result = subprocess.run(
        [sys.executable, "-c", probe, *kg], check=True, capture_output=True, text=True, env=env
    )
    rss_kib, seconds = result.stdout.split()
    return int(rss_kib) / 1024, float(seconds)


def peak_rss_of_reading(path: Path) -> float:
    """Peak RSS (MiB) of only streaming the papers (kg.readers.iter_papers), for reference:
    the readers keep one entry per paper id to drop duplicates."""
    code = (
        "import resource, sys\n"
        "from kg.readers import iter_papers\n"
        "for _ in iter_papers([sys.argv[1]]): pass\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)], check=True, capture_output=True, text=True
    )
    return int(result.stdout.strip()) / 1024


def bench_memory(corpus: Path, sizes: list[int], processes: int) -> None:
    papers = load_papers(corpus)
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"synthetic-{n}.jsonl"
            synthetic_corpus(papers, n, path)
            size_mb = path.stat().st_size / 2**20
            rss, seconds = peak_rss_of_kg_extract(path, Path(tmp) / "out.jsonl", processes)
            reading = peak_rss_of_reading(path)
            print(
                f"{n:>8,} papers ({size_mb:7.1f} MiB input): kg extract peak RSS {rss:7.1f} MiB, "
                f"{seconds:7.1f} s, {n / seconds:,.0f} papers/s; reading alone {reading:6.1f} MiB"
            )
            (Path(tmp) / "out.jsonl").unlink(missing_ok=True)


_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]+\b")


def long_abstract(papers: list, size: int, seed: int = 0, separator: str = " ") -> str:
    """``size`` characters of sentences resampled from ``papers`` (seeded), a third of their
    capitalised words given a numbered suffix so that names keep coming ("BERT-4711"), joined
    by ``separator``; ", " with the full stops dropped makes one giant sentence."""
    rng = random.Random(seed)
    sentences = [s for p in papers for s in re.split(r"(?<=[.!?])\s+", p.abstract) if s]
    parts: list[str] = []
    length = 0
    while length < size:
        sentence = _CAPITALISED.sub(
            lambda m: f"{m.group()}-{rng.randint(1, 99_999)}" if rng.random() < 0.3 else m.group(),
            rng.choice(sentences),
        )
        if separator != " ":
            sentence = sentence.rstrip(".!?")
        parts.append(sentence)
        length += len(sentence) + len(separator)
    text = separator.join(parts)[:size]
    return text[: text.rfind(" ")] if " " in text else text


def bench_long(corpus: Path, sizes: list[int], rss_limit: float, max_growth: float) -> list[str]:
    """Run ``kg extract`` on one paper per size and shape; return what failed (empty if none)."""
    papers = load_papers(corpus)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        # A one-line run first: its time (loading the pipeline) is taken off each time below,
        # so that seconds per MB show how the extraction itself grows.
        tiny = Path(tmp) / "tiny.jsonl"
        tiny.write_text(json.dumps({"id": "t", "title": "T", "abstract": "We use BERT."}) + "\n")
        startup_rss, startup = peak_rss_of_kg_extract(tiny, Path(tmp) / "out.jsonl", 1)
        print(f"startup (one tiny paper): {startup:.2f} s, peak RSS {startup_rss:.1f} MiB")
        print(
            f"{'shape':<14} {'abstract':>10} {'output':>12} {'out/in':>7} {'peak RSS':>10} "
            f"{'seconds':>8} {'s/MB':>6}  (s/MB without the startup)"
        )
        for shape, separator in (("sentences", " "), ("one sentence", ", ")):
            ratios = []
            for size in sizes:
                path, out = Path(tmp) / "long.jsonl", Path(tmp) / "out.jsonl"
                abstract = long_abstract(papers, size, separator=separator)
                paper = {"id": f"long-{size}", "title": "A long paper", "abstract": abstract}
                path.write_text(json.dumps(paper, ensure_ascii=False) + "\n", encoding="utf-8")
                in_bytes = path.stat().st_size
                rss, seconds = peak_rss_of_kg_extract(path, out, 1)
                out_bytes = out.stat().st_size
                ratios.append(out_bytes / in_bytes)
                per_mb = (seconds - startup) / (in_bytes / 1e6)
                print(
                    f"{shape:<14} {in_bytes:>10,} {out_bytes:>12,} {ratios[-1]:>7.2f} "
                    f"{rss:>6.1f} MiB {seconds:>8.2f} {per_mb:>6.2f}"
                )
                if rss >= rss_limit:
                    failures.append(f"{shape}, {size:,} chars: peak RSS {rss:.1f} MiB")
            growth = max(ratios) / min(ratios)
            print(f"{shape:<14} output/input ratio varies {growth:.2f}x across sizes")
            if growth > max_growth:
                failures.append(f"{shape}: output/input ratio grows {growth:.2f}x")
    return failures


def bench_against(rev: str, corpus: Path, repeat: int, rounds: int, memory: bool) -> None:
    """Words/s (and with ``memory`` peak RSS) of ``rev`` and of this tree, in one run."""
    papers = load_papers(corpus)
    print(f"corpus: {corpus} x{repeat} = {len(papers) * repeat} papers; {rounds} rounds each")
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    with base_tree(rev, prefix="kg-bench-base-") as base:
        trees = {f"base {rev}": base, "this tree": ROOT}
        words = _timed(corpus, repeat, 0)["words"]
        seconds: dict[str, list[float]] = {name: [] for name in trees}
        digests = set()
        for _ in range(rounds):  # alternate, so a change of load hits both alike
            for name, tree in trees.items():
                run = _timed(corpus, repeat, 1, tree)
                seconds[name].append(run["seconds"])
                digests.add(run["digest"])
        rates = {name: words / statistics.median(times) for name, times in seconds.items()}
        for name, rate in rates.items():
            runs = ", ".join(f"{words / t:,.0f}" for t in seconds[name])
            print(f"{name:>16}: {rate:12,.0f} words/s (median; runs {runs})")
        base_rate, ours = rates[f"base {rev}"], rates["this tree"]
        print(f"this tree / base = {ours / base_rate:.3f} (same output: {len(digests) == 1})")
        if memory:
            with tempfile.TemporaryDirectory() as tmp:
                for n in (1000, 100_000):
                    path = Path(tmp) / f"synthetic-{n}.jsonl"
                    synthetic_corpus(papers, n, path)
                    for name, tree in trees.items():
                        rss, wall = peak_rss_of_kg_extract(path, Path(tmp) / "o.jsonl", 1, tree)
                        print(f"{n:>8,} papers, {name:>16}: peak RSS {rss:7.1f} MiB, {wall:6.1f} s")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "examples" / "hf-papers")
    ap.add_argument("--repeat", type=int, default=10, help="times the corpus is repeated")
    ap.add_argument("--memory", action="store_true", help="peak RSS on synthetic corpora")
    ap.add_argument(
        "--sizes", type=int, nargs="*", default=[1000, 100_000], help="papers per corpus"
    )
    ap.add_argument("--processes", type=int, default=1, help="for --memory")
    ap.add_argument(
        "--long-sizes",
        type=int,
        nargs="*",
        default=[125_000, 250_000, 500_000, 1_000_000],
        help="characters of the one-paper long abstracts (--memory)",
    )
    ap.add_argument("--rss-limit", type=float, default=300.0, help="MiB, for the long abstracts")
    ap.add_argument(
        "--max-growth", type=float, default=1.5, help="largest output/input ratio spread"
    )
    ap.add_argument("--base", help="also time this revision, alternately, in one run")
    ap.add_argument("--rounds", type=int, default=5, help="timings of each tree (--base)")
    args = ap.parse_args()
    if args.base:
        bench_against(args.base, args.corpus, args.repeat, args.rounds, args.memory)
    elif args.memory:
        bench_memory(args.corpus, args.sizes, args.processes)
        failures = (
            bench_long(args.corpus, args.long_sizes, args.rss_limit, args.max_growth)
            if args.long_sizes
            else []
        )
        for failure in failures:
            print(f"FAIL: {failure}", file=sys.stderr)
        if failures:
            sys.exit(1)
    else:
        bench_speed(args.corpus, args.repeat)


if __name__ == "__main__":
    main()
