"""The request body limit, as ASGI middleware: a declared Content-Length over the limit is refused
before anything is read, and a body streamed without one is cut off once it passes the limit."""

from __future__ import annotations

from gongyun.api.errors import ApiError, error_response, payload_too_large


class BodyLimit:
    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", ())).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            err = payload_too_large(self.limit)
            await error_response(err.status, err.code, err.message)(scope, receive, send)
            return
        received = 0
        limit = self.limit

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise payload_too_large(limit)
            return message

        try:
            await self.app(scope, limited_receive, send)
        except ApiError as err:
            # Raised while a route read the body; the route never got to answer.
            await error_response(err.status, err.code, err.message)(scope, receive, send)
