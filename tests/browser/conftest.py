"""Browser tests: the real Chromium against a live server, watched for problems.

Every test here runs in a transaction that is really committed (the server runs
in another thread), and the content loaded at set-up is restored after
each test, so tests see the same site a visitor does.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test.testcases import LiveServerThread
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from tests.support.browser import watched


# tryfirst: before pytest-django's own (also tryfirst, but registered earlier)
# sorts the tests, so that it sees every browser test as transactional and
# runs it after the tests that expect the loaded content, never among them.
@pytest.hookimpl(tryfirst=True)
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

    from tests.support.database import SERIALIZED_CONTENTS

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


@pytest.fixture
def site(page: Page, live_server) -> Iterator[Page]:
    """A page that fails the test on anything `watched` collects."""
    problems = watched(page, live_server.url)
    yield page
    assert problems == []


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
