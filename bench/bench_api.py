"""HTTP latency of a conversation turn, against the bare ``/healthz`` measured in the same run.

Starts the real app (memory store, offline language) under uvicorn on loopback and, with one
sequential client, times: ``GET /healthz`` (the baseline: the HTTP stack and nothing else),
``POST /api/sessions``, a planning turn (a complete first message: interpret, plan, verify,
narrate, save), an edit turn, a question turn, and an ICS export. Prints p50/p95 and each
figure as a multiple of the ``/healthz`` p50, so the ratios survive a noisy machine.
Run: ``.venv/bin/python -m bench bench_api``.
"""

import statistics
import time
from collections.abc import Callable

import httpx
from tests.support import live_server

from wayfarer.config import load_settings

ROUNDS = 60
CITIES = ("Lisbon", "Rome", "Tokyo", "Paris", "New York", "Kyoto", "Mexico City", "Istanbul")


def _timed(call: Callable[[], httpx.Response]) -> float:
    started = time.perf_counter()
    response = call()
    elapsed = time.perf_counter() - started
    if response.status_code >= 400:
        raise RuntimeError(f"{response.request.url}: {response.status_code} {response.text}")
    return elapsed


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    """Print the figures (see the module docstring)."""
    settings = load_settings(
        rate_limit_per_minute=0,
        rate_limit_create_per_minute=0,
        rate_limit_read_per_minute=0,
        session_ttl_seconds=3600,
    )
    samples: dict[str, list[float]] = {
        "GET /healthz": [], "POST /api/sessions": [], "planning turn": [],
        "edit turn": [], "question turn": [], "ICS export": [],
    }
    with live_server(settings) as live, httpx.Client(base_url=live.url, timeout=30) as http:
        for _ in range(20):  # warm-up: imports, first geonames use, connection
            http.get("/healthz")
        for n in range(ROUNDS):
            city = CITIES[n % len(CITIES)]
            samples["GET /healthz"].append(_timed(lambda: http.get("/healthz")))
            created: list[httpx.Response] = []

            def create(created: list[httpx.Response] = created) -> httpx.Response:
                created.append(http.post("/api/sessions"))
                return created[-1]

            samples["POST /api/sessions"].append(_timed(create))
            url = f"/api/sessions/{created[-1].json()['session_id']}"

            def say(text: str, url: str = url) -> Callable[[], httpx.Response]:
                return lambda: http.post(f"{url}/messages", json={"content": text})

            samples["planning turn"].append(
                _timed(say(f"4 days in {city}, food and history, moderate pace, mid-range"))
            )
            samples["edit turn"].append(_timed(say("swap day 1 and 2")))
            samples["question turn"].append(_timed(say("what's on day 3?")))
            samples["ICS export"].append(
                _timed(lambda url=url: http.get(f"{url}/itinerary", params={"format": "ics"}))
            )
    base = statistics.median(samples["GET /healthz"])
    print(f"{ROUNDS} rounds, one sequential client on loopback, memory store, offline language")
    print(f"{'request':<20} {'p50 ms':>8} {'p95 ms':>8} {'p50 / healthz p50':>18}")
    for name, values in samples.items():
        p50, p95 = statistics.median(values), _quantile(values, 0.95)
        print(f"{name:<20} {p50 * 1000:8.2f} {p95 * 1000:8.2f} {p50 / base:17.1f}x")


if __name__ == "__main__":
    main()
