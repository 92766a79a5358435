"""The page's city list: featured cities first, then every covered city by country."""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from tests.browser.pages import ChatPage
from tests.browser.test_accessibility import serious_violations
from tests.reference import bundled_catalog

pytestmark = pytest.mark.browser

OpenPage = Callable[..., ChatPage]


def test_every_city_is_listed_under_its_country(open_page: OpenPage) -> None:
    chat = open_page()
    cities = bundled_catalog().cities
    more = chat.page.get_by_role("button", name=f"All {len(cities)} cities by country")
    expect(more).to_be_visible()
    more.click()
    groups = chat.page.locator(".suggestions__country")
    countries = sorted({c.country for c in cities})
    expect(groups).to_have_count(len(countries))
    expect(chat.page.locator(".suggestions__country-name")).to_have_text(countries)
    for country in ("Japan", "India"):
        group = chat.page.get_by_role("list", name=country)
        expected = [c.name for c in cities if c.country == country]
        expect(group.get_by_role("button")).to_have_text(expected)
    expect(chat.page.locator("#suggestions-list button").first).to_be_focused()
    assert serious_violations(chat.page) == []
    chat.page.get_by_role("list", name="Japan").get_by_role("button", name="Kyoto").click()
    expect(chat.user_messages.last).to_have_text(re.compile("Kyoto"))


def test_the_grouped_list_fits_360_px(open_page: OpenPage) -> None:
    chat = open_page(viewport={"width": 360, "height": 780})
    chat.page.get_by_role("button", name=re.compile(r"cities by country$")).click()
    expect(chat.page.locator(".suggestions__country").first).to_be_visible()
    assert chat.horizontal_overflow() == 0
