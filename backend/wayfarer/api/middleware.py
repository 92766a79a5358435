"""HTTP middleware: request ids, access metrics, structured access logs, security headers."""

import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from fastapi import FastAPI, Request, Response

from wayfarer.observability import Metrics

log = logging.getLogger("wayfarer.access")

CONTENT_SECURITY_POLICY = (
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
    """The page's CSP: everything from this origin only, images also from the tile host."""
    source = tile_source(tiles_url)
    return CONTENT_SECURITY_POLICY.format(tiles=f" {source}" if source else "")
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
# Swagger UI needs inline script; it is the one page served without the strict policy.
_DOCS_PATHS = ("/docs", "/redoc")


def route_template(request: Request) -> str:
    """The matched route's path template (bounded label cardinality), or "unmatched".

    Call it after the request was handled: routing stores the route in the scope.
    """
    route = request.scope.get("route")
    return str(getattr(route, "path", None) or "unmatched")


def install_middleware(
    app: FastAPI, metrics: Metrics, csp: str = content_security_policy("")
) -> None:
    """Add the request-id / metrics / headers middleware to ``app`` (``csp`` is the
    Content-Security-Policy of every response but the API docs)."""

    @app.middleware("http")
    async def observe(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        request_id = request.headers.get("x-request-id", "")[:64] or secrets.token_hex(8)
        request.state.request_id = request_id
        started = time.perf_counter()
        response = await call_next(request)
        elapsed = time.perf_counter() - started
        route = route_template(request)
        metrics.http_requests.labels(request.method, route, str(response.status_code)).inc()
        metrics.http_latency.labels(route).observe(elapsed)
        response.headers["X-Request-ID"] = request_id
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if not request.url.path.startswith(_DOCS_PATHS):
            response.headers.setdefault("Content-Security-Policy", csp)
        log.info(
            "request",
            extra={
                "request_id": request_id,
                "method": request.method,
                "route": route,
                "status": response.status_code,
                "ms": round(elapsed * 1000, 2),
            },
        )
        return response
