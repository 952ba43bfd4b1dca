"""The HTTP/1.1 protocol `gongyun serve` runs: uvicorn's httptools protocol with two requests
that real clients send and llhttp, as uvicorn drives it, gets wrong.

1. **An upgrade offer the server does not take** (`Connection: Upgrade, HTTP2-Settings` and
   `Upgrade: h2c`, sent by Java's HttpClient with every POST, hence by Jena). llhttp treats any
   `Connection: upgrade` request as a protocol switch: it skips the body and stops at the end of
   the headers, so the application got a POST with an empty body (uvicorn issue 2722). RFC 9110
   section 7.8 lets a server ignore the offer and answer in HTTP/1.1; here the request head is
   replayed without the upgrade headers into a fresh parser, followed by the bytes that came after
   it (the body, and any request pipelined behind it), so everything from there is an ordinary
   request. A WebSocket upgrade, had the app any, would still go to uvicorn's WebSocket protocol.
2. **Raw UTF-8 in the request line** (`curl "http://…/api/search?q=工会"`: curl percent-encodes the
   path but sends the query's bytes as typed). llhttp refuses any byte above 0x7F in the target,
   and uvicorn answered with a plain-text 400. Those bytes are percent-encoded before the parser
   sees them, as a browser does with what is typed in its address bar, so the query string decodes
   to the same text as its percent-encoded form.

Anything still malformed gets a 400 in the service's one error shape (gongyun.api.errors) with
llhttp's reason, instead of uvicorn's plain text.
"""

from __future__ import annotations

import json
import re

import httptools
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from gongyun.api.errors import error_body

NON_ASCII = re.compile(rb"[\x80-\xff]")
# Headers that only make sense for the upgrade the server declines, and the Connection options
# naming them.
UPGRADE_HEADERS = {b"upgrade", b"http2-settings"}


def percent_encode(match: re.Match) -> bytes:
    return b"%%%02X" % match.group()[0]


def without_upgrade(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """`headers` without the upgrade offer: Upgrade and HTTP2-Settings dropped, and their
    options dropped from Connection (the header goes when nothing else is left in it)."""
    kept = []
    for name, value in headers:
        if name in UPGRADE_HEADERS:
            continue
        if name == b"connection":
            options = [o.strip() for o in value.split(b",")]
            options = [o for o in options if o and o.lower() not in UPGRADE_HEADERS]
            if not options:
                continue
            value = b", ".join(options)
        kept.append((name, value))
    return kept


class HttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, declining upgrade offers and encoding raw UTF-8 targets."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # True while the next bytes fed to the parser start, or continue, a request line.
        self._in_request_line = True
        # The parser's last message event in the current data_received ("begin"/"complete").
        self._last_event: str | None = None
        self._completed = False
        # The current request offered an upgrade that is declined: it is parsed again.
        self._declined_upgrade = False
        self._method = b""

    def data_received(self, data: bytes) -> None:
        was_in_line, line_ended = self._in_request_line, True
        if was_in_line:
            end = data.find(b"\n")
            line_ended = end >= 0
            line = data[:end] if line_ended else data
            if NON_ASCII.search(line):
                data = NON_ASCII.sub(percent_encode, line) + (data[end:] if line_ended else b"")
        self._last_event, self._completed = None, False
        self._unset_keepalive_if_required()
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade as exc:
            if self._should_upgrade():
                self.handle_websocket_upgrade()
            else:
                self._replay_without_upgrade(data[exc.args[0]:])
            return
        except httptools.HttpParserError as exc:
            self.logger.warning("Invalid HTTP request received: %s", exc)
            self.send_400_response(f"the request is not valid HTTP/1.1: {exc}")
            return
        # Between requests, or still inside a request line that did not end in this chunk. A
        # request pipelined behind another in one chunk is not followed (llhttp then judges its
        # target as it always did).
        self._in_request_line = self._last_event == "complete" or (
            was_in_line and not line_ended and not self._completed)

    def _replay_without_upgrade(self, rest: bytes) -> None:
        version = self.parser.get_http_version().encode()
        head = [self._method, b" ", self.url, b" HTTP/", version, b"\r\n"]
        for name, value in without_upgrade(self.headers):
            head += [name, b": ", value, b"\r\n"]
        head.append(b"\r\n")
        self._declined_upgrade = False
        self._in_request_line = False  # self.url is already encoded
        self.parser = httptools.HttpRequestParser(self)
        self.parser.set_dangerous_leniencies(lenient_data_after_close=True)
        self.data_received(b"".join(head) + rest)

    def on_message_begin(self) -> None:
        self._last_event = "begin"
        super().on_message_begin()

    def on_headers_complete(self) -> None:
        if self.parser.should_upgrade() and not self._should_upgrade():
            self._declined_upgrade = True
            self._method = self.parser.get_method()
            return
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if not self._declined_upgrade:
            super().on_body(body)

    def on_message_complete(self) -> None:
        self._last_event, self._completed = "complete", True
        if not self._declined_upgrade:
            super().on_message_complete()

    def send_400_response(self, msg: str) -> None:
        body = json.dumps(error_body(400, "bad_request", msg)).encode()
        content = [STATUS_LINE[400]]
        for name, value in self.server_state.default_headers:
            content.extend([name, b": ", value, b"\r\n"])
        content.extend([
            b"content-type: application/json\r\n",
            b"content-length: " + str(len(body)).encode("ascii") + b"\r\n",
            b"connection: close\r\n",
            b"\r\n",
            body,
        ])
        self.transport.write(b"".join(content))
        self.transport.close()
