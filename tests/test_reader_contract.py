"""One contract for every input format, csvkit style: each reader gets the same empty, hostile,
huge, duplicate and badly encoded input and must read what can be read, warn about the rest
with ``file:line``, and never stop the run. A new format passes by adding one subclass that
says how to write papers in it (see docs/architecture.md, "A new input format")."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from kg.readers import read_papers
from kg.readers.detect import FORMATS, detect_format

HOSTILE_TITLE = "<img src=x onerror=alert(1)> \"Robust\" 'quoted' `tick` \\ DETACH DELETE n //"
# ESC, BEL, DEL and a right-to-left override: none may survive reading.
CONTROLS = "\x1b\x07\x7f\u202e"
ABSTRACT = "We propose a method and evaluate it on ImageNet, where it beats the baselines."


def papers(n: int, prefix: str = "Paper") -> list[dict[str, str]]:
    return [{"title": f"{prefix} {i}: A Study of Thing {i}", "abstract": f"{ABSTRACT} Case {i}."}
            for i in range(n)]


class ReaderContract:
    """Subclasses set ``name`` (the file name, which fixes the format) and ``render``."""

    name = ""

    def render(self, records: list[dict[str, str]]) -> str:
        raise NotImplementedError

    def write(self, directory: Path, records: list[dict[str, str]]) -> Path:
        path = directory / self.name
        path.write_text(self.render(records), encoding="utf-8")
        return path

    def read(self, *paths: Path):  # type: ignore[no-untyped-def]
        warnings: list[str] = []
        result = read_papers(list(paths), on_warning=warnings.append)
        return result, warnings

    def test_round_trip(self, tmp_path: Path) -> None:
        records = papers(3)
        result, warnings = self.read(self.write(tmp_path, records))
        assert warnings == []
        assert [(p.title, p.abstract) for p in result.papers] == [
            (r["title"], r["abstract"]) for r in records]
        assert all(p.occurrences[0].source.endswith(self.name) for p in result.papers)

    def test_empty_file_is_a_warning_not_a_failure(self, tmp_path: Path) -> None:
        empty = tmp_path / self.name
        empty.write_bytes(b"")
        other = tmp_path / "more"
        other.mkdir()
        good = self.write(other, papers(1))
        result, warnings = self.read(empty, good)
        assert len(result.papers) == 1
        assert any(str(empty) in w for w in warnings), warnings

    def test_hostile_text_stays_text(self, tmp_path: Path) -> None:
        records = [{"title": HOSTILE_TITLE + "\x1b[31m" + CONTROLS,
                    "abstract": "<script>alert(2)</script> " + ABSTRACT + CONTROLS}]
        result, warnings = self.read(self.write(tmp_path, records))
        assert warnings == []
        (paper,) = result.papers
        assert paper.title == HOSTILE_TITLE + "[31m"
        assert paper.abstract.startswith("<script>alert(2)</script> We propose")
        assert not any(c in paper.title + paper.abstract for c in CONTROLS)

    def test_huge_input(self, tmp_path: Path) -> None:
        long_abstract = " ".join([ABSTRACT] * 5_000)  # ~400 KB in one record
        records = [*papers(2_000), {"title": "A Long One", "abstract": long_abstract}]
        result, warnings = self.read(self.write(tmp_path, records))
        assert warnings == []
        assert len(result.papers) == 2_001
        assert result.papers[-1].abstract == long_abstract

    def test_duplicates_are_merged_keeping_every_source(self, tmp_path: Path) -> None:
        records = papers(2)
        result, _ = self.read(self.write(tmp_path, [*records, records[0]]))
        assert result.stats.unique == 2
        assert result.stats.duplicates == 1
        assert len(result.papers[0].occurrences) == 2

    def test_bad_encoding_names_the_file_and_the_rest_is_read(self, tmp_path: Path) -> None:
        bad = tmp_path / self.name
        bad.write_bytes(self.render(papers(1, prefix="Caf\u00e9")).encode("latin-1"))
        other = tmp_path / "more"
        other.mkdir()
        good = self.write(other, papers(2))
        result, warnings = self.read(bad, good)
        assert {p.title for p in result.papers} >= {r["title"] for r in papers(2)}
        assert any(str(bad) in w and "UTF-8" in w for w in warnings), warnings


class TestJsonLines(ReaderContract):
    name = "papers.jsonl"

    def render(self, records: list[dict[str, str]]) -> str:
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


class TestJsonArray(ReaderContract):
    name = "papers.json"

    def render(self, records: list[dict[str, str]]) -> str:
        return json.dumps(records, ensure_ascii=False, indent=1)


class TestCsv(ReaderContract):
    name = "papers.csv"
    delimiter = ","

    def render(self, records: list[dict[str, str]]) -> str:
        from io import StringIO

        out = StringIO()
        writer = csv.DictWriter(out, fieldnames=["title", "abstract"], lineterminator="\n",
                                delimiter=self.delimiter)
        writer.writeheader()
        writer.writerows(records)
        return out.getvalue()


class TestTsv(TestCsv):
    name = "papers.tsv"
    delimiter = "\t"


class TestListingPage(ReaderContract):
    """A Hugging Face paper-listing page saved as text: title, blank line, abstract."""

    name = "page.txt"

    def render(self, records: list[dict[str, str]]) -> str:
        return "".join(f"{r['title']}\n\n{r['abstract']}\n\n" for r in records)


CONTRACTS = {"jsonl": TestJsonLines, "json": TestJsonArray, "csv": TestCsv, "tsv": TestTsv,
             "hf-listing": TestListingPage}


def test_every_input_format_has_a_contract(tmp_path: Path) -> None:
    assert set(CONTRACTS) == set(FORMATS)
    for format, contract in CONTRACTS.items():
        path = contract().write(tmp_path, papers(1))
        assert detect_format(path, str(path)) == format
