"""What the page offers comes from the server (GET /api/config, issue 15 item 10): the chip
editors' options, the composer's length limit and the cities suggested first are the
backend's own; without the configuration the page still works."""

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.pages import ChatPage
from tests.conftest import SettingsFactory
from tests.reference import bundled_catalog
from tests.support import LiveServer, live_server
from wayfarer.domain import INTERESTS, PACES
from wayfarer.domain.preferences import MAX_TRIP_DAYS
from wayfarer.language.offline.narrator import EXAMPLE_CITIES

pytestmark = pytest.mark.browser

OpenPage = Callable[..., ChatPage]
LIMIT = 60


@pytest.fixture
def short_messages(make_settings: SettingsFactory) -> Iterator[LiveServer]:
    """The app with messages limited to LIMIT characters."""
    with live_server(make_settings(max_message_chars=LIMIT)) as live:
        yield live


def test_the_composer_counts_against_the_configured_limit(
    open_page: OpenPage, short_messages: LiveServer
) -> None:
    chat = open_page(at=short_messages)
    count = chat.page.locator("#composer-count")
    chat.message_box.fill("a" * (LIMIT - 5))
    expect(count).to_have_text(f"{LIMIT - 5} / {LIMIT} characters")
    expect(count).not_to_have_class(re.compile("composer__count--over"))
    too_long = "Lisbon " * 10
    chat.message_box.fill(too_long)
    expect(count).to_have_text(f"{len(too_long)} / {LIMIT} characters")
    expect(count).to_have_class(re.compile("composer__count--over"))
    # The server holds the same limit: the message is refused, explained and kept.
    chat.send_button.click()
    expect(chat.alert).to_contain_text("couldn\u2019t take that message")
    expect(chat.message_box).to_have_value(too_long.strip())


def _options(chat: ChatPage, chip: str) -> list[str]:
    chat.chip(chip).click()
    options = chat.page.locator("#chip-editor-body .option")
    expect(options.first).to_be_visible()
    texts = options.all_inner_texts()
    chat.page.keyboard.press("Escape")
    return texts


def test_the_chip_editors_offer_the_backend_s_vocabulary(open_page: OpenPage) -> None:
    chat = open_page()
    assert _options(chat, "Pace") == [p.capitalize() for p in PACES]
    assert _options(chat, "Interests") == [i.capitalize() for i in INTERESTS]
    assert _options(chat, "Days") == [str(d) for d in range(1, MAX_TRIP_DAYS + 1)]


def test_the_cities_suggested_first_are_the_agent_s_examples(open_page: OpenPage) -> None:
    chat = open_page()
    covered = {c.name for c in bundled_catalog().cities}
    expected = [c for c in EXAMPLE_CITIES if c in covered]
    expect(chat.page.locator("#suggestions-list .suggestion__city")).to_have_text(expected)


def test_without_the_configuration_the_page_still_plans(open_page: OpenPage) -> None:
    chat = open_page(load=False, network_errors=True)
    chat.page.route("**/api/config", lambda route: route.abort())
    chat.open()
    # Every covered city is offered, by country, since no examples are known.
    expect(chat.page.locator(".suggestions__country").first).to_be_visible()
    # A chip still opens, offering to write the change out.
    chat.chip("Pace").click()
    expect(chat.page.locator("#chip-editor-body .option")).to_have_count(0)
    expect(chat.page.get_by_role("button", name="Write it myself")).to_be_visible()
    chat.page.keyboard.press("Escape")
    chat.message_box.fill("Lisbon " * 400)
    expect(chat.page.locator("#composer-count")).to_have_text("")
    chat.send("2 days in Lisbon, food and viewpoints, relaxed, cheap")
    expect(chat.day_heading(2)).to_be_visible()
    expect(chat.chip("Pace")).to_contain_text("Relaxed")

