#!/usr/bin/env python3
"""Check that ``kg extract`` output is byte-identical to a base revision's (issue 12).

Makes a temporary ``git worktree`` of REV (detached), runs ``kg extract`` with the base tree and
with this tree on each INPUT and compares the output bytes. On a difference it prints the
first differing line of both and exits 1. Base outputs are cached in ``--cache`` (keyed by the
base commit and the input's path, size and mtime), so repeated checks only run this tree.

With ``--cmp-only`` a difference is reported by the input's name only, never by content: use
it for the sealed validation set, whose contents must not be looked at.

Usage:
    python scripts/check_extract_identical.py --base 9febca8
    python scripts/check_extract_identical.py --base 9febca8 ../shared/eval/dev_papers.jsonl
    python scripts/check_extract_identical.py --base 9febca8 --cmp-only \\
        ../shared/eval/val_papers.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from revision import base_tree

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUTS = [
    ROOT / "examples" / "hf-papers",
    ROOT.parent / "shared" / "eval" / "dev_papers.jsonl",
]

_RUN_EXTRACT = "import sys; from kg.cli import main; sys.argv[0] = 'kg'; main()"


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


def run_extract(tree: Path, source: Path, out: Path) -> None:
    """``kg extract SOURCE --out OUT`` with the package of TREE (not the venv's install)."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    result = subprocess.run(
        [sys.executable, "-c", _RUN_EXTRACT, "extract", str(source), "--out", str(out)],
        env=env,
        cwd=tree,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"kg extract failed in {tree} on {source}:\n{result.stderr.strip()}")


def _cache_key(commit: str, source: Path) -> str:
    """The base output depends on the base commit and the input (its files' sizes, mtimes)."""
    digest = hashlib.sha256(commit.encode())
    files = sorted(source.rglob("*")) if source.is_dir() else [source]
    for path in files:
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:16]


def base_output(commit: str, source: Path, cache: Path) -> Path:
    """The base revision's output for SOURCE, from the cache or a temporary worktree."""
    cache.mkdir(parents=True, exist_ok=True)
    cached = cache / f"base-{commit[:12]}-{source.name}-{_cache_key(commit, source)}.jsonl"
    if cached.exists():
        return cached
    with base_tree(commit) as tree:
        partial = cached.with_suffix(".partial")
        run_extract(tree, source, partial)
        partial.replace(cached)
    return cached


def first_difference(base: bytes, ours: bytes) -> tuple[int, bytes, bytes]:
    """The 1-based number of the first line that differs and both versions of it."""
    base_lines, our_lines = base.split(b"\n"), ours.split(b"\n")
    for number, (left, right) in enumerate(zip(base_lines, our_lines, strict=False), start=1):
        if left != right:
            return number, left, right
    number = min(len(base_lines), len(our_lines)) + 1
    return number, b"\n".join(base_lines[number - 1 :]), b"\n".join(our_lines[number - 1 :])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", type=Path, help="inputs (default: examples + dev)")
    parser.add_argument("--base", required=True, help="the revision to compare with")
    parser.add_argument(
        "--cache", type=Path, default=Path("/tmp/h12"), help="where base outputs are kept"
    )
    parser.add_argument(
        "--cmp-only", action="store_true", help="report only whether outputs differ, no content"
    )
    args = parser.parse_args()
    commit = _git("rev-parse", "--verify", f"{args.base}^{{commit}}")
    failed = False
    for source in args.inputs or DEFAULT_INPUTS:
        source = source.resolve()
        base = base_output(commit, source, args.cache).read_bytes()
        with tempfile.TemporaryDirectory(prefix="kg-ours-") as tmp:
            ours_path = Path(tmp) / "ours.jsonl"
            run_extract(ROOT, source, ours_path)
            ours = ours_path.read_bytes()
        if base == ours:
            print(f"identical: {source} ({len(ours)} bytes)")
            continue
        failed = True
        if args.cmp_only:
            print(f"DIFFERENT: {source}", file=sys.stderr)
            continue
        number, left, right = first_difference(base, ours)
        print(f"DIFFERENT: {source}, first at line {number}", file=sys.stderr)
        print(f"  base: {left.decode(errors='replace')[:2000]}", file=sys.stderr)
        print(f"  ours: {right.decode(errors='replace')[:2000]}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
