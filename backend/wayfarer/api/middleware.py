"""The edge of the app: one pure ASGI middleware that every HTTP request passes through.

It guarantees, for every response including 500s and refusals it makes itself:

- an ``X-Request-ID`` (the client's, when it is short visible ASCII, else a fresh one),
  the security headers, and ``Cache-Control: no-store`` on session data;
- the request body is read in full *before* the app sees it, bounded by
  ``max_body_bytes`` (413 ``request_too_large``, from ``Content-Length`` without reading
  when it is declared) and by ``body_timeout`` (408 ``request_timeout``);
- ``HEAD`` is answered wherever ``GET`` is (the app sees a GET, the body is dropped);
- an unexpected exception becomes the SPEC's 500 JSON error, logged with its request id;
- access metrics and one structured log line per request.
"""

import asyncio
import json
import logging
import re
import secrets
import time
from collections.abc import MutableMapping
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from wayfarer.api.errors import error_response
from wayfarer.observability import Metrics, request_scope

log = logging.getLogger("wayfarer.access")

_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{tiles}; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def tile_source(tiles_url: str) -> str:
    """The CSP source of a tile URL template: its scheme, host and port, with a ``{s}``
    subdomain as ``*`` ("https://*.tile.example.org"); "" when there are no tiles."""
    if not tiles_url:
        return ""
    parts = urlsplit(tiles_url.replace("{s}", "sub-domain"))
    host = parts.netloc.replace("sub-domain", "*")
    return f"{parts.scheme}://{host}"


def content_security_policy(tiles_url: str) -> str:
    """The page's CSP: everything from this origin only, images also from the map tile
    host of ``tiles_url`` (WAYFARER_MAP_TILES_URL; none when empty)."""
    source = tile_source(tiles_url)
    return _POLICY.format(tiles=f" {source}" if source else "")


CONTENT_SECURITY_POLICY = content_security_policy("")
"""The policy without map tiles (responses that never carry the page)."""
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
# Swagger UI needs inline script; it is the one page served without the strict policy.
_DOCS_PATHS = ("/docs", "/redoc")
# Session documents and itineraries are private to one traveller: never cached anywhere.
_NO_STORE_PATHS = ("/api/sessions", "/api/shared", "/share/")
_REQUEST_ID = re.compile(r"[\x21-\x7e]{1,64}")
_SURROGATE = re.compile("[\ud800-\udfff]")


class Refused(Exception):
    """The edge refuses the request before the app sees it (status, code, message)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def route_template(scope: Scope) -> str:
    """The matched route's path template (bounded label cardinality), or "unmatched".

    Call it after the request was handled: routing stores the route in the scope.
    """
    route = scope.get("route")
    return str(getattr(route, "path", None) or "unmatched")


def request_id_of(headers: Headers) -> str:
    """The client's ``X-Request-ID`` when it is 1-64 visible ASCII characters, else a new one."""
    given = headers.get("x-request-id", "")
    return given if _REQUEST_ID.fullmatch(given) else secrets.token_hex(8)


def response_headers(
    path: str, request_id: str, csp: str = CONTENT_SECURITY_POLICY
) -> dict[str, str]:
    """Headers every response on ``path`` carries (existing ones of the same name win);
    ``csp`` is the Content-Security-Policy (see :func:`content_security_policy`)."""
    headers = {"X-Request-ID": request_id, **SECURITY_HEADERS}
    if not path.startswith(_DOCS_PATHS):
        headers["Content-Security-Policy"] = csp
    if path.startswith(_NO_STORE_PATHS):
        headers["Cache-Control"] = "no-store"
    return headers


async def read_body(
    headers: Headers, receive: Receive, max_bytes: int, timeout: float
) -> bytes | None:
    """The whole request body (None if the client left), or Refused when it is longer than
    ``max_bytes`` or takes longer than ``timeout`` seconds to arrive."""
    declared = headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_bytes:
        raise Refused(413, "request_too_large", f"The request body is over {max_bytes} bytes.")
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(timeout):
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return None
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > max_bytes:
                    raise Refused(
                        413, "request_too_large", f"The request body is over {max_bytes} bytes."
                    )
                chunks.append(chunk)
                if not message.get("more_body", False):
                    return b"".join(chunks)
    except TimeoutError:
        raise Refused(
            408, "request_timeout", f"The request body did not arrive within {timeout:g} s."
        ) from None


_MAYBE_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")


def check_json_text(body: bytes) -> None:
    """Refuse (422) a JSON body the app could parse but never store: nesting deeper than the
    parser's recursion limit, or a string holding a lone surrogate (``"\\ud800"`` is valid
    JSON but no Unicode character, so it cannot be encoded as UTF-8 when saved). Bodies
    that are not JSON are left for the app to refuse."""
    try:
        document = json.loads(body)
    except RecursionError:
        raise Refused(422, "invalid_request", "The JSON body is nested too deeply.") from None
    except ValueError:
        return
    if not _MAYBE_SURROGATE.search(body):
        return
    pending: list[Any] = [document]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str) and _SURROGATE.search(item):
            raise Refused(
                422, "invalid_request",
                "The text contains a lone surrogate escape, which is not a character.",
            )


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive callable that yields ``body`` once, then the client's own events."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


class EdgeMiddleware:
    """See the module docstring; wraps the whole FastAPI app (inside Starlette's own
    outermost error middleware, which it leaves nothing to do)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        metrics: Metrics,
        max_body_bytes: int,
        body_timeout: float,
        csp: str = CONTENT_SECURITY_POLICY,
    ) -> None:
        self.app = app
        self.metrics = metrics
        self.max_body_bytes = max_body_bytes
        self.body_timeout = body_timeout
        self.csp = csp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        request_id = request_id_of(headers)
        scope.setdefault("state", {})["request_id"] = request_id
        is_head = scope["method"] == "HEAD"
        inner: MutableMapping[str, Any] = dict(scope, method="GET") if is_head else scope
        extra = response_headers(scope["path"], request_id, self.csp)
        status = [500]
        started = time.perf_counter()

        async def send_out(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                out = MutableHeaders(scope=message)
                for name, value in extra.items():
                    out.setdefault(name, value)
            elif message["type"] == "http.response.body" and is_head:
                message = {**message, "body": b""}
            await send(message)

        try:
            with request_scope(request_id):
                await self._handle(inner, headers, receive, send_out, status)
        finally:
            elapsed = time.perf_counter() - started
            self._record(inner, scope["method"], request_id, status[0], elapsed)

    async def _handle(
        self,
        scope: MutableMapping[str, Any],
        headers: Headers,
        receive: Receive,
        send: Send,
        status: list[int],
    ) -> None:
        responded = [False]

        async def tracked(message: Message) -> None:
            responded[0] = True
            await send(message)

        try:
            body = await read_body(headers, receive, self.max_body_bytes, self.body_timeout)
            if body is None:
                status[0] = 499  # the client left before sending its request
                return
            media_type = headers.get("content-type", "")
            if body and (not media_type or "json" in media_type):  # what FastAPI parses
                check_json_text(body)
            await self.app(scope, _replay(body, receive), tracked)
        except Refused as refused:
            response = error_response(refused.status, refused.code, refused.message)
            response.headers["Connection"] = "close"
            await response(scope, receive, send)
        except Exception:
            log.exception("unhandled error", extra={"path": scope.get("path")})
            if responded[0]:
                raise  # mid-response: the server can only cut the connection
            response = error_response(500, "internal_error", "Something went wrong on our side.")
            await response(scope, receive, send)

    def _record(
        self,
        scope: MutableMapping[str, Any],
        method: str,
        request_id: str,
        status: int,
        elapsed: float,
    ) -> None:
        route = route_template(scope)
        self.metrics.http_requests.labels(method, route, str(status)).inc()
        self.metrics.http_latency.labels(route).observe(elapsed)
        log.info(
            "request",
            extra={
                "request_id": request_id,
                "method": method,
                "route": route,
                "status": status,
                "ms": round(elapsed * 1000, 2),
            },
        )


def install_middleware(
    app: FastAPI,
    metrics: Metrics,
    *,
    max_body_bytes: int,
    body_timeout: float,
    csp: str = CONTENT_SECURITY_POLICY,
) -> None:
    """Add :class:`EdgeMiddleware` to ``app`` (a FastAPI app); call it last so it is the
    outermost of the app's own middleware. ``csp``: see :func:`content_security_policy`."""
    app.add_middleware(
        EdgeMiddleware,
        metrics=metrics,
        max_body_bytes=max_body_bytes,
        body_timeout=body_timeout,
        csp=csp,
    )
