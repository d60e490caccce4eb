"""Browser tests: the real Chromium against a live server, watched for problems.

Every test here runs in a transaction that is really committed (the server runs
in another thread), and the content from the data migrations is restored after
each test, so tests see the same site a visitor does.
"""

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from playwright.sync_api import Page, Route

from tests.conftest import EDITOR_PASSWORD

_axe = Axe()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


def give_connections_the_saved_content() -> None:
    """Give the connection this test uses the content saved at set-up.

    Django keeps the serialised content on the connection object, but once
    Playwright's event loop runs, tests get other connection objects (they are
    context-local), which lack it: after the first browser test flushed the
    database, nothing would be restored (and the flush would re-run
    post_migrate handlers whose rows then clash with the restored ones).
    """
    from django.db import connections

    from tests.conftest import SERIALIZED_CONTENTS

    for alias, contents in SERIALIZED_CONTENTS.items():
        connections[alias]._test_serialized_contents = contents


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    give_connections_the_saved_content()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    give_connections_the_saved_content()


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    return live_server.url


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


@pytest.fixture
def site(page: Page, live_server) -> Iterator[Page]:
    """A page that fails the test on anything `watched` collects."""
    problems = watched(page, live_server.url)
    yield page
    assert problems == []


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
