"""Readers: every seed layout, every input format, every bad-input case, dedup, stable ids."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.readers import FORMATS, ReadStats, iter_papers, read_papers
from kg.readers.dates import iso_date
from kg.readers.detect import detect_format
from kg.readers.ids import normalize_arxiv_id, normalize_doi, normalize_title, paper_id, title_id
from kg.records import Paper

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "hf-papers"
DATA = Path(__file__).resolve().parent / "data" / "readers"

# Measured on examples/hf-papers (a copy of ../shared/seeds/) and checked by hand: every file
# alternates title/abstract once chrome and metadata lines are removed.
SEED_ENTRIES = {
    "000_c9d2c70c456cb6c6.txt": 92,  # blank-line layout
    "001_3491f9a92fdd232a.txt": 262,  # consecutive lines, glued "SubscribeMAFormer"
    "002_1c4aeaeff293b307.txt": 119,  # metadata blocks (authors/org, "·", date)
    "003_d1ed4b5282e5956d.txt": 119,  # consecutive lines, glued "SubscribeSTEP"
    "004_9851af5dcc4c1ba8.txt": 101,  # blank-line layout
}
SEED_TOTAL_ENTRIES = 693
SEED_UNIQUE = 639

CHROME = {
    "new",
    "subscribe",
    "daily papers",
    "byak and the research community",
    "get trending papers in your email inbox!",
    "get trending papers in your email inbox once a day!",
}
DATE_LINE = re.compile(r"^[A-Z][a-z]{2} \d{1,2}(, \d{4})?( \d+)?$")


@pytest.fixture(scope="module")
def seeds() -> list[Paper]:
    result = read_papers([SEEDS])
    assert result.warnings == []
    return result.papers


def by_title(papers: list[Paper], title: str) -> Paper:
    [paper] = [p for p in papers if p.title == title]
    return paper


# --- the seed corpus -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "entries"), sorted(SEED_ENTRIES.items()))
def test_each_seed_page_reads_every_entry(name: str, entries: int) -> None:
    result = read_papers([SEEDS / name])
    assert result.warnings == []
    assert result.stats.entries == result.stats.read == entries
    assert result.stats.skipped == 0


def test_seed_corpus_counts() -> None:
    result = read_papers([SEEDS])
    stats = result.stats
    assert (stats.files, stats.entries, stats.read, stats.skipped) == (
        5,
        SEED_TOTAL_ENTRIES,
        SEED_TOTAL_ENTRIES,
        0,
    )
    assert stats.unique == len(result.papers) == SEED_UNIQUE
    assert stats.duplicates == SEED_TOTAL_ENTRIES - SEED_UNIQUE


def test_glued_subscribe_title_is_split(seeds: list[Paper]) -> None:
    titles = {p.title for p in seeds}
    assert (
        "MAFormer: A Transformer Network with Multi-scale Attention Fusion for Visual "
        "Recognition" in titles
    )
    assert any(t.startswith("STEP: Learning N:M Structured Sparsity Masks") for t in titles)
    assert not [t for t in titles if t.lower().startswith("subscribe")]


def test_first_papers_of_each_layout(seeds: list[Paper]) -> None:
    first = {p.occurrences[0].source.rsplit("/", 1)[-1]: p for p in reversed(seeds)}
    assert first["000_c9d2c70c456cb6c6.txt"].title.startswith("SMART: Self-learning")
    assert first["002_1c4aeaeff293b307.txt"].title.startswith("M3Ret: Unleashing")
    assert first["004_9851af5dcc4c1ba8.txt"].title.startswith("EchoVideo:")


def test_no_chrome_or_metadata_in_any_title_or_abstract(seeds: list[Paper]) -> None:
    for paper in seeds:
        for text in (paper.title, paper.abstract):
            assert text.casefold() not in CHROME
            assert not DATE_LINE.match(text)
            assert "•" not in text and text != "·"
            assert "\n" not in text and text == text.strip()
        assert "get trending papers" not in paper.abstract.lower()
        assert "byak and the research community" not in paper.abstract.lower()


def test_no_merged_or_split_papers(seeds: list[Paper]) -> None:
    # Seed titles are 20-180 characters and abstracts 589-1922: a merged pair would double an
    # abstract, a split one would leave a title-sized abstract.
    for paper in seeds:
        assert 10 <= len(paper.title) <= 200, paper.title
        assert 500 <= len(paper.abstract) <= 2000, paper.title
    long_titles = {p.title for p in seeds if len(p.title) > 40}
    for paper in seeds:
        assert not [t for t in long_titles if t in paper.abstract and t != paper.title]


def test_listing_metadata_is_read(seeds: list[Paper]) -> None:
    ul2 = by_title(seeds, "UL2: Unifying Language Learning Paradigms")
    assert (ul2.author_count, ul2.date, ul2.date_text, ul2.upvotes) == (
        14,
        "2022-05-10",
        "May 10, 2022",
        None,
    )
    speech = by_title(
        seeds, "Advances in Speech Separation: Techniques, Challenges, and Future Trends"
    )
    # "Aug 14 2": no year on the page, so no ISO date; 2 is the upvote count.
    assert (speech.date, speech.date_text, speech.upvotes) == (None, "Aug 14", 2)
    rlp = by_title(seeds, "RLP: Reinforcement as a Pretraining Objective")
    assert (rlp.organization, rlp.upvotes, rlp.date_text, rlp.author_count) == (
        "NVIDIA",
        4,
        "Sep 26",
        None,
    )
    decoupled = by_title(seeds, "Decoupled Contrastive Learning")
    assert (decoupled.date, decoupled.upvotes) == ("2021-10-13", 1)
    # The page's date header ("Nov 12") belongs to the page, not to its first paper.
    m3ret = next(p for p in seeds if p.title.startswith("M3Ret:"))
    assert (m3ret.date, m3ret.date_text, m3ret.author_count) == (None, None, None)
    # Page 002 has 105 metadata blocks: 101 author counts, 4 organisations, 105 dates, 72
    # of them with a year; no other page has any.
    assert sum(1 for p in seeds if p.author_count) == 101
    assert sum(1 for p in seeds if p.organization) == 4
    assert sum(1 for p in seeds if p.date_text) == 105
    assert sum(1 for p in seeds if p.date) == 72


def test_duplicates_keep_every_occurrence_and_listing_metadata(seeds: list[Paper]) -> None:
    multi = [p for p in seeds if len(p.occurrences) > 1]
    assert sum(len(p.occurrences) - 1 for p in multi) == SEED_TOTAL_ENTRIES - SEED_UNIQUE
    mood = next(p for p in seeds if p.title.startswith("Wearable data from subjects playing"))
    assert [o.source.rsplit("/", 1)[-1] for o in mood.occurrences] == [
        "000_c9d2c70c456cb6c6.txt",
        "002_1c4aeaeff293b307.txt",
    ]
    # Seen first in a page without metadata; the 002 page's metadata is kept.
    assert (mood.author_count, mood.date) == (16, "2023-11-07")


def test_ids_are_stable_across_runs(seeds: list[Paper]) -> None:
    again = read_papers([SEEDS]).papers
    assert [p.id for p in again] == [p.id for p in seeds]
    assert len({p.id for p in seeds}) == SEED_UNIQUE
    # Pinned: a change to id normalisation would silently orphan every stored graph.
    ul2 = by_title(seeds, "UL2: Unifying Language Learning Paradigms")
    assert ul2.id == "title:457bb7a38f5d46e0"


def test_iter_papers_streams_first_occurrences(seeds: list[Paper]) -> None:
    stats = ReadStats()
    streamed = list(iter_papers([SEEDS], stats=stats))
    assert [p.id for p in streamed] == [p.id for p in seeds]
    assert all(len(p.occurrences) == 1 for p in streamed)
    assert (stats.entries, stats.unique, stats.duplicates) == (693, 639, 54)


# --- listing layouts in miniature ----------------------------------------------------------------


def test_blank_line_layout() -> None:
    result = read_papers([DATA / "listing_blank.txt"])
    assert [p.title for p in result.papers] == [
        "Graph Learning at Scale",
        "Self-Correction in Language Models",
    ]
    assert [str(p.occurrences[0]).rsplit("/", 1)[-1] for p in result.papers] == [
        "listing_blank.txt:11",
        "listing_blank.txt:15",
    ]
    assert result.papers[0].date_text is None  # "Mar 13" is the page header


def test_consecutive_layout_with_glued_subscribe() -> None:
    result = read_papers([DATA / "listing_consecutive.txt"])
    assert [p.title for p in result.papers] == [
        "MAFormer: A Transformer Network with Multi-scale Attention Fusion",
        "Self-Correction in Language Models",
    ]
    assert result.warnings == []


def test_metadata_layout() -> None:
    papers = read_papers([DATA / "listing_metadata.txt"]).papers
    meta = {
        p.title: (p.author_count, p.organization, p.date, p.date_text, p.upvotes) for p in papers
    }
    assert meta == {
        "Graph Learning at Scale": (None, None, None, None, None),
        "UL2: Unifying Language Learning Paradigms": (14, None, "2022-05-10", "May 10, 2022", None),
        "Advances in Speech Separation": (11, None, None, "Aug 14", 2),
        "RLP: Reinforcement as a Pretraining Objective": (None, "NVIDIA", None, "Sep 26", 4),
        "Edge-MoE: Sparse Vision Transformers": (5, None, "2021-10-13", "Oct 13, 2021", 1),
    }


def test_title_without_abstract_at_end_of_page_is_reported() -> None:
    result = read_papers([DATA / "listing_orphan_end.txt"])
    assert [p.title for p in result.papers] == ["Graph Learning at Scale"]
    [warning] = result.warnings
    assert warning.endswith(
        "listing_orphan_end.txt:9: title with no abstract at the end of the page: "
        "'A Title Whose Abstract Was Cut Off'"
    )
    assert (result.stats.entries, result.stats.read, result.stats.skipped) == (2, 1, 1)


def test_title_without_abstract_mid_page_does_not_shift_later_pairs() -> None:
    result = read_papers([DATA / "listing_orphan_middle.txt"])
    assert [(p.title, p.abstract[:20]) for p in result.papers] == [
        ("Graph Learning at Scale", "We propose a method "),
        ("Self-Correction in Language Models", "Large language model"),
    ]
    [warning] = result.warnings
    assert "listing_orphan_middle.txt:3: title with no abstract" in warning


# --- other formats ---------------------------------------------------------------------------


def test_jsonl_arxiv_snapshot_fields_and_bad_lines() -> None:
    result = read_papers([DATA / "papers.jsonl"])
    first, strings, doi_only = result.papers
    assert first.id == "arxiv:2101.00001"  # version suffix stripped
    assert first.title == "Graph Learning at Scale"
    assert first.abstract == (
        "We propose a method for learning representations of graphs that scales to millions "
        "of nodes. Experiments on three benchmarks show gains over strong baselines."
    )
    assert first.authors == ("Ada Lovelace", "Alan Turing", "Grace Hopper")
    assert first.categories == ("cs.LG", "stat.ML")
    assert (first.date, first.url) == ("2021-02-03", "https://arxiv.org/abs/2101.00001")
    assert strings.id == "arxiv:hep-th/9901001"
    assert strings.authors == ("E. Witten",)
    assert doi_only.id == "doi:10.5555/xyz"
    assert doi_only.url == "https://www.semanticscholar.org/paper/abc123def"
    assert (doi_only.date, doi_only.date_text) == (None, "2020")
    reasons = [w.split("papers.jsonl:", 1)[1] for w in result.warnings]
    assert [r.split(":", 1)[0] for r in reasons] == ["2", "5", "6"]
    assert "not valid JSON" in reasons[0]
    assert "no abstract" in reasons[1]
    assert "expected a JSON object" in reasons[2]
    assert (result.stats.entries, result.stats.read, result.stats.skipped) == (6, 3, 3)


def test_json_array_with_element_lines() -> None:
    result = read_papers([DATA / "papers.json"])
    assert [(p.title, p.occurrences[0].line) for p in result.papers] == [
        ("Self-Correction in Language Models", 2),
        ("Array Paper Two", 15),
    ]
    assert result.papers[0].authors == ("Ann Author", "Bob Author")
    assert result.papers[1].id == "arxiv:2305.12345"


def test_csv_with_header_and_multiline_field() -> None:
    result = read_papers([DATA / "papers.csv"])
    assert [(p.title, p.occurrences[0].line) for p in result.papers] == [
        ("Graph Learning at Scale", 2),
        ("Multi-line Abstract Paper", 3),
        ("CSV Only Paper", 6),
    ]
    assert result.papers[1].abstract == (
        "First line of the abstract. Second line, still the abstract."
    )
    assert result.papers[0].authors == ("Ada Lovelace", "Alan Turing")
    assert (result.papers[2].date, result.papers[2].date_text) == (None, "Sep 25")
    [warning] = result.warnings
    assert warning.endswith("papers.csv:5: record has no title, skipped")


def test_tsv_with_other_column_names() -> None:
    papers = read_papers([DATA / "papers.tsv"]).papers
    assert [(p.id, p.title) for p in papers] == [
        ("doi:10.1234/tsv.1", "TSV Paper"),
        (title_id("Strings Without Tears"), "Strings Without Tears"),
    ]


def test_csv_without_abstract_column_is_reported() -> None:
    result = read_papers([DATA / "no_abstract_column.csv"])
    assert result.papers == []
    assert result.warnings == [
        f"{DATA / 'no_abstract_column.csv'}:1: header names no abstract column "
        "(found: title, year), file skipped"
    ]


def test_format_detection_and_override(tmp_path: Path) -> None:
    assert detect_format(DATA / "papers.jsonl", "x") == "jsonl"
    assert detect_format(DATA / "papers.tsv", "x") == "tsv"
    assert detect_format(DATA / "listing_blank.txt", "x") == "hf-listing"
    disguised = tmp_path / "export.txt"
    disguised.write_text((DATA / "papers.jsonl").read_text())
    assert detect_format(disguised, "x") == "jsonl"
    table = tmp_path / "table.txt"
    table.write_text("title\tabstract\nT\tAn abstract.\n")
    assert detect_format(table, "x") == "tsv"
    assert detect_format(table, "x", format="hf-listing") == "hf-listing"
    assert set(FORMATS) == {"hf-listing", "jsonl", "json", "csv", "tsv"}
    with pytest.raises(InputError, match="unknown format 'xml'"):
        read_papers([table], format="xml")


def test_dedup_across_files_and_formats() -> None:
    inputs = [
        DATA / n
        for n in ("listing_blank.txt", "papers.jsonl", "papers.csv", "papers.tsv", "papers.json")
    ]
    result = read_papers(inputs)
    graph = by_title(result.papers, "Graph Learning at Scale")
    # The listing saw it first; the snapshot adds the arXiv id, authors and date.
    assert graph.id == "arxiv:2101.00001"
    assert [o.source.rsplit("/", 1)[-1] + f":{o.line}" for o in graph.occurrences] == [
        "listing_blank.txt:11",
        "papers.jsonl:1",
        "papers.csv:2",
    ]
    assert graph.authors == ("Ada Lovelace", "Alan Turing", "Grace Hopper")
    assert graph.date == "2021-02-03"
    # The same title under a different arXiv id would be another paper; a title-only record
    # (the TSV) joins the arXiv one, and the longer abstract wins.
    strings = by_title(result.papers, "Strings Without Tears")
    assert strings.id == "arxiv:hep-th/9901001"
    assert strings.abstract.endswith("longer in the table.")
    correction = by_title(result.papers, "Self-Correction in Language Models")
    assert correction.url == "https://example.org/sc"
    assert len(correction.occurrences) == 2
    assert result.stats.duplicates == 4
    assert len({p.id for p in result.papers}) == len(result.papers)


def test_same_title_different_arxiv_ids_stay_apart(tmp_path: Path) -> None:
    path = tmp_path / "two.jsonl"
    rows = [
        {"id": "2101.00001", "title": "Same", "abstract": "One."},
        {"id": "2202.00002", "title": "Same", "abstract": "Two."},
        {"title": "same", "abstract": "Title only."},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = read_papers([path])
    assert [p.id for p in result.papers] == ["arxiv:2101.00001", "arxiv:2202.00002"]
    assert len(result.papers[0].occurrences) == 2


# --- bad input -------------------------------------------------------------------------------


def test_bad_files_are_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "a_empty.txt").write_text("  \n\n")
    (folder / "b_binary.txt").write_bytes(b"title line\n\x00\x01\x02\xff" * 20)
    (folder / "c_latin1.txt").write_bytes(
        b"A Title\n\nAn abstract about caf\xe9s that is not UTF-8.\n"
    )
    (folder / "d_dangling.txt").symlink_to(folder / "missing.txt")
    (folder / ".hidden.txt").write_text("Hidden\nNot read.\n")
    (folder / "e_good.txt").write_text((DATA / "listing_blank.txt").read_text())
    seen: list[str] = []
    result = read_papers([folder, tmp_path / "nope.jsonl"], on_warning=seen.append)
    assert [p.title for p in result.papers] == [
        "Graph Learning at Scale",
        "Self-Correction in Language Models",
    ]
    assert seen == result.warnings
    assert result.warnings == [
        f"{folder / 'a_empty.txt'}: empty file, nothing to read",
        f"{folder / 'b_binary.txt'}:2: binary file (NUL byte), skipped",
        f"{folder / 'c_latin1.txt'}:3: not valid UTF-8 (byte 0xe9), skipped",
        f"{folder / 'd_dangling.txt'}: cannot read file: No such file or directory",
        f"{tmp_path / 'nope.jsonl'}: cannot read file: No such file or directory",
    ]
    assert (result.stats.files, result.stats.files_skipped) == (6, 5)


def test_jsonl_bad_bytes_skip_only_that_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"title": "Good", "abstract": "Fine."}).encode()
    path.write_bytes(good + b"\n" + b'{"title": "\xff"}\n' + good.replace(b"Good", b"Also"))
    result = read_papers([path])
    assert [p.title for p in result.papers] == ["Good", "Also"]
    assert result.warnings == [f"{path}:2: not valid UTF-8 (byte 0xff), skipped"]


def test_broken_json_array_reports_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n {"title": "T", "abstract": "A."},\n {"title": oops}\n]\n')
    result = read_papers([path])
    assert [p.title for p in result.papers] == ["T"]
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith(f"{path}:3: invalid JSON")


def test_strict_raises_on_the_first_problem() -> None:
    with pytest.raises(InputError, match=r"papers\.jsonl:2: line is not valid JSON"):
        read_papers([DATA / "papers.jsonl"], strict=True)
    with pytest.raises(InputError, match="title with no abstract"):
        list(iter_papers([DATA / "listing_orphan_end.txt"], strict=True))
    assert len(read_papers([SEEDS], strict=True).papers) == SEED_UNIQUE


# --- pure helpers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2101.00001", "2101.00001"),
        ("2101.00001v12", "2101.00001"),
        ("arXiv:0704.0001", "0704.0001"),
        ("https://arxiv.org/pdf/2305.12345v2.pdf", "2305.12345"),
        ("math.AG/0601001v3", "math.AG/0601001"),
        ("dev-000", None),
        ("12345", None),
    ],
)
def test_normalize_arxiv_id(raw: str, expected: str | None) -> None:
    assert normalize_arxiv_id(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("10.1000/ABC", "10.1000/abc"),
        ("doi:10.1000/abc", "10.1000/abc"),
        ("https://dx.doi.org/10.1000/abc", "10.1000/abc"),
        ("not a doi", None),
    ],
)
def test_normalize_doi(raw: str, expected: str | None) -> None:
    assert normalize_doi(raw) == expected


def test_title_ids_ignore_case_spacing_and_punctuation() -> None:
    assert title_id("AURORA:Automated Training") == title_id("aurora: automated  training")
    assert title_id("LIMIT-BERT : Linguistic") == title_id("LIMIT-BERT: Linguistic")
    assert title_id("Graph A") != title_id("Graph B")
    assert normalize_title("Ünïcode  Title!") == "ünïcode title"
    assert paper_id("T", arxiv="nonsense", doi="10.1000/x") == "doi:10.1000/x"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("May 10, 2022", "2022-05-10"),
        ("2008-11-13", "2008-11-13"),
        ("2008-11-13T10:00:00Z", "2008-11-13"),
        ("Mon, 2 Apr 2007 19:18:42 GMT", "2007-04-02"),
        ("10 May 2022", "2022-05-10"),
        ("Sep 25", None),
        ("2020", None),
        ("Feb 30, 2021", None),
    ],
)
def test_iso_date(text: str, expected: str | None) -> None:
    assert iso_date(text) == expected


def test_orphan_title_followed_by_a_question_title(tmp_path: Path) -> None:
    # "Is Attention Enough?" ends like a sentence, but the long line after it shows it is a
    # title: the line before it had no abstract.
    abstract = "We ask whether attention is enough. " * 10
    page = tmp_path / "page.txt"
    page.write_text(f"Orphan Title\n\nIs Attention Enough?\n\n{abstract}\n")
    result = read_papers([page])
    assert [p.title for p in result.papers] == ["Is Attention Enough?"]
    assert result.warnings == [
        f"{page}:1: title with no abstract (the next line is another title): 'Orphan Title'"
    ]


def test_abstract_without_title_is_reported(tmp_path: Path) -> None:
    long_abstract = "An abstract whose title line is missing from the page. " * 8
    page = tmp_path / "page.txt"
    page.write_text(f"A Title\n{long_abstract}\n{long_abstract}\nNext Title\nIts abstract.\n")
    result = read_papers([page])
    assert [p.title for p in result.papers] == ["A Title", "Next Title"]
    assert result.warnings[0].startswith(f"{page}:3: abstract with no title: ")


def test_title_starting_with_subscribe_is_not_chrome(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("new\n\nSubscriber Churn Prediction with Graphs\n\nWe predict churn.\n")
    assert [p.title for p in read_papers([page]).papers] == [
        "Subscriber Churn Prediction with Graphs"
    ]


def test_utf16_file_gets_a_helpful_warning(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("A Title\n\nAn abstract.\n", encoding="utf-16")
    result = read_papers(page)  # a single path is accepted too
    assert result.papers == []
    assert result.warnings == [
        f"{page}:1: UTF-16 text is not supported (save it as UTF-8), skipped"
    ]


# --- Hostile input (issue 11): control and bidi characters, NFC, symbol-only titles ----------

_ABSTRACT = "We study a thing. It works."


def _jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Deep\x00Learning", "DeepLearning"),
        ("Deep \x1b[31mLearning", "Deep [31mLearning"),
        ("Bell\x07 rings", "Bell rings"),
        ("DEL\x7f and C1\x9b here", "DEL and C1 here"),
        ("evil\u202eten\u202c name", "evilten name"),
        ("iso\u2066late\u2069 \u200emark\u200f \u061carabic", "isolate mark arabic"),
        ("form\x0cfeed and\rreturn", "form feed and return"),
        ("Cafe\u0301 au lait", "Caf\u00e9 au lait"),  # NFC
        ("Plain title", "Plain title"),
    ],
)
def test_control_and_bidi_characters_removed_and_nfc(tmp_path: Path, raw: str, clean: str) -> None:
    src = _jsonl(tmp_path / "p.jsonl", [{"title": raw, "abstract": f"{raw}. {_ABSTRACT}"}])
    (paper,) = read_papers([src]).papers
    assert paper.title == clean
    assert paper.abstract == f"{clean}. {_ABSTRACT}"


def test_listing_page_text_is_cleaned(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(f"Bidi \u202eTitle\x1b\n\n{_ABSTRACT}\x07\n", encoding="utf-8")
    (paper,) = read_papers([page]).papers
    assert (paper.title, paper.abstract) == ("Bidi Title", _ABSTRACT)
    assert paper.id == title_id("Bidi Title")


def test_nul_title_graphml_is_valid_xml(tmp_path: Path) -> None:
    import networkx as nx

    from kg.api import build
    from kg.graph import write_graphml

    src = _jsonl(tmp_path / "p.jsonl", [{"title": "Null\x00Net\x1b", "abstract": _ABSTRACT}])
    G = build([src])
    H = nx.read_graphml(write_graphml(G, tmp_path / "graph.graphml"))
    titles = [d.get("title") for _, d in H.nodes(data=True) if d.get("title")]
    assert titles == ["NullNet"]


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://github.com/a/b", "https://github.com/a/b"),
        ("https://github.com/a/\u202eten", None),
        ("https://github.com/a/%E2%80%AEten", None),
        ("https://github.com/a/b\x00", None),
        ("https://github.com/a/%00b", None),
    ],
)
def test_unsafe_reader_url_rejected(tmp_path: Path, url: str, kept: str | None) -> None:
    src = _jsonl(tmp_path / "p.jsonl", [{"title": "T", "abstract": _ABSTRACT, "url": url}])
    (paper,) = read_papers([src]).papers
    assert paper.url == kept


@pytest.mark.parametrize("titles", [("!!! ???", "🚀🔥", "🎉✨"), ("🚀", "🚀", "🚀")])
def test_symbol_only_titles_never_merge(tmp_path: Path, titles: tuple[str, ...]) -> None:
    records = [{"title": t, "abstract": f"Paper {i} is about {i}."} for i, t in enumerate(titles)]
    src = _jsonl(tmp_path / "p.jsonl", records)
    result = read_papers([src])
    assert len(result.papers) == 3
    assert len({p.id for p in result.papers}) == 3
    assert title_id("") not in {p.id for p in result.papers}
    assert len(list(iter_papers([src]))) == 3


def test_symbol_only_title_same_paper_twice_still_merges(tmp_path: Path) -> None:
    record = {"title": "🚀🔥", "abstract": _ABSTRACT}
    src = _jsonl(tmp_path / "p.jsonl", [record, record])
    assert len(read_papers([src]).papers) == 1


# --- Hostile input (issue 11): directories holding non-input files, compressed inputs -------


def _two_papers(path: Path) -> Path:
    records = [{"title": f"Paper {i}", "abstract": f"Abstract {i}. Done."} for i in (1, 2)]
    return _jsonl(path, records)


@pytest.mark.parametrize(
    ("name", "content", "read"),
    [
        ("README.md", "# Papers\n\nSome notes.\n", False),
        ("graph.graphml", "<?xml version='1.0'?><graphml/>", False),
        ("view.html", "<html><body>hi</body></html>", False),
        ("notes.pdf", "%PDF-1.4", False),
        ("page.txt", f"A Listing Title\n\n{_ABSTRACT}\n", True),
        ("more.JSONL", '{"title": "Upper", "abstract": "Upper case extension."}\n', True),
    ],
)
def test_directory_reads_input_formats_only(
    tmp_path: Path, name: str, content: str, read: bool
) -> None:
    _two_papers(tmp_path / "a.jsonl")
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = read_papers([tmp_path])
    assert len(result.papers) == (3 if read else 2)
    notes = [w for w in result.warnings if name in w]
    assert len(notes) == (0 if read else 1)
    if not read:
        assert "skipped" in notes[0]
        assert result.stats.files == 1  # the note is not an opened file
        assert len(read_papers([tmp_path], strict=True).papers) == 2  # a note never raises


def test_named_file_is_read_whatever_its_extension(tmp_path: Path) -> None:
    src = _two_papers(tmp_path / "papers.data")
    assert len(read_papers([src]).papers) == 2


def test_build_output_inside_input_dir_is_skipped(tmp_path: Path) -> None:
    from kg.api import build_outputs

    _two_papers(tmp_path / "a.jsonl")
    first = build_outputs([tmp_path], tmp_path / "out", html=False)
    assert (tmp_path / "out" / "graph.json").is_file()
    assert (tmp_path / "out" / "neo4j-import").is_dir()
    notes: list[str] = []
    second = build_outputs([tmp_path], tmp_path / "out", html=False, on_warning=notes.append)
    assert first.label_counts()["Paper"] == second.label_counts()["Paper"] == 2
    assert notes == [f"{tmp_path / 'out'}: kg build output directory, skipped"]


@pytest.mark.parametrize("suffix", [".gz", ".bz2"])
@pytest.mark.parametrize("inner", [".jsonl", ".json", ".csv", ""])
def test_compressed_inputs_read_transparently(tmp_path: Path, suffix: str, inner: str) -> None:
    import bz2
    import gzip

    rows = [{"title": f"Paper {i}", "abstract": f"Abstract {i}. Done."} for i in (1, 2)]
    if inner == ".csv":
        text = "title,abstract\n" + "".join(f"{r['title']},{r['abstract']}\n" for r in rows)
    elif inner == ".json":
        text = json.dumps(rows)
    else:
        text = "".join(json.dumps(r) + "\n" for r in rows)
    opener = gzip.open if suffix == ".gz" else bz2.open
    path = tmp_path / f"papers{inner}{suffix}"
    with opener(path, "wt", encoding="utf-8") as handle:
        handle.write(text)
    # Found in a directory by its inner extension; with none, named, sniffed decompressed.
    result = read_papers([tmp_path if inner else path])
    assert [p.title for p in result.papers] == ["Paper 1", "Paper 2"]
    assert result.warnings == []
    assert result.papers[0].occurrences[0].source == str(path)


@pytest.mark.parametrize("suffix", [".gz", ".bz2"])
def test_corrupt_compressed_file_is_a_warning(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"papers.jsonl{suffix}"
    path.write_bytes(b"this is not compressed data at all\n")
    result = read_papers([path])
    assert result.papers == []
    assert result.stats.files_skipped == 1
    assert "cannot read file" in result.warnings[0]
