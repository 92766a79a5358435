"""The per-client turn limit: 429 ``rate_limited`` with Retry-After, over real HTTP."""

import httpx

from tests.support import live_server
from wayfarer.api.ratelimit import RateLimiter
from wayfarer.errors import RateLimited


def test_window_slides() -> None:
    now = [0.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    limiter.hit("a")
    limiter.hit("a")
    limiter.hit("b")
    try:
        limiter.hit("a")
    except RateLimited as exc:
        assert exc.retry_after == 60
    else:
        raise AssertionError("third hit in a minute was allowed")
    now[0] = 60.5
    limiter.hit("a")


async def test_http_429_with_retry_after(make_settings) -> None:  # type: ignore[no-untyped-def]
    with live_server(make_settings(rate_limit_per_minute=3)) as live:
        async with httpx.AsyncClient(base_url=live.url) as http:
            session_id = (await http.post("/api/sessions")).json()["session_id"]
            url = f"/api/sessions/{session_id}/messages"
            statuses = [(await http.post(url, json={"content": "hi"})).status_code
                        for _ in range(3)]
            assert statuses == [200, 200, 429]
            limited = await http.post(url, json={"content": "hi"})
            assert limited.status_code == 429
            assert limited.json()["error"]["code"] == "rate_limited"
            assert 1 <= int(limited.headers["retry-after"]) <= 60
            assert (await http.get(f"/api/sessions/{session_id}")).status_code == 200


async def test_clicks_count_against_the_same_limit(make_settings) -> None:  # type: ignore[no-untyped-def]
    with live_server(make_settings(rate_limit_per_minute=3)) as live:
        async with httpx.AsyncClient(base_url=live.url) as http:
            session_id = (await http.post("/api/sessions")).json()["session_id"]
            base = f"/api/sessions/{session_id}"
            planned = await http.post(f"{base}/messages",
                                      json={"content": "2 days in Rome, history, relaxed, cheap"})
            assert planned.status_code == 200
            first = await http.post(f"{base}/edits", json={"op": "add_day"})
            assert first.status_code == 200  # the third request of the minute
            edit = await http.post(f"{base}/edits", json={"op": "add_day"})
            assert edit.status_code == 429
            assert edit.json()["error"]["code"] == "rate_limited"
            assert "retry-after" in edit.headers
