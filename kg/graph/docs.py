"""Markdown tables of the schema, for the README (and a test that the README agrees).

>>> from kg.schema import load_schema
>>> schema_markdown(load_schema()).splitlines()[0]
'| Node label | Key | Properties (required in bold) | Indexed |'
"""

from __future__ import annotations

from kg.schema import Property, Schema

__all__ = ["schema_markdown"]


def _props(props: dict[str, Property]) -> str:
    parts = [f"**{p.name}**: {p.type}" if p.required else f"{p.name}: {p.type}"
             for p in props.values()]
    return ", ".join(parts) or "-"


def schema_markdown(schema: Schema) -> str:
    """Two Markdown tables: node labels (key, properties, indexes) and relationship types
    (endpoints, properties), in schema order."""
    lines = ["| Node label | Key | Properties (required in bold) | Indexed |",
             "|---|---|---|---|"]
    for label, node in schema.nodes.items():
        lines.append(f"| `{label}` | `{node.key}` | {_props(node.properties)} | "
                     f"{', '.join(node.indexes) or '-'} |")
    lines += ["", "| Relationship | From | To | Properties (required in bold) |",
              "|---|---|---|---|"]
    for type_, rel in schema.relationships.items():
        lines.append(f"| `{type_}` | {', '.join(rel.sources)} | {', '.join(rel.targets)} | "
                     f"{_props(rel.properties)} |")
    return "\n".join(lines) + "\n"
