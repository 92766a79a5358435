"""Keeping a stop by clicking: the stop is marked kept, the constraint is listed under the
trip summary, and a pace change clicked on its chip keeps the place on its day."""

from collections.abc import Callable
from typing import Literal

import pytest
from playwright.sync_api import expect

from tests.browser.pages import ChatPage
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_click_edits import _click, _names

pytestmark = pytest.mark.browser

OpenPage = Callable[..., ChatPage]
Scheme = Literal["light", "dark"]


def test_a_kept_stop_is_marked_listed_and_survives_a_pace_change(open_page: OpenPage) -> None:
    chat = open_page()
    chat.send("3 days in Rome, history and food, moderate pace, cheap")
    day2 = chat.day_card(2)
    kept = _names(day2)[-1]
    reply = _click(chat, day2.get_by_role("button", name=f"Keep {kept}", exact=True))
    assert kept in reply

    day2 = chat.day_card(2)
    stop = day2.locator(".stop", has=chat.page.locator(".stop__name", has_text=kept))
    expect(stop.locator(".tag", has_text="Kept")).to_be_visible()
    expect(day2.get_by_role("button", name=f"Keep {kept}", exact=True)).to_have_count(0)
    rules = chat.itinerary.get_by_role("list", name="Kept when the plan changes")
    expect(rules).to_contain_text(kept)

    chat.chip("Pace").click()
    editor = chat.page.get_by_role("group", name="What pace suits you?")
    before = chat.replies.count()
    editor.get_by_role("button", name="Packed").click()
    expect(chat.replies).to_have_count(before + 1)
    expect(chat.chip("Pace")).to_contain_text("Packed")
    day2 = chat.day_card(2)
    expect(day2.locator(".stop__name", has_text=kept)).to_be_visible()
    expect(day2.locator(".stop", has=chat.page.locator(".stop__name", has_text=kept))
           .locator(".tag", has_text="Kept")).to_be_visible()
    expect(rules).to_contain_text(kept)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_kept_stops_and_the_rule_list_pass_axe_and_fit_360_px(
    open_page: OpenPage, scheme: Scheme
) -> None:
    chat = open_page(color_scheme=scheme, viewport={"width": 360, "height": 780})
    chat.send("3 days in Rome, history and food, relaxed, cheap")
    day1 = chat.day_card(1)
    first = _names(day1)[0]
    _click(chat, day1.get_by_role("button", name=f"Keep {first}", exact=True))
    _click(chat, chat.day_card(2).get_by_role("button", name="More relaxed day 2"))
    expect(chat.itinerary.get_by_role("list", name="Kept when the plan changes")).to_contain_text(
        "Day 2: relaxed pace")
    assert chat.horizontal_overflow() == 0
    assert serious_violations(chat.page) == []


def test_a_per_day_cap_and_a_meal_wish_are_listed(open_page: OpenPage) -> None:
    chat = open_page()
    chat.send("3 days in Delhi, history and food, moderate pace, mid-range")
    before = chat.replies.count()
    chat.send("no more than two museums a day, and we're vegetarian")
    expect(chat.replies).to_have_count(before + 1)
    rules = chat.itinerary.get_by_role("list", name="Kept when the plan changes")
    expect(rules).to_contain_text("At most 2 museums a day")
    expect(rules).to_contain_text("Vegetarian meals")
