"""``wayfarer serve`` as a real child process on loopback, for tests that must see what an
operator runs (CLI wiring, uvicorn options, shutdown)."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.support import free_port


@dataclass
class Served:
    """A running ``wayfarer serve``: its base URL, port, process and combined output."""

    url: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> int:
        """SIGTERM (a graceful shutdown, as an orchestrator does it); returns the status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        return self.process.returncode


def serve_env(env: dict[str, str]) -> dict[str, str]:
    """The environment of a child ``wayfarer`` (test config, warnings only, plus ``env``)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("WAYFARER_")}
    return {**base, "WAYFARER_ENV": "test", "WAYFARER_LOG_LEVEL": "warning", **env}


def run_cli(
    *args: str, env: dict[str, str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``wayfarer <args>`` to completion; output in ``.stdout`` / ``.stderr``."""
    return subprocess.run(
        [sys.executable, "-m", "wayfarer.cli", *args],
        env=serve_env(env), capture_output=True, text=True, timeout=timeout, check=False,
    )


@contextmanager
def wayfarer_serve(env: dict[str, str] | None = None, port: int | None = None) -> Iterator[Served]:
    """Start ``wayfarer serve`` on 127.0.0.1 and wait for /healthz; SIGTERM at the end."""
    port = port or free_port()
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "serve.log"
        with log.open("wb") as sink:
            process = subprocess.Popen(
                [sys.executable, "-m", "wayfarer.cli", "serve"],
                env=serve_env({**(env or {}), "WAYFARER_HOST": "127.0.0.1",
                               "WAYFARER_PORT": str(port)}),
                stdout=sink, stderr=subprocess.STDOUT,
            )
        served = Served(f"http://127.0.0.1:{port}", port, process, log)
        try:
            wait_ready(served)
            yield served
        finally:
            served.stop()


def wait_ready(served: Served, seconds: float = 60) -> None:
    """Block until the server answers /healthz (fails with its output if it exits)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if served.process.poll() is not None:
            raise RuntimeError(f"wayfarer serve exited:\n{served.output()}")
        try:
            if httpx.get(f"{served.url}/healthz", timeout=0.5).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"wayfarer serve did not start:\n{served.output()}")


def raw_exchange(port: int, payload: bytes, wait: float = 10) -> bytes:
    """Send ``payload`` on a fresh connection and read until the server closes it."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(payload)
        return read_until_closed(sock)


def read_until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (or the socket times out)."""
    received = b""
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except TimeoutError:
        pass
    return received
