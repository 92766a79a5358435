"""The per-client sliding window itself, and how clients are keyed."""

import pytest

from wayfarer.api.ratelimit import RateLimiter, client_key
from wayfarer.errors import RateLimited


def test_window_slides() -> None:
    now = [0.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    limiter.hit("a")
    limiter.hit("a")
    limiter.hit("b")
    with pytest.raises(RateLimited) as limited:
        limiter.hit("a")
    assert limited.value.retry_after == 60
    now[0] = 60.5
    limiter.hit("a")


def test_zero_means_unlimited() -> None:
    limiter = RateLimiter(0)
    for _ in range(1000):
        limiter.hit("a")


@pytest.mark.parametrize(
    ("host", "key"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff::9", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.9", "203.0.113.9"),
        (None, "unknown"),
    ],
)
def test_clients_are_keyed_by_address_and_ipv6_by_64(host: str | None, key: str) -> None:
    assert client_key(host) == key
