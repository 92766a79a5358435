"""Browser fixtures: Debian's chromium driven by Playwright for Python (sync API).

The browser is the OS package at ``/usr/bin/chromium`` (``.ci/run`` installs it); Playwright
never downloads one. Without it these tests skip with the reason, except under ``CI``
where a missing browser fails the run. Each test gets a fresh browser context (no shared
localStorage) against its own live server from ``tests/conftest.py``.
"""

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal

import pytest
from playwright.sync_api import Browser, BrowserContext, ViewportSize

from tests.browser.pages import ChatPage
from tests.support import LiveServer, in_ci

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 860}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
# The browser logs every non-2xx response as a console error; those are expected here
# (expired sessions, 422, 429). Anything else in the console is a bug in the page.
_NETWORK_NOISE = re.compile(r"^Failed to load resource: the server responded with a status of")
# With ``network_errors=True`` (a test that makes a host unreachable on purpose), the
# browser's own line for each failed request is expected too.
_UNREACHABLE = re.compile(r"^Failed to load resource: net::ERR_")


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One headless chromium for the browser tests (package scope: closed before others run)."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does)"
        if in_ci():
            pytest.fail(f"CI needs a real browser: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser: Browser, server: LiveServer) -> Iterator[Callable[..., ChatPage]]:
    """A factory: ``open_page(viewport=..., color_scheme=..., at=...)`` -> a loaded ChatPage
    on ``server`` (or on the LiveServer ``at``; ``load=False`` skips waiting for the chat;
    ``network_errors=True`` tolerates the browser's own lines for unreachable hosts).

    At teardown, fails the test if the page logged a script error or a CSP violation.
    """
    contexts: list[BrowserContext] = []
    problems: list[str] = []

    def open_(
        viewport: ViewportSize | None = None,
        color_scheme: Literal["light", "dark"] = "light",
        at: LiveServer | None = None,
        load: bool = True,
        network_errors: bool = False,
    ) -> ChatPage:
        base_url = (at or server).url
        context = browser.new_context(
            viewport=viewport or DESKTOP,
            color_scheme=color_scheme,
            base_url=base_url,
            accept_downloads=True,
            reduced_motion="reduce",
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
        page.on(
            "console",
            lambda msg: problems.append(f"console {msg.type}: {msg.text}")
            if msg.type in ("error", "warning") and not _NETWORK_NOISE.match(msg.text)
            and not (network_errors and _UNREACHABLE.match(msg.text))
            else None,
        )
        chat = ChatPage(page, base_url)
        if load:
            chat.open()
        return chat

    yield open_
    for context in contexts:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    """Where screenshots go: docs/screenshots/ (the README's) when
    ``UPDATE_SCREENSHOTS=1`` (``make screenshots``), else a temporary folder, so a test
    run leaves the work tree as it was."""
    if os.environ.get("UPDATE_SCREENSHOTS") != "1":
        return tmp_path
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
