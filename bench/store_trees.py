"""The session stores of two source trees, measured in alternated rounds on one machine.

``.venv/bin/python -m bench.store_trees [REV]`` (REV defaults to ``0a8ce91``, main before
issue 14) extracts REV with ``git archive`` into a temporary folder and starts two worker
processes per backend, one importing ``wayfarer`` from REV, one from this tree. Each worker
builds the ``planned`` document (one real offline 4-day Lisbon turn) with its own tree's
orchestrator and stores it; then the controller asks them in turn for one round each
(``WAYFARER_BENCH_CYCLES`` turn cycles: lease, load, append two messages, save, release),
``WAYFARER_BENCH_ROUNDS`` times, so a busy machine slows both alike. Prints per backend the
median cycles/s of each tree with the spread and the median of the per-round ratios.

Redis is a private ``redis-server`` (``tests.support.running_redis``). The worker code runs
against the older tree too, so it uses only what both trees have.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.support import running_redis

ROUNDS = int(os.environ.get("WAYFARER_BENCH_ROUNDS", "15"))
CYCLES = int(os.environ.get("WAYFARER_BENCH_CYCLES", "300"))
HERE = Path(__file__).resolve().parent.parent

WORKER = r'''
import asyncio, json, sys, time
from wayfarer.config import load_settings
from wayfarer.domain import Message
from wayfarer.sessions import MemorySessionStore, RedisSessionStore
from wayfarer.sessions.ids import new_session_id
from wayfarer.wiring import build_services

USER = Message(role="user", content="Could you move the museum to the afternoon?")
ASSISTANT = Message(role="assistant", content="Done: the museum is now at 15:00 on day 2.")


async def main(backend, url, prefix, cycles):
    settings = load_settings(session_backend="memory", llm_provider="offline",
                             log_level="warning", purge_interval_seconds=3600)
    services = await build_services(settings)
    try:
        planned = await services.orchestrator.start()
        await services.orchestrator.turn(
            planned.session_id,
            "4 days in Lisbon, I love food, history and viewpoints, moderate budget")
        built = await services.store.get(planned.session_id)
    finally:
        await services.close()
    if backend == "memory":
        store = MemorySessionStore(ttl_seconds=3600, max_sessions=100, turn_wait_seconds=1)
    else:
        store = RedisSessionStore.from_url(url, ttl_seconds=3600, turn_wait_seconds=1,
                                           turn_lease_seconds=5, key_prefix=prefix)
    keep = len(built.history)
    created = await store.create(built.model_copy(update={"session_id": new_session_id()}))
    session_id = created.session_id

    async def cycle():
        async with store.turn_lock(session_id):
            state = await store.get(session_id)
            history = [*state.history[:keep], USER, ASSISTANT]
            await store.save(state.model_copy(update={"history": history}),
                             expected_version=state.version)

    await cycle()
    size = len((await store.get(session_id)).model_dump_json())
    print(json.dumps({"size": size}), flush=True)
    loop = asyncio.get_running_loop()
    while (await loop.run_in_executor(None, sys.stdin.readline)).strip() == "go":
        started, cpu = time.perf_counter(), time.process_time()
        for _ in range(cycles):
            await cycle()
        print(json.dumps({"rate": cycles / (time.perf_counter() - started),
                          "cpu": (time.process_time() - cpu) / cycles * 1e6}), flush=True)
    await store.close()


asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])))
'''


class Worker:
    """One worker process on one tree (see the module docstring)."""

    def __init__(self, tree: Path, backend: str, url: str, prefix: str) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("WAYFARER_")}
        env["PYTHONPATH"] = f"{tree / 'backend'}{os.pathsep}{tree}"
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER, backend, url, prefix, str(CYCLES)],
            cwd=tree, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        self.size = int(self._answer()["size"])

    def _answer(self) -> dict[str, float]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"worker ended: {self.process.wait()}")
        answer: dict[str, float] = json.loads(line)
        return answer

    def round(self) -> tuple[float, float]:
        """One round: (cycles/s, CPU µs per cycle of the worker process)."""
        assert self.process.stdin is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        answer = self._answer()
        return answer["rate"], answer["cpu"]

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("quit\n")
        self.process.stdin.close()
        self.process.wait(timeout=30)


def compare(before: Path, backend: str, url: str, rev: str) -> None:
    """Alternate rounds of the two trees' workers on ``backend``; print the figures."""
    workers = {
        rev: Worker(before, backend, url, f"wfbench:trees:{os.urandom(4).hex()}:"),
        "this tree": Worker(HERE, backend, url, f"wfbench:trees:{os.urandom(4).hex()}:"),
    }
    rates: dict[str, list[float]] = {name: [] for name in workers}
    cpu: dict[str, list[float]] = {name: [] for name in workers}
    try:
        for _ in range(ROUNDS):
            for name, worker in workers.items():
                rate, micros = worker.round()
                rates[name].append(rate)
                cpu[name].append(micros)
    finally:
        for worker in workers.values():
            worker.close()
    ratios = [new / old for new, old in zip(rates["this tree"], rates[rev], strict=True)]
    print(f"{backend} store, planned document, turn cycles/s, median of {ROUNDS} alternated "
          f"rounds of {CYCLES} [min-max], CPU µs per cycle:")
    for name, values in rates.items():
        print(f"  {name:10} {statistics.median(values):8,.0f}  [{min(values):,.0f}-"
              f"{max(values):,.0f}]  {statistics.median(cpu[name]):6,.0f} µs CPU  "
              f"({workers[name].size:,} B JSON)")
    print(f"  this tree / {rev}: {statistics.median(ratios):.2f}x "
          f"[{min(ratios):.2f}-{max(ratios):.2f}]", flush=True)


def main() -> None:
    """Extract the older tree and compare both backends (see the module docstring)."""
    rev = sys.argv[1] if len(sys.argv) > 1 else "0a8ce91"
    with tempfile.TemporaryDirectory(prefix="wayfarer-before-") as folder:
        tree = Path(folder)
        archive = subprocess.run(["git", "archive", rev], cwd=HERE, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        with running_redis() as server:
            for backend in os.environ.get("WAYFARER_BENCH_BACKENDS", "memory,redis").split(","):
                compare(tree, backend, server.url, rev)


if __name__ == "__main__":
    main()
