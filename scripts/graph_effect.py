#!/usr/bin/env python3
"""What an extraction change does to a corpus's graph (issue 13).

Builds the graph of a corpus (default examples/hf-papers) twice with ``kg build``: with the code
of a base revision (``--base REV``, checked out in a temporary ``git worktree``) and with this
tree, each in a fresh interpreter whose PYTHONPATH is that tree. Then compares the entity nodes
(Method, Dataset, Benchmark; not Paper or Repository) by node id, which is the entity's
canonical name, so the same entity is matched across the two graphs whatever its type:

- entity nodes before and after, how many disappeared and how many appeared;
- how many Method nodes changed type (a Method before that is a Dataset or Benchmark after),
  how many entities became Methods, and every other type change;
- up to ``--examples`` examples of each (name, type before -> after, papers mentioning it),
  the entities most papers mention first, then by name, so the list is the same every run.

Prints a readable report, or with ``--json`` one JSON object. Exits non-zero with a one-line
error on stderr when a build fails.

Usage:
    python scripts/graph_effect.py --base 22f1e5e
    python scripts/graph_effect.py --base main [--corpus examples/hf-papers] [--examples 10]
    python scripts/graph_effect.py --base HEAD --json
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from revision import CheckoutFailed, base_tree

ROOT = Path(__file__).resolve().parent.parent

#: The node labels that are extracted entities; Paper and Repository nodes come from the
#: input records, not from the extractor's typing, so they are left out of the comparison.
ENTITY_LABELS = ("Method", "Dataset", "Benchmark")

_KG_CLI = "import sys; from kg.cli import main; sys.argv[0] = 'kg'; main()"


class BuildFailed(Exception):
    """``kg build`` of one tree exited non-zero."""


@dataclass(frozen=True)
class Entity:
    """One entity node of a graph: its id, display name, label and how many papers name it."""

    id: str
    name: str
    label: str
    papers: int


@dataclass(frozen=True)
class Change:
    """One entity in the report: its type (label) and papers count in each graph; ``None``
    where the entity is not in that graph."""

    id: str
    name: str
    before: str | None
    after: str | None
    papers_before: int | None
    papers_after: int | None

    @property
    def papers(self) -> int:
        return max(self.papers_before or 0, self.papers_after or 0)


@dataclass
class Effect:
    """The difference between the entity nodes of two graphs."""

    entities_before: int
    entities_after: int
    by_label_before: dict[str, int]
    by_label_after: dict[str, int]
    disappeared: list[Change] = field(default_factory=list)
    appeared: list[Change] = field(default_factory=list)
    method_changed_type: list[Change] = field(default_factory=list)
    became_method: list[Change] = field(default_factory=list)
    other_type_changes: list[Change] = field(default_factory=list)

    def type_changes(self) -> dict[str, int]:
        """Count of each ``before -> after`` type change, e.g. ``{"Method -> Dataset": 3}``."""
        counts = Counter(
            f"{c.before} -> {c.after}"
            for c in self.method_changed_type + self.became_method + self.other_type_changes
        )
        return dict(sorted(counts.items()))


def entities_of_graph(graph: object) -> dict[str, Entity]:
    """The entity nodes of a kg graph (a networkx graph read by ``kg.graph.io.load_graph``),
    by node id."""
    entities = {}
    for node_id, data in graph.nodes(data=True):  # type: ignore[attr-defined]
        if data.get("label") in ENTITY_LABELS:
            entities[node_id] = Entity(
                id=node_id,
                name=data.get("name", node_id),
                label=data["label"],
                papers=int(data.get("paper_count", 0)),
            )
    return entities


def _most_mentioned_first(changes: list[Change]) -> list[Change]:
    return sorted(changes, key=lambda c: (-c.papers, c.name.casefold(), c.id))


def compare(before: Mapping[str, Entity], after: Mapping[str, Entity]) -> Effect:
    """The effect of going from the entities ``before`` to the entities ``after``; each list
    of changes is sorted by papers count (largest first), then name."""
    effect = Effect(
        entities_before=len(before),
        entities_after=len(after),
        by_label_before=dict(sorted(Counter(e.label for e in before.values()).items())),
        by_label_after=dict(sorted(Counter(e.label for e in after.values()).items())),
    )
    for node_id in sorted(before.keys() | after.keys()):
        old, new = before.get(node_id), after.get(node_id)
        named = new if new is not None else before[node_id]
        change = Change(
            id=node_id,
            name=named.name,
            before=old.label if old else None,
            after=new.label if new else None,
            papers_before=old.papers if old else None,
            papers_after=new.papers if new else None,
        )
        if new is None:
            effect.disappeared.append(change)
        elif old is None:
            effect.appeared.append(change)
        elif old.label == new.label:
            continue
        elif old.label == "Method":
            effect.method_changed_type.append(change)
        elif new.label == "Method":
            effect.became_method.append(change)
        else:
            effect.other_type_changes.append(change)
    for name in ("disappeared", "appeared", "method_changed_type", "became_method",
                 "other_type_changes"):
        setattr(effect, name, _most_mentioned_first(getattr(effect, name)))
    return effect


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else "no error message"


def build_entities(tree: Path, corpus: Path, out: Path, what: str) -> dict[str, Entity]:
    """``kg build corpus --out out`` with the ``kg`` package of ``tree``, in a fresh
    interpreter; returns the entity nodes of the graph it wrote."""
    from kg.graph.io import load_graph

    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
    result = subprocess.run(
        [sys.executable, "-c", _KG_CLI, "build", str(corpus), "--out", str(out), "--no-html"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tree,
    )
    if result.returncode != 0:
        raise BuildFailed(f"kg build with {what} failed: {_last_line(result.stderr)}")
    return entities_of_graph(load_graph(out / "graph.json"))


def _typed(label: str | None, papers: int | None) -> str:
    if label is None:
        return "(none)"
    return f"{label} ({papers} paper{'' if papers == 1 else 's'})"


def _describe(change: Change) -> str:
    before = _typed(change.before, change.papers_before)
    after = _typed(change.after, change.papers_after)
    return f"    {change.name!r:<40} {before} -> {after}"


def _by_label(changes: list[Change], side: str) -> str:
    counts = Counter(getattr(c, side) for c in changes)
    return ", ".join(f"{label} {n}" for label, n in sorted(counts.items()))


def report_text(effect: Effect, base: str, corpus: Path, examples: int) -> str:
    """The readable report, with up to ``examples`` examples of each kind of change."""
    def labels(counts: dict[str, int]) -> str:
        return ", ".join(f"{label} {n}" for label, n in counts.items())

    lines = [
        f"corpus: {corpus}; base {base} -> this tree",
        f"entity nodes before: {effect.entities_before} ({labels(effect.by_label_before)})",
        f"entity nodes after:  {effect.entities_after} ({labels(effect.by_label_after)})",
        f"disappeared: {len(effect.disappeared)} ({_by_label(effect.disappeared, 'before')}); "
        f"appeared: {len(effect.appeared)} ({_by_label(effect.appeared, 'after')})",
        f"Method nodes that changed type: {len(effect.method_changed_type)}; "
        f"became Methods: {len(effect.became_method)}; "
        f"other type changes: {len(effect.other_type_changes)}",
    ]
    for kind, n in effect.type_changes().items():
        lines.append(f"    {kind}: {n}")
    sections = [
        ("Method nodes that changed type", effect.method_changed_type),
        ("entities that became Methods", effect.became_method),
        ("other type changes", effect.other_type_changes),
        ("entity nodes that disappeared", effect.disappeared),
        ("entity nodes that appeared", effect.appeared),
    ]
    for title, changes in sections:
        if changes:
            shown = changes[:examples]
            lines.append(f"{title} ({len(shown)} of {len(changes)}, most papers first):")
            lines.extend(_describe(c) for c in shown)
    return "\n".join(lines)


def report_json(effect: Effect, base: str, corpus: Path, examples: int) -> str:
    """The report as one JSON object: the counts and up to ``examples`` examples of each."""
    lists = ("disappeared", "appeared", "method_changed_type", "became_method",
             "other_type_changes")
    data: dict[str, object] = {
        "base": base,
        "corpus": str(corpus),
        "entities_before": effect.entities_before,
        "entities_after": effect.entities_after,
        "by_label_before": effect.by_label_before,
        "by_label_after": effect.by_label_after,
        "type_changes": effect.type_changes(),
        "counts": {name: len(getattr(effect, name)) for name in lists},
        "examples": {
            name: [asdict(c) for c in getattr(effect, name)[:examples]] for name in lists
        },
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="revision whose code builds the 'before' graph")
    ap.add_argument("--corpus", type=Path, default=ROOT / "examples" / "hf-papers")
    ap.add_argument("--examples", type=int, default=10, help="examples of each kind of change")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    corpus = args.corpus.resolve()
    try:
        with tempfile.TemporaryDirectory(prefix="kg-effect-") as tmp, base_tree(
            args.base, prefix="kg-effect-base-"
        ) as base:
            before = build_entities(base, corpus, Path(tmp) / "before", f"base {args.base}")
            after = build_entities(ROOT, corpus, Path(tmp) / "after", "this tree")
    except (BuildFailed, CheckoutFailed) as error:
        print(f"graph_effect: {error}", file=sys.stderr)
        sys.exit(1)
    effect = compare(before, after)
    report = report_json if args.json else report_text
    print(report(effect, args.base, args.corpus, args.examples))


if __name__ == "__main__":
    main()
