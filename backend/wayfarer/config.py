"""Settings: model defaults < ``config/default.toml`` < ``config/$WAYFARER_ENV.toml`` <
``WAYFARER_*`` env vars < keyword overrides.

Each default is declared once, on :class:`Settings`; the files (:mod:`config_files`) hold
only what an environment changes.

:func:`load_settings` is the one way to build settings; it turns any validation failure into
a :class:`~wayfarer.errors.ConfigError` whose message is one line naming the variable, so
start-up stops clearly instead of running half-configured.
"""

import re
from ipaddress import ip_network
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)
from redis.connection import parse_url

from wayfarer.config_files import TomlFiles
from wayfarer.errors import ConfigError

ENV_PREFIX = "WAYFARER_"
REDIS_SCHEMES = (
    "redis", "rediss", "unix", "redis+cluster", "rediss+cluster", "redis+sentinel"
)


class Settings(BaseSettings):
    """Every setting of SPEC §2 plus operational ones (see docs/configuration.md, whose
    defaults tests/test_config.py checks against these)."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid", frozen=True)

    env: str | None = None
    session_backend: Literal["memory", "redis"] = "memory"
    redis_url: str = Field(default="redis://localhost:6379/0", repr=False)  # may hold a password
    redis_key_prefix: str = Field(default="wayfarer:", min_length=1)
    session_ttl_seconds: int = Field(default=3600, gt=0)
    max_sessions: int = Field(default=10000, gt=0)
    purge_interval_seconds: float = Field(default=60, gt=0)
    max_clarifying_questions: int = Field(default=3, ge=0)
    max_message_chars: int = Field(default=2000, gt=0)
    history_limit: int = Field(default=50, ge=2)
    share_max_seconds: int = Field(default=7 * 24 * 3600, gt=0)
    map_tiles_url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    map_tiles_attribution: str = "© OpenStreetMap contributors"
    llm_provider: Literal["offline", "openai"] = "offline"
    openai_model: str = Field(default="gpt-4o-mini", min_length=1)
    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("WAYFARER_OPENAI_API_KEY", "OPENAI_API_KEY")
    )
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("WAYFARER_OPENAI_BASE_URL", "OPENAI_BASE_URL")
    )
    llm_timeout_seconds: float = Field(default=20, gt=0)
    llm_structured_method: Literal["json_schema", "function_calling", "json_mode"] = (
        "json_schema"
    )
    llm_context_tokens: int = Field(default=1200, ge=0)
    model_city_ttl_seconds: float = Field(default=7 * 24 * 3600, gt=0)
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    turn_wait_seconds: float = Field(default=10, gt=0)
    turn_lease_seconds: float = Field(default=60, gt=0)
    rate_limit_per_minute: int = Field(default=120, ge=0)
    workers: int = Field(default=1, ge=1)
    redis_pool_size: int = Field(default=64, gt=0)
    redis_pool_timeout_seconds: float = Field(default=3, gt=0)
    redis_socket_timeout_seconds: float = Field(default=2, gt=0)
    redis_compression_level: int = Field(default=0, ge=0, le=9)
    ready_timeout_seconds: float = Field(default=0.8, gt=0)
    turn_budget_seconds: float = Field(default=30, gt=0)
    shutdown_grace_seconds: float = Field(default=20, ge=0)
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    # Hostile-input bounds and proxies (docs/operations.md "Traffic limits and proxies").
    trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)
    rate_limit_create_per_minute: int = Field(default=30, ge=0)
    rate_limit_read_per_minute: int = Field(default=600, ge=0)
    max_body_bytes: int = Field(default=32768, ge=1024)
    header_timeout_seconds: float = Field(default=10, gt=0)
    body_timeout_seconds: float = Field(default=10, gt=0)
    max_connections: int = Field(default=1000, ge=1)
    metrics_allow: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["127.0.0.1", "::1"]
    )
    memory_snapshot_path: Path | None = None

    @field_validator("map_tiles_url")
    @classmethod
    def _check_tiles_url(cls, value: str) -> str:
        value = value.strip()
        placeholders = all(part in value for part in ("{z}", "{x}", "{y}"))
        if value and not (value.startswith(("https://", "http://")) and placeholders):
            raise ValueError("must be empty or an http(s) URL template with {z}, {x} and {y}")
        return value

    @field_validator("cors_origins", "trusted_proxies", "metrics_allow", mode="before")
    @classmethod
    def _split_origins(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("trusted_proxies", "metrics_allow")
    @classmethod
    def _networks(cls, value: list[str], info: ValidationInfo) -> list[str]:
        for entry in value:
            if entry == "*" and info.field_name == "trusted_proxies":
                continue  # every peer: only when nothing but the proxy can reach the app
            try:
                ip_network(entry)
            except ValueError:
                raise ValueError(f"{entry!r} is not an IP address or network") from None
        return value

    @field_validator("memory_snapshot_path", mode="before")
    @classmethod
    def _empty_path_is_none(cls, value: Any) -> Any:
        return None if value == "" else value

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, value: str) -> str:
        check_redis_url(value)
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        files = TomlFiles.for_sources(settings_cls, init_settings, env_settings)
        return (init_settings, env_settings, files)


def check_redis_url(url: str) -> None:
    """Raise ValueError (never showing the URL) unless redis-py can use ``url``.

    Catches what would otherwise surface later as a traceback: an unencoded ``#`` or ``?``
    in a password (the rest of the URL becomes a fragment or a query), a port that is not
    a number or out of range, a missing host.
    """
    parts = urlsplit(url)
    if parts.scheme not in REDIS_SCHEMES:
        raise ValueError(
            "must start with redis://, rediss://, unix://, redis+cluster:// "
            "(rediss+cluster://) or redis+sentinel://"
        )
    if parts.fragment or "#" in url:
        raise ValueError("contains '#': percent-encode it as %23 (in a password, for example)")
    try:
        port = parts.port
    except ValueError:
        raise ValueError("the port must be a number from 1 to 65535") from None
    if parts.scheme != "unix" and not parts.hostname:
        raise ValueError("names no host")
    if port == 0:
        raise ValueError("the port must be a number from 1 to 65535")
    if parts.scheme == "redis+sentinel":
        return  # host:port of a Sentinel and the service name as the path
    plain = url.replace("+cluster://", "://", 1)
    try:
        parse_url(plain)  # type: ignore[no-untyped-call]
    except (ValueError, TypeError) as exc:
        reason = str(exc).replace(plain, "<url>")
        raise ValueError(f"redis cannot use it ({redacted_url(reason)})") from None


def redacted_url(url: str) -> str:
    """``url`` with any password replaced by ``***``: userinfo (``user:pw@``) and query
    parameters named like a password or token. Safe to log or print; never raises."""
    url = _QUERY_SECRET.sub(lambda m: f"{m.group(1)}=***", url)
    return _USERINFO_SECRET.sub(r"\1:***@", url)


_QUERY_SECRET = re.compile(r"(?i)\b(password|passwd|pass|pwd|token|secret|auth)=[^&#\s]*")
_USERINFO_SECRET = re.compile(r"(//[^/:@\s]*):\S*@")  # to the last "@": over-redacts
_SECRET_FIELDS = ("redis_url", "openai_base_url")


def _variable_name(loc: tuple[int | str, ...]) -> str:
    field = str(loc[0]) if loc else "?"
    return f"{ENV_PREFIX}{field.upper()}" if not field.startswith(ENV_PREFIX) else field


def load_settings(**overrides: Any) -> Settings:
    """Build settings from files and environment (``overrides`` win, for tests and the CLI).

    Raises ConfigError with a one-line message naming the first bad variable.
    """
    try:
        settings = Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        value = first.get("input")
        if first["loc"] and str(first["loc"][0]) in _SECRET_FIELDS and isinstance(value, str):
            value = redacted_url(value)
        shown = f" (got {value!r})" if isinstance(value, str | int | float) else ""
        raise ConfigError(
            f"invalid configuration: {_variable_name(first['loc'])}: {first['msg']}{shown}"
        ) from None
    if settings.session_backend == "memory" and settings.workers > 1:
        raise ConfigError(
            "invalid configuration: WAYFARER_WORKERS: the memory session store lives in one "
            "process; set WAYFARER_SESSION_BACKEND=redis to run more than one worker"
        )
    if settings.turn_budget_seconds >= settings.turn_lease_seconds:
        raise ConfigError(
            "invalid configuration: WAYFARER_TURN_BUDGET_SECONDS: must be below "
            f"WAYFARER_TURN_LEASE_SECONDS ({settings.turn_lease_seconds:g}), so a turn always "
            "ends while it holds its lease"
        )
    if settings.llm_provider == "openai" and settings.openai_api_key is None:
        raise ConfigError(
            "invalid configuration: OPENAI_API_KEY: required when WAYFARER_LLM_PROVIDER=openai "
            "(any value for a server that does not check keys)"
        )
    return settings
