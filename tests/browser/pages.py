"""A page object for the chat page: the locators and steps the browser tests share.

Locators go by role and accessible name (what a screen-reader user would find), so the
tests also check that the page is labelled properly. Waits are on visible outcomes,
never on time.
"""

from playwright.sync_api import Locator, Page, expect

SESSION_KEY = "wayfarer.session_id"


class ChatPage:
    """The Wayfarer page in one browser tab."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url

    # ---- locators ----------------------------------------------------------------------

    @property
    def message_box(self) -> Locator:
        return self.page.get_by_role("textbox", name="Message")

    @property
    def send_button(self) -> Locator:
        return self.page.get_by_role("button", name="Send", exact=True)

    @property
    def log(self) -> Locator:
        return self.page.get_by_role("log", name="Messages")

    @property
    def replies(self) -> Locator:
        """Finished assistant messages (a reply still streaming is not counted)."""
        return self.log.locator(".msg--assistant:not(.msg--streaming) .msg__text")

    @property
    def user_messages(self) -> Locator:
        return self.log.locator(".msg--user .msg__text")

    @property
    def itinerary(self) -> Locator:
        return self.page.get_by_role("region", name="Itinerary")

    @property
    def alert(self) -> Locator:
        return self.page.get_by_role("alert")

    @property
    def notice(self) -> Locator:
        return self.page.locator("#notice")

    def day_heading(self, day: int) -> Locator:
        return self.itinerary.get_by_role("heading", name=f"Day {day}", exact=True)

    def day_card(self, day: int) -> Locator:
        return self.itinerary.get_by_role("article", name=f"Day {day}", exact=True)

    def chip(self, label: str) -> Locator:
        """The preference chip whose name starts with ``label`` ("Pace", "Days"...)."""
        return self.page.locator("#chips").get_by_role("button", name=label)

    # ---- steps -------------------------------------------------------------------------

    def open(self) -> None:
        """Load the page and wait until the conversation is ready for a message."""
        self.page.goto("/")
        expect(self.message_box).to_be_enabled()
        expect(self.replies.first).to_be_visible()

    def reload(self) -> None:
        self.page.reload()
        expect(self.message_box).to_be_enabled()
        expect(self.replies.first).to_be_visible()

    def send(self, text: str) -> str:
        """Type ``text``, press Enter, wait for the whole reply; returns the reply text."""
        before = self.replies.count()
        self.message_box.fill(text)
        self.message_box.press("Enter")
        expect(self.replies).to_have_count(before + 1)
        expect(self.message_box).to_be_enabled()
        return self.replies.last.inner_text()

    def session_id(self) -> str | None:
        value = self.page.evaluate(f"localStorage.getItem({SESSION_KEY!r})")
        return str(value) if value else None

    def set_session_id(self, session_id: str) -> None:
        self.page.evaluate(f"localStorage.setItem({SESSION_KEY!r}, {session_id!r})")

    def horizontal_overflow(self) -> int:
        """How many CSS pixels the page is wider than the viewport (0 when it fits)."""
        return int(self.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        ))
