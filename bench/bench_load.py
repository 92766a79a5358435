"""Load and recovery of a deployed ``wayfarer serve`` (one process, offline language).

1. 200 travellers at once, each creating a session and sending 4 turns, on the memory store
   and on Redis: turns/s, turn latency p50/p99, errors (any status >= 400 or no answer).
2. Recovery on Redis: after a Redis restart (killed, restarted empty 1 s later) the time
   until a session can be created again; after a 12 s stall (SIGSTOP, with a turn on a
   session sent during it) the time from SIGCONT until the next turn on that session is
   answered 200.

Run: ``.venv/bin/python -m bench bench_load``.
"""

import asyncio
import signal
import socket
import time
from typing import Any

from tests.support import RedisServer, running_redis, served

from bench.load import http_json, travellers

TRAVELLERS = 200
TURNS = 4
STALL_SECONDS = 12


def _env(backend: str, redis: RedisServer | None) -> dict[str, str]:
    env = {"WAYFARER_SESSION_BACKEND": backend, "WAYFARER_LOG_LEVEL": "error"}
    if redis is not None:
        env["WAYFARER_REDIS_URL"] = redis.url
    return env


async def _load(backend: str, redis: RedisServer | None) -> None:
    with served(_env(backend, redis)) as live:
        await travellers(live.url, 20, 1)  # warm-up
        result = await travellers(live.url, TRAVELLERS, TURNS)
        if redis is not None:  # the pool keeps what it opened: its peak concurrent use
            # less this INFO connection and the readiness probe's own connection
            peak = int(_info(redis.port, "connected_clients")) - 2
            print(f"redis  connections the process opened (pool peak): {peak}", flush=True)
    turns = len(result.turn_seconds)
    print(
        f"{backend:<6} {TRAVELLERS} travellers x {TURNS} turns: "
        f"{turns / result.elapsed:7.1f} turns/s  p50 {result.quantile(0.5) * 1000:6.0f} ms  "
        f"p99 {result.quantile(0.99) * 1000:6.0f} ms  errors {result.errors}/"
        f"{len(result.statuses)}",
        flush=True,
    )


def _info(port: int, field: str) -> str:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(b"INFO clients\r\n")
        text = sock.recv(65536).decode()
    return text.split(f"{field}:", 1)[1].split("\r\n", 1)[0]


async def _seconds_until_ok(
    url: str, method: str, path: str, body: dict[str, Any] | None, ok: int
) -> float:
    started = time.perf_counter()
    while True:
        try:
            status, _ = await http_json(url, method, path, body, timeout=30)
        except (OSError, TimeoutError):
            status = 0
        if status == ok:
            return time.perf_counter() - started
        await asyncio.sleep(0.05)


async def _recovery(redis: RedisServer) -> None:
    assert redis.process is not None
    with served(_env("redis", redis)) as live:
        redis.stop()
        await asyncio.sleep(1)
        redis.start()
        restart = await _seconds_until_ok(live.url, "POST", "/api/sessions", None, 201)
        print(f"Redis restart: first session created {restart:.2f} s after Redis is back")

        _, created = await http_json(live.url, "POST", "/api/sessions")
        path = f"/api/sessions/{created['session_id']}/messages"
        body = {"content": "3 days in Rome"}
        process = redis.process
        assert process is not None
        process.send_signal(signal.SIGSTOP)
        during = asyncio.create_task(http_json(live.url, "POST", path, body, timeout=60))
        await asyncio.sleep(1)
        asked = time.perf_counter()
        ready, _ = await http_json(live.url, "GET", "/readyz")
        ready_seconds = time.perf_counter() - asked
        await asyncio.sleep(STALL_SECONDS - 1 - ready_seconds)
        process.send_signal(signal.SIGCONT)
        stall = await _seconds_until_ok(live.url, "POST", path, body, 200)
        status, _ = await during
        print(
            f"{STALL_SECONDS} s Redis stall: next turn on the session answered {stall:.2f} s "
            f"after SIGCONT (the turn sent during the stall got {status}); /readyz during "
            f"the stall answered {ready} in {ready_seconds:.2f} s"
        )


def main() -> None:
    """Print the figures (see the module docstring)."""
    asyncio.run(_load("memory", None))
    with running_redis() as redis:
        asyncio.run(_load("redis", redis))
    with running_redis() as redis:
        asyncio.run(_recovery(redis))
