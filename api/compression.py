"""Gzip for clients that ask for it (Accept-Encoding: gzip, as every browser does): pages,
scripts, style sheets, JSON and query results of 1 KB and more. A client that does not ask
passes straight through, with no wrapper around its response (the SPARQL clients and the
benchmarks' clients send no Accept-Encoding). Images are left alone (Starlette's exclusions)."""

from __future__ import annotations

from starlette.middleware.gzip import GZipMiddleware

MINIMUM_SIZE = 1024
LEVEL = 6  # zlib's default: level 9 costs far more time for a few per cent


class Compression(GZipMiddleware):
    def __init__(self, app):
        super().__init__(app, minimum_size=MINIMUM_SIZE, compresslevel=LEVEL)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and any(
                name == b"accept-encoding" and b"gzip" in value
                for name, value in scope.get("headers", ())):
            await super().__call__(scope, receive, send)
        else:
            await self.app(scope, receive, send)
