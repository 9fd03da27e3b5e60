"""PNG charts of the graph statistics (matplotlib, Agg backend: no display needed).

>>> import tempfile
>>> from kg.analysis.plots import write_plots
>>> from kg.testing import sample_graph
>>> [p.name for p in write_plots(sample_graph(), tempfile.mkdtemp())]  # doctest: +ELLIPSIS
['top_methods.png', 'top_datasets.png', 'top_benchmarks.png', 'method_dataset_heatmap.png', ...]
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from kg.analysis.stats import ENTITY_LABELS, graph_stats
from kg.errors import KgError

__all__ = ["write_plots"]

_PLURAL = {"Method": "methods", "Dataset": "datasets", "Benchmark": "benchmarks"}


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")  # files only; never needs a display
    import matplotlib.pyplot as plt

    return plt


def _save(fig: Any, path: Path) -> Path:
    # Fixed metadata so the same graph gives byte-identical PNGs.
    fig.savefig(path, dpi=100, metadata={"Software": None})
    _pyplot().close(fig)
    return path


def _empty(ax: Any, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()


def _bars(label: str, entries: list[dict[str, Any]], path: Path) -> Path:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.3 * len(entries) + 1)))
    if entries:
        names = [e["name"] for e in reversed(entries)]
        ax.barh(range(len(names)), [e["papers"] for e in reversed(entries)], color="#4C72B0")
        ax.set_yticks(range(len(names)), names)
        ax.set_xlabel("papers")
    else:
        _empty(ax, f"no {_PLURAL[label]} in the graph")
    ax.set_title(f"Top {len(entries)} {_PLURAL[label]} by number of papers")
    fig.tight_layout()
    return _save(fig, path)


def _heatmap(G: nx.MultiDiGraph, top: int, path: Path) -> Path:
    """Methods x datasets/benchmarks, cell = papers of the EVALUATED_ON edge."""
    plt = _pyplot()
    cells: dict[tuple[str, str], int] = {}
    for u, v, key, attrs in G.edges(keys=True, data=True):
        if key == "EVALUATED_ON":
            cells[(u, v)] = int(attrs.get("count", 1))
    # Columns: the datasets/benchmarks with most pairs; rows: the methods with most pairs
    # among those columns (choosing both independently leaves the matrix mostly empty).
    target_total: dict[str, int] = {}
    for (_, d), n in cells.items():
        target_total[d] = target_total.get(d, 0) + n
    targets = sorted(target_total, key=lambda d: (-target_total[d], d))[:top]
    chosen = set(targets)
    method_total: dict[str, int] = {}
    for (m, d), n in cells.items():
        if d in chosen:
            method_total[m] = method_total.get(m, 0) + n
    methods = sorted(method_total, key=lambda m: (-method_total[m], m))[:top]
    size = (max(5.0, 0.4 * len(targets) + 3), max(4.0, 0.35 * len(methods) + 2))
    fig, ax = plt.subplots(figsize=size)
    if methods and targets:
        matrix = [[cells.get((m, d), 0) for d in targets] for m in methods]
        image = ax.imshow(matrix, cmap="Blues", aspect="auto", vmin=0)
        for row, values in enumerate(matrix):
            for column, value in enumerate(values):
                if value:
                    ax.text(column, row, str(value), ha="center", va="center", fontsize=8,
                            color="white" if value > max(map(max, matrix)) / 2 else "black")
        ax.set_xticks(range(len(targets)), [G.nodes[d].get("name", d) for d in targets],
                      rotation=60, ha="right")
        ax.set_yticks(range(len(methods)), [G.nodes[m].get("name", m) for m in methods])
        bar = fig.colorbar(image, ax=ax, label="papers")
        bar.set_ticks(sorted({v for values in matrix for v in values}))
    else:
        _empty(ax, "no method evaluated on a dataset in the graph")
    ax.set_title("Methods x datasets/benchmarks (papers naming both in one sentence)")
    fig.tight_layout()
    return _save(fig, path)


def _every_month(counts: dict[str, int]) -> dict[str, int]:
    """``counts`` with the months between the first and the last filled in with 0, so the
    x axis is proportional to time."""
    if not counts:
        return {}
    first, last = min(counts), max(counts)
    year, month = int(first[:4]), int(first[5:7])
    filled = {}
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        filled[key] = counts.get(key, 0)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return filled


def _over_time(stats: dict[str, Any], path: Path) -> Path:
    plt = _pyplot()
    months = _every_month(stats["papers_per_month"]["months"])
    fig, ax = plt.subplots(figsize=(8, 3.5))
    if months:
        ax.bar(range(len(months)), list(months.values()), color="#55A868")
        step = max(1, len(months) // 24)  # at most ~24 labels
        ticks = list(range(0, len(months), step))
        ax.set_xticks(ticks, [list(months)[i] for i in ticks], rotation=45, ha="right")
        ax.set_ylabel("papers")
    else:
        _empty(ax, "no paper has a full date")
    undated = stats["papers_per_month"]["undated"]
    ax.set_title(f"Papers per month ({undated} without a date not shown)")
    fig.tight_layout()
    return _save(fig, path)


def write_plots(G: nx.MultiDiGraph, out_dir: str | Path, *, top: int = 20,
                stats: dict[str, Any] | None = None) -> list[Path]:
    """Write the charts of ``kg stats --plot`` into ``out_dir`` and return their paths.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    out_dir : str or Path
        Created if missing; existing charts of the same names are replaced.
    top : int, default 20
        Bars per chart and rows/columns of the heatmap.
    stats : dict, optional
        The result of :func:`kg.analysis.stats.graph_stats` when already computed (with at
        least ``top`` entries per ranking).

    Returns
    -------
    list of Path
        ``top_methods.png``, ``top_datasets.png``, ``top_benchmarks.png``,
        ``method_dataset_heatmap.png``, ``papers_over_time.png``.
    """
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KgError(f"{out}: cannot create the plot directory ({exc.strerror})") from exc
    if stats is None:
        stats = graph_stats(G, top=top)
    # Names are text: "$" in a name must not switch matplotlib into math mode.
    with _pyplot().rc_context({"text.parse_math": False}):
        paths = [_bars(label, stats["top"][label][:top], out / f"top_{_PLURAL[label]}.png")
                 for label in ENTITY_LABELS]
        paths.append(_heatmap(G, top, out / "method_dataset_heatmap.png"))
        paths.append(_over_time(stats, out / "papers_over_time.png"))
    return paths
