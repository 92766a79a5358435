"""Settings: file layering, environment overrides, and one clear line per bad value."""

import subprocess
import sys
from pathlib import Path

import pytest

from wayfarer.config import load_settings
from wayfarer.errors import ConfigError

REPO = Path(__file__).resolve().parents[1]


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
