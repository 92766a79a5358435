"""The session lifecycle in the page: resume on reload, expiry (404), "New trip"."""

import re
from collections.abc import Callable

import httpx
import pytest
from playwright.sync_api import expect

from tests.browser.pages import ChatPage
from tests.conftest import SettingsFactory
from tests.support import LiveServer, free_port, live_server

pytestmark = pytest.mark.browser

OpenPage = Callable[..., ChatPage]


def test_a_stored_session_that_expired_is_replaced_on_load(open_page: OpenPage) -> None:
    chat = open_page()
    first = chat.session_id()
    assert first
    chat.set_session_id("no-such-session-" + "0" * 16)
    # the page last saw its trip due to expire an hour ago, after 60 idle minutes
    chat.page.evaluate("""localStorage.setItem('wayfarer.session_expiry',
        JSON.stringify({expires: Date.now() - 3600000, timeout: 3600000}))""")
    chat.reload()
    expect(chat.notice).to_contain_text("expired after 60 minutes without activity")
    fresh = chat.session_id()
    assert fresh and fresh != first and not fresh.startswith("no-such-session")
    expect(chat.replies).to_have_count(1)


def test_new_trip_without_messages_starts_afresh_at_once(
    open_page: OpenPage, server: LiveServer
) -> None:
    chat = open_page()
    first = chat.session_id()
    chat.page.get_by_role("button", name="New trip").click()
    chat.page.wait_for_function(
        "old => localStorage.getItem('wayfarer.session_id') !== old", arg=first
    )
    expect(chat.message_box).to_be_enabled()
    assert httpx.get(f"{server.url}/api/sessions/{first}", timeout=10).status_code == 404


def test_new_trip_after_a_conversation_asks_first(
    open_page: OpenPage, server: LiveServer
) -> None:
    chat = open_page()
    chat.send("3 days in Lisbon, we love food and viewpoints, slow pace")
    expect(chat.day_heading(1)).to_be_visible()
    first = chat.session_id()
    new_trip = chat.page.get_by_role("button", name="New trip")
    confirm = chat.page.get_by_role("group", name=re.compile("Start a new trip"))

    new_trip.click()
    expect(confirm).to_be_visible()
    expect(confirm.get_by_role("button", name="Start a new trip")).to_be_focused()
    confirm.get_by_role("button", name="Keep this one").click()
    expect(confirm).to_be_hidden()
    expect(new_trip).to_be_focused()
    expect(chat.day_heading(1)).to_be_visible()

    new_trip.click()
    confirm.get_by_role("button", name="Start a new trip").click()
    expect(chat.itinerary).to_contain_text("No itinerary yet")
    expect(chat.replies).to_have_count(1)
    expect(chat.user_messages).to_have_count(0)
    assert chat.session_id() not in (None, first)
    assert httpx.get(f"{server.url}/api/sessions/{first}", timeout=10).status_code == 404


def test_a_restart_is_not_called_an_expiry(
    open_page: OpenPage, make_settings: SettingsFactory
) -> None:
    port = free_port()
    with live_server(make_settings(), port=port) as first:
        chat = open_page(at=first)
        chat.send("2 days in Rome, history, relaxed, cheap")
        expect(chat.day_heading(1)).to_be_visible()
    with live_server(make_settings(), port=port):  # a restart: the memory store is empty
        chat.reload()
        expect(chat.notice).to_contain_text("no longer on the server")
        expect(chat.notice).not_to_contain_text("expired")
        expect(chat.replies).to_have_count(1)
