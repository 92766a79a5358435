"""How uvicorn serves the app: proxies, connection cap, and read timeouts.

:func:`uvicorn_options` is the one source of uvicorn's keyword arguments (the CLI and the
test servers use it), so what runs is what is tested:

- forwarded headers (``X-Forwarded-For``/``-Proto``) are honoured only from the addresses
  in ``WAYFARER_TRUSTED_PROXIES`` (none by default: the peer address is the client);
- at most ``WAYFARER_MAX_CONNECTIONS`` open connections: one more is answered 503
  ``server_busy`` at once and closed;
- a connection must deliver its request headers within ``WAYFARER_HEADER_TIMEOUT_SECONDS``
  of connecting or of starting a request, else it gets 408 and is closed, and they may be
  at most :data:`MAX_HEADER_BYTES` long (431) (:class:`HeaderTimeoutProtocol`; the body
  timeout is the edge middleware's);
- a graceful shutdown (SIGTERM) waits at most :func:`shutdown_grace_seconds` for requests
  in flight, so the lifespan (closing the store, writing the memory snapshot) always runs
  within a container's stop grace period;
- bytes that are not HTTP get 422 ``invalid_request`` in the error shape, not uvicorn's
  plain-text 400.
"""

import asyncio
import json
import secrets
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from wayfarer.config import Settings

HEADER_TIMEOUT_STATE = "wayfarer.header_timeout"
MAX_CONNECTIONS_STATE = "wayfarer.max_connections"
"""Keys of the transport bounds in the lifespan state the app's lifespan yields."""
DEFAULT_HEADER_TIMEOUT = 10.0
DEFAULT_MAX_CONNECTIONS = 1000
MAX_HEADER_BYTES = 65536
"""Request line and headers larger than this are refused with 431 (httptools sets none)."""
KEEP_ALIVE_SECONDS = 5


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``uvicorn.run`` / ``uvicorn.Config`` from ``settings``."""
    trusted = settings.trusted_proxies
    return {
        "host": settings.host,
        "port": settings.port,
        "proxy_headers": bool(trusted),
        "forwarded_allow_ips": "*" if "*" in trusted else ",".join(trusted),
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
        "http": HeaderTimeoutProtocol,
        "timeout_graceful_shutdown": shutdown_grace_seconds(settings),
        "log_level": "warning",
        "access_log": False,
    }


def shutdown_grace_seconds(settings: Settings) -> float:
    """How long a graceful shutdown waits for requests in flight before closing them
    (``WAYFARER_SHUTDOWN_GRACE_SECONDS``); the lifespan then gives detached turns as long
    again. A container's stop grace period must exceed twice this, leaving time to close
    the store (docker-compose.yml)."""
    return settings.shutdown_grace_seconds


def transport_bounds(settings: Settings) -> dict[str, float]:
    """The lifespan state :class:`HeaderTimeoutProtocol` reads its bounds from."""
    return {
        HEADER_TIMEOUT_STATE: settings.header_timeout_seconds,
        MAX_CONNECTIONS_STATE: settings.max_connections,
    }


def _raw_error(status: str, code: str, message: str) -> bytes:
    """A complete HTTP/1.1 error response in the SPEC's shape, with the edge's headers."""
    from wayfarer.api.middleware import response_headers

    body = json.dumps({"error": {"code": code, "message": message}})
    headers = {
        **response_headers("/", secrets.token_hex(8)),
        "Content-Type": "application/json",
        "Content-Length": str(len(body)),
        "Connection": "close",
    }
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n" + body).encode()


class HeaderTimeoutProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a connection cap and a deadline on receiving
    request headers.

    The deadline is armed when the connection opens and whenever a new request starts,
    and cleared when its headers are complete. Both bounds come from the app's lifespan
    state (:func:`transport_bounds`), so each server uses its own settings.
    """

    _header_timer: asyncio.TimerHandle | None = None
    _header_bytes = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        cap = int(self.app_state.get(MAX_CONNECTIONS_STATE, DEFAULT_MAX_CONNECTIONS))
        self._arm()
        if len(self.connections) > cap:
            self._refuse("503 Service Unavailable", "server_busy",
                         "Too many connections; try again.")

    def data_received(self, data: bytes) -> None:
        reading_headers = self._header_timer is not None
        super().data_received(data)
        if reading_headers and self._header_timer is not None:  # still no end of headers
            self._header_bytes += len(data)
            if self._header_bytes > MAX_HEADER_BYTES:
                self._refuse("431 Request Header Fields Too Large", "request_too_large",
                             f"The request headers are over {MAX_HEADER_BYTES} bytes.")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._header_timer is None:
            self._arm()

    def send_400_response(self, msg: str) -> None:
        self._refuse("422 Unprocessable Content", "invalid_request",
                     "The request is not valid HTTP.")

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._header_bytes = 0
        seconds = float(self.app_state.get(HEADER_TIMEOUT_STATE, DEFAULT_HEADER_TIMEOUT))
        self._header_timer = self.loop.call_later(seconds, self._expired)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _expired(self) -> None:
        self._header_timer = None
        self._refuse("408 Request Timeout", "request_timeout",
                     "The request headers did not arrive in time.")

    def _refuse(self, status: str, code: str, message: str) -> None:
        """Answer with an error in the SPEC's shape and close the connection."""
        self._disarm()
        if not self.transport.is_closing():
            self.transport.write(_raw_error(status, code, message))
            self.transport.close()
