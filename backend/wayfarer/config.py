"""Settings: ``config/default.toml`` < ``config/$WAYFARER_ENV.toml`` < ``WAYFARER_*`` env vars.

:func:`load_settings` is the one way to build settings; it turns any validation failure into
a :class:`~wayfarer.errors.ConfigError` whose message is one line naming the variable, so
start-up stops clearly instead of running half-configured.
"""

import os
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlparse

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from wayfarer.errors import ConfigError

ENV_PREFIX = "WAYFARER_"
REDIS_SCHEMES = (
    "redis", "rediss", "unix", "redis+cluster", "rediss+cluster", "redis+sentinel"
)


def default_config_dir() -> Path:
    """``$WAYFARER_CONFIG_DIR`` if set, else the repository's ``config/`` folder."""
    override = os.environ.get("WAYFARER_CONFIG_DIR")
    return Path(override) if override else Path(__file__).resolve().parents[2] / "config"


class Settings(BaseSettings):
    """Every setting of SPEC §2 plus operational ones (see docs/configuration.md)."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid", frozen=True)

    env: str | None = None
    session_backend: Literal["memory", "redis"] = "memory"
    redis_url: str = "redis://localhost:6379/0"
    redis_key_prefix: str = Field(default="wayfarer:", min_length=1)
    session_ttl_seconds: int = Field(default=3600, gt=0)
    max_sessions: int = Field(default=10000, gt=0)
    purge_interval_seconds: float = Field(default=60, gt=0)
    max_clarifying_questions: int = Field(default=3, ge=0)
    max_message_chars: int = Field(default=2000, gt=0)
    history_limit: int = Field(default=50, ge=2)
    llm_provider: Literal["offline", "openai"] = "offline"
    openai_model: str = Field(default="gpt-4o-mini", min_length=1)
    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("WAYFARER_OPENAI_API_KEY", "OPENAI_API_KEY")
    )
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("WAYFARER_OPENAI_BASE_URL", "OPENAI_BASE_URL")
    )
    llm_timeout_seconds: float = Field(default=20, gt=0)
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    turn_wait_seconds: float = Field(default=10, gt=0)
    turn_lease_seconds: float = Field(default=60, gt=0)
    rate_limit_per_minute: int = Field(default=120, ge=0)
    workers: int = Field(default=1, ge=1)
    redis_pool_size: int = Field(default=64, gt=0)
    redis_pool_timeout_seconds: float = Field(default=3, gt=0)
    redis_socket_timeout_seconds: float = Field(default=2, gt=0)
    ready_timeout_seconds: float = Field(default=0.8, gt=0)
    turn_budget_seconds: float = Field(default=30, gt=0)
    shutdown_grace_seconds: float = Field(default=20, ge=0)
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    log_level: Literal["debug", "info", "warning", "error"] = "info"

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_scheme(cls, value: str) -> str:
        if urlparse(value).scheme not in REDIS_SCHEMES:
            raise ValueError(
                "must start with redis://, rediss://, unix://, redis+cluster:// "
                "(rediss+cluster://) or redis+sentinel://"
            )
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
        config_dir = default_config_dir()
        files = [config_dir / "default.toml"]
        env_name = os.environ.get("WAYFARER_ENV")
        if env_name:
            env_file = config_dir / f"{env_name}.toml"
            if not env_file.is_file():
                raise ConfigError(f"WAYFARER_ENV={env_name!r}: no such file {env_file}")
            files.append(env_file)
        return (
            init_settings,
            env_settings,
            TomlConfigSettingsSource(settings_cls, toml_file=files),
        )


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
