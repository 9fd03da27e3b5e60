"""Styling as data: one colour and shape per node label, one colour per relationship type.

The legend in the page is generated from :data:`NODE_STYLES`, so what the page draws and what
the legend says cannot drift apart. Colours are the Okabe-Ito palette (Okabe & Ito, "Color
Universal Design", 2008), which stays distinguishable under the common colour-vision deficiencies;
shapes differ too, so colour is never the only cue.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["EDGE_COLORS", "NODE_STYLES", "NodeStyle", "node_size"]


@dataclass(frozen=True, slots=True)
class NodeStyle:
    """How nodes of one label look: fill and border colour, vis-network shape, legend text."""

    color: str
    border: str
    shape: str
    legend: str


NODE_STYLES: dict[str, NodeStyle] = {
    "Paper": NodeStyle("#9db4c8", "#4d6a85", "dot", "Paper"),
    "Method": NodeStyle("#e69f00", "#9a6a00", "diamond", "Method"),
    "Dataset": NodeStyle("#009e73", "#00664a", "square", "Dataset"),
    "Benchmark": NodeStyle("#cc79a7", "#8a4470", "triangle", "Benchmark"),
    "Repository": NodeStyle("#56b4e9", "#1f6f9c", "star", "Repository"),
}

EDGE_COLORS: dict[str, str] = {
    "PROPOSES": "#c98a00",
    "USES": "#d9b366",
    "INTRODUCES": "#00664a",
    "EVALUATES_ON": "#66c5ab",
    "HAS_CODE": "#56b4e9",
    "EVALUATED_ON": "#555555",
    "VARIANT_OF": "#b35900",
}

#: Smallest and largest node radius in pixels.
MIN_SIZE = 8.0
MAX_SIZE = 40.0


def node_size(degree: int) -> float:
    """Node radius for a node with ``degree`` distinct neighbours in the whole graph.

    Grows with the square root so that area, not radius, tracks the degree; capped so a hub
    does not hide its neighbourhood.

    >>> node_size(0), node_size(16)
    (8.0, 24.0)
    """
    return round(min(MAX_SIZE, MIN_SIZE + 4.0 * math.sqrt(max(degree, 0))), 1)
