"""The HTTP contract at its edges: 405 with the right Allow, HEAD wherever GET is,
no-store on session data, /metrics only for allowed addresses, and an OpenAPI document
that says what the server accepts."""

import httpx
import pytest

from tests.support import live_server


async def new_session(client: httpx.AsyncClient) -> str:
    return str((await client.post("/api/sessions")).json()["session_id"])


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("GET", "/api/sessions", "POST"),
        ("PUT", "/api/sessions", "POST"),
        ("OPTIONS", "/api/sessions", "POST"),
        ("PUT", "/api/sessions/{id}", "DELETE, GET, HEAD"),
        ("PATCH", "/api/sessions/{id}", "DELETE, GET, HEAD"),
        ("OPTIONS", "/api/sessions/{id}", "DELETE, GET, HEAD"),
        ("GET", "/api/sessions/{id}/messages", "POST"),
        ("DELETE", "/api/sessions/{id}/itinerary", "GET, HEAD"),
        ("POST", "/api/cities", "GET, HEAD"),
        ("DELETE", "/healthz", "GET, HEAD"),
        ("POST", "/", "GET, HEAD"),
    ],
)
async def test_wrong_method_is_405_with_every_allowed_method(
    client: httpx.AsyncClient, method: str, path: str, allow: str
) -> None:
    url = path.replace("{id}", await new_session(client))
    response = await client.request(method, url)
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert response.headers["allow"] == allow


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/api/cities", "/api/sessions/{id}",
                                  "/", "/openapi.json"])
async def test_head_answers_wherever_get_does(client: httpx.AsyncClient, path: str) -> None:
    url = path.replace("{id}", await new_session(client))
    get = await client.get(url)
    head = await client.head(url)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["x-request-id"]


async def test_session_data_is_never_cached(client: httpx.AsyncClient) -> None:
    session_id = await new_session(client)
    url = f"/api/sessions/{session_id}"
    await client.post(f"{url}/messages", json={"content": "3 days in Rome, food, cheap"})
    for response in [
        await client.get(url),
        await client.get(f"{url}/itinerary"),
        await client.get(f"{url}/itinerary?format=ics"),
        await client.post(f"{url}/messages", json={"content": "more relaxed"}),
        await client.post(f"{url}/messages", json={"content": "undo"},
                          headers={"accept": "text/event-stream"}),
        await client.get("/api/sessions/nope"),
    ]:
        assert response.headers["cache-control"] == "no-store", response.request.url


async def test_metrics_only_for_allowed_addresses(
    make_settings,  # type: ignore[no-untyped-def]
) -> None:
    with live_server(make_settings(metrics_allow=["192.0.2.0/24"])) as live:
        async with httpx.AsyncClient(base_url=live.url) as http:
            hidden = await http.get("/metrics")
    assert hidden.status_code == 404
    assert hidden.json()["error"]["code"] == "not_found"
    with live_server(make_settings()) as live:  # loopback is allowed by default
        async with httpx.AsyncClient(base_url=live.url) as http:
            assert (await http.get("/metrics")).status_code == 200


async def test_openapi_states_the_message_bounds(
    make_settings,  # type: ignore[no-untyped-def]
) -> None:
    with live_server(make_settings(max_message_chars=300)) as live:
        async with httpx.AsyncClient(base_url=live.url) as http:
            document = (await http.get("/openapi.json")).json()
            session_id = await new_session(http)
            url = f"/api/sessions/{session_id}/messages"
            at_limit = await http.post(url, json={"content": "a" * 300})
            over = await http.post(url, json={"content": "a" * 301})
            empty = await http.post(url, json={"content": ""})
            blank = await http.post(url, json={"content": " \u3000\u0085"})
    content = document["components"]["schemas"]["MessageIn"]["properties"]["content"]
    assert content["minLength"] == 1 and content["maxLength"] == 300
    assert at_limit.status_code == 200
    assert over.status_code == empty.status_code == blank.status_code == 422
    assert "HTTPValidationError" not in document["components"]["schemas"]
    for path in document["paths"].values():
        for operation in path.values():
            error = operation["responses"]["default"]["content"]["application/json"]["schema"]
            assert error == {"$ref": "#/components/schemas/Error"}
