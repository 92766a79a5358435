"""Reading docker-compose.yml and the Dockerfile the way the consistency tests need."""

import re
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
_DEFAULTED = re.compile(r"\$\{(\w+)(?::?-([^}]*))?\}")


def compose() -> dict[str, Any]:
    """docker-compose.yml as data."""
    document: dict[str, Any] = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    return document


def service_env(service: str) -> dict[str, str]:
    """A service's environment with every ``${VAR:-default}`` at its default (what
    ``docker compose up`` gives when nothing is exported)."""
    env = compose()["services"][service].get("environment", {})
    return {k: _DEFAULTED.sub(lambda m: m.group(2) or "", str(v)) for k, v in env.items()}


def redis_args() -> list[str]:
    """The arguments compose gives redis-server (after the program name)."""
    command = compose()["services"]["redis"]["command"]
    assert command[0] == "redis-server"
    return [str(arg) for arg in command[1:]]


def dockerfile() -> dict[str, list[str]]:
    """Dockerfile instructions (continuation lines joined), by keyword, in order."""
    text = (REPO / "Dockerfile").read_text().replace("\\\n", " ")
    instructions: dict[str, list[str]] = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            instructions.setdefault(keyword.upper(), []).append(" ".join(rest.split()))
    return instructions


def seconds(duration: str) -> float:
    """A compose duration such as ``45s``, ``1m30s``."""
    units = {"h": 3600, "m": 60, "s": 1}
    parts = re.findall(r"(\d+(?:\.\d+)?)([hms])", duration)
    assert parts, duration
    return sum(float(n) * units[u] for n, u in parts)
