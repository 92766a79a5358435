"""Settings: file layering, environment overrides, and one clear line per bad value."""

import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from wayfarer.config import Settings, load_settings
from wayfarer.errors import ConfigError

REPO = Path(__file__).resolve().parents[1]


def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **files: str) -> Path:
    """A config folder holding ``files`` (name -> TOML text), named by WAYFARER_CONFIG_DIR."""
    for name, text in files.items():
        (tmp_path / f"{name}.toml").write_bytes(text.encode())
    monkeypatch.setenv("WAYFARER_CONFIG_DIR", str(tmp_path))
    monkeypatch.delenv("WAYFARER_ENV")
    return tmp_path


def test_variables_beat_the_environment_file_which_beats_the_shared_file_and_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_dir(
        tmp_path, monkeypatch,
        default="session_ttl_seconds = 100\nmax_sessions = 5\nhistory_limit = 4\n",
        qa="session_ttl_seconds = 200\nhistory_limit = 7\nopenai_base_url = 'http://x'\n",
    )
    monkeypatch.setenv("WAYFARER_ENV", "qa")
    monkeypatch.setenv("WAYFARER_HISTORY_LIMIT", "9")
    monkeypatch.setenv("WAYFARER_MAX_CLARIFYING_QUESTIONS", "2")
    settings = load_settings(max_clarifying_questions=1)
    assert settings.session_ttl_seconds == 200  # qa.toml over default.toml
    assert settings.max_sessions == 5  # default.toml over the model
    assert settings.history_limit == 9  # the variable over both files
    assert settings.max_clarifying_questions == 1  # a keyword over the variable
    assert settings.purge_interval_seconds == 60  # nobody said: the model's default
    assert settings.openai_base_url == "http://x"  # a field with aliases, by its name


def test_the_environment_name_may_come_from_the_keywords(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_dir(tmp_path, monkeypatch, qa="max_sessions = 7\n")
    assert load_settings().max_sessions == 10000
    assert load_settings(env="qa").max_sessions == 7


@pytest.mark.parametrize(("text", "named"), [
    ("session_ttl_seconds = \n", "qa.toml: "),
    ("[broken\n", "qa.toml: "),
    ("session_ttl_seconds = 'soon'\n", "WAYFARER_SESSION_TTL_SECONDS"),
    ("sesion_ttl_seconds = 60\n", "WAYFARER_SESION_TTL_SECONDS: Extra inputs"),
])
def test_a_bad_file_stops_start_up_with_one_line_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, named: str
) -> None:
    config_dir(tmp_path, monkeypatch, qa=text)
    with pytest.raises(ConfigError) as caught:
        load_settings(env="qa")
    assert named in caught.value.message
    assert "\n" not in caught.value.message


def test_a_file_that_is_not_utf8_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_dir(tmp_path, monkeypatch)
    (tmp_path / "default.toml").write_bytes(b"host = '\xff'\n")
    with pytest.raises(ConfigError, match=r"default\.toml: "):
        load_settings()


def test_the_cli_names_a_broken_file_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "default.toml").write_text("port = \n")
    result = subprocess.run(
        [sys.executable, "-m", "wayfarer.cli", "serve", "--port", "0"],
        env={"WAYFARER_CONFIG_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=60, cwd=REPO,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "default.toml" in lines[0]


@pytest.mark.parametrize("path", sorted((REPO / "config").glob("*.toml")), ids=lambda p: p.name)
def test_the_shipped_files_restate_no_default(path: Path) -> None:
    restated = {
        key: value for key, value in tomllib.loads(path.read_text()).items()
        if value == Settings.model_fields[key].get_default(call_default_factory=True)
    }
    assert restated == {}


def _shown(value: Any) -> set[str]:
    """How a default is written in a docs table."""
    if value is None or value == []:
        return {"(none)", "(empty)"}
    if isinstance(value, list):
        return {", ".join(value)}
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return {str(value)}


def _documented_defaults(doc: Path) -> dict[str, str]:
    """Field name -> default cell of a docs table of variables."""
    defaults: dict[str, str] = {}
    for line in doc.read_text().splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) < 3 or not cells[0].replace(" / ", "").replace("_", "").isupper():
            continue
        names = cells[0].split(" / ")
        values = cells[1].split(" / ") if len(names) > 1 and " / " in cells[1] else [cells[1]]
        for name, value in zip(names, values * len(names) if len(values) == 1 else values,
                               strict=True):
            defaults[name.removeprefix("WAYFARER_").lower()] = value
    return defaults


@pytest.mark.parametrize("doc", ["docs/configuration.md", "docs/spec.md"])
def test_the_docs_state_the_models_defaults(doc: str) -> None:
    documented = _documented_defaults(REPO / doc)
    assert documented
    wrong = {
        name: value for name, value in documented.items()
        if value not in _shown(Settings.model_fields[name].get_default(call_default_factory=True))
    }
    assert wrong == {}
    if doc == "docs/configuration.md":
        assert set(Settings.model_fields) - set(documented) == set()


def test_defaults_match_the_spec(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WAYFARER_ENV")
    settings = load_settings()
    assert settings.session_backend == "memory"
    assert settings.redis_url == "redis://localhost:6379/0"
    assert settings.session_ttl_seconds == 3600
    assert settings.max_sessions == 10000
    assert settings.purge_interval_seconds == 60
    assert settings.max_clarifying_questions == 3
    assert settings.max_message_chars == 2000
    assert settings.history_limit == 50
    assert settings.llm_provider == "offline"
    assert settings.openai_model == "gpt-4o-mini"
    assert settings.llm_timeout_seconds == 20
    assert settings.cors_origins == []


def test_environment_file_then_variables_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYFARER_ENV", "staging")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    assert load_settings().session_backend == "redis"
    monkeypatch.setenv("WAYFARER_SESSION_BACKEND", "memory")
    assert load_settings().session_backend == "memory"


def test_cors_origins_are_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYFARER_CORS_ORIGINS", "https://a.example, https://b.example")
    assert load_settings().cors_origins == ["https://a.example", "https://b.example"]


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("WAYFARER_SESSION_BACKEND", "postgres"),
        ("WAYFARER_SESSION_TTL_SECONDS", "-5"),
        ("WAYFARER_SESSION_TTL_SECONDS", "soon"),
        ("WAYFARER_MAX_SESSIONS", "0"),
        ("WAYFARER_PURGE_INTERVAL_SECONDS", "0"),
        ("WAYFARER_MAX_CLARIFYING_QUESTIONS", "-1"),
        ("WAYFARER_MAX_MESSAGE_CHARS", "0"),
        ("WAYFARER_HISTORY_LIMIT", "1"),
        ("WAYFARER_LLM_PROVIDER", "ouija"),
        ("WAYFARER_LLM_TIMEOUT_SECONDS", "-2"),
        ("WAYFARER_REDIS_URL", "http://localhost:6379"),
        ("WAYFARER_SHARE_MAX_SECONDS", "0"),
        ("WAYFARER_MAP_TILES_URL", "ftp://tiles.example.org/{z}/{x}/{y}.png"),
        ("WAYFARER_MAP_TILES_URL", "https://tiles.example.org/tile.png"),
    ],
)
def test_bad_value_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as info:
        load_settings()
    message = info.value.message
    assert variable in message
    assert "\n" not in message


def test_unknown_environment_file_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYFARER_ENV", "nowhere")
    with pytest.raises(ConfigError, match="WAYFARER_ENV"):
        load_settings()


def test_openai_provider_needs_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYFARER_LLM_PROVIDER", "openai")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        load_settings()


def test_memory_backend_refuses_several_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYFARER_WORKERS", "4")
    with pytest.raises(ConfigError, match="WAYFARER_SESSION_BACKEND=redis"):
        load_settings()


def test_turn_budget_must_be_below_the_lease() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(turn_budget_seconds=60, turn_lease_seconds=60)
    assert "WAYFARER_TURN_BUDGET_SECONDS" in caught.value.message
    assert "\n" not in caught.value.message
    assert load_settings(turn_budget_seconds=10, turn_lease_seconds=20).turn_budget_seconds == 10


def test_cluster_urls_are_accepted_and_others_named() -> None:
    url = "redis+cluster://127.0.0.1:7000/0"
    assert load_settings(redis_url=url).redis_url == url
    with pytest.raises(ConfigError, match="WAYFARER_REDIS_URL"):
        load_settings(redis_url="http://127.0.0.1:7000")


def test_cli_bad_backend_prints_one_line_and_fails() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wayfarer.cli", "serve", "--port", "0"],
        env={"WAYFARER_SESSION_BACKEND": "nonsense", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "WAYFARER_SESSION_BACKEND" in lines[0]


def test_map_tiles_url_may_be_empty_and_sets_the_csp_image_host(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from wayfarer.api.middleware import content_security_policy

    monkeypatch.setenv("WAYFARER_MAP_TILES_URL", "")
    assert load_settings().map_tiles_url == ""
    assert "img-src 'self' data:;" in content_security_policy("")
    osm = content_security_policy("https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://tile.openstreetmap.org;" in osm
    subdomains = content_security_policy("https://{s}.tiles.example.org:8443/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://*.tiles.example.org:8443;" in subdomains
