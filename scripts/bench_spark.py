"""Speed and memory of ``kg spark-build`` (issue 15), beside ``kg build``.

Synthetic corpora of N papers (sentences of the example corpus resampled, as
``bench_extract.py --memory`` does), streamed straight into ``--files`` JSON Lines files
(memory stays flat however large N is). Each paper has its own arXiv-style id: titles are
two halves of real titles, and a few hundred thousand papers would otherwise share titles,
which deduplication merges. Built with Spark in local mode on 1 and 2 cores: wall time,
papers/s, microseconds per paper, the peak RSS of the whole process tree (driver JVM, Python
workers; sampled every 0.5 s) and the time of each stage (from the progress lines).
``--local-max`` sizes up to that many papers are also built with ``kg build``
(``--processes`` = cores) for comparison. The load average is printed with each run: the
machine may be shared.

    nice -n 10 python scripts/bench_spark.py --sizes 100000 --cores 2 1
    nice -n 10 python scripts/bench_spark.py --sizes 1000000 --cores 2 --local-max 0
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import load_papers  # noqa: E402


def _tree(pid: int) -> dict[int, tuple[int, float]]:
    """Resident bytes and CPU seconds (user + system) of ``pid`` and each of its
    descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    usage: dict[int, tuple[int, float]] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            usage[int(entry)] = (int(fields[21]) * os.sysconf("SC_PAGE_SIZE"),
                                 (int(fields[11]) + int(fields[12])) / tick)
        except (OSError, IndexError, ValueError):
            continue
    tree, stack = {}, [pid]
    while stack:
        current = stack.pop()
        if current in usage:
            tree[current] = usage[current]
        stack.extend(children.get(current, []))
    return tree


def run_measured(cmd: list[str]) -> tuple[float, float, list[tuple[float, str]]]:
    """Wall seconds, peak RSS (GiB) of the process tree of ``cmd`` and its progress lines
    (``spark-build: ...`` on stderr) with the second each arrived. Also prints the CPU
    seconds of the tree (the processes it waited for): on a shared machine CPU per paper
    and CPU / wall (cores used) say more than the wall time."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    peak = 0
    cpu: dict[int, float] = {}
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            tree = _tree(proc.pid)
            peak = max(peak, sum(rss for rss, _ in tree.values()))
            cpu.update((p, seconds) for p, (_, seconds) in tree.items())
            done.wait(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stages: list[tuple[float, str]] = []
    tail: list[str] = []
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("spark-build: "):
            stages.append((time.perf_counter() - start, line[len("spark-build: "):].strip()))
            # As it happens: a long run shows where it is (and what it had reached if stopped).
            print(f"  at {stages[-1][0]:8.1f} s  peak so far {peak / 2**30:5.2f} GiB  "
                  f"load {os.getloadavg()[0]:.2f}  {stages[-1][1]}", flush=True)
        tail = [*tail[-40:], line]
    proc.wait()
    done.set()
    sampler.join()
    wall = time.perf_counter() - start
    busy = sum(cpu.values())
    print(f"  cpu {busy:.1f} s = {busy / wall:.2f} cores busy on average", flush=True)
    if proc.returncode:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{''.join(tail)}")
    return wall, peak / 2**30, stages


def corpus(n: int, directory: Path, files: int, seed: int = 0) -> Path:
    """``n`` synthetic papers in ``files`` JSON Lines files under ``directory``, written as
    they are made (paper ``i`` in file ``i * files // n``)."""
    papers = load_papers(ROOT / "examples" / "hf-papers")
    rng = random.Random(seed)
    titles = [p.title for p in papers]
    sentences = [s for p in papers for s in re.split(r"(?<=[.!?])\s+", p.abstract) if s]
    parts = directory / f"corpus-{n}"
    parts.mkdir()
    handle = None
    current = -1
    for i in range(n):
        if i * files // n != current:
            if handle is not None:
                handle.close()
            current = i * files // n
            handle = (parts / f"part-{current:03d}.jsonl").open("w", encoding="utf-8")
        abstract = " ".join(rng.choice(sentences) for _ in range(rng.randint(5, 10)))
        head = rng.choice(titles).split(":")[0]
        month = i // 100_000  # arXiv ids hold 100,000 papers a month (YYMM.NNNNN)
        paper_id = f"{15 + month // 12:02d}{month % 12 + 1:02d}.{i % 100_000:05d}"
        handle.write(json.dumps({"id": paper_id, "title": f"{head}: {rng.choice(titles)}",
                                 "abstract": abstract}) + "\n")
    if handle is not None:
        handle.close()
    return parts


def report(kind: str, n: int, cores: int, wall: float, peak: float,
           stages: list[tuple[float, str]] | None = None) -> None:
    print(f"{kind:<12} {n:>8} papers  {cores} cores  {wall:8.1f} s  {n / wall:7.1f} papers/s  "
          f"{1e6 * wall / n:8.0f} us/paper  peak {peak:5.2f} GiB  "
          f"load {os.getloadavg()[0]:.2f}", flush=True)
    marks = [*(stages or []), (wall, "end")]
    for (at, stage), (until, _) in itertools.pairwise(marks):
        print(f"    {until - at:8.1f} s  {stage}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--cores", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--files", type=int, default=16, help="JSON Lines files per corpus")
    ap.add_argument("--partitions", type=int, help="spark-build --partitions [2 x --files]")
    ap.add_argument("--tmp", type=Path, help="where corpora and outputs go [system temp]")
    ap.add_argument("--local-max", type=int, default=100_000,
                    help="also run kg build on corpora up to this size")
    args = ap.parse_args()
    kg = [sys.executable, "-c", "from kg.cli import main; main()"]
    print(f"load average before: {os.getloadavg()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="kg-bench-spark-", dir=args.tmp) as tmp:
        for n in args.sizes:
            started = time.perf_counter()
            inputs = corpus(n, Path(tmp), args.files)
            print(f"corpus of {n} papers in {args.files} files: "
                  f"{time.perf_counter() - started:.1f} s", flush=True)
            for cores in args.cores:
                out = Path(tmp) / f"spark-{n}-{cores}"
                wall, peak, stages = run_measured([
                    *kg, "spark-build", str(inputs), "--out", str(out),
                    "--master", f"local[{cores}]",
                    "--partitions", str(args.partitions or max(4, 2 * args.files))])
                report("spark-build", n, cores, wall, peak, [(0.0, "starting Spark"), *stages])
                shutil.rmtree(out, ignore_errors=True)
            if n <= args.local_max:
                cores = max(args.cores)
                local = Path(tmp) / f"local-{n}"
                wall, peak, _ = run_measured([*kg, "build", str(inputs), "--out", str(local),
                                              "--no-html", "--processes", str(cores)])
                report("kg build", n, cores, wall, peak)
                shutil.rmtree(local, ignore_errors=True)
            shutil.rmtree(inputs, ignore_errors=True)
    print(f"load average after: {os.getloadavg()}", flush=True)


if __name__ == "__main__":
    main()
