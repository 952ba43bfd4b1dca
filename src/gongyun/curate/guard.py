"""Who may use the workbench: whoever holds the token printed with its URL, from a page of the
workbench itself.

- Every request carries the token (the `token` query parameter, or the `X-Gongyun-Token` header
  the page's script sends); without it: 403.
- Every writing request (anything but GET and HEAD) must come from the workbench's own origin:
  its `Origin` header (which browsers send with every POST) is the workbench's, or, without
  one, `Sec-Fetch-Site: same-origin`. Another site's page in the same browser, which could
  guess the port but not the token, is refused before the token is even looked at.
- The Host header must name the workbench (127.0.0.1:<port> or localhost:<port>): a DNS name
  rebound to 127.0.0.1 is refused.
"""

from __future__ import annotations

import secrets

from starlette.types import ASGIApp, Receive, Scope, Send

HEADER = "x-gongyun-token"
SAFE_METHODS = {"GET", "HEAD"}


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Guard:
    def __init__(self, app: ASGIApp, token: str, port: int):
        self.app = app
        self.token = token
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        self.origins = {f"http://{host}" for host in self.hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self.refusal(scope)
        if refusal is None:
            await self.app(scope, receive, send)
            return
        body = ('{"error": "forbidden", "message": "' + refusal + '"}').encode()
        await send({"type": "http.response.start", "status": 403,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    def refusal(self, scope: Scope) -> str | None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        if headers.get("host") not in self.hosts:
            return "the workbench answers only at 127.0.0.1 or localhost on its own port"
        if scope["method"] not in SAFE_METHODS:
            origin = headers.get("origin")
            if origin is not None:
                if origin not in self.origins:
                    return "a change must come from a page of the workbench (wrong Origin)"
            elif headers.get("sec-fetch-site") != "same-origin":
                return "a change must come from a page of the workbench (no Origin)"
        given = headers.get(HEADER) or _query_token(scope.get("query_string", b""))
        if not given or not secrets.compare_digest(given.encode(), self.token.encode()):
            return "no valid token: open the URL that gongyun curate printed"
        return None


def _query_token(query: bytes) -> str | None:
    from urllib.parse import parse_qs

    values = parse_qs(query.decode("latin-1")).get("token")
    return values[0] if values else None
