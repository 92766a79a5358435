"""Layout and themes: the page at 360 px wide, and dark mode. Saves the README screenshots."""

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.pages import ChatPage

pytestmark = pytest.mark.browser

OpenPage = Callable[..., ChatPage]
BRIGHTNESS = """() => {
  const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}"""
TRIP = "3 days in Lisbon, we love food and viewpoints, slow pace"


def test_the_page_works_360_px_wide(open_page: OpenPage, screenshots: Path) -> None:
    chat = open_page(viewport={"width": 360, "height": 780})
    assert chat.horizontal_overflow() == 0
    for control in (chat.message_box, chat.send_button):
        expect(control).to_be_in_viewport()
    chat.send(TRIP)
    expect(chat.day_heading(1)).to_be_attached()
    assert chat.horizontal_overflow() == 0

    jump = chat.page.get_by_role("link", name="See the itinerary")
    expect(jump).to_be_visible()
    jump.click()
    expect(chat.day_heading(1)).to_be_in_viewport()
    for day in (1, 2, 3):
        box = chat.day_card(day).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
    sketch = chat.day_card(1).get_by_role("img", name="Route sketch for day 1")
    sketch_box = sketch.bounding_box()
    assert sketch_box is not None and sketch_box["width"] <= 340
    chat.page.locator("#trip-title").evaluate("el => el.scrollIntoView()")
    chat.page.screenshot(path=str(screenshots / "mobile-360.png"))


def test_dark_theme_follows_the_system_setting(open_page: OpenPage, screenshots: Path) -> None:
    chat = open_page(color_scheme="dark")
    assert chat.page.evaluate(BRIGHTNESS) < 0.2
    chat.send(TRIP)
    target = chat.day_card(2).locator(".stop:not(.stop--meal) .stop__name").first.inner_text()
    chat.send(f"replace {target} with a museum")
    expect(chat.page.locator("#change")).to_be_visible()
    changed = chat.itinerary.locator(".stop--changed")
    expect(changed).to_have_count(1)
    changed.evaluate("el => el.scrollIntoView({block: 'center'})")
    chat.page.screenshot(path=str(screenshots / "desktop-dark.png"))


def test_light_theme_by_default(open_page: OpenPage) -> None:
    chat = open_page(color_scheme="light")
    assert chat.page.evaluate(BRIGHTNESS) > 0.85
