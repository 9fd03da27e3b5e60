"""Speed and memory of ``kg spark-build`` (issue 15), beside ``kg build``.

Synthetic corpora of N papers (sentences of the example corpus resampled, the generator of
``bench_extract.py --memory``), split into JSON Lines files, built with Spark in local mode
on 1 and 2 cores: wall time, papers/s, microseconds per paper and the peak RSS of the whole
process tree (driver JVM, Python workers; sampled every 0.5 s). ``--local-max`` sizes up to
that many papers are also built with ``kg build`` (``--processes`` = cores) for comparison.
The load average is printed with each run: the machine may be shared.

    nice -n 10 python scripts/bench_spark.py --sizes 100000 1000000 --cores 2
    nice -n 10 python scripts/bench_spark.py --sizes 20000 --cores 1 2 --local-max 20000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import load_papers, synthetic_corpus  # noqa: E402


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack.extend(children.get(current, []))
    return total


def run_measured(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (GiB) of the process tree of ``cmd``."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            done.wait(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - start
    if proc.returncode:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err[-2000:]}")
    return wall, peak / 2**30


def corpus(n: int, directory: Path, files: int) -> Path:
    """``n`` synthetic papers in ``files`` JSON Lines files under ``directory``."""
    whole = directory / "all.jsonl"
    synthetic_corpus(load_papers(ROOT / "examples" / "hf-papers"), n, whole)
    parts = directory / f"corpus-{n}"
    parts.mkdir()
    handles = [(parts / f"part-{i:03d}.jsonl").open("w", encoding="utf-8")
               for i in range(files)]
    per_file = -(-n // files)
    with whole.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            handles[i // per_file].write(line)
    for handle in handles:
        handle.close()
    whole.unlink()
    return parts


def report(kind: str, n: int, cores: int, wall: float, peak: float) -> None:
    print(f"{kind:<12} {n:>8} papers  {cores} cores  {wall:8.1f} s  {n / wall:7.1f} papers/s  "
          f"{1e6 * wall / n:8.0f} us/paper  peak {peak:5.2f} GiB  "
          f"load {os.getloadavg()[0]:.2f}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--cores", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--files", type=int, default=16, help="JSON Lines files per corpus")
    ap.add_argument("--local-max", type=int, default=100_000,
                    help="also run kg build on corpora up to this size")
    args = ap.parse_args()
    kg = [sys.executable, "-c", "from kg.cli import main; main()"]
    print(f"load average before: {os.getloadavg()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="kg-bench-spark-") as tmp:
        for n in args.sizes:
            inputs = corpus(n, Path(tmp), args.files)
            for cores in args.cores:
                out = Path(tmp) / f"spark-{n}-{cores}"
                wall, peak = run_measured([*kg, "spark-build", str(inputs), "--out", str(out),
                                           "--master", f"local[{cores}]",
                                           "--partitions", str(max(4, 2 * args.files))])
                report("spark-build", n, cores, wall, peak)
            if n <= args.local_max:
                cores = max(args.cores)
                wall, peak = run_measured([*kg, "build", str(inputs), "--out",
                                           str(Path(tmp) / f"local-{n}"), "--no-html",
                                           "--processes", str(cores)])
                report("kg build", n, cores, wall, peak)
    print(f"load average after: {os.getloadavg()}", flush=True)


if __name__ == "__main__":
    main()
