"""The web layer of ``kg serve``: Starlette routes that render :mod:`kg.serve.pages` dicts.

Every page is also JSON (``?format=json`` or a ``.json`` suffix). Templates autoescape all
text, and every response carries a strict Content-Security-Policy: no script at all on the
site's own pages, styles from the site only, forms only to the site.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any

import networkx as nx
from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kg.errors import EntityNotFound, KgError, QueryError
from kg.serve import pages

__all__ = ["CSP", "create_app"]

#: The site's own pages run no script; the ego graph (a kg.view page) sends its own policy.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-src 'self'; frame-ancestors 'self'; base-uri 'none'")
_LABEL_OF_PATH = {path: label for label, path in pages.ENTITY_PATHS.items()}
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
_PARAM_FIELDS = 3
_WEB_URL = re.compile(r"https?://[^\s\"'<>]+$", re.I)


def _is_web_url(value: object) -> bool:
    """Only absolute http(s) URLs from the data become links (a ``javascript:`` URL stays
    text; the policy would block it anyway)."""
    return isinstance(value, str) and bool(_WEB_URL.match(value))


class _SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request,
                       call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response


def _wants_json(request: Request, name: str) -> tuple[bool, str]:
    """(JSON asked for, the path parameter without a ``.json`` suffix)."""
    value = str(request.path_params.get(name, ""))
    if request.query_params.get("format") == "json":
        return True, value
    if value.endswith(".json"):
        return True, value[: -len(".json")]
    return False, value


def _int(request: Request, name: str, default: int, most: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise HTTPException(400, f"{name} must be a whole number, not {raw!r}") from None
    return max(0, min(value, most))


def _param_value(raw: str) -> Any:
    """A Cypher parameter from a form field: JSON when it parses (5, true, "x"), else text."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def plural(word: str, n: int = 2) -> str:
    """``word`` for ``n`` things: a label on a page reads as English.

    >>> plural("Method"), plural("Repository"), plural("Dataset", 1), plural("Repository", 3)
    ('Methods', 'Repositories', 'Dataset', 'Repositories')
    """
    if n == 1:
        return word
    if word.endswith("y") and word[-2:-1] not in set("aeiou"):
        return word[:-1] + "ies"
    return word + "s"


def create_app(G: nx.MultiDiGraph, *, store: str | None = None, timeout: float = 10.0,
               max_rows: int = 1000, title: str = "kg") -> Starlette:
    """The site over ``G`` (``store``: a Neo4j/FalkorDB URI the Cypher box queries instead
    of the embedded engine)."""
    env = Environment(loader=PackageLoader("kg.serve", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.tests["web_url"] = _is_web_url
    env.filters["plural"] = plural
    box = pages.CypherBox(G, store=store, timeout=timeout, max_rows=max_rows)
    pages.entity_lists(G)  # every entity's lists once, before the first request
    labels_nav = [(label, path) for label, path in pages.ENTITY_PATHS.items()
                  if label != "Repository"]

    def render(request: Request, template: str, data: dict[str, Any], *,
               as_json: bool, status: int = 200) -> Response:
        if as_json:
            return JSONResponse(data, status_code=status)
        html = env.get_template(template).render(
            data=data, site_title=title, nav=labels_nav, request_path=request.url.path)
        return HTMLResponse(html, status_code=status)

    def not_found(request: Request, exc: EntityNotFound, as_json: bool) -> Response:
        data = {"error": str(exc), "matches": exc.matches}
        return render(request, "error.html", data, as_json=as_json, status=404)

    def home(request: Request) -> Response:
        as_json = request.query_params.get("format") == "json"
        return render(request, "home.html", pages.home_page(G), as_json=as_json)

    def entity(request: Request) -> Response:
        label = _LABEL_OF_PATH[request.url.path.split("/")[1]]
        as_json, slug = _wants_json(request, "slug")
        try:
            data = pages.entity_page(
                G, label, slug, papers=_int(request, "papers", pages.PAPERS_SHOWN, 1000),
                page=_int(request, "page", 1, 10**9),
                evaluated=_int(request, "evaluated", pages.EVALUATED_SHOWN, 10_000))
        except EntityNotFound as exc:
            return not_found(request, exc, as_json)
        if as_json:  # the neighbouring pages in the format that was asked for
            for key in ("prev_url", "next_url"):
                if data[key]:
                    data[key] += "&format=json"
        return render(request, "entity.html", data, as_json=as_json)

    def paper(request: Request) -> Response:
        as_json, paper_id = _wants_json(request, "paper_id")
        if paper_id not in G and f"{paper_id}.json" in G:
            as_json, paper_id = False, f"{paper_id}.json"
        try:
            data = pages.paper_page(G, paper_id)
        except EntityNotFound as exc:
            return not_found(request, exc, as_json)
        return render(request, "paper.html", data, as_json=as_json)

    def ego_graph(request: Request) -> Response:
        from kg.view.render import render_html
        from kg.view.select import ego_subgraph

        node = str(request.path_params["node"])
        if node not in G:
            raise HTTPException(404, f"no node {node!r}")
        # an entity's papers; a paper's entities and the papers sharing most of them
        H = ego_subgraph(G, node, radius=2 if G.nodes[node].get("label") == "Paper" else 1)
        page = render_html(G, H, title=f"{pages.display_name(G, node)} and its papers",
                           view="ego")
        policy = _META_CSP.search(page)
        headers = {"Content-Security-Policy": policy.group(1)} if policy else {}
        return HTMLResponse(page, headers=headers)

    def search(request: Request) -> Response:
        as_json = request.query_params.get("format") == "json"
        data = pages.search_page(G, request.query_params.get("q", ""))
        if not as_json and data["exact"] and request.query_params.get("go") != "0":
            return RedirectResponse(data["results"][0]["url"], status_code=303)
        return render(request, "search.html", data, as_json=as_json)

    def top(request: Request) -> Response:
        as_json, path = _wants_json(request, "label")
        label = _LABEL_OF_PATH.get(path.rstrip("s"))
        if label is None:
            raise HTTPException(404, f"no list of {path!r}")
        sort = request.query_params.get("sort", "papers")
        try:
            data = pages.top_page(G, label, sort=sort,
                                  limit=_int(request, "limit", 100, 10_000))
        except QueryError as exc:
            raise HTTPException(400, str(exc)) from None
        return render(request, "top.html", data, as_json=as_json)

    def matrix(request: Request) -> Response:
        as_json = request.query_params.get("format") == "json"
        data = pages.matrix_page(G, top=_int(request, "top", 15, 200))
        return render(request, "matrix.html", data, as_json=as_json)

    def query(request: Request) -> Response:
        q = request.query_params
        fmt = q.get("format", "html")
        cypher = q.get("cypher", "")
        fields = [(q.get(f"name{i}", "").strip(), q.get(f"value{i}", ""))
                  for i in range(_PARAM_FIELDS)]
        params = {name: _param_value(value) for name, value in fields if name}
        data: dict[str, Any] = {"cypher": cypher, "params": params, "fields": fields,
                                "result": None, "error": None,
                                "limits": {"rows": box.max_rows, "seconds": box.timeout}}
        status = 200
        if cypher.strip():
            try:
                data["result"] = box.run(cypher, params)
            except KgError as exc:
                data["error"] = str(exc)
                status = 400
        if fmt == "csv" and data["result"] is not None:
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(data["result"]["columns"])
            for row in data["result"]["rows"]:
                writer.writerow([json.dumps(v) if isinstance(v, dict | list) else v
                                 for v in row])
            return Response(out.getvalue(), media_type="text/csv", headers={
                "Content-Disposition": 'attachment; filename="query.csv"'})
        if fmt == "json" and q.get("download"):
            return JSONResponse(data, status_code=status, headers={
                "Content-Disposition": 'attachment; filename="query.json"'})
        return render(request, "query.html", data, as_json=fmt == "json", status=status)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        as_json = request.query_params.get("format") == "json" or request.url.path.endswith(
            ".json")
        return render(request, "error.html", {"error": exc.detail, "matches": []},
                      as_json=as_json, status=exc.status_code)

    static = resources.files("kg.serve").joinpath("static")
    routes = [
        Route("/", home),
        *[Route(f"/{path}/{{slug:path}}", entity) for path in pages.ENTITY_PATHS.values()],
        Route("/paper/{paper_id:path}", paper),
        Route("/graph/{node:path}", ego_graph),
        Route("/search", search),
        Route("/top/{label}", top),
        Route("/matrix", matrix),
        Route("/query", query),
        Mount("/static", app=StaticFiles(directory=str(static)), name="static"),
    ]
    return Starlette(routes=routes, middleware=[Middleware(_SecurityHeaders)],
                     exception_handlers={HTTPException: http_error})
