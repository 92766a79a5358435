"""Deploys with real processes: ``wayfarer serve`` stopped by SIGTERM while a streamed turn
runs for a client that already hung up, and ``WAYFARER_WORKERS`` processes sharing sessions
through Redis."""

import asyncio
import json
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bench.load import http_json, travellers
from redis.asyncio import Redis

from tests.fake_openai import FakeOpenAI, fake_openai
from tests.support import served

pytestmark = pytest.mark.redis

WORDS = 12


@pytest.fixture
def slow_narrator() -> Iterator[FakeOpenAI]:
    """A model whose interpretations are unusable (the offline rules step in) and whose
    narration streams one word every 0.25 s."""
    with fake_openai(lambda messages: " ".join(["word"] * WORDS)) as fake:
        fake.chunk_delay = 0.25
        yield fake


async def _hang_up_after_first_token(url: str, path: str, content: str) -> None:
    host, port = url.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    body = json.dumps({"content": content}).encode()
    writer.write(
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
    )
    await writer.drain()
    received = b""
    while b"event: token" not in received:
        chunk = await asyncio.wait_for(reader.read(4096), timeout=30)
        assert chunk, received
        received += chunk
    writer.close()
    await writer.wait_closed()


def _env(fake: FakeOpenAI, redis_url: str, prefix: str, grace: str) -> dict[str, str]:
    return {
        "WAYFARER_SESSION_BACKEND": "redis", "WAYFARER_REDIS_URL": redis_url,
        "WAYFARER_REDIS_KEY_PREFIX": prefix, "WAYFARER_LLM_PROVIDER": "openai",
        "OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": fake.base_url,
        "WAYFARER_TURN_BUDGET_SECONDS": "20", "WAYFARER_TURN_LEASE_SECONDS": "30",
        "WAYFARER_SHUTDOWN_GRACE_SECONDS": grace,
    }


async def _sigterm_during_a_detached_turn(env: dict[str, str]) -> tuple[str, dict[str, Any]]:
    """Start a streamed turn, hang up after its first word, SIGTERM the server; returns the
    session id and the server's one drain log entry."""
    with served(env) as live:
        status, created = await http_json(live.url, "POST", "/api/sessions")
        assert status == 201
        session_id = str(created["session_id"])
        await _hang_up_after_first_token(
            live.url, f"/api/sessions/{session_id}/messages", "3 days in Lisbon"
        )
        live.process.send_signal(signal.SIGTERM)
        # uvicorn re-raises the signal once it has shut down cleanly
        assert await asyncio.to_thread(live.process.wait, 60) in (0, -signal.SIGTERM)
        logs = [json.loads(line) for line in live.stderr().splitlines() if line.startswith("{")]
    drained = [entry for entry in logs if entry.get("event") == "shutdown: running turns drained"]
    assert len(drained) == 1
    return session_id, drained[0]


async def _stored(redis_url: str, prefix: str, session_id: str) -> tuple[dict[str, Any], int]:
    """The stored document and whether its lease key exists."""
    raw = Redis.from_url(redis_url)
    try:
        document = json.loads(await raw.get(f"{prefix}session:{session_id}"))
        return document, int(await raw.exists(f"{prefix}lock:{session_id}"))
    finally:
        await raw.aclose()


async def test_sigterm_lets_a_detached_streamed_turn_finish_save_and_release(
    slow_narrator: FakeOpenAI, redis_url: str, redis_prefix: str
) -> None:
    env = _env(slow_narrator, redis_url, redis_prefix, grace="20")
    session_id, drained = await _sigterm_during_a_detached_turn(env)
    assert (drained["finished"], drained["abandoned"]) == ([session_id], [])
    document, leased = await _stored(redis_url, redis_prefix, session_id)
    assert [m["role"] for m in document["history"]] == ["assistant", "user", "assistant"]
    assert document["history"][-1]["content"].split() == ["word"] * WORDS
    assert leased == 0


async def test_a_turn_past_the_grace_period_is_abandoned_and_its_lease_released(
    slow_narrator: FakeOpenAI, redis_url: str, redis_prefix: str
) -> None:
    env = _env(slow_narrator, redis_url, redis_prefix, grace="0.5")
    session_id, drained = await _sigterm_during_a_detached_turn(env)
    assert (drained["finished"], drained["abandoned"]) == ([], [session_id])
    document, leased = await _stored(redis_url, redis_prefix, session_id)
    assert document["version"] == 1 and len(document["history"]) == 1  # nothing half-saved
    assert leased == 0


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in found.read_text().split()] if found.exists() else []


async def test_workers_on_redis_share_sessions(redis_url: str, redis_prefix: str) -> None:
    env = {
        "WAYFARER_SESSION_BACKEND": "redis", "WAYFARER_REDIS_URL": redis_url,
        "WAYFARER_REDIS_KEY_PREFIX": redis_prefix, "WAYFARER_WORKERS": "2",
    }
    with served(env) as live:
        workers = [pid for pid in _children(live.process.pid) if _children(pid) == []]
        assert len(workers) >= 2
        # every request is its own connection, so a session's turns land on either worker
        result = await travellers(live.url, count=20, turns=3)
    assert result.errors == 0 and len(result.statuses) == 80
