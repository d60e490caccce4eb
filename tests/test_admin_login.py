"""Guessing an editor's password is throttled: repeated failures lock the login."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "the right password for this test 7"


@pytest.fixture
def editor() -> User:
    return User.objects.create_user("locked-editor", password=PASSWORD, is_staff=True)


def log_in(client, password: str):
    return client.post(
        "/admin/login/?next=/admin/", {"username": "locked-editor", "password": password}
    )


def test_a_wrong_password_shows_the_login_form_again(client, editor):
    response = log_in(client, "wrong")
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.content.decode()


def test_repeated_failures_lock_the_login_even_for_the_right_password(client, editor):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong")
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_speaks_norwegian_to_a_norwegian_browser(client, editor):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong")
    response = client.post(
        "/admin/login/",
        {"username": "locked-editor", "password": PASSWORD},
        headers={"accept-language": "nb"},
    )
    assert "For mange mislykkede innlogginger" in response.content.decode()


def test_a_successful_login_before_the_limit_resets_the_count(client, editor):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD).status_code == 302
