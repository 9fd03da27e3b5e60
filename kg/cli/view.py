"""`kg view`: write an interactive HTML view of a graph built by `kg build`."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli._common import user_errors


def _parse_types(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> list[str] | None:
    if value is None:
        return None
    from kg.schema import node_labels

    by_folded = {label.lower(): label for label in node_labels()}
    types = []
    for part in (p.strip() for p in value.split(",")):
        if not part:
            continue
        if part.lower() not in by_folded:
            choices = ", ".join(node_labels())
            raise click.BadParameter(f"unknown type {part!r}; choose from {choices}")
        types.append(by_folded[part.lower()])
    return types


@click.command(name="view")
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option("--out", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="HTML file to write (one self-contained page).")
@click.option("--view", "view_name", type=click.Choice(["overview", "ego", "evaluated-on"]),
              default="overview", show_default=True,
              help="overview: top entities and their papers; ego: one entity's neighbourhood; "
                   "evaluated-on: methods x datasets.")
@click.option("--focus", metavar="NAME",
              help="Entity name or alias, or paper id or title, for the ego view (implies "
                   "--view ego).")
@click.option("--types", callback=_parse_types, metavar="LABELS",
              help="Comma-separated entity types to show, e.g. Method,Dataset.")
@click.option("--top", type=click.IntRange(min=0), metavar="N",
              help="Entities in the overview / evaluated-on view [default: 150; 0 = all].")
@click.option("--min-degree", type=click.IntRange(min=0), default=0, show_default=True,
              metavar="N", help="Leave out entities with fewer neighbours.")
@click.option("--papers-per-entity", type=click.IntRange(min=0), metavar="N",
              help="Papers shown per entity in the overview and ego views; an entity with "
                   "more says '+N papers' [default: 10; 0 = all].")
@click.option("--title", help="Page heading.")
def command(graph: Path, out: Path, view_name: str, focus: str | None, types: list[str] | None,
            top: int | None, min_degree: int, papers_per_entity: int | None,
            title: str | None) -> None:
    """Write an interactive HTML view of GRAPH (a graph.json written by `kg build`, or the
    build directory holding it).

    The page is a single file that opens from disk and makes no network request: hover for
    details, click for links, search by name, tick types in the legend to filter.

    \b
    kg view out/graph.json --out out/view.html
    kg view out/graph.json --out imagenet.html --focus ImageNet
    kg view out/graph.json --out paper.html --focus 2002.05709
    kg view out/graph.json --out pairs.html --view evaluated-on --top 80
    """
    from kg.graph import load_graph
    from kg.view import write_html

    if focus is not None and not focus.strip():
        raise click.ClickException("--focus needs a non-empty entity name or paper")
    if view_name == "ego" and not focus:
        raise click.UsageError("--view ego needs --focus NAME")
    with user_errors():
        G = load_graph(graph)
        path = write_html(G, out, view=view_name.replace("-", "_"), focus=focus, types=types,
                          top=top, min_degree=min_degree,
                          papers_per_entity=papers_per_entity, title=title)
    click.echo(f"wrote {path}", err=True)
