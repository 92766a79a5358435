"""Failures in plain words, with a way forward, and never a lost message or a blank page.

Each failure is produced for real: a message over the server's limit (422), a server
configured with a tiny rate limit (429), a session deleted behind the page's back (404),
and a Redis that is stopped and started again (503).
"""

import re
from collections.abc import Callable, Iterator

import httpx
import pytest
from playwright.sync_api import expect

from tests.browser.pages import ChatPage
from tests.conftest import SettingsFactory
from tests.support import LiveServer, RedisServer, live_server

pytestmark = pytest.mark.browser

OpenPage = Callable[..., ChatPage]


def test_a_message_over_the_limit_is_explained_and_kept(open_page: OpenPage) -> None:
    chat = open_page()
    too_long = "Lisbon " * 300
    chat.message_box.fill(too_long)
    chat.send_button.click()
    expect(chat.alert).to_contain_text("couldn\u2019t take that message")
    expect(chat.alert.get_by_role("button", name="Retry")).to_be_hidden()
    expect(chat.message_box).to_have_value(too_long.strip())
    expect(chat.message_box).to_be_enabled()
    expect(chat.user_messages).to_have_count(0)


@pytest.fixture
def strict_server(make_settings: SettingsFactory) -> Iterator[LiveServer]:
    """The app allowing one message a minute per client (creating sessions is limited
    separately, and not at all in tests)."""
    with live_server(make_settings(rate_limit_per_minute=1)) as live:
        yield live


def test_rate_limited_messages_say_so_and_offer_a_retry(
    open_page: OpenPage, strict_server: LiveServer
) -> None:
    chat = open_page(at=strict_server)
    sent: list[dict[str, str]] = []
    chat.page.on(
        "request",
        lambda request: sent.append(request.post_data_json)
        if request.url.endswith("/messages")
        else None,
    )
    chat.send("I'd like to visit Lisbon")
    chat.message_box.fill("4 days")
    chat.message_box.press("Enter")
    expect(chat.alert).to_contain_text("a lot of messages in a short time")
    retry = chat.alert.get_by_role("button", name="Retry")
    expect(retry).to_be_visible()
    expect(chat.message_box).to_have_value("4 days")
    expect(chat.user_messages).to_have_count(1)
    retry.click()
    expect(chat.alert).to_contain_text("a lot of messages in a short time")
    expect(chat.message_box).to_have_value("4 days")
    expect(chat.message_box).to_be_enabled()
    # A retry is the same message: same client_message_id, so the server applies it once.
    first, again = sent[-2], sent[-1]
    assert first["content"] == again["content"] == "4 days"
    assert first["client_message_id"] == again["client_message_id"]
    assert sent[0]["client_message_id"] != first["client_message_id"]


def test_an_expired_session_starts_a_new_one_and_keeps_the_typed_message(
    open_page: OpenPage, server: LiveServer
) -> None:
    chat = open_page()
    chat.send("I'd like to visit Lisbon")
    old = chat.session_id()
    assert httpx.delete(f"{server.url}/api/sessions/{old}", timeout=10).status_code == 204

    chat.message_box.fill("4 days in Lisbon, food, slow pace")
    chat.message_box.press("Enter")
    expect(chat.notice).to_contain_text("expired")
    expect(chat.notice).to_contain_text("still in the box")
    expect(chat.message_box).to_have_value("4 days in Lisbon, food, slow pace")
    expect(chat.user_messages).to_have_count(0)
    assert chat.session_id() not in (None, old)

    chat.message_box.press("Enter")
    expect(chat.day_heading(1)).to_be_visible()
    expect(chat.notice).to_be_hidden()


@pytest.fixture
def redis_app(
    make_settings: SettingsFactory, redis_server: RedisServer | None, redis_url: str,
    redis_prefix: str,
) -> Iterator[tuple[LiveServer, RedisServer]]:
    """The app on the test session's private redis-server (which the test may stop)."""
    if redis_server is None:
        pytest.skip("needs a redis-server this test run owns (not WAYFARER_TEST_REDIS_URL)")
    settings = make_settings(
        session_backend="redis", redis_url=redis_url, redis_key_prefix=redis_prefix
    )
    with live_server(settings) as live:
        yield live, redis_server
    if redis_server.process is None:
        redis_server.start()


def test_an_unreachable_store_is_explained_and_retried(
    open_page: OpenPage, redis_app: tuple[LiveServer, RedisServer]
) -> None:
    live, redis = redis_app
    chat = open_page(at=live)
    chat.message_box.fill("I'd like to visit Lisbon")
    redis.stop()
    try:
        chat.message_box.press("Enter")
        expect(chat.alert).to_contain_text("can\u2019t reach its trip storage")
        expect(chat.message_box).to_have_value("I'd like to visit Lisbon")
        chat.page.reload()
        # Loading with the store down: an explanation and a retry, not a blank page.
        expect(chat.alert).to_contain_text("can\u2019t reach its trip storage")
        expect(chat.log).to_contain_text("couldn\u2019t start a conversation")
        expect(chat.message_box).to_have_value("I'd like to visit Lisbon")
    finally:
        redis.start()
    chat.alert.get_by_role("button", name="Retry").click()
    # Redis kept nothing: the stored session is gone, so the page starts a new one.
    expect(chat.notice).to_contain_text("expired")
    expect(chat.replies).to_have_count(1)
    chat.message_box.press("Enter")
    expect(chat.replies).to_have_count(2)
    expect(chat.replies.last).to_contain_text(re.compile("Lisbon"))
