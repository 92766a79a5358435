"""docker-compose.yml and the Dockerfile agree with the settings model: every variable
exists, ports and health checks line up, Redis persists, the API runs unprivileged with
a /readyz health check and a stop grace period long enough for a turn in flight."""

import os
import re

import pytest

from tests.api.deploy_files import compose, dockerfile, redis_args, seconds, service_env
from wayfarer.api.serving import shutdown_grace_seconds
from wayfarer.config import Settings, load_settings


def setting_names() -> set[str]:
    names = {f"WAYFARER_{name.upper()}" for name in Settings.model_fields}
    for field in Settings.model_fields.values():
        alias = field.validation_alias
        names |= set(getattr(alias, "choices", ()) or ())
    return names


@pytest.fixture
def staging(monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The settings the compose file gives the API (environment as compose sets it)."""
    for name in [n for n in os.environ if n.startswith("WAYFARER_")]:
        monkeypatch.delenv(name)
    for name, value in service_env("api").items():
        monkeypatch.setenv(name, value)
    return load_settings()


def test_every_compose_and_dockerfile_variable_is_a_setting() -> None:
    image_env = re.findall(r"(WAYFARER_\w+)=", " ".join(dockerfile()["ENV"]))
    unknown = (set(service_env("api")) | set(image_env)) - setting_names()
    assert image_env and not unknown


def test_compose_settings_load_as_staging(staging: Settings) -> None:
    assert staging.env == "staging"
    assert staging.session_backend == "redis"
    assert staging.host == "0.0.0.0"


def test_ports_line_up(staging: Settings) -> None:
    api = compose()["services"]["api"]
    published = [str(p).split(":")[-1] for p in api["ports"]]
    assert published == [str(staging.port)]
    assert dockerfile()["EXPOSE"] == [str(staging.port)]
    docker_env = " ".join(dockerfile()["ENV"])
    assert f"WAYFARER_PORT={staging.port}" in docker_env
    assert "WAYFARER_HOST=0.0.0.0" in docker_env


def test_redis_url_names_the_redis_service_on_its_port(staging: Settings) -> None:
    host_port = re.match(r"redis://([^:/]+):(\d+)/", staging.redis_url)
    assert host_port is not None
    assert host_port.group(1) in compose()["services"]
    args = redis_args()
    port = args[args.index("--port") + 1] if "--port" in args else "6379"
    assert host_port.group(2) == port
    condition = compose()["services"]["api"]["depends_on"]["redis"]["condition"]
    assert condition == "service_healthy"


def test_health_checks_use_readyz_on_the_served_port(staging: Settings) -> None:
    url = f"http://127.0.0.1:{staging.port}/readyz"
    compose_check = " ".join(compose()["services"]["api"]["healthcheck"]["test"])
    assert url in compose_check
    assert url in dockerfile()["HEALTHCHECK"][0]
    assert compose()["services"]["redis"]["healthcheck"]["test"][-2:] == ["redis-cli", "ping"]


def test_redis_persists_on_a_named_volume() -> None:
    args = redis_args()
    assert args[args.index("--appendonly") + 1] == "yes"
    assert args[args.index("--appendfsync") + 1] == "everysec"
    volumes = compose()["services"]["redis"]["volumes"]
    named = [v.split(":")[0] for v in volumes if v.split(":")[1] == "/data"]
    assert named and named[0] in compose()["volumes"]


def test_api_image_is_unprivileged_and_stops_gracefully(staging: Settings) -> None:
    user = dockerfile()["USER"][-1]
    assert user not in {"root", "0"}
    assert dockerfile()["CMD"][-1] == '["wayfarer", "serve"]'
    grace = seconds(compose()["services"]["api"]["stop_grace_period"])
    assert grace >= 2 * shutdown_grace_seconds(staging) + 5  # then the lifespan closes the store
