"""Bounded requests against a real ``wayfarer serve`` process on loopback: body limit
(413 before reading), header and body read timeouts (408, connection closed) while other
clients are served, and the connection cap (503 ``server_busy``)."""

import json
import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.api.processes import Served, raw_exchange, read_until_closed, wayfarer_serve

LIMITS = {
    "WAYFARER_HEADER_TIMEOUT_SECONDS": "1",
    "WAYFARER_BODY_TIMEOUT_SECONDS": "1",
    "WAYFARER_MAX_CONNECTIONS": "4",
}


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    with wayfarer_serve(LIMITS) as running:
        yield running


def parse(raw: bytes) -> tuple[int, dict[str, str], dict[str, dict[str, str]]]:
    """Status, headers (lower-case names) and JSON body of one raw HTTP/1.1 response."""
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, json.loads(body)


def assert_edge_error(raw: bytes, status: int, code: str) -> None:
    got, headers, body = parse(raw)
    assert got == status, raw[:300]
    assert body["error"]["code"] == code and body["error"]["message"]
    assert headers["x-request-id"] and headers["x-content-type-options"] == "nosniff"


def test_declared_1mb_body_is_413_before_it_is_sent(served: Served) -> None:
    # Only the headers go out: the answer proves the server did not wait for the body.
    started = time.perf_counter()
    raw = raw_exchange(served.port, (
        b"POST /api/sessions HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        b"Content-Length: 1048576\r\n\r\n"
    ))
    print(f"413 for a declared 1 MB body after {time.perf_counter() - started:.3f} s")
    assert_edge_error(raw, 413, "request_too_large")


def test_streamed_1mb_body_is_413(served: Served) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(64):
            yield b"x" * 16384

    response = httpx.post(f"{served.url}/api/sessions", content=chunks(), timeout=10)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"


def test_slow_headers_are_cut_off_while_a_normal_client_is_served(served: Served) -> None:
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as slow:
        slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\n")  # never finishes its headers
        assert httpx.get(f"{served.url}/healthz", timeout=5).status_code == 200
        raw = read_until_closed(slow)
    assert_edge_error(raw, 408, "request_timeout")


def test_idle_connection_is_closed_at_the_header_timeout(served: Served) -> None:
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as idle:
        raw = read_until_closed(idle)
    assert_edge_error(raw, 408, "request_timeout")


def test_slow_body_is_cut_off(served: Served) -> None:
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as slow:
        slow.sendall(
            b"POST /api/sessions HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100\r\n\r\n{\"content\":"
        )
        assert httpx.get(f"{served.url}/healthz", timeout=5).status_code == 200
        raw = read_until_closed(slow)
    assert_edge_error(raw, 408, "request_timeout")


def test_connections_past_the_cap_get_503_then_service_resumes(served: Served) -> None:
    held = [socket.create_connection(("127.0.0.1", served.port)) for _ in range(4)]
    try:
        time.sleep(0.2)  # let the server accept them
        response = httpx.get(f"{served.url}/healthz", timeout=5)
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "server_busy"
        assert response.headers["x-request-id"]
    finally:
        for sock in held:
            sock.close()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if httpx.get(f"{served.url}/healthz", timeout=5).status_code == 200:
            return
        time.sleep(0.1)
    raise AssertionError("the server did not serve again after the held connections closed")


def test_a_slow_second_request_on_a_kept_alive_connection_is_cut_off(served: Served) -> None:
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as slow:
        slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\nGET /healthz HTTP/1.1\r\n")
        raw = read_until_closed(slow)
    first, _, second = raw.partition(b"HTTP/1.1 408")
    assert first.startswith(b"HTTP/1.1 200")
    assert_edge_error(b"HTTP/1.1 408" + second, 408, "request_timeout")


def test_oversized_headers_are_431(served: Served) -> None:
    padding = b"X-Pad: " + b"a" * 8000 + b"\r\n"
    raw = raw_exchange(served.port, b"GET /healthz HTTP/1.1\r\nHost: t\r\n" + padding * 12)
    assert_edge_error(raw, 431, "request_too_large")


def test_bytes_that_are_not_http_get_the_error_shape(served: Served) -> None:
    raw = raw_exchange(served.port, b"\x16\x03\x01 definitely not HTTP\r\n\r\n")
    assert_edge_error(raw, 422, "invalid_request")
