"""Helpers for browser tests: watching a page for problems, axe, logging in."""

from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from playwright.sync_api import Page, Route

from tests.support.clients import EDITOR_PASSWORD

_axe = Axe()


def watched(page: Page, origin: str) -> list[str]:
    """Collects every console error or warning, script error and request to
    another origin on the page (the site promises it makes none); such
    requests are also refused."""
    problems: list[str] = []

    def refuse_other_origins(route: Route) -> None:
        url = route.request.url
        if url.startswith(origin) or url.startswith("data:"):
            route.continue_()
        else:
            problems.append(f"request to another origin: {url}")
            route.abort()

    page.route("**/*", refuse_other_origins)
    page.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text}")
            if message.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    return problems


def assert_accessible(page: Page) -> None:
    """axe-core, all rules it runs by default (WCAG 2.2 A and AA and best practice)."""
    results = _axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def log_in_to_admin(page: Page, user: User) -> None:
    """Logs in through admin's login form, as an editor does."""
    page.goto("/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
