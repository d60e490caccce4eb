"""Fixtures shared by every test module."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.core.signals import setting_changed
from django.db import connections
from django.test import Client
from django.test.client import ClientHandler
from django.test.testcases import LiveServerThread
from hypothesis import settings as hypothesis_settings
from pytest_django.live_server_helper import LiveServer

LANGUAGES = ("en", "nb")

# Property tests keep no example database on disk: runs stay independent of
# each other (and of parallel runs in the same folder).
hypothesis_settings.register_profile("project", database=None, deadline=None)
hypothesis_settings.load_profile("project")

# Every public page, without its language prefix. The security-header,
# translation, budget, robustness and accessibility tests walk all of them in
# both languages: a new page belongs here.
PUBLIC_PATHS = [
    "/",
    "/guides/",
    "/guides/national-insurance-scheme/",
    "/search/",
    "/search/?q=S1",
    "/agreements/",
    "/agreements/pl/",
    "/agreements/se/",
    "/agreements/us/",
    "/agreements/ch/",
    "/agreements/gb/",
    "/agreements/br/",  # a country without an agreement
    "/agreements/agreement/united-states/",
    "/checklist/",
    # Every question, then two results (with and without going abroad).
    "/checklist/citizenship/",
    "/checklist/residence/?citizenship=pl",
    "/checklist/stay/?citizenship=pl&residence=no",
    "/checklist/work/?citizenship=pl&residence=no&stay=12-months-or-more",
    "/checklist/nav_benefit/?citizenship=pl&residence=pl&work=employee",
    "/checklist/pension/?citizenship=se&residence=no&stay=12-months-or-more&work=retired",
    "/checklist/children/?citizenship=pl&residence=no&stay=12-months-or-more&work=employee",
    "/checklist/single_parent/?citizenship=pl&residence=no&stay=12-months-or-more"
    "&work=employee&children=3-7",
    "/checklist/abroad/?citizenship=pl&residence=no&stay=12-months-or-more&work=employee"
    "&children=none",
    "/checklist/result/?citizenship=pl&residence=pl&work=employee&nav_benefit=no"
    "&children=3-7&single_parent=no",
    "/checklist/result/?citizenship=us&residence=no&stay=12-months-or-more&work=employee"
    "&children=1-2&single_parent=yes&abroad=th",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Only browser tests may be transactional.

    A transactional test empties the database when it ends (the next one
    restores the content), so pytest-django runs them after all the others.
    A test elsewhere that pulled in `live_server`, say through one of
    pytest-playwright's fixtures, would join them unseen and could leave the
    tests after it without guides or the Editors group: fail at collection.
    """
    strays = [
        item.nodeid
        for item in items
        if "tests/browser/" not in item.nodeid
        and "live_server" in getattr(item, "fixturenames", ())
    ]
    if strays:
        raise pytest.UsageError(
            "Only tests in tests/browser/ may use live_server: " + ", ".join(strays)
        )


# Figures measured by tests/test_budgets.py, printed at the end of the run.
# They travel as the test report's user properties, so that they reach the
# main process when pytest-xdist runs tests in workers.
BUDGET_FIGURES: list[tuple[str, int, int]] = []


@pytest.fixture
def budget_figure(request: pytest.FixtureRequest):
    """Records a measured figure beside its budget for the end-of-run summary."""

    def record(name: str, figure: int, budget: int) -> None:
        request.node.user_properties.append(("budget", (name, figure, budget)))

    return record


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call":
        BUDGET_FIGURES.extend(
            tuple(value) for key, value in report.user_properties if key == "budget"
        )


def pytest_terminal_summary(terminalreporter) -> None:
    if BUDGET_FIGURES:
        terminalreporter.section("budgets (figure / budget)")
        for name, figure, budget in sorted(BUDGET_FIGURES):
            terminalreporter.write_line(f"{figure:>7} / {budget:<7} {name}")


def public_urls() -> list[str]:
    return [f"/{language}{path}" for path in PUBLIC_PATHS for language in LANGUAGES]


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Each test starts with an empty cache: cached pages and lookups from an
    earlier test's (rolled back) data must not leak into the next."""
    cache.clear()


# One request handler for every test client: building a handler loads the
# middleware, and WhiteNoise then indexes every collected static file (about
# half a second), which thousands of tests need not repeat. A changed setting
# (the `settings` fixture) makes the next request build a new one, as
# middleware read settings only once.
_shared_handler: ClientHandler | None = None


def _forget_shared_handler(**kwargs) -> None:
    global _shared_handler
    _shared_handler = None


setting_changed.connect(_forget_shared_handler)


def _through_shared_handler(environ: dict):
    global _shared_handler
    if _shared_handler is None:
        _shared_handler = ClientHandler(enforce_csrf_checks=False)
    return _shared_handler(environ)


def make_client(**kwargs) -> Client:
    """A Django test client (same arguments) that uses the shared handler."""
    client = Client(**kwargs)
    if not client.handler.enforce_csrf_checks:
        client.handler = _through_shared_handler
    return client


@pytest.fixture
def client() -> Client:
    return make_client()


EDITOR_PASSWORD = "a long test password 42"


@pytest.fixture
def editor(db) -> User:
    """A staff user in the Editors group, as `make editor` creates."""
    from guidance.editors import sync_editors_group

    user = User.objects.create_user("editor-in-test", password=EDITOR_PASSWORD, is_staff=True)
    user.groups.add(sync_editors_group())
    return user


@pytest.fixture
def editor_client(editor) -> Client:
    client = make_client()
    client.force_login(editor)
    return client


# The database content after migrations (guides, agreements …), kept so that
# browser tests can restore it after each test; see tests/browser/conftest.py.
SERIALIZED_CONTENTS: dict[str, str] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> None:
    for connection in connections.all(initialized_only=True):
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            SERIALIZED_CONTENTS[connection.alias] = contents


@pytest.fixture(scope="session", autouse=True)
def collected_static_files() -> None:
    """Pages name their CSS and JS by content hash, from the collected manifest."""
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)


# Browser tests ---------------------------------------------------------------

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
