"""Helpers for browser tests: tabs lent from test to test, watching a page for
problems, axe, logging in."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import Browser, ConsoleMessage, Cookie, Error, Page, Route, ViewportSize

from tests.support.clients import EDITOR_PASSWORD

_axe = Axe()


@contextmanager
def watched(page: Page, origin: str) -> Iterator[list[str]]:
    """Collects every console error or warning, script error and request to
    another origin on the page (the site promises it makes none); such
    requests are also refused. Stops watching on leaving the block, so that the
    next test can borrow the same tab.

    Only addresses outside the origin are routed: a route that matched every
    request would send each of the site's own through Python and back."""
    problems: list[str] = []
    elsewhere = re.compile(rf"^(?!{re.escape(origin)}/|data:)")

    def refuse(route: Route) -> None:
        problems.append(f"request to another origin: {route.request.url}")
        route.abort()

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            problems.append(f"console {message.type}: {message.text}")

    def on_page_error(error: Error) -> None:
        problems.append(f"script error: {error}")

    page.route(elsewhere, refuse)
    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    try:
        yield problems
    finally:
        if not page.is_closed():
            page.remove_listener("console", on_console)
            page.remove_listener("pageerror", on_page_error)
            page.unroute(elsewhere, refuse)


def assert_no_problems(problems: list[str], tolerated: tuple[str, ...]) -> None:
    assert [problem for problem in problems if not any(part in problem for part in tolerated)] == []


def assert_accessible(page: Page) -> None:
    """axe-core, all rules it runs by default (WCAG 2.2 A and AA and best practice)."""
    results = _axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def assert_part_accessible(page: Page, selector: str) -> None:
    """axe-core's rules on one part of the page only: for pages whose other
    parts are the same template as a page already checked in full."""
    results = _axe.run(page, context={"include": [[selector]]})
    assert results.violations_count == 0, results.generate_report()


# The rules whose outcome depends on colours alone: text contrast, and links
# told from the text around them by colour.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def assert_colours_accessible(page: Page) -> None:
    """axe-core's colour rules only: for a page already checked in full whose
    colours have changed and nothing else (test_dark_mode_in_browser.py checks
    that the dark scheme changes nothing else)."""
    results = _axe.run(page, options={"runOnly": COLOUR_RULES, "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()


def log_in_through_the_form(page: Page, user: User) -> None:
    """Logs in through admin's login form, as an editor does."""
    page.goto("/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def log_in_to_admin(page: Page, user: User) -> None:
    """Signs the user in and opens admin's index. The session is made as
    Django's test client makes one, and handed to the browser as its cookie:
    the form itself is tested in test_site_in_browser.py, and filling it in
    for every test cost two page loads each time."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie: Cookie = {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "domain": "localhost",  # the live server's host
        "path": "/",
        "httpOnly": True,
        "secure": settings.SESSION_COOKIE_SECURE,
        "sameSite": "Lax",
    }
    page.context.add_cookies([cookie])
    page.goto("/admin/")


class ReusedTabs:
    """A tab in a fresh browser context costs Chromium a new renderer, and the
    page's scripts, styles and axe are fetched and compiled again: most of a
    browser test's time on this machine (0.8 s a page against 0.3 s in a tab
    kept open). So each worker keeps one tab with JavaScript and one without,
    and puts it back as a new one would be between tests: no cookies, no
    permissions, no routes, the default window and colours, a blank page. A
    test that fails gives its tab up, so that whatever state it left cannot
    touch the next one.
    """

    def __init__(self, browser: Browser, context_args: dict) -> None:
        self.browser = browser
        self.context_args = context_args
        self.tabs: dict[bool, Page] = {}

    @contextmanager
    def lend(self, request: pytest.FixtureRequest, *, javascript: bool) -> Iterator[Page]:
        tab = self.tabs.get(javascript)
        if tab is None or tab.is_closed():
            context = self.browser.new_context(**self.context_args, java_script_enabled=javascript)
            tab = self.tabs[javascript] = context.new_page()
        yield tab
        if request.node.stash.get(FAILED, False) or tab.is_closed():
            self.give_up(javascript)
        else:
            self.put_back(tab)

    @staticmethod
    def put_back(tab: Page) -> None:
        tab.unroute_all(behavior="ignoreErrors")
        tab.context.clear_cookies()
        tab.context.clear_permissions()
        tab.set_viewport_size(DEFAULT_VIEWPORT)
        tab.emulate_media(media="null", color_scheme="light")
        tab.goto("about:blank")

    def give_up(self, javascript: bool) -> None:
        tab = self.tabs.pop(javascript, None)
        if tab is not None:
            tab.context.close()

    def close(self) -> None:
        for javascript in list(self.tabs):
            self.give_up(javascript)


FAILED = pytest.StashKey[bool]()
DEFAULT_VIEWPORT = ViewportSize(width=1280, height=720)  # Playwright's own default
