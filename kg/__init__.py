"""kg: turn ML paper abstracts into a knowledge graph of papers, methods, datasets,
benchmarks and code repositories.

>>> import kg
>>> G = kg.build("examples/hf-papers")  # doctest: +SKIP
>>> G = kg.load("out/graph.json")  # doctest: +SKIP
>>> papers = kg.read("examples/hf-papers")  # doctest: +SKIP
>>> extractions = kg.extract_entities("examples/hf-papers")  # doctest: +SKIP

Importing ``kg`` is cheap: spaCy, networkx and the drivers load when first used.
"""

from __future__ import annotations

from kg.api import (
    BuildReport,
    build,
    build_outputs,
    extract_entities,
    load,
    read,
    write_outputs,
)

__version__ = "0.1.0"

__all__ = [
    "BuildReport",
    "__version__",
    "build",
    "build_outputs",
    "extract_entities",
    "load",
    "read",
    "write_outputs",
]
