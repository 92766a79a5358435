"""Forwarded headers are trusted only from WAYFARER_TRUSTED_PROXIES; creation, reads and
messages have separate per-client limits; one client cannot empty the memory store."""

import httpx

from tests.api.processes import wayfarer_serve
from tests.support import live_server
from wayfarer.api.serving import uvicorn_options

LIMITS = {
    "WAYFARER_RATE_LIMIT_CREATE_PER_MINUTE": "5",
    "WAYFARER_RATE_LIMIT_READ_PER_MINUTE": "3",
    "WAYFARER_RATE_LIMIT_PER_MINUTE": "4",
}


def create_statuses(url: str, forwarded_for: list[str]) -> list[int]:
    with httpx.Client(base_url=url, timeout=10) as http:
        return [
            http.post("/api/sessions", headers={"x-forwarded-for": address}).status_code
            for address in forwarded_for
        ]


def rotating(count: int) -> list[str]:
    return [f"198.51.100.{n}" for n in range(1, count + 1)]


def test_rotating_forwarded_for_from_an_untrusted_peer_changes_nothing() -> None:
    with wayfarer_serve(LIMITS) as served:  # no trusted proxies: the default
        statuses = create_statuses(served.url, rotating(10))
    assert statuses == [201] * 5 + [429] * 5


def test_forwarded_for_from_a_trusted_proxy_names_the_client() -> None:
    with wayfarer_serve({**LIMITS, "WAYFARER_TRUSTED_PROXIES": "127.0.0.1"}) as served:
        assert create_statuses(served.url, rotating(10)) == [201] * 10
        assert create_statuses(served.url, ["203.0.113.7"] * 6) == [201] * 5 + [429]


def test_creation_reads_and_messages_have_separate_limits(
    make_settings,  # type: ignore[no-untyped-def]
) -> None:
    settings = make_settings(
        rate_limit_create_per_minute=5, rate_limit_read_per_minute=3, rate_limit_per_minute=4
    )
    with live_server(settings) as live, httpx.Client(base_url=live.url) as http:
        session_id = http.post("/api/sessions").json()["session_id"]
        reads = [http.get(f"/api/sessions/{session_id}").status_code for _ in range(4)]
        assert reads == [200, 200, 200, 429]
        limited = http.get(f"/api/sessions/{session_id}/itinerary")
        assert limited.status_code == 429
        assert limited.json()["error"]["code"] == "rate_limited"
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        messages = [
            http.post(f"/api/sessions/{session_id}/messages", json={"content": "hi"}).status_code
            for _ in range(5)
        ]
        assert messages == [200, 200, 200, 200, 429]
        assert [http.post("/api/sessions").status_code for _ in range(5)] == [201] * 4 + [429]


def test_a_flood_of_new_sessions_evicts_untouched_ones_before_trips(
    make_settings,  # type: ignore[no-untyped-def]
) -> None:
    with live_server(make_settings(max_sessions=4)) as live, httpx.Client(
        base_url=live.url, timeout=30
    ) as http:
        planned = http.post("/api/sessions").json()["session_id"]
        reply = http.post(
            f"/api/sessions/{planned}/messages",
            json={"content": "3 days in Rome, food and history, relaxed, cheap"},
        ).json()
        assert reply["session"]["itinerary"] is not None
        talking = http.post("/api/sessions").json()["session_id"]
        http.post(f"/api/sessions/{talking}/messages", json={"content": "a trip to Lisbon"})
        flood = [http.post("/api/sessions").json()["session_id"] for _ in range(50)]
        assert http.get(f"/api/sessions/{planned}").status_code == 200
        assert http.get(f"/api/sessions/{talking}").status_code == 200
        assert http.get(f"/api/sessions/{flood[-1]}").status_code == 200
        assert http.get(f"/api/sessions/{flood[0]}").status_code == 404
        # with nothing else left, the least recently used conversation goes before the trip
        for _ in range(3):  # two replace the untouched sessions left, the third evicts
            newer = http.post("/api/sessions").json()["session_id"]
            http.post(f"/api/sessions/{newer}/messages", json={"content": "a trip to Paris"})
        assert http.get(f"/api/sessions/{talking}").status_code == 404
        assert http.get(f"/api/sessions/{planned}").status_code == 200


def test_uvicorn_is_told_exactly_which_proxies_to_trust(
    make_settings,  # type: ignore[no-untyped-def]
) -> None:
    assert uvicorn_options(make_settings())["proxy_headers"] is False
    some = uvicorn_options(make_settings(trusted_proxies="10.0.0.1, 10.1.0.0/16"))
    assert some["proxy_headers"] is True
    assert some["forwarded_allow_ips"] == "10.0.0.1,10.1.0.0/16"
    assert uvicorn_options(make_settings(trusted_proxies="*"))["forwarded_allow_ips"] == "*"
