"""scripts/graph_effect.py: the effect of an extraction change on a corpus's graph (issue 13).

The numbers an issue reports about users' graphs come from this script, so its counts must be
right: which entities changed type and which disappeared, matched by node id across graphs.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "graph_effect.py"

PAPERS = [
    {"id": "p1", "title": "BERT for everything",
     "abstract": "We fine-tune BERT on SQuAD and report results on GLUE."},
    {"id": "p2", "title": "A faster Transformer",
     "abstract": "We propose FastFormer, a variant of the Transformer, evaluated on ImageNet."},
    {"id": "p3", "title": "Better optimisers",
     "abstract": "We train ResNet-50 with Adam on CIFAR-10 and compare it with SGD."},
]


def _script() -> ModuleType:
    # The script imports its neighbour scripts/revision.py, as it does when run from scripts/.
    if str(SCRIPT.parent) not in sys.path:
        sys.path.insert(0, str(SCRIPT.parent))
    spec = importlib.util.spec_from_file_location("graph_effect", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["graph_effect"] = module
    spec.loader.exec_module(module)
    return module


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )


def _graph(nodes: dict[str, tuple[str, int]]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("paper:p1", label="Paper", name="A paper")
    graph.add_node("repo:x", label="Repository", name="x/y")
    for node_id, (label, papers) in nodes.items():
        name = node_id.removeprefix("entity:").upper()
        graph.add_node(node_id, label=label, name=name, paper_count=papers)
    return graph


def test_compare_counts_type_changes_and_disappearances() -> None:
    effect_script = _script()
    before = effect_script.entities_of_graph(_graph({
        "entity:bert": ("Method", 5),
        "entity:squad": ("Method", 2),       # -> Dataset
        "entity:glue": ("Method", 3),        # -> Benchmark
        "entity:adam": ("Dataset", 1),       # -> Method
        "entity:mnist": ("Dataset", 4),      # -> Benchmark
        "entity:rl": ("Method", 1),          # disappears
        "entity:cl": ("Method", 6),          # disappears
        "entity:imagenet": ("Dataset", 2),   # disappears
    }))
    after = effect_script.entities_of_graph(_graph({
        "entity:bert": ("Method", 5),
        "entity:squad": ("Dataset", 2),
        "entity:glue": ("Benchmark", 3),
        "entity:adam": ("Method", 1),
        "entity:mnist": ("Benchmark", 4),
        "entity:fastformer": ("Method", 1),  # appears
    }))
    assert len(before) == 8, "Paper and Repository nodes are not entities"

    effect = effect_script.compare(before, after)

    assert (effect.entities_before, effect.entities_after) == (8, 6)
    assert [c.name for c in effect.method_changed_type] == ["GLUE", "SQUAD"]  # most papers first
    assert [(c.before, c.after) for c in effect.method_changed_type] == [
        ("Method", "Benchmark"), ("Method", "Dataset")]
    assert [c.name for c in effect.became_method] == ["ADAM"]
    assert [c.name for c in effect.other_type_changes] == ["MNIST"]
    assert [c.name for c in effect.disappeared] == ["CL", "IMAGENET", "RL"]
    assert [c.after for c in effect.disappeared] == [None, None, None]
    assert [c.name for c in effect.appeared] == ["FASTFORMER"]
    assert effect.type_changes() == {
        "Dataset -> Benchmark": 1, "Dataset -> Method": 1,
        "Method -> Benchmark": 1, "Method -> Dataset": 1}

    report = json.loads(effect_script.report_json(effect, "REV", Path("c"), 2))
    assert report["counts"]["disappeared"] == 3
    assert len(report["examples"]["disappeared"]) == 2, "--examples caps each list"
    assert "Method nodes that changed type: 2" in effect_script.report_text(
        effect, "REV", Path("c"), 2)


def test_same_code_on_both_sides_changes_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "papers.jsonl"
    corpus.write_text("".join(json.dumps(p) + "\n" for p in PAPERS), encoding="utf-8")

    result = _run("--base", "HEAD", "--corpus", str(corpus), "--json")

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["entities_before"] == report["entities_after"] > 0
    assert set(report["counts"].values()) == {0}
    assert report["type_changes"] == {}


def test_a_failed_build_is_a_one_line_error(tmp_path: Path) -> None:
    result = _run("--base", "HEAD", "--corpus", str(tmp_path / "missing.jsonl"))

    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.startswith("graph_effect: kg build with base HEAD failed")
    assert len(result.stderr.strip().splitlines()) == 1
