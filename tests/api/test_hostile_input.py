"""Client input never yields a 500: any string JSON can carry is accepted or refused with
422 in the SPEC's shape, on the JSON and SSE paths; every response, a 500 included,
carries the security headers and X-Request-ID."""

import json

import httpx
import pytest
from fastapi import FastAPI

from tests.reference import reference
from tests.support import live_server
from wayfarer.api.app import create_app

EDGE_HEADERS = ("x-request-id", "x-content-type-options", "referrer-policy",
                "content-security-policy")


def assert_error_shape(response: httpx.Response, status: int) -> dict[str, str]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    for name in EDGE_HEADERS:
        assert response.headers.get(name), name
    return dict(body["error"])


async def new_session(client: httpx.AsyncClient) -> str:
    return str((await client.post("/api/sessions")).json()["session_id"])


def raw_json(text_escape: str) -> bytes:
    """A message body whose content is written with the given JSON escape sequence."""
    return b'{"content": "3 days in Rome ' + text_escape.encode() + b'"}'


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\ud800\\ud800", "\\udc00x"])
@pytest.mark.parametrize("accept", ["application/json", "text/event-stream"])
@pytest.mark.parametrize("media_type", ["application/json", "application/vnd.x+json", None])
async def test_lone_surrogates_are_422_on_both_paths(
    client: httpx.AsyncClient, escape: str, accept: str, media_type: str | None
) -> None:
    session_id = await new_session(client)
    headers = {"accept": accept} | ({"content-type": media_type} if media_type else {})
    response = await client.post(
        f"/api/sessions/{session_id}/messages", content=raw_json(escape), headers=headers
    )
    assert assert_error_shape(response, 422)["code"] == "invalid_request"
    history = (await client.get(f"/api/sessions/{session_id}")).json()["history"]
    assert len(history) == 1  # nothing was applied


@pytest.mark.parametrize(
    "escape", ["\\u0000", "\\uffff", "\\ufffe", "\\ufdd0", "\\ud83d\\ude00", "\\u001b[31m"]
)
@pytest.mark.parametrize("accept", ["application/json", "text/event-stream"])
async def test_other_characters_json_can_carry_are_accepted(
    client: httpx.AsyncClient, escape: str, accept: str
) -> None:
    session_id = await new_session(client)
    response = await client.post(
        f"/api/sessions/{session_id}/messages",
        content=raw_json(escape),
        headers={"content-type": "application/json", "accept": accept},
    )
    assert response.status_code == 200, response.text
    if accept == "text/event-stream":
        assert "event: done" in response.text
    session = (await client.get(f"/api/sessions/{session_id}")).json()
    assert session["history"][1]["content"] == json.loads(raw_json(escape))["content"]


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 15000 + b"]" * 15000,  # deeper than the JSON parser's recursion limit
        b'{"content": "\xff\xfe"}',  # not UTF-8
        b'{"content": 3}',
        b'{"content": ["a"]}',
        b'{"content": "hi", "client_message_id": "\\ud800"}',
        b'{"content": "hi", "client_message_id": ""}',
        b"null",
        b"",
    ],
)
async def test_malformed_bodies_are_422(client: httpx.AsyncClient, body: bytes) -> None:
    session_id = await new_session(client)
    response = await client.post(
        f"/api/sessions/{session_id}/messages",
        content=body,
        headers={"content-type": "application/json"},
    )
    assert assert_error_shape(response, 422)["code"] == "invalid_request"


async def test_hostile_request_ids_are_replaced(client: httpx.AsyncClient) -> None:
    kept = await client.get("/healthz", headers={"x-request-id": "abc-123"})
    assert kept.headers["x-request-id"] == "abc-123"
    for hostile in ["a b", "x" * 65, "é"]:
        response = await client.get("/healthz", headers={"x-request-id": hostile.encode()})
        assert response.headers["x-request-id"] != hostile
        assert len(response.headers["x-request-id"]) == 16


async def test_a_500_carries_the_shape_and_every_edge_header(
    make_settings,  # type: ignore[no-untyped-def]
) -> None:
    app = create_app(make_settings(), reference=reference())
    add_failing_route(app)
    with live_server(make_settings(), app=app) as live:
        async with httpx.AsyncClient(base_url=live.url) as http:
            response = await http.get("/test-only/fails", headers={"x-request-id": "trace-1"})
    assert assert_error_shape(response, 500)["code"] == "internal_error"
    assert response.headers["x-request-id"] == "trace-1"
    assert "Traceback" not in response.text and "ZeroDivision" not in response.text


def add_failing_route(app: FastAPI) -> None:
    """A route that fails the way a bug would (an unexpected exception in a handler)."""

    async def fails() -> dict[str, int]:
        return {"ratio": 1 // 0}

    app.add_api_route("/test-only/fails", fails)
