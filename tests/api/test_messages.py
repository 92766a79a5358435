"""The message route over real HTTP (SPEC §4): validation errors in the JSON error shape on
both paths, the configured message limit, the SSE frames of a streamed turn, and an error
after streaming began arriving as an ``event: error`` frame."""

import json
from typing import Any

import httpx
import pytest

from tests.conftest import SettingsFactory
from tests.conversation.llm_support import NARRATION, ScriptedModel, llm_app
from tests.fake_openai import fake_openai
from tests.support import live_server

SSE = {"accept": "text/event-stream"}


def frames(text: str) -> list[tuple[str, dict[str, Any]]]:
    """The ``(event, data)`` pairs of an SSE body; every frame has both lines."""
    parsed = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.split("\n"))
        assert set(lines) == {"event", "data"}, block
        parsed.append((lines["event"], json.loads(lines["data"])))
    return parsed


def error_of(body: dict[str, Any]) -> dict[str, str]:
    """The ``error`` object of a JSON error body, checked against the SPEC's shape."""
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert all(isinstance(v, str) and v for v in body["error"].values())
    return dict(body["error"])


async def new_session(client: httpx.AsyncClient) -> str:
    created = await client.post("/api/sessions")
    assert created.status_code == 201
    return str(created.json()["session_id"])


@pytest.mark.parametrize("headers", [{}, SSE])
@pytest.mark.parametrize(
    "body",
    [
        {"content": ""},
        {"content": "   \n\t "},
        {},
        {"content": None},
        {"content": 42},
        {"content": "3 days in Rome", "client_message_id": ""},
        {"content": "3 days in Rome", "client_message_id": "x" * 129},
    ],
)
async def test_unusable_messages_are_422_in_the_error_shape_and_change_nothing(
    client: httpx.AsyncClient, body: dict[str, Any], headers: dict[str, str]
) -> None:
    session_id = await new_session(client)
    response = await client.post(
        f"/api/sessions/{session_id}/messages", json=body, headers=headers
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/json")
    assert error_of(response.json())["code"] == "invalid_request"
    history = (await client.get(f"/api/sessions/{session_id}")).json()["history"]
    assert len(history) == 1


@pytest.mark.parametrize("headers", [{}, SSE])
async def test_an_unknown_session_is_404_before_any_frame(
    client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    response = await client.post(
        "/api/sessions/AAAAAAAAAAAAAAAAAAAAAA/messages", json={"content": "hi"}, headers=headers
    )
    assert response.status_code == 404
    assert error_of(response.json())["code"] == "session_not_found"


async def test_the_configured_message_limit_is_the_one_enforced(
    make_settings: SettingsFactory,
) -> None:
    with live_server(make_settings(max_message_chars=40)) as live:
        async with httpx.AsyncClient(base_url=live.url, timeout=30) as http:
            session_id = await new_session(http)
            url = f"/api/sessions/{session_id}/messages"
            too_long = await http.post(url, json={"content": "Rome " * 8 + "x"})
            assert too_long.status_code == 422
            error = error_of(too_long.json())
            assert error["code"] == "invalid_request" and "40" in error["message"]
            at_limit = await http.post(
                url, json={"content": "3 days in Rome, food and art".ljust(40, "!")}
            )
            assert at_limit.status_code == 200, at_limit.text


async def test_a_streamed_turn_is_token_frames_then_one_done_frame(
    client: httpx.AsyncClient,
) -> None:
    session_id = await new_session(client)
    response = await client.post(
        f"/api/sessions/{session_id}/messages",
        json={"content": "3 days in Rome, food and history, relaxed, cheap"},
        headers=SSE,
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["cache-control"] == "no-store"
    events = frames(response.text)
    *tokens, (last, done) = events
    assert tokens and {event for event, _ in tokens} == {"token"}
    assert last == "done"
    assert set(done) == {"reply", "session"}
    assert "".join(data["text"] for _, data in tokens) == done["reply"]["content"]
    assert done["session"]["history"][-1] == done["reply"]
    assert done["session"]["itinerary"]["city"] == "Rome"
    stored = (await client.get(f"/api/sessions/{session_id}")).json()
    assert stored["history"] == done["session"]["history"]


async def test_an_error_after_streaming_began_is_an_error_frame(
    make_settings: SettingsFactory,
) -> None:
    """The session is forgotten while the reply streams: the tokens already sent stay
    sent, and the stream ends with ``event: error`` in the JSON error shape (the status
    line went out with the first token)."""
    with fake_openai(ScriptedModel()) as fake:
        fake.chunk_delay = 0.15
        with llm_app(fake, make_settings, llm_timeout_seconds=10) as live:
            async with httpx.AsyncClient(base_url=live.url, timeout=30) as http:
                session_id = await new_session(http)
                url = f"/api/sessions/{session_id}"
                body = ""
                async with http.stream(
                    "POST", f"{url}/messages", json={"content": "hmm"}, headers=SSE
                ) as streamed:
                    assert streamed.status_code == 200
                    async for text in streamed.aiter_text():
                        if not body:
                            assert (await http.delete(url)).status_code == 204
                        body += text
                events = frames(body)
    assert events[0][0] == "token"
    assert "".join(d["text"] for e, d in events if e == "token") in NARRATION
    event, data = events[-1]
    assert event == "error"
    assert error_of(data)["code"] == "session_not_found"
    assert not [e for e, _ in events if e == "done"]
