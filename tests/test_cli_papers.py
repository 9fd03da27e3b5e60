"""`kg papers`: in-process CLI runs, checked through the JSONL a user gets and the messages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from kg.records import Paper

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "hf-papers"
DATA = Path(__file__).resolve().parent / "data" / "readers"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["papers", *args])
    return result.exit_code, result.stdout, result.stderr


def read_jsonl(path: Path) -> list[Paper]:
    return [Paper.from_dict(json.loads(line)) for line in path.read_text().splitlines()]


def test_seed_corpus_to_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "papers.jsonl"
    code, stdout, stderr = run(str(SEEDS), "--out", str(out))
    assert code == 0, stderr
    assert stdout == ""
    assert stderr.strip() == (
        "693 entries in 5 files: 639 unique papers, 693 read, 0 skipped, 54 duplicates"
    )
    papers = read_jsonl(out)
    assert len(papers) == 639
    assert papers[0].title == "SMART: Self-learning Meta-strategy Agent for Reasoning Tasks"
    ul2 = next(p for p in papers if p.title == "UL2: Unifying Language Learning Paradigms")
    assert (ul2.author_count, ul2.date) == (14, "2022-05-10")
    assert sum(len(p.occurrences) for p in papers) == 693


def test_rerun_is_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert run(str(SEEDS), "-o", str(first))[0] == 0
    assert run(str(SEEDS), "-o", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()
    assert run(str(SEEDS), "-o", str(first))[0] == 0  # overwriting is clean, not appending
    assert first.read_bytes() == second.read_bytes()


def test_stdout_by_default_and_readable_back(tmp_path: Path) -> None:
    code, stdout, _ = run(str(DATA / "listing_blank.txt"))
    assert code == 0
    lines = [json.loads(line) for line in stdout.splitlines()]
    assert [line["title"] for line in lines] == [
        "Graph Learning at Scale",
        "Self-Correction in Language Models",
    ]
    # kg papers output is itself valid input, and ids survive the round trip.
    saved = tmp_path / "round.jsonl"
    saved.write_text(stdout)
    code, again, _ = run(str(saved))
    assert [json.loads(x)["id"] for x in again.splitlines()] == [x["id"] for x in lines]


def test_warnings_name_file_and_line_and_run_goes_on(tmp_path: Path) -> None:
    out = tmp_path / "papers.jsonl"
    code, _, stderr = run(
        str(DATA / "papers.jsonl"), str(DATA / "listing_orphan_end.txt"), "-o", str(out)
    )
    assert code == 0
    warnings = [line for line in stderr.splitlines() if line.startswith("warning: ")]
    assert [w.split(": ", 2)[1].rsplit("/", 1)[-1] for w in warnings] == [
        "papers.jsonl:2",
        "papers.jsonl:5",
        "papers.jsonl:6",
        "listing_orphan_end.txt:9",
    ]
    assert stderr.splitlines()[-1] == (
        "8 entries in 2 files: 3 unique papers, 4 read, 4 skipped, 1 duplicates"
    )
    assert len(read_jsonl(out)) == 3


def test_strict_fails_and_keeps_earlier_output(tmp_path: Path) -> None:
    out = tmp_path / "papers.jsonl"
    assert run(str(DATA / "listing_blank.txt"), "-o", str(out))[0] == 0
    before = out.read_bytes()
    code, _, stderr = run(
        str(DATA / "listing_blank.txt"), str(DATA / "papers.jsonl"), "--strict", "-o", str(out)
    )
    assert code == 1
    assert stderr.strip().endswith(
        "papers.jsonl:2: line is not valid JSON (Expecting value), skipped"
    )
    assert "Traceback" not in stderr
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["papers.jsonl"]  # no temp file left


def test_nothing_readable_exits_non_zero(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = tmp_path / "papers.jsonl"
    code, _, stderr = run(str(empty), str(tmp_path / "missing.csv"), "-o", str(out))
    assert code == 1
    assert f"warning: {empty}: empty file, nothing to read" in stderr
    assert f"warning: {tmp_path / 'missing.csv'}: cannot read file" in stderr
    assert stderr.splitlines()[-1].startswith("Error: no papers could be read from ")
    assert not out.exists()


def test_format_override(tmp_path: Path) -> None:
    disguised = tmp_path / "papers.data"
    shutil.copy(DATA / "papers.tsv", disguised)
    code, stdout, _ = run(str(disguised), "--format", "tsv")
    assert code == 0
    assert [json.loads(x)["title"] for x in stdout.splitlines()] == [
        "TSV Paper",
        "Strings Without Tears",
    ]
    code, _, stderr = run(str(disguised), "--format", "xml")
    assert code == 2
    assert "Invalid value for '--format'" in stderr


def test_help_has_an_example() -> None:
    code, stdout, _ = run("--help")
    assert code == 0
    assert "kg papers examples/hf-papers --out papers.jsonl" in stdout
    assert "--strict" in stdout and "--format" in stdout
