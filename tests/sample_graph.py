"""The sample graph moved into the package (``kg.testing``) so docstring examples can use it
outside a checkout; this name stays for the tests that import it from here."""

from kg.testing import HOSTILE_TITLE, sample_graph

__all__ = ["HOSTILE_TITLE", "sample_graph"]
