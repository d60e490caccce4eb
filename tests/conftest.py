"""Fixtures shared by every test module."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from django.test import Client
from hypothesis import settings as hypothesis_settings

from tests.support.clients import EDITOR_PASSWORD, make_client
from tests.support.database import save_content

# Property tests keep no example database on disk: runs stay independent of
# each other (and of parallel runs in the same folder).
hypothesis_settings.register_profile("project", database=None, deadline=None)
hypothesis_settings.load_profile("project")


def pytest_configure(config: pytest.Config) -> None:
    # Logins in tests need no protection against guessing, only speed: the
    # default hasher takes a good fraction of a second on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Fixtures that only browser tests may use: the live server makes a test
# transactional, and Playwright's (a parameter named `page` takes its fixture)
# are parametrized per browser, so pytest would move the test, and every
# browser test with it, among the tests that expect the loaded content.
BROWSER_FIXTURES = frozenset({"live_server", "page", "browser", "browser_name", "context"})


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
        and BROWSER_FIXTURES & set(getattr(item, "fixturenames", ()))
    ]
    if strays:
        raise pytest.UsageError(
            "Only tests in tests/browser/ may use live_server or Playwright's fixtures "
            "(is a parameter called `page`?): " + ", ".join(strays)
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


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Each test starts with an empty cache: cached pages and lookups from an
    earlier test's (rolled back) data must not leak into the next. Nor may
    an earlier test's scheduled publication: each test starts with none."""
    from content.scheduling import know_nothing_is_due

    cache.clear()
    know_nothing_is_due()


@pytest.fixture
def client() -> Client:
    return make_client()


@pytest.fixture
def editor(db) -> User:
    """A staff user in the Editors group, as `make editor` creates."""
    from content.editors import sync_editors_group

    user = User.objects.create_user("editor-in-test", password=EDITOR_PASSWORD, is_staff=True)
    user.groups.add(sync_editors_group())
    return user


@pytest.fixture
def editor_client(editor) -> Client:
    client = make_client()
    client.force_login(editor)
    return client


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> None:
    """The test database as `make run` leaves it: migrated, then the content loaded."""
    with django_db_blocker.unblock():
        call_command("loadcontent", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        for connection in connections.all(initialized_only=True):
            # For a transactional test with serialized_rollback (browser
            # tests restore it their own, quicker way).
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
            save_content(connection)


@pytest.fixture(scope="session", autouse=True)
def collected_static_files() -> None:
    """Pages name their CSS and JS by content hash, from the collected manifest."""
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
