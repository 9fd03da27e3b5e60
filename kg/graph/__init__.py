"""The graph stage: resolve entities across the corpus, build the networkx graph, write it.

* :func:`build_graph` - ``PaperExtraction`` records -> ``networkx.MultiDiGraph``
* :func:`save_json` / :func:`load_graph` - the native ``graph.json`` (node-link)
* :func:`write_graphml`, :func:`write_neo4j_import` - exports
* :func:`find_entities` / :func:`find_entity` - look an entity up by any of its names
"""

from __future__ import annotations

from kg.graph.build import build_graph
from kg.graph.export import neo4j_import_command, write_graphml, write_neo4j_import
from kg.graph.index import (
    EntityIndex,
    alias_index,
    entity_index,
    find_entities,
    find_entity,
    variants_of,
)
from kg.graph.io import load_graph, save_json
from kg.graph.resolve import variant_base

__all__ = [
    "EntityIndex",
    "alias_index",
    "build_graph",
    "entity_index",
    "find_entities",
    "find_entity",
    "load_graph",
    "neo4j_import_command",
    "save_json",
    "variant_base",
    "variants_of",
    "write_graphml",
    "write_neo4j_import",
]
