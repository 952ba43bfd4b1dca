"""/sparql: the SPARQL 1.1 Protocol (query operation), read-only.

GET ?query=, POST form-encoded (query=), POST application/sparql-query; default-graph-uri and
named-graph-uri honoured. Without a query, GET answers the Service Description to RDF clients
and a query page to browsers; with one, a browser (text/html preferred) gets the query page with
the query loaded and run, as Virtuoso's and Fuseki's endpoints do. Updates (any form, including
LOAD) and SERVICE are refused (403).
"""

from __future__ import annotations

import functools
from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response

from gongyun.api import deps, errors, negotiation, safety, syntax_errors
from gongyun.api.compression import Compression
from gongyun.api.routers import pages
from gongyun.api.serialize import serialize_triples
from gongyun.api.service_description import service_description
from gongyun.api.store import QueryRequest
from gongyun.api.workers import Outcome
from gongyun.namespaces import PREFIXES

router = APIRouter(tags=["sparql"], responses=errors.SPARQL_ERRORS)

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
DESCRIPTION_TYPES = [negotiation.TURTLE, negotiation.HTML, negotiation.NTRIPLES,
                     negotiation.RDFXML, negotiation.JSONLD]


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise errors.bad_request(f"the parameter {name!r} is given {len(values)} times")
    return values[0] if values else None


def _graphs(params: dict[str, list[str]], name: str) -> tuple[str, ...]:
    for value in params.get(name, []):
        try:
            ox.NamedNode(value)
        except ValueError:
            raise errors.bad_request(f"{name} {value!r} is not an absolute IRI") from None
    return tuple(params.get(name, []))


async def _protocol_params(request: Request) -> tuple[dict[str, list[str]], str | None, bool]:
    """(all parameters, the query or update text from the body, whether the body is an update)."""
    # The query string as Starlette's request.url.query gives it (decoded as UTF-8, without a
    # fragment), read off the scope without building a URL object.
    query_string = request.scope.get("query_string", b"").decode().partition("#")[0]
    params = parse_qs(query_string, keep_blank_values=True)
    if request.method == "GET":
        return params, None, False
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = (await request.body()).decode("utf-8", errors="strict")
    if content_type == FORM:
        form = parse_qs(body, keep_blank_values=True)
        for name in ("query", "update"):
            if name in form and name in params:
                raise errors.bad_request(f"{name} is given both in the URL and in the body")
        for name, values in form.items():
            params.setdefault(name, []).extend(values)
        return params, None, False
    if content_type in (SPARQL_QUERY, SPARQL_UPDATE):
        if "query" in params or "update" in params:
            raise errors.bad_request("the query is given both in the URL and in the body")
        return params, body, content_type == SPARQL_UPDATE
    raise errors.unsupported_media_type(
        f"POST a query as {FORM} or {SPARQL_QUERY}, not {content_type or 'no content type'}"
    )


# The routes call gongyun.api.deps' plain functions instead of taking FastAPI dependencies:
# solving four dependencies was 14 % of the CPU time of a small query (docs/performance.md,
# "Our per-request overhead").
@router.get("/sparql", summary="SPARQL query (?query=), or the service description")
async def sparql_get(request: Request) -> Response:
    return await sparql(request)


@router.post("/sparql", summary="SPARQL query (form-encoded or application/sparql-query)")
async def sparql_post(request: Request) -> Response:
    return await sparql(request)


@functools.lru_cache(maxsize=256)
def _wants_page(accept: str | None) -> bool:
    return pages.wants_page(accept)


@functools.lru_cache(maxsize=256)
def _negotiate(accept: str | None, fmt: str | None, graph: bool) -> str:
    """The media type of an answer, remembered per (Accept, format=, kind of answer): clients
    send the same few headers. A 406 raises and is never remembered."""
    offers = negotiation.GRAPH_TYPES if graph else negotiation.RESULT_TYPES
    aliases = negotiation.CANONICAL_GRAPH if graph else negotiation.CANONICAL
    chosen = negotiation.negotiate(accept, fmt, offers)
    return aliases.get(chosen, chosen)


async def sparql(request: Request) -> Response:
    settings, store = deps.settings_of(request), deps.store_of(request)
    try:
        params, body_text, body_is_update = await _protocol_params(request)
    except UnicodeDecodeError:
        raise errors.bad_request("the request body is not UTF-8") from None
    update = body_text if body_is_update else _one(params, "update")
    if update is not None:
        raise safety.check_update(update)
    query = body_text if body_text is not None else _one(params, "query")
    fmt = _one(params, "format")
    accept = request.headers.get("accept")
    if query is None:
        if request.method == "POST":
            raise errors.bad_request("no query: send query= or a application/sparql-query body")
        return _describe_service(request, settings, store, deps.templates_of(request),
                                 deps.public_base_of(request), accept, fmt)
    if fmt is None and _wants_page(accept):  # a browser: the query page, results in it
        return await pages.sparql_results_page(request, query, deps.public_base_of(request))
    verdict = safety.check_query(query, frozenset(settings.service_allowlist))
    media_type = _negotiate(accept, fmt, verdict.form not in ("select", "ask"))
    base = deps.public_base_of(request)
    outcome = succeeded(await store.query(QueryRequest(
        verdict.query, verdict.form, media_type,
        _graphs(params, "default-graph-uri"), _graphs(params, "named-graph-uri"),
        base_iri=f"{base}/sparql", star_order=verdict.star_order,
    )), settings, verdict)
    headers = {"Vary": "Accept", "Gongyun-Rows": str(outcome.rows)}
    if outcome.truncated:
        headers["Gongyun-Truncated"] = f"true; limit={settings.max_rows}"
    return Response(outcome.body, media_type=outcome.media_type, headers=headers)


def succeeded(outcome: Outcome | None, settings, verdict: safety.Verdict) -> Outcome:
    """The outcome of a query that ran (`verdict.query`, as the safety check prepared it), or
    the error its failure is."""
    if outcome is None:
        raise errors.service_busy(settings.queue_timeout)
    if outcome.kind == "timeout":
        raise errors.query_timeout(settings.query_timeout)
    if outcome.kind == "syntax":
        raise errors.query_syntax_error(
            syntax_errors.explain(outcome.message, verdict.query, verdict.prologue_lines))
    if outcome.kind == "unknown_function":
        raise errors.unknown_function(outcome.message)
    if outcome.kind != "ok":
        raise errors.query_failed(outcome.message)
    return outcome


def _describe_service(request: Request, settings, store, templates, base: str,
                      accept: str | None, fmt: str | None) -> Response:
    chosen = negotiation.negotiate(accept, fmt, DESCRIPTION_TYPES)
    if chosen == negotiation.HTML:
        return pages.sparql_page(request, templates, base, settings)
    triples = service_description(settings, base, store.manifest["counts"], store.named_graphs())
    body = serialize_triples(triples, chosen, PREFIXES)
    return Response(body, media_type=chosen, headers={"Vary": "Accept"})


class FastPath:
    """ASGI middleware, outermost: a plain query to /sparql goes straight to `sparql` above,
    past the router, FastAPI's request-response wrappers and the other middleware, none of
    which does anything for it (measured: docs/performance.md, "Our per-request overhead"),
    except compression, which it keeps (gongyun.api.compression, for clients asking for gzip).
    Everything else takes the full stack: HEAD (gongyun.api.head), a request with an Origin
    (CORS headers), a body without a Content-Length or over the limit (gongyun.api.limits
    answers 413), a browser (the query page), GET without a query (the service description),
    any other path. An ApiError gets the one error shape, as the full stack's handler gives it;
    anything else goes on to the server-error handler, as there."""

    def __init__(self, app, max_body: int):
        self.app = app
        self.max_body = max_body
        self.compressed = Compression(self.answer)

    async def __call__(self, scope, receive, send):
        route = self._route(scope)
        if route is None:
            await self.app(scope, receive, send)
        elif route == "gzip":
            await self.compressed(scope, receive, send)
        else:
            await self.answer(scope, receive, send)

    @staticmethod
    async def answer(scope, receive, send):
        try:
            response = await sparql(Request(scope, receive))
        except errors.ApiError as err:
            response = errors.error_response(err.status, err.code, err.message, err.headers)
        await response(scope, receive, send)

    def _route(self, scope) -> str | None:
        """None: the full stack; "gzip": the fast path, compressed; "plain": the fast path."""
        if scope["type"] != "http" or scope["path"] != "/sparql" or scope.get("root_path"):
            return None
        method = scope["method"]
        if method == "GET":
            if b"query=" not in scope.get("query_string", b""):
                return None
        elif method != "POST":
            return None
        length = accept = None
        route = "plain"
        for name, value in scope["headers"]:
            if name == b"origin":
                return None
            if name == b"content-length":
                length = value
            elif name == b"accept":
                accept = value
            elif name == b"accept-encoding" and b"gzip" in value:
                route = "gzip"
        if method == "POST" and (length is None or not length.isdigit()
                                 or int(length) > self.max_body):
            return None
        if _wants_page(accept.decode("latin-1") if accept is not None else None):
            return None
        return route
