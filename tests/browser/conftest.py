"""Browser tests: the real Chromium against a live server, watched for problems.

The live server runs in another thread, so it sees only what is committed:
every test here runs on the committed content loaded at set-up, without a
transaction around it. Most tests only read; the database counts every write
(tests/support/database.py), and after a test that wrote (an editor saving in
admin, a factory making a guide, a login) the loaded content is restored, so
that each test starts from the same site a visitor sees.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connections
from django.test.testcases import LiveServerThread
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from tests.support.browser import (
    DEFAULT_VIEWPORT,
    FAILED,
    ReusedTabs,
    assert_no_problems,
    watched,
)
from tests.support.database import restore_content_if_written


def is_browser_test(item: pytest.Item) -> bool:
    return "tests/browser/" in item.nodeid


# A wrapper: the marks go on before any other plugin's hook sees the tests (so
# `-m browser` selects them); after pytest-django's sort (which puts the tests
# that expect the loaded content first), browser tests go last, in their own
# order, so that a transactional test elsewhere never runs among them.
@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> Iterator[None]:
    for item in items:
        if is_browser_test(item):
            item.add_marker(pytest.mark.browser)
    yield
    items.sort(key=is_browser_test)


@pytest.fixture(autouse=True)
def shared_database(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The committed content, for the test and the live server alike.

    Restored before the test if anything wrote since it was last whole (a
    transactional test elsewhere empties it), and after the test if the test
    wrote: so no test needs to say whether it writes, and none can leave its
    changes to the next.
    """
    with django_db_blocker.unblock():
        restore_content_if_written()
        yield
        restore_content_if_written()
        # As a transactional test does: no connection left open (PostgreSQL
        # could not drop the test database at the end).
        for connection in connections.all(initialized_only=True):
            connection.close()


# pytest-django would give a test that uses the live server (or asks for `db`,
# as the `editor` fixture does) a transaction-test wrapper that empties the
# database after it: here both are the shared database instead.
@pytest.fixture
def transactional_db(shared_database) -> None:
    return None


@pytest.fixture
def db(shared_database) -> None:
    return None


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    return live_server.url


@pytest.fixture
def tolerated_problems() -> tuple[str, ...]:
    """Parts of problem messages that `site` and `without_javascript` let
    pass; a module whose pages show an intended error status overrides it."""
    return ()


@pytest.fixture
def site(page: Page, live_server, tolerated_problems) -> Iterator[Page]:
    """A page that fails the test on anything `watched` collects."""
    with watched(page, live_server.url) as problems:
        yield page
    assert_no_problems(problems, tolerated_problems)


@pytest.fixture
def without_javascript(
    request: pytest.FixtureRequest, reused_tabs: ReusedTabs, live_server, tolerated_problems
) -> Iterator[Page]:
    """As `site`, in a browser with JavaScript switched off."""
    with (
        reused_tabs.lend(request, javascript=False) as tab,
        watched(tab, live_server.url) as problems,
    ):
        yield tab
    assert_no_problems(problems, tolerated_problems)


@pytest.fixture
def second_browser(browser: Browser, live_server) -> Iterator[Page]:
    """Another browser with its own cookies: a second editor's, or a publisher's."""
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    with watched(page, live_server.url) as problems:
        yield page
    context.close()
    assert_no_problems(problems, ())


@pytest.fixture(params=["with JavaScript", "without JavaScript"])
def visitor(request: pytest.FixtureRequest) -> Page:
    """The test runs twice: with JavaScript (`site`) and without it."""
    if request.param == "with JavaScript":
        return request.getfixturevalue("site")
    return request.getfixturevalue("without_javascript")


# One tab per worker, lent to test after test --------------------------------------


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item) -> Iterator[pytest.TestReport]:
    report = yield
    if report.failed:
        item.stash[FAILED] = True
    return report


@pytest.fixture(scope="session")
def reused_tabs(browser: Browser, browser_context_args: dict) -> Iterator[ReusedTabs]:
    tabs = ReusedTabs(browser, {**browser_context_args, "viewport": DEFAULT_VIEWPORT})
    yield tabs
    tabs.close()


@pytest.fixture
def page(request: pytest.FixtureRequest, reused_tabs: ReusedTabs) -> Iterator[Page]:
    """pytest-playwright's `page`, but the worker's tab with JavaScript, lent."""
    with reused_tabs.lend(request, javascript=True) as tab:
        yield tab


# Chromium and the live server ----------------------------------------------------

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Drive Debian's Chromium: Playwright cannot download its own here."""
    if not CHROMIUM.exists():
        reason = f"Chromium is not at {CHROMIUM}: install it with 'apt-get install -y chromium'."
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_FLAGS}


def through_middleware(application):
    """Serve static files the way production does: whitenoise, hashed names."""
    return application


class ProductionLikeLiveServer(LiveServer):
    """pytest-django's live server, with static files served by whitenoise.

    Django's test static handler looks files up by their source names and so
    cannot serve the hashed names that pages link to.
    """

    def __init__(self, addr: str) -> None:
        super().__init__(addr, start=False)
        self.thread = LiveServerThread(
            self.thread.host,
            static_handler=through_middleware,
            connections_override=self.thread.connections_override,
            port=self.thread.port,
        )
        self.thread.daemon = True
        self.start()


@pytest.fixture(scope="session")
def live_server(request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    server = ProductionLikeLiveServer("localhost")
    yield server
    server.stop()
