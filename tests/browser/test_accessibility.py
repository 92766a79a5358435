"""Accessibility of the chat, trip and share pages: axe-core (vendored for these tests
only) finds no serious or critical violation in either theme, and the trip page fits 360 px
without horizontal scrolling."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import ChatPage
from tests.browser.tiles import tile_server
from tests.conftest import SettingsFactory
from tests.support import live_server

pytestmark = pytest.mark.browser

OpenPage = Callable[..., ChatPage]
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
TRIP = "3 days in Rome, history and food, relaxed, cheap"
Scheme = Literal["light", "dark"]


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page as it stands (WCAG 2.x AA)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        # Evaluated through DevTools: the page's CSP (rightly) allows no inline script.
        page.evaluate(f"() => {{ {AXE}\n }}")
    result: dict[str, Any] = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})"
    )
    found = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + json.dumps([n["target"] for n in v["nodes"]][:5])
        for v in found
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chat_trip_and_share_pages_pass_axe(open_page: OpenPage, scheme: Scheme) -> None:
    chat = open_page(color_scheme=scheme)
    assert serious_violations(chat.page) == []
    chat.send(TRIP)
    expect(chat.day_card(1).locator(".stop__hours").first).to_be_visible()
    chat.page.get_by_role("button", name="Share", exact=True).click()
    url = chat.page.get_by_role("textbox", name="Share link").input_value()
    assert serious_violations(chat.page) == []
    viewer = open_page(load=False, color_scheme=scheme)
    viewer.page.goto(url)
    expect(viewer.day_card(1).locator(".stop__hours").first).to_be_visible()
    assert serious_violations(viewer.page) == []
    chat.page.get_by_role("button", name="Turn off this link").click()
    expect(chat.page.get_by_role("textbox", name="Share link")).to_be_hidden()
    viewer.page.reload()
    expect(viewer.page.get_by_text("This shared trip is no longer available.")).to_be_visible()
    assert serious_violations(viewer.page) == []


def test_the_trip_with_its_controls_fits_360_px(open_page: OpenPage) -> None:
    chat = open_page(viewport={"width": 360, "height": 780})
    chat.send(TRIP)
    expect(chat.day_card(3).locator(".stop__actions").first).to_be_visible()
    chat.page.get_by_role("button", name="Share", exact=True).click()
    expect(chat.page.get_by_role("textbox", name="Share link")).to_be_visible()
    assert chat.horizontal_overflow() == 0
    viewer = open_page(load=False, viewport={"width": 360, "height": 780})
    viewer.page.goto(chat.page.get_by_role("textbox", name="Share link").input_value())
    expect(viewer.day_heading(1)).to_be_visible()
    assert viewer.horizontal_overflow() == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_maps_with_tiles_pass_axe_on_the_trip_and_share_pages(
    open_page: OpenPage, make_settings: SettingsFactory, scheme: Scheme
) -> None:
    with tile_server() as tiles, live_server(make_settings(map_tiles_url=tiles.template)) as live:
        chat = open_page(at=live, color_scheme=scheme)
        chat.send(TRIP)
        expect(chat.day_card(1).locator(".leaflet-marker-icon").first).to_be_visible()
        assert serious_violations(chat.page) == []
        chat.page.get_by_role("button", name="Share", exact=True).click()
        viewer = open_page(load=False, at=live, color_scheme=scheme)
        viewer.page.goto(chat.page.get_by_role("textbox", name="Share link").input_value())
        expect(viewer.day_card(1).locator(".leaflet-marker-icon").first).to_be_visible()
        expect(viewer.page.get_by_role("region", name="Map of the whole trip")).to_be_visible()
        assert serious_violations(viewer.page) == []
