"""Hostile-input figures against a real ``wayfarer serve`` on loopback (issue 16).

``.venv/bin/python -m bench bench_edge`` measures this checkout; set ``BENCH_SOURCE`` to
another source tree (a ``git archive`` of an older commit) to measure that one with the
same client. Prints: the status of a lone-surrogate message, creates accepted with a
rotated X-Forwarded-For, time to the answer for 1 MB and 10 MB bodies, server RSS around
4 concurrent 20 MB bodies, and how many of 20 slow-header connections are still open after
3 s (the header timeout is set to 2 s; older code ignores the setting).
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _start(source: Path, port: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WAYFARER_")}
    env.update(
        PYTHONPATH=str(source / "backend"),
        WAYFARER_CONFIG_DIR=str(source / "config"),
        WAYFARER_HOST="127.0.0.1",
        WAYFARER_PORT=str(port),
        WAYFARER_LOG_LEVEL="warning",
        WAYFARER_HEADER_TIMEOUT_SECONDS="2",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "wayfarer.cli", "serve"],
        env=env, cwd=source, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=0.5).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("server did not start")


def _timed_post(url: str, body: bytes) -> str:
    started = time.perf_counter()
    try:
        status = str(httpx.post(url, content=body, timeout=60,
                                headers={"content-type": "application/json"}).status_code)
    except httpx.HTTPError as exc:
        status = type(exc).__name__
    return f"{status} in {time.perf_counter() - started:.3f} s"


async def _big_bodies(url: str, size: int, count: int) -> None:
    async with httpx.AsyncClient(timeout=120) as http:
        body = b'{"content": "' + b"a" * size + b'"}'
        await asyncio.gather(*(http.post(url, content=body) for _ in range(count)),
                             return_exceptions=True)


def _slow_headers(port: int, count: int, wait: float) -> int:
    sockets = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        sockets.append(sock)
    time.sleep(wait)
    held = 0
    for sock in sockets:
        sock.settimeout(0.05)
        try:
            while sock.recv(65536):  # a 408 answer, then end of stream: cut off
                pass
        except TimeoutError:
            held += 1  # no end of stream: the server still holds the connection
        except OSError:
            pass
        sock.close()
    return held


def main() -> None:
    """Print the figures (module docstring)."""
    source = Path(os.environ.get("BENCH_SOURCE", HERE)).resolve()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    process = _start(source, port)
    try:
        print(f"source: {source}")
        session = httpx.post(f"{base}/api/sessions").json()["session_id"]
        messages = f"{base}/api/sessions/{session}/messages"
        surrogate = b'{"content": "3 days in Rome \\ud800"}'
        status = httpx.post(messages, content=surrogate,
                            headers={"content-type": "application/json"}).status_code
        print(f"lone surrogate message: {status}")
        with httpx.Client(base_url=base) as http:
            accepted = sum(
                http.post("/api/sessions", headers={"x-forwarded-for": f"10.9.{n // 250}.{n % 250}"}
                          ).status_code == 201
                for n in range(300)
            )
        print(f"creates accepted of 300 with a rotated X-Forwarded-For: {accepted}")
        megabyte = b'{"content": "' + b"a" * 2**20 + b'"}'
        print(f"1 MB body: {_timed_post(messages, megabyte)}")
        keys = b"{" + b",".join(b'"k%d":1' % n for n in range(700_000)) + b"}"
        print(f"{len(keys) / 2**20:.1f} MB body of 700k keys: {_timed_post(messages, keys)}")
        before = _rss_mb(process.pid)
        asyncio.run(_big_bodies(messages, 20 * 2**20, 4))
        print(f"RSS around 4 concurrent 20 MB bodies: {before:.0f} MB -> "
              f"{_rss_mb(process.pid):.0f} MB")
        print(f"slow-header connections still open after 3 s: {_slow_headers(port, 20, 3)}/20")
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


if __name__ == "__main__":
    main()
