"""The one place where errors become HTTP: every response error is
``{"error": {"code": str, "message": str}}`` (SPEC §4), and nothing leaks a traceback.
"""

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from wayfarer.errors import RateLimited, WayfarerError

log = logging.getLogger("wayfarer.api")

_HTTP_CODES = {
    400: "invalid_request",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    408: "request_timeout",
    413: "request_too_large",
    415: "invalid_request",
    422: "invalid_request",
    429: "rate_limited",
}


INTERNAL_ERROR = "Something went wrong on our side."


def error_body(exc: Exception) -> dict[str, Any]:
    """The SPEC §4 error object for ``exc``: a WayfarerError's code and message, anything
    else as a generic ``internal_error`` (its text never reaches the client). JSON error
    responses and streamed ``event: error`` frames both carry this."""
    if isinstance(exc, WayfarerError):
        return {"error": {"code": exc.code, "message": exc.message}}
    return {"error": {"code": "internal_error", "message": INTERNAL_ERROR}}


def error_response(status: int, code: str, message: str) -> JSONResponse:
    """A JSON error in the SPEC's shape."""
    return JSONResponse(status_code=status, content={"error": {"code": code, "message": message}})


def _describe_validation(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors()[:3]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "malformed request"


async def _wayfarer_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, WayfarerError)
    if exc.status >= 500:
        log.warning("request failed", extra={
            "code": exc.code,
            "path": request.url.path,
            "request_id": getattr(request.state, "request_id", None),
            "cause": getattr(exc, "cause", None),
        })
    response = JSONResponse(status_code=exc.status, content=error_body(exc))
    if isinstance(exc, RateLimited):
        response.headers["Retry-After"] = str(exc.retry_after)
    return response


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(422, "invalid_request", _describe_validation(exc))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    message = exc.detail if isinstance(exc.detail, str) else "request failed"
    # SPEC §4: a malformed request is 422 invalid_request, whatever layer noticed it
    status = 422 if code == "invalid_request" else exc.status_code
    response = error_response(status, code, message)
    if exc.headers:
        response.headers.update(exc.headers)
    if status == 405:
        response.headers["Allow"] = ", ".join(allowed_methods(request))
    return response


def allowed_methods(request: Request) -> list[str]:
    """Every method the published API answers on this path (HEAD wherever GET is), sorted;
    ``GET, HEAD`` for paths outside it (the page's files).

    Starlette's own ``Allow`` names only the first route that matched the path, which is
    wrong when several routes share it (GET and DELETE /api/sessions/{id}).
    """
    methods: set[str] = set()
    for template, item in request.app.openapi().get("paths", {}).items():
        if _template_pattern(template).fullmatch(request.url.path):
            methods |= {method.upper() for method in item}
    methods = methods or {"GET"}
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


def _template_pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^/}]+\})", template)
    return re.compile("".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts))


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error", extra={"path": request.url.path})
    return JSONResponse(status_code=500, content=error_body(exc))


def install_error_handlers(app: FastAPI) -> None:
    """Route every error type through the JSON error shape."""
    app.add_exception_handler(WayfarerError, _wayfarer_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
