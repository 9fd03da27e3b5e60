"""Rule-based extraction of named methods, datasets, benchmarks and repositories.

``Extractor`` builds the spaCy pipeline once; ``extract_papers`` streams papers through it.
Nothing is loaded at import time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.extract.pipeline import Extractor, extract_papers

__all__ = ["Extractor", "extract_papers"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from kg.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'kg.extract' has no attribute {name!r}")
