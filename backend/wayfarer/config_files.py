"""The settings files: a pydantic-settings source reading ``default.toml`` then ``<env>.toml``.

:class:`TomlFiles` is a source like pydantic-settings' own: the settings class lists it
after the init keywords and the environment, so a variable beats a file and a file beats the
model's defaults. The defaults themselves live only on the model; the files hold what an
environment changes. An unknown environment or a file TOML cannot read is a
:class:`~wayfarer.errors.ConfigError` naming the file, raised while the settings are built,
so start-up stops with one line (a key that is no setting is refused by the model).
"""

import tomllib
from pathlib import Path
from typing import Any

from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    InitSettingsSource,
    PydanticBaseSettingsSource,
)

from wayfarer.errors import ConfigError

REPOSITORY_CONFIG_DIR = Path(__file__).resolve().parents[2] / "config"


class TomlFiles(InitSettingsSource):
    """Settings read from ``config_dir/default.toml`` (if present) and then, when ``env``
    names an environment, ``config_dir/<env>.toml`` (which must exist); later files win.

    Keys are the settings' field names (or their aliases) in lower case, as the
    environment variables without their prefix (``session_backend = "redis"``).
    """

    def __init__(
        self, settings_cls: type[BaseSettings], *, env: str | None, config_dir: Path
    ) -> None:
        self.files = [config_dir / "default.toml"]
        if env:
            env_file = config_dir / f"{env}.toml"
            if not env_file.is_file():
                raise ConfigError(f"WAYFARER_ENV={env!r}: no such file {env_file}")
            self.files.append(env_file)
        values: dict[str, Any] = {}
        for path in self.files:
            if path.is_file():
                values.update(_read(path))
        super().__init__(settings_cls, values)

    @classmethod
    def for_sources(
        cls,
        settings_cls: type[BaseSettings],
        init: PydanticBaseSettingsSource,
        env: PydanticBaseSettingsSource,
    ) -> "TomlFiles":
        """The files the other sources point at: the environment name from the init
        keywords (``env=``) or ``WAYFARER_ENV``, the folder from ``WAYFARER_CONFIG_DIR`` or
        else the repository's ``config/``."""
        variables = env.env_vars if isinstance(env, EnvSettingsSource) else {}
        name = init().get("env") or variables.get("wayfarer_env")
        folder = variables.get("wayfarer_config_dir")
        return cls(
            settings_cls,
            env=str(name) if name else None,
            config_dir=Path(folder) if folder else REPOSITORY_CONFIG_DIR,
        )


def _read(path: Path) -> dict[str, Any]:
    """One TOML file as a dict; ConfigError (one line, naming the file) when it cannot be."""
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"invalid configuration: {path}: {exc}") from None
