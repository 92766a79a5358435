"""Editing by clicking: remove, replace, move, a day more relaxed, undo. Each click changes
the itinerary and adds one short reply to the chat, so page and chat tell one story."""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, expect

from tests.browser.pages import ChatPage

pytestmark = pytest.mark.browser

OpenPage = Callable[..., ChatPage]
TRIP = "3 days in Rome, history and food, moderate pace, cheap"


def _names(day: Locator) -> list[str]:
    return day.locator(".stop:not(.stop--meal) .stop__name").all_inner_texts()


def _click(chat: ChatPage, button: Locator) -> str:
    """Click an edit button, wait for its reply in the chat; returns the reply."""
    before = chat.replies.count()
    button.click()
    expect(chat.replies).to_have_count(before + 1)
    expect(chat.message_box).to_be_enabled()
    return chat.replies.last.inner_text()


def test_clicks_edit_the_trip_and_the_chat_tells_the_same_story(open_page: OpenPage) -> None:
    chat = open_page()
    chat.send(TRIP)
    day1, day2 = chat.day_card(1), chat.day_card(2)
    users = chat.user_messages.count()

    first = _names(day1)[0]
    reply = _click(chat, day1.get_by_role("button", name=f"Remove {first}", exact=True))
    assert first in reply
    expect(day1.locator(".stop__name", has_text=first)).to_have_count(0)
    expect(chat.page.locator("#change-text")).to_contain_text(first)
    expect(day1).to_be_focused()  # the reader stays on the day they changed

    target = _names(day2)[0]
    replace = day2.get_by_role("button", name=f"Replace with something similar to {target}")
    reply = _click(chat, replace)
    assert target in reply
    expect(day2.locator(".stop__name", has_text=target)).to_have_count(0)

    mover = _names(day1)[0]
    day1.get_by_role("combobox", name=f"Move {mover} to").select_option("3")
    reply = _click(chat, day1.get_by_role("button", name=f"Move {mover} to the chosen day"))
    if mover in _names(chat.day_card(3)):
        assert "Moved" in reply
    else:  # refused (closed that weekday): the reason is shown, nothing changed
        expect(chat.alert).to_contain_text("couldn\u2019t make that change")

    count = len(_names(chat.day_card(3)))
    _click(chat, chat.day_card(3).get_by_role("button", name="More relaxed day 3"))
    assert len(_names(chat.day_card(3))) == count - 1

    before_undo = _names(chat.day_card(3))
    _click(chat, chat.page.get_by_role("button", name="Undo", exact=True))
    assert len(_names(chat.day_card(3))) == len(before_undo) + 1
    assert chat.user_messages.count() == users  # clicks add replies, never user messages

    chat.reload()  # the story survives a reload: it is the session's history
    expect(chat.day_card(1).locator(".stop__name", has_text=first)).to_have_count(0)
    expect(chat.replies.filter(has_text=re.compile(re.escape(first)))).not_to_have_count(0)


def test_a_refused_click_explains_itself_and_changes_nothing(open_page: OpenPage) -> None:
    chat = open_page()
    chat.send("2 days in Paris, art, relaxed, cheap")
    day1 = chat.day_card(1)
    names = _names(day1)
    while len(_names(day1)) > 2:
        _click(chat, day1.get_by_role("button", name="More relaxed day 1"))
    day1.get_by_role("button", name="More relaxed day 1").click()
    expect(chat.alert).to_contain_text("the fewest")
    assert set(_names(day1)) <= set(names)
