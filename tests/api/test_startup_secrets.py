"""``wayfarer serve`` start-up output, as an operator sees it: a password-bearing or
malformed Redis URL gives one configuration line, exit status 2, no secret, no traceback."""

import pytest

from tests.api.processes import run_cli
from tests.support import free_port

SECRET = "s3cr3t-Pa55"


@pytest.mark.parametrize(
    "url",
    [
        f"redis://:{SECRET}@127.0.0.1:{{port}}/0",  # unreachable: the connection error line
        f"redis://user:{SECRET}@127.0.0.1:{{port}}/0?password={SECRET}",
        f"redis://127.0.0.1:{{port}}/0?password={SECRET}",
        f"rediss://127.0.0.1:{{port}}/0?ssl_cert_reqs=none&password={SECRET}",
        f"http://:{SECRET}@127.0.0.1:{{port}}/0",  # wrong scheme: the validation line
        f"redis://:{SECRET}#x@127.0.0.1:{{port}}/0",  # unencoded '#'
        f"redis://:{SECRET}@127.0.0.1:99999/0",  # port out of range
        f"redis://:{SECRET}@127.0.0.1:port/0",  # port not a number
        f"redis://:{SECRET}@/0",  # no host
    ],
)
def test_redis_url_errors_are_one_line_without_secrets(url: str) -> None:
    result = run_cli(
        "serve",
        env={"WAYFARER_SESSION_BACKEND": "redis",
             "WAYFARER_REDIS_URL": url.replace("{port}", str(free_port()))},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert SECRET not in output
    assert "Traceback" not in output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "WAYFARER_REDIS_URL" in lines[0], output


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("WAYFARER_TRUSTED_PROXIES", "10.0.0.1,not-an-address"),
        ("WAYFARER_METRICS_ALLOW", "everyone"),
        ("WAYFARER_MAX_BODY_BYTES", "10"),
        ("WAYFARER_HEADER_TIMEOUT_SECONDS", "0"),
        ("WAYFARER_MAX_CONNECTIONS", "0"),
        ("WAYFARER_RATE_LIMIT_CREATE_PER_MINUTE", "-1"),
    ],
)
def test_bad_edge_settings_stop_start_up_with_one_line(variable: str, value: str) -> None:
    result = run_cli("serve", env={variable: value})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert variable in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_settings_repr_hides_the_redis_url(make_settings) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(redis_url=f"redis://:{SECRET}@127.0.0.1:6379/0")
    assert SECRET not in repr(settings) and SECRET not in str(settings)
