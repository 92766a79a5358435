"""Sharing from the page: a read-only link that shows the trip (maps, details, exports)
without the session id, the chat or any edit control, and a clear page once turned off."""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from tests.browser.pages import ChatPage

pytestmark = pytest.mark.browser

OpenPage = Callable[..., ChatPage]


def test_share_link_is_read_only_and_revocable(open_page: OpenPage) -> None:
    chat = open_page()
    chat.send("2 days in Lisbon, viewpoints and food, relaxed, cheap")
    session_id = chat.session_id()
    assert session_id
    chat.page.get_by_role("button", name="Share", exact=True).click()
    link = chat.page.get_by_role("textbox", name="Share link")
    expect(link).to_have_value(re.compile(rf"^{re.escape(chat.base_url)}/share/[\w-]{{22}}$"))
    url = link.input_value()
    assert "/share/" in url and session_id not in url
    places = chat.day_card(1).locator(".stop__name").all_inner_texts()

    viewer = open_page(load=False)
    viewer.page.goto(url)
    expect(viewer.day_heading(1)).to_be_visible()
    expect(viewer.day_card(1).locator(".stop__name")).to_have_text(places)
    expect(viewer.day_card(1).locator(".stop__hours").first).to_be_visible()
    expect(viewer.page.get_by_role("link", name="Calendar (.ics)")).to_be_visible()
    for absent in ("Remove", "Undo", "Share", "More relaxed", "Send"):
        expect(viewer.page.get_by_role("button", name=absent)).to_have_count(0)
    expect(viewer.page.get_by_role("textbox")).to_have_count(0)
    assert session_id not in viewer.page.content()
    with viewer.page.expect_download() as download:
        viewer.page.get_by_role("link", name="Calendar (.ics)").click()
    assert download.value.suggested_filename.endswith(".ics")

    chat.page.get_by_role("button", name="Turn off this link").click()
    expect(link).to_be_hidden()
    viewer.page.reload()
    expect(viewer.page.get_by_text("This shared trip is no longer available.")).to_be_visible()
    expect(viewer.itinerary.get_by_role("article")).to_have_count(0)
