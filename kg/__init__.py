"""kg: turn ML paper abstracts into a knowledge graph of papers, methods, datasets,
benchmarks and code repositories.

>>> import kg
>>> from kg.testing import sample_papers_file
>>> path = sample_papers_file()           # or "examples/hf-papers", any files or folders
>>> papers = kg.read(path)
>>> extractions = kg.extract_entities(path)
>>> G = kg.build(path)
>>> files = kg.write_outputs(G, path.parent / "out")
>>> G = kg.load(path.parent / "out" / "graph.json")

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
