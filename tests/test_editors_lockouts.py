"""A locked login is lifted by a publisher in admin, or by `manage.py unlock`;
the lockout page sends the editor to a publisher, not to another editor."""

import io

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command

from content.editors import sync_publishers_group
from tests.support.clients import make_client

pytestmark = pytest.mark.django_db

PASSWORD = "the right password for this test 8"


@pytest.fixture
def locked_editor() -> User:
    user = User.objects.create_user("locked-editor", password=PASSWORD, is_staff=True)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(make_client(), "wrong")
    return user


@pytest.fixture
def publisher_client():
    user = User.objects.create_user("publisher", password=PASSWORD, is_staff=True)
    user.groups.add(sync_publishers_group())
    client = make_client()
    client.force_login(user)
    return client


def log_in(client, password: str):
    return client.post(
        "/admin/login/?next=/admin/", {"username": "locked-editor", "password": password}
    )


def test_the_lockout_page_sends_the_editor_to_a_publisher(locked_editor):
    page = log_in(make_client(), PASSWORD).content.decode()
    assert "ask a publisher to unlock it" in page
    assert "another editor" not in page


def test_the_unlock_command_lifts_the_lock(locked_editor):
    assert log_in(make_client(), PASSWORD).status_code == 429
    output = io.StringIO()
    call_command("unlock", "locked-editor", stdout=output)
    assert "Unlocked 'locked-editor'" in output.getvalue()
    assert log_in(make_client(), PASSWORD).status_code == 302


def test_the_unlock_command_says_when_nothing_was_locked(db):
    output = io.StringIO()
    call_command("unlock", "nobody", stdout=output)
    assert "'nobody' was not locked" in output.getvalue()


def test_a_publisher_unlocks_a_login_in_admin(locked_editor, publisher_client):
    attempts = publisher_client.get("/admin/axes/accessattempt/")
    assert attempts.status_code == 200
    assert "locked-editor" in attempts.content.decode()
    ids = list(AccessAttempt.objects.filter(username="locked-editor").values_list("pk", flat=True))
    publisher_client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert log_in(make_client(), PASSWORD).status_code == 302


def test_an_editor_cannot_see_the_failed_logins(editor_client):
    assert editor_client.get("/admin/axes/accessattempt/").status_code == 403
