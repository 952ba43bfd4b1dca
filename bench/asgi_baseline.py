"""Baseline ASGI apps for measuring the service's per-request overhead layer by layer
(bench.overhead): each one adds one layer to the one before.

- `raw`: a bare ASGI callable answering a constant ASK result (uvicorn + HTTP only);
- `fastapi`: FastAPI routing the same constant (the framework);
- `fastapi_store`: FastAPI answering the query from pyoxigraph in the request's thread (what
  the endpoint costs without the worker pool);
The real service (`gongyun serve`) adds its middleware, the safety lexer, content negotiation
and the hand-off to a worker process.

    uvicorn bench.asgi_baseline:raw --port P
    GONGYUN_BENCH_STORE=DIR uvicorn bench.asgi_baseline:fastapi_store --port P
"""

from __future__ import annotations

import json
import os
from urllib.parse import parse_qs

from fastapi import Depends, FastAPI, Request
from fastapi.responses import Response

ANSWER = json.dumps({"head": {}, "boolean": True}).encode()
MEDIA = "application/sparql-results+json"


async def raw(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    more = True
    while more:  # read the body, as a server must
        message = await receive()
        more = message.get("more_body", False)
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", MEDIA.encode()),
                            (b"content-length", str(len(ANSWER)).encode())]})
    await send({"type": "http.response.body", "body": ANSWER})


fastapi = FastAPI()


@fastapi.post("/sparql")
async def constant(request: Request) -> Response:
    await request.body()
    return Response(ANSWER, media_type=MEDIA)


fastapi_store = FastAPI()
_store = None


def _open():
    global _store
    if _store is None:
        import pyoxigraph as ox

        _store = ox.Store.read_only(os.environ["GONGYUN_BENCH_STORE"])
    return _store


@fastapi_store.post("/sparql")
async def direct(request: Request) -> Response:
    """The query on the event loop's thread: fine for a baseline of microsecond queries, not for
    a service (a long query would block every other request)."""
    import pyoxigraph as ox

    body = (await request.body()).decode()
    if request.headers.get("content-type", "").startswith("application/x-www-form"):
        body = parse_qs(body)["query"][0]
    result = _open().query(body, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryBoolean):
        return Response(json.dumps({"head": {}, "boolean": bool(result)}).encode(),
                        media_type=MEDIA)
    if isinstance(result, ox.QuerySolutions):
        return Response(result.serialize(format=ox.QueryResultsFormat.JSON), media_type=MEDIA)
    return Response(ox.serialize(result, format=ox.RdfFormat.N_TRIPLES),
                    media_type="application/n-triples")


# The service's routes take four dependencies written as plain functions (gongyun.api.deps);
# FastAPI runs each plain-function dependency in its thread pool. These two apps differ only in
# that, to measure what the thread hops cost. Four distinct functions each: FastAPI calls a
# dependency once per request however often it is named.
def _sync(request: Request) -> int:
    return 1


def _sync2(request: Request) -> int:
    return 2


def _sync3(request: Request) -> int:
    return 3


def _sync4(request: Request) -> int:
    return 4


async def _async(request: Request) -> int:
    return 1


async def _async2(request: Request) -> int:
    return 2


async def _async3(request: Request) -> int:
    return 3


async def _async4(request: Request) -> int:
    return 4


fastapi_sync_deps = FastAPI()
fastapi_async_deps = FastAPI()


@fastapi_sync_deps.post("/sparql")
async def with_sync_deps(request: Request, a: int = Depends(_sync), b: int = Depends(_sync2),
                         c: int = Depends(_sync3), d: int = Depends(_sync4)) -> Response:
    await request.body()
    return Response(ANSWER, media_type=MEDIA)


@fastapi_async_deps.post("/sparql")
async def with_async_deps(request: Request, a: int = Depends(_async),
                          b: int = Depends(_async2), c: int = Depends(_async3),
                          d: int = Depends(_async4)) -> Response:
    await request.body()
    return Response(ANSWER, media_type=MEDIA)
