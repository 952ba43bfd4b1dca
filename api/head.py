"""HEAD on every route that answers GET, as ASGI middleware: the request goes to the GET route
and the answer keeps its status and headers (Content-Length, Content-Type, ETag…) without its
body (RFC 9110 section 9.3.2). FastAPI routes declare GET only, so HEAD was a 405 everywhere;
doing it once here covers every route, present and future, and keeps HEAD out of the OpenAPI
description (a HEAD operation per route would repeat each operation id)."""

from __future__ import annotations


class HeadAsGet:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message):
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
