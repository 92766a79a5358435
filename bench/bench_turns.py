"""Turns over HTTP against the same server's bare ``/healthz`` (issue 14's end-to-end goal).

A ``wayfarer serve`` process (one worker, offline language, rate limits off), on the memory
store and on Redis (a private ``redis-server``). Each round:

- ``/healthz``: 16 clients, each on its own keep-alive connection, send
  ``HEALTHZ_PER_CLIENT`` requests one after another; requests/s;
- turns: 16 clients each create a session (not timed), then send a 4-turn conversation
  (bench/load.py's ``TURNS``: plan, pace, swap, thanks) one turn after another on a
  keep-alive connection; turns/s over the conversations and each turn's latency.

Rounds alternate the two, so both see the same machine; the figures are the medians over
rounds of turns/s, ``/healthz`` requests/s and their ratio, and the p50/p99 of every turn's
latency. Then conversations run in-process (memory store, no HTTP): the CPU time of a turn
without a profiler (the figure the machine's load moves least), then under cProfile to say
where a turn's time goes. Goals (issue 14): turns/s >= 0.5x ``/healthz`` requests/s, p99 < 100 ms.

Run: ``.venv/bin/python -m bench bench_turns`` (part of ``make bench``);
``WAYFARER_BENCH_E2E_ROUNDS`` sets the rounds (5); ``WAYFARER_BENCH_E2E_CPU_ONLY=1`` skips
the HTTP part.
"""

import asyncio
import cProfile
import gc
import os
import pstats
import statistics
import time

from tests.support import running_redis, served

from bench.load import TURNS, KeepAlive
from wayfarer.config import load_settings
from wayfarer.conversation.orchestrator import Orchestrator
from wayfarer.wiring import build_services

CLIENTS = 16
HEALTHZ_PER_CLIENT = 50
ROUNDS = int(os.environ.get("WAYFARER_BENCH_E2E_ROUNDS", "5"))
CPU_PASSES = 5
CITIES = ("Lisbon", "Rome", "Paris", "Kyoto")
SERVER_ENV = {
    "WAYFARER_LOG_LEVEL": "error",
    "WAYFARER_RATE_LIMIT_PER_MINUTE": "0",
    "WAYFARER_RATE_LIMIT_CREATE_PER_MINUTE": "0",
    "WAYFARER_RATE_LIMIT_READ_PER_MINUTE": "0",
}
PHASES = {  # a turn's parts as cProfile names them: (file fragment, function)
    "store: lease, read, save": (("sessions/memory.py", "_turn"), ("sessions/memory.py", "get"),
                                 ("sessions/memory.py", "save")),
    "interpret (offline language)": (("offline/interpreter.py", "interpret"),),
    "policy: copy, decide, plan, edit": (("conversation/policy.py", "advance"),),
    "  of which planning": (("planner/service.py", "plan"),),
    "narrate": (("conversation/orchestrator.py", "_narrate"),),
    "state copies (model_copy, copied)": (("pydantic/main.py", "model_copy"),
                                          ("domain/session.py", "copied")),
}


async def _healthz_rate(url: str) -> float:
    async def client() -> None:
        async with KeepAlive(url) as http:
            for _ in range(HEALTHZ_PER_CLIENT):
                status, _ = await http.request("GET", "/healthz")
                assert status == 200, status

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(CLIENTS)))
    return CLIENTS * HEALTHZ_PER_CLIENT / (time.perf_counter() - started)


async def _turns(url: str, latencies: list[float]) -> float:
    """16 conversations at once; returns turns/s and appends each turn's latency."""
    connections = [KeepAlive(url) for _ in range(CLIENTS)]
    paths = []
    for http in connections:
        await http.open()
        status, body = await http.request("POST", "/api/sessions")
        assert status == 201, status
        paths.append(f"/api/sessions/{body['session_id']}/messages")

    async def conversation(n: int) -> None:
        for text in TURNS:
            content = text.format(days=2 + n % 4, city=CITIES[n % len(CITIES)])
            sent = time.perf_counter()
            status, _ = await connections[n].request("POST", paths[n], {"content": content})
            latencies.append(time.perf_counter() - sent)
            assert status == 200, status

    started = time.perf_counter()
    await asyncio.gather(*(conversation(n) for n in range(CLIENTS)))
    elapsed = time.perf_counter() - started
    for http in connections:
        await http.close()
    return CLIENTS * len(TURNS) / elapsed


async def _rounds(url: str) -> tuple[list[float], list[float], list[float]]:
    await _healthz_rate(url)  # warm-up: imports, first plans, connections
    await _turns(url, [])
    # The client's own full collections (its imports are ~100,000 objects: 50-70 ms
    # each) would be counted as the server's latency; the server freezes its heap too.
    gc.collect()
    gc.freeze()
    healthz: list[float] = []
    turns: list[float] = []
    latencies: list[float] = []
    for _ in range(ROUNDS):
        healthz.append(await _healthz_rate(url))
        turns.append(await _turns(url, latencies))
    return healthz, turns, latencies


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _report(backend: str, healthz: list[float], turns: list[float], latencies: list[float]) -> None:
    ratio = statistics.median(t / h for t, h in zip(turns, healthz, strict=True))
    p99 = _quantile(latencies, 0.99) * 1000
    print(
        f"{backend:<6} {CLIENTS} clients x {len(TURNS)} turns, {ROUNDS} rounds: "
        f"{statistics.median(turns):6.1f} turns/s [{min(turns):.1f}-{max(turns):.1f}], "
        f"/healthz {statistics.median(healthz):6.0f} req/s; turns/s over /healthz "
        f"{ratio:.3f}x (goal >= 0.5: {'met' if ratio >= 0.5 else 'missed'}); "
        f"turn p50 {_quantile(latencies, 0.5) * 1000:.0f} ms, p99 {p99:.0f} ms "
        f"(goal < 100: {'met' if p99 < 100 else 'missed'})",
        flush=True,
    )


async def _conversations(
    orchestrator: Orchestrator, conversations: int, profile: cProfile.Profile | None = None
) -> list[float]:
    """Hold ``conversations`` conversations one after another; each turn's CPU seconds
    (under ``profile`` when given)."""
    spent: list[float] = []
    for n in range(conversations):
        session = await orchestrator.start()
        for text in TURNS:
            content = text.format(days=2 + n % 4, city=CITIES[n % len(CITIES)])
            if profile is not None:
                profile.enable()
            started = time.process_time()
            await orchestrator.turn(session.session_id, content)
            spent.append(time.process_time() - started)
            if profile is not None:
                profile.disable()
    return spent


async def _profile_turns(conversations: int) -> None:
    """What a turn costs in CPU without a profiler (median over passes of the
    conversations, by turn), then where its time goes under cProfile."""
    settings = load_settings(session_backend="memory", llm_provider="offline",
                             log_level="error", purge_interval_seconds=3600)
    services = await build_services(settings)
    orchestrator = services.orchestrator
    profile = cProfile.Profile()
    try:
        await _conversations(orchestrator, conversations)  # warm-up: first plans, imports
        passes = [await _conversations(orchestrator, conversations) for _ in range(CPU_PASSES)]
        by_turn = [
            statistics.median(sum(p[k::len(TURNS)]) / conversations for p in passes) * 1000
            for k in range(len(TURNS))
        ]
        per_turn = [sum(p) / len(p) * 1000 for p in passes]
        print(f"CPU per turn in-process (memory store, no profiler, {CPU_PASSES} passes of "
              f"{conversations} conversations): median {statistics.median(per_turn):.2f} ms "
              f"[{min(per_turn):.2f}-{max(per_turn):.2f}]; by turn ("
              + ", ".join(f"{t!r} {ms:.2f}" for t, ms in zip(TURNS, by_turn, strict=True))
              + ") ms", flush=True)
        turns = len(await _conversations(orchestrator, conversations, profile))
    finally:
        await services.close()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in stats.values())  # every function's own time
    print(f"one turn in-process (memory store, {turns} turns under cProfile, which slows "
          f"Python code about 2x): {total / turns * 1000:.1f} ms per turn")
    for phase, names in PHASES.items():
        spent = sum(
            entry[3] for (path, _, function), entry in stats.items()
            if any(fragment in path and function == name for fragment, name in names)
        )
        print(f"  {phase:<34} {spent / turns * 1000:6.2f} ms  {spent / total:5.1%}")


def main() -> None:
    """Print the figures (see the module docstring); ``WAYFARER_BENCH_E2E_CPU_ONLY=1``
    prints only the in-process ones (quick to repeat, to compare two trees alternately)."""
    if os.environ.get("WAYFARER_BENCH_E2E_CPU_ONLY") == "1":
        asyncio.run(_profile_turns(conversations=8))
        return
    with served({**SERVER_ENV, "WAYFARER_SESSION_BACKEND": "memory"}) as live:
        _report("memory", *asyncio.run(_rounds(live.url)))
    with running_redis() as redis, served({
        **SERVER_ENV, "WAYFARER_SESSION_BACKEND": "redis", "WAYFARER_REDIS_URL": redis.url,
    }) as live:
        _report("redis", *asyncio.run(_rounds(live.url)))
    asyncio.run(_profile_turns(conversations=8))


if __name__ == "__main__":
    main()
