"""Deploys with real processes: ``wayfarer serve`` stopped by SIGTERM while a streamed turn
runs for a client that already hung up, and ``WAYFARER_WORKERS`` processes sharing sessions
through Redis."""

import asyncio
import json
import signal
from collections.abc import Iterator
from pathlib import Path

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


async def test_sigterm_lets_a_detached_streamed_turn_finish_save_and_release(
    slow_narrator: FakeOpenAI, redis_url: str, redis_prefix: str
) -> None:
    env = {
        "WAYFARER_SESSION_BACKEND": "redis", "WAYFARER_REDIS_URL": redis_url,
        "WAYFARER_REDIS_KEY_PREFIX": redis_prefix, "WAYFARER_LLM_PROVIDER": "openai",
        "OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": slow_narrator.base_url,
        "WAYFARER_TURN_BUDGET_SECONDS": "20", "WAYFARER_TURN_LEASE_SECONDS": "30",
        "WAYFARER_SHUTDOWN_GRACE_SECONDS": "20",
    }
    with served(env) as live:
        status, created = await http_json(live.url, "POST", "/api/sessions")
        assert status == 201
        session_id = created["session_id"]
        await _hang_up_after_first_token(
            live.url, f"/api/sessions/{session_id}/messages", "3 days in Lisbon"
        )
        live.process.send_signal(signal.SIGTERM)
        # uvicorn re-raises the signal once it has shut down cleanly
        assert await asyncio.to_thread(live.process.wait, 60) in (0, -signal.SIGTERM)
        logs = [json.loads(line) for line in live.stderr().splitlines() if line.startswith("{")]
    drained = [entry for entry in logs if entry.get("event") == "shutdown: running turns drained"]
    assert [(d["finished"], d["abandoned"]) for d in drained] == [([session_id], [])]
    raw = Redis.from_url(redis_url)
    try:
        document = json.loads(await raw.get(f"{redis_prefix}session:{session_id}"))
        assert [m["role"] for m in document["history"]] == ["assistant", "user", "assistant"]
        assert document["history"][-1]["content"].split() == ["word"] * WORDS
        assert await raw.exists(f"{redis_prefix}lock:{session_id}") == 0
    finally:
        await raw.aclose()


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
