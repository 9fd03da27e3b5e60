"""kg: turn ML paper abstracts into a knowledge graph of papers, methods, datasets,
benchmarks and code repositories."""

from __future__ import annotations

__version__ = "0.1.0"
