"""Two app instances on one Redis serve the same conversation: turns sent to either, even
at the same time, are serialized by the Redis turn lease; nothing is lost or doubled."""

import asyncio
from typing import Any

import httpx

from tests.support import live_server


async def test_two_instances_share_and_serialize_one_conversation(
    make_settings: Any, redis_url: str, redis_prefix: str
) -> None:
    settings = make_settings(
        session_backend="redis", redis_url=redis_url, redis_key_prefix=redis_prefix,
        turn_wait_seconds=20,
    )
    with live_server(settings) as first, live_server(settings) as second:
        async with (
            httpx.AsyncClient(base_url=first.url, timeout=60) as a,
            httpx.AsyncClient(base_url=second.url, timeout=60) as b,
        ):
            session_id = (await a.post("/api/sessions")).json()["session_id"]
            url = f"/api/sessions/{session_id}/messages"
            plan = await b.post(url, json={"content": "3 days in Rome, food, relaxed, cheap"})
            assert plan.status_code == 200
            assert plan.json()["session"]["stage"] == "planned"

            texts = [f"what's on day {n % 3 + 1}?" for n in range(10)]
            sends = [
                (a if n % 2 else b).post(url, json={"content": t, "client_message_id": f"q{n}"})
                for n, t in enumerate(texts)
            ]
            responses = await asyncio.gather(*sends)
            assert [r.status_code for r in responses] == [200] * len(texts)

            # a retry of an already-applied message, on the other instance, is not re-applied
            retry = await a.post(url, json={"content": texts[0], "client_message_id": "q0"})
            assert retry.json()["reply"] == responses[0].json()["reply"]

            history = (await a.get(f"/api/sessions/{session_id}")).json()["history"]
            users = [m["content"] for m in history if m["role"] == "user"]
            assert sorted(users[1:]) == sorted(texts)
            assert len(history) == 1 + 2 * (1 + len(texts))
            # every question was followed by its own answer: roles strictly alternate
            roles = [m["role"] for m in history[1:]]
            assert roles == ["user", "assistant"] * (1 + len(texts))
