"""A traveller's path through the page: questions, a plan, an edit, exports, the keyboard.

Everything runs against the real app (memory store, offline language layer) on loopback;
place names are read from the page rather than assumed, so catalog changes do not break
these tests.
"""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.pages import ChatPage

pytestmark = pytest.mark.browser

OpenPage = Callable[..., ChatPage]
ONE_MESSAGE_TRIP = "3 days in Lisbon, we love food and viewpoints, slow pace"


def test_a_full_trip_from_first_message_to_itinerary(
    open_page: OpenPage, screenshots: Path
) -> None:
    chat = open_page()
    expect(chat.itinerary).to_contain_text("No itinerary yet")

    chat.page.get_by_role("button", name=re.compile(r"^Lisbon")).click()
    expect(chat.replies).to_have_count(2)
    expect(chat.user_messages.last).to_have_text("I'd like to visit Lisbon")
    expect(chat.page.get_by_text("Wayfarer asked a clarifying question")).to_be_visible()
    expect(chat.log.get_by_text("Question 1", exact=True)).to_be_visible()
    expect(chat.chip("City")).to_contain_text("Lisbon")

    for answer in ("4 days", "food and viewpoints", "just plan it"):
        chat.send(answer)
        if chat.day_heading(1).is_visible():
            break
    expect(chat.day_heading(1)).to_be_visible()
    expect(chat.itinerary.get_by_role("article")).to_have_count(4)
    expect(chat.day_heading(4)).to_be_visible()
    expect(chat.page.locator("#question")).to_be_hidden()

    expect(chat.chip("Days")).to_contain_text("4 days")
    expect(chat.chip("Interests")).to_contain_text("Food and viewpoints")
    expect(chat.chip("Pace")).to_contain_text("assumed")
    expect(chat.chip("Days")).not_to_contain_text("assumed")

    day_one = chat.day_card(1)
    expect(day_one.get_by_role("img", name=re.compile("Route sketch for day 1"))).to_be_visible()
    expect(day_one.locator(".stop").first).to_contain_text(re.compile(r"\d\d:\d\d\u2013\d\d:\d\d"))
    expect(day_one.locator(".tag--meal").first).to_have_text(re.compile("Breakfast|Lunch|Dinner"))
    assert chat.page.get_by_role("button", name="Calendar (.ics)").is_enabled()
    chat.page.screenshot(path=str(screenshots / "desktop-light.png"))


def test_an_edit_is_applied_and_highlighted(open_page: OpenPage) -> None:
    chat = open_page()
    chat.send(ONE_MESSAGE_TRIP)
    expect(chat.day_heading(1)).to_be_visible()
    expect(chat.page.locator("#change")).to_be_hidden()
    target = chat.day_card(2).locator(".stop:not(.stop--meal) .stop__name").first.inner_text()

    chat.send(f"replace {target} with a museum")
    change = chat.page.locator("#change")
    expect(change).to_be_visible()
    expect(change).to_contain_text(f"Replaced {target}")
    expect(chat.itinerary.locator(".stop__name", has_text=target)).to_have_count(0)
    changed_stop = chat.itinerary.locator(".stop--changed")
    expect(changed_stop).to_have_count(1)
    expect(changed_stop.locator(".tag--changed")).to_have_text("Changed")
    expect(chat.itinerary.locator(".day--changed").get_by_text("Updated")).to_be_visible()


def test_an_assumed_chip_changes_the_plan_from_a_click(open_page: OpenPage) -> None:
    chat = open_page()
    chat.send("3 days in Lisbon, food and viewpoints")
    if not chat.day_heading(1).is_visible():
        chat.send("just plan it")
    pace = chat.chip("Pace")
    expect(pace).to_contain_text("assumed")
    pace.click()
    editor = chat.page.get_by_role("group", name="What pace suits you?")
    expect(editor).to_be_visible()
    before = chat.replies.count()
    editor.get_by_role("button", name="Relaxed").click()
    expect(chat.replies).to_have_count(before + 1)
    expect(chat.user_messages.last).to_have_text("Make the pace relaxed")
    expect(chat.chip("Pace")).to_contain_text("Relaxed")
    expect(chat.chip("Pace")).not_to_contain_text("assumed")
    expect(editor).to_be_hidden()


def test_reload_resumes_the_conversation(open_page: OpenPage) -> None:
    chat = open_page()
    chat.send(ONE_MESSAGE_TRIP)
    expect(chat.day_heading(3)).to_be_visible()
    session = chat.session_id()
    messages = chat.log.locator(".msg").count()
    first_stop = chat.day_card(1).locator(".stop__name").first.inner_text()

    chat.reload()
    assert chat.session_id() == session
    expect(chat.log.locator(".msg")).to_have_count(messages)
    expect(chat.day_heading(3)).to_be_visible()
    expect(chat.day_card(1).locator(".stop__name").first).to_have_text(first_stop)
    chat.send("swap day 2 and 3")
    expect(chat.page.locator("#change")).to_contain_text("Swapped days 2 and 3")


def test_exports_download_calendar_and_markdown(open_page: OpenPage) -> None:
    chat = open_page()
    calendar = chat.page.get_by_role("button", name="Calendar (.ics)")
    markdown = chat.page.get_by_role("button", name="Markdown")
    expect(calendar).to_be_disabled()
    chat.send(ONE_MESSAGE_TRIP)
    expect(calendar).to_be_enabled()

    with chat.page.expect_download() as ics:
        calendar.click()
    assert ics.value.suggested_filename.endswith(".ics")
    body = Path(ics.value.path()).read_text(encoding="utf-8")
    assert body.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in body

    with chat.page.expect_download() as md:
        markdown.click()
    assert md.value.suggested_filename.endswith(".md")
    text = Path(md.value.path()).read_text(encoding="utf-8")
    assert "Lisbon" in text and "Day 1" in text


def test_markup_in_a_message_is_shown_literally(open_page: OpenPage) -> None:
    chat = open_page()
    hostile = (
        '<script>window.__owned = 1</script><img src=x onerror="window.__owned = 2">'
        "<b>bold</b> 2 days in Lisbon"
    )
    chat.send(hostile)
    expect(chat.user_messages.last).to_have_text(hostile)
    assert chat.page.evaluate("window.__owned") is None
    assert chat.log.locator("script, img, b").count() == 0
    chat.reload()
    expect(chat.user_messages.first).to_have_text(hostile)
    assert chat.log.locator("script, img, b").count() == 0
    assert chat.page.evaluate("window.__owned") is None


def test_the_keyboard_alone_drives_the_chat(open_page: OpenPage) -> None:
    chat = open_page()
    keyboard = chat.page.keyboard
    expect(chat.message_box).to_be_focused()
    typed = "3 days in Lisbon,\nfood and viewpoints, slow pace"
    keyboard.type("3 days in Lisbon,")
    keyboard.press("Shift+Enter")
    keyboard.type("food and viewpoints, slow pace")
    expect(chat.message_box).to_have_value(typed)
    expect(chat.user_messages).to_have_count(0)

    # A turn can finish faster than a poll, so record the composer's states as they change.
    chat.page.evaluate(
        """() => {
            const box = document.getElementById("message");
            window.__composerStates = [];
            new MutationObserver(() => window.__composerStates.push(box.disabled))
                .observe(box, {attributes: true, attributeFilter: ["disabled"]});
        }"""
    )
    with chat.page.expect_response(lambda r: r.url.endswith("/messages")) as turn:
        keyboard.press("Enter")
    assert turn.value.request.headers["accept"] == "text/event-stream"
    assert turn.value.headers["content-type"].startswith("text/event-stream")
    expect(chat.day_heading(1)).to_be_visible()
    expect(chat.message_box).to_be_enabled()
    expect(chat.message_box).to_be_focused()
    assert chat.page.evaluate("window.__composerStates")[:1] == [True]
    expect(chat.user_messages.last).to_have_text(typed)

    # Tab from the composer reaches the trip pane's controls; a chip's editor opens with
    # Enter, takes focus, and Escape returns focus to the chip.
    chip = chat.chip("Pace")
    for _ in range(12):
        keyboard.press("Tab")
        if chip.evaluate("el => el === document.activeElement"):
            break
    expect(chip).to_be_focused()
    keyboard.press("Enter")
    editor = chat.page.get_by_role("group", name="What pace suits you?")
    expect(editor.get_by_role("button", name="Relaxed")).to_be_focused()
    keyboard.press("Escape")
    expect(editor).to_be_hidden()
    expect(chip).to_be_focused()


def test_the_live_log_keeps_old_messages_and_adds_new_ones(open_page: OpenPage) -> None:
    """Screen readers announce additions to the log: earlier bubbles must not be redrawn."""
    chat = open_page()
    expect(chat.log).to_have_attribute("aria-live", "polite")
    chat.log.locator(".msg").first.evaluate("el => { el.dataset.probe = 'greeting'; }")
    chat.send("I'd like to visit Lisbon")
    mine = chat.log.locator(".msg").nth(1)
    mine.evaluate("el => { el.dataset.probe = 'mine'; }")
    chat.send("4 days")
    items = chat.log.locator(".msg")
    expect(items).to_have_count(5)
    expect(items.nth(0)).to_have_attribute("data-probe", "greeting")
    expect(items.nth(1)).to_have_attribute("data-probe", "mine")
    expect(chat.log).to_have_attribute("aria-busy", "false")


def test_the_export_offered_in_the_chat_is_a_link_that_downloads(open_page: OpenPage) -> None:
    chat = open_page()
    chat.send(ONE_MESSAGE_TRIP)
    chat.send("export it as a calendar file")
    link = chat.log.get_by_role("link", name="Download the calendar file (.ics)")
    expect(link).to_be_visible()
    with chat.page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".ics")
