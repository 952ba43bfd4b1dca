"""The one error shape of the service and the named errors that produce it.

Every 4xx and 5xx answer is `{"error": {"status": 403, "code": "update_refused", "message": ...}}`.
Routes raise an `ApiError` made by one of the helpers below; `install_handlers` turns it (and
FastAPI's own 404/405/validation errors) into that shape, and logs unexpected failures as 500s.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("gongyun.api")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str


class ErrorBody(BaseModel):
    """The one error shape, declared in the OpenAPI description for every 4xx and 5xx."""

    error: ErrorDetail


_MEANING = {
    400: "bad request: malformed query, parameter or path",
    403: "refused: SPARQL Update, LOAD or SERVICE on this read-only endpoint",
    404: "no such resource",
    406: "no acceptable result format",
    413: "request body too large",
    415: "unsupported content type",
    500: "unexpected failure (logged)",
    503: "query past its time limit, or no free worker",
}


def error_responses(*statuses: int) -> dict[int | str, dict]:
    """OpenAPI `responses` for these statuses, all in the one error shape."""
    return {s: {"model": ErrorBody, "description": _MEANING[s]} for s in statuses}


# What any public JSON route can answer besides 200.
COMMON_ERRORS = error_responses(400, 404, 406, 500, 503)
SPARQL_ERRORS = error_responses(400, 403, 406, 413, 415, 500, 503)


def error_body(status: int, code: str, message: str) -> dict:
    return {"error": {"status": status, "code": code, "message": message}}


def error_response(status: int, code: str, message: str, headers: dict | None = None):
    return JSONResponse(error_body(status, code, message), status_code=status, headers=headers)


def bad_request(message: str) -> ApiError:
    return ApiError(400, "bad_request", message)


def query_syntax_error(message: str) -> ApiError:
    return ApiError(400, "query_syntax_error", message)


def unknown_function(iri: str) -> ApiError:
    return ApiError(400, "unknown_function",
                    f"the function <{iri}> is not known to this endpoint, which evaluates the"
                    " SPARQL 1.1 built-in functions and the XSD casts (xsd:integer(…),"
                    " xsd:date(…) …): check the function's IRI and its prefix")


def forbidden_update(message: str) -> ApiError:
    return ApiError(403, "update_refused", message)


def forbidden_service(message: str) -> ApiError:
    return ApiError(403, "service_refused", message)


def not_found(message: str) -> ApiError:
    return ApiError(404, "not_found", message)


def method_not_allowed(message: str) -> ApiError:
    return ApiError(405, "method_not_allowed", message)


def not_acceptable(message: str) -> ApiError:
    return ApiError(406, "not_acceptable", message)


def payload_too_large(limit: int) -> ApiError:
    return ApiError(413, "payload_too_large", f"the request body exceeds {limit} bytes")


def unsupported_media_type(message: str) -> ApiError:
    return ApiError(415, "unsupported_media_type", message)


def query_timeout(seconds: float) -> ApiError:
    return ApiError(
        503,
        "query_timeout",
        f"the query ran longer than {seconds:g} s and was stopped; narrow it or add a LIMIT",
        {"Retry-After": "1"},
    )


def service_busy(seconds: float) -> ApiError:
    return ApiError(
        503,
        "service_busy",
        f"no query worker became free within {seconds:g} s; try again shortly",
        {"Retry-After": "5"},
    )


def query_failed(message: str) -> ApiError:
    return ApiError(500, "query_failed", message)


def internal_error() -> ApiError:
    return ApiError(500, "internal_error", "an unexpected error occurred; it has been logged")


async def _api_error(_: Request, exc: ApiError):
    return error_response(exc.status, exc.code, exc.message, exc.headers)


async def _http_error(_: Request, exc: StarletteHTTPException):
    codes = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}
    code = codes.get(exc.status_code, "http_error")
    message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        message = "no such route"
    return error_response(exc.status_code, code, message, getattr(exc, "headers", None))


async def _validation_error(_: Request, exc: RequestValidationError):
    # Parameter errors are the client's: 400 with where and why, not FastAPI's default 422.
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path"))
        parts.append(f"{where}: {err.get('msg')}")
    return error_response(400, "bad_request", "; ".join(parts) or "invalid parameters")


async def _unexpected(request: Request, exc: Exception):
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    err = internal_error()
    return error_response(err.status, err.code, err.message)


def install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)
