"""Concurrent travellers against a running Wayfarer, over plain asyncio sockets.

A minimal HTTP/1.1 client (one connection per request, ``Connection: close``) so hundreds of
requests can be in flight without a client library's own pool or connect races in the way.
Used by the load benchmark (bench/bench_load.py) and by the pool-exhaustion test.
"""

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

CITIES = ("Lisbon", "Rome", "Tokyo", "Paris", "Kyoto", "Istanbul")
TURNS = (
    "{days} days in {city}",
    "a relaxed pace please",
    "swap the first museum for a park",
    "thanks",
)


async def http_json(
    base_url: str, method: str, path: str, body: dict[str, Any] | None = None,
    timeout: float = 120,
) -> tuple[int, Any]:
    """One request; returns (status, decoded JSON body or None). Raises OSError/TimeoutError
    when the server cannot be reached."""
    parts = urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    payload = b"" if body is None else json.dumps(body).encode()
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
    ).encode()
    async with asyncio.timeout(timeout):
        reader, writer = await asyncio.open_connection(host, port)
        try:
            writer.write(head + payload)
            await writer.drain()
            raw = await reader.read()
        finally:
            writer.close()
            await writer.wait_closed()
    header, _, content = raw.partition(b"\r\n\r\n")
    status = int(header.split(b" ", 2)[1])
    try:
        return status, json.loads(content) if content else None
    except json.JSONDecodeError:
        return status, None


@dataclass
class LoadResult:
    """Statuses and latencies of every request a load run made."""

    statuses: list[int] = field(default_factory=list)
    turn_seconds: list[float] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def errors(self) -> int:
        """Requests that did not succeed (status >= 400, or no answer: status 0)."""
        return sum(1 for status in self.statuses if status == 0 or status >= 400)

    def quantile(self, q: float) -> float:
        """Turn latency quantile in seconds."""
        ordered = sorted(self.turn_seconds) or [0.0]
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def traveller(base_url: str, n: int, turns: int, result: LoadResult) -> None:
    """Create a session, then send ``turns`` messages on it, recording each outcome."""
    status, body = await _safe(base_url, "POST", "/api/sessions")
    result.statuses.append(status)
    if status != 201:
        return
    path = f"/api/sessions/{body['session_id']}/messages"
    for text in TURNS[:turns]:
        content = text.format(days=2 + n % 4, city=CITIES[n % len(CITIES)])
        started = time.perf_counter()
        status, _ = await _safe(base_url, "POST", path, {"content": content})
        result.turn_seconds.append(time.perf_counter() - started)
        result.statuses.append(status)


async def travellers(base_url: str, count: int, turns: int) -> LoadResult:
    """``count`` travellers at once, each ``turns`` turns long."""
    result = LoadResult()
    started = time.perf_counter()
    await asyncio.gather(*(traveller(base_url, n, turns, result) for n in range(count)))
    result.elapsed = time.perf_counter() - started
    return result


async def _safe(
    base_url: str, method: str, path: str, body: dict[str, Any] | None = None
) -> tuple[int, Any]:
    try:
        return await http_json(base_url, method, path, body)
    except (OSError, TimeoutError, ValueError, IndexError):
        return 0, None


class KeepAlive:
    """One keep-alive HTTP/1.1 connection sending requests one after another (the
    end-to-end bench, bench/bench_turns.py): no connect per request, no client library."""

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self._host, self._port = parts.hostname or "127.0.0.1", parts.port or 80
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self._reader, self._writer = await asyncio.open_connection(self._host, self._port)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            await self._writer.wait_closed()

    async def __aenter__(self) -> "KeepAlive":
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def request(
        self, method: str, path: str, body: dict[str, Any] | None = None
    ) -> tuple[int, Any]:
        """(status, decoded JSON body or None); the response must carry Content-Length."""
        assert self._reader is not None and self._writer is not None, "open() first"
        payload = b"" if body is None else json.dumps(body).encode()
        self._writer.write(
            f"{method} {path} HTTP/1.1\r\nHost: {self._host}:{self._port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
            .encode() + payload
        )
        header = await self._reader.readuntil(b"\r\n\r\n")
        lines = header.decode("latin-1").split("\r\n")
        length = next(
            int(line.split(":", 1)[1]) for line in lines
            if line.lower().startswith("content-length:")
        )
        content = await self._reader.readexactly(length)
        return int(lines[0].split(" ", 2)[1]), json.loads(content) if content else None
