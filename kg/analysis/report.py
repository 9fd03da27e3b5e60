"""Turning statistics and query results into text: plain tables, Markdown, JSON and CSV.

Cells are data, not markup: in plain tables control characters (newlines, terminal escape
sequences) of titles are replaced, in Markdown the pipe and HTML-special characters are
escaped, JSON and CSV keep the values exactly.

>>> from kg.records import QueryResult
>>> print(format_result(QueryResult(["name", "papers"], [["ImageNet", 3]]), "csv"), end="")
name,papers
ImageNet,3
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from typing import Any

from kg.records import QueryResult

__all__ = ["RESULT_FORMATS", "STATS_FORMATS", "format_result", "format_stats"]

RESULT_FORMATS = ("table", "json", "csv")
STATS_FORMATS = ("text", "markdown", "json")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_MAX_CELL = 80


def _cell(value: Any) -> str:
    """A value as one line of text: lists and maps as JSON, null as empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _table_cell(value: Any) -> str:
    text = _CONTROL.sub(" ", _cell(value))
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"


def _table(columns: list[str], rows: list[list[Any]]) -> str:
    cells = [[_table_cell(c) for c in columns], *([_table_cell(v) for v in row] for row in rows)]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """A query result as ``table`` (aligned columns and a row count), ``json`` (a list of
    objects, one per row) or ``csv`` (header line, lists/maps JSON-encoded)."""
    if fmt == "json":
        return json.dumps(result.records(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([_cell(v) for v in row] for row in result.rows)
        return buffer.getvalue()
    if fmt == "table":
        count = len(result.rows)
        return _table(result.columns, result.rows) + f"({count} row{'' if count == 1 else 's'})\n"
    raise ValueError(f"unknown result format {fmt!r}; choose one of {RESULT_FORMATS}")


def _md(value: Any) -> str:
    return html.escape(_CONTROL.sub(" ", _cell(value)), quote=False).replace("|", "\\|")


def _md_table(columns: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_md(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _sections(stats: dict[str, Any]) -> list[tuple[str, list[str], list[list[Any]]]]:
    """The statistics as (title, columns, rows) tables, in reading order."""
    code = stats["code"]
    comps = stats["components"]
    sections = [
        ("Nodes", ["label", "count"], [[k, v] for k, v in stats["nodes"].items()]),
        ("Relationships", ["type", "count"], [[k, v] for k, v in stats["relationships"].items()]),
    ]
    for label, entries in stats["top"].items():
        sections.append((f"Top {label.lower()}s by papers", ["name", "papers"],
                         [[e["name"], e["papers"]] for e in entries]))
    sections += [
        ("PageRank", ["name", "label", "score"],
         [[e["name"], e["label"], f"{e['score']:.4f}"] for e in stats["pagerank"]]),
        ("Most frequent method x dataset pairs", ["method", "dataset/benchmark", "papers"],
         [[p["method"], p["target"], p["papers"]] for p in stats["pairs"]]),
        ("Code", ["papers", "with code", "share"],
         [[code["papers"], code["with_code"], f"{100 * code['share']:.1f}%"]]),
        ("Connected components", ["components", "largest", "isolated nodes"],
         [[comps["count"], comps["largest"], comps["isolated_nodes"]]]),
        ("Communities (Louvain)", ["size", "papers", "top entities"],
         [[c["size"], c["labels"].get("Paper", 0), ", ".join(c["top_entities"])]
          for c in stats["communities"]]),
        ("Papers per month", ["month", "papers"],
         [*([m, n] for m, n in stats["papers_per_month"]["months"].items()),
          ["undated", stats["papers_per_month"]["undated"]]]),
    ]
    return sections


def format_stats(stats: dict[str, Any], fmt: str = "text") -> str:
    """The result of :func:`kg.analysis.stats.graph_stats` as ``text``, ``markdown`` or ``json``."""
    if fmt == "json":
        return json.dumps(stats, ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return "\n".join(f"## {title}\n\n{_md_table(cols, rows)}"
                         for title, cols, rows in _sections(stats))
    if fmt == "text":
        return "\n".join(f"{title}\n{_table(cols, rows)}" for title, cols, rows in _sections(stats))
    raise ValueError(f"unknown stats format {fmt!r}; choose one of {STATS_FORMATS}")
