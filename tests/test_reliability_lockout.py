"""A login lockout nobody can abuse: failures count per real client address
behind the proxies, whatever a client writes in X-Forwarded-For; one user
name at one address is locked, never the editor everywhere; spraying many
user names from one address locks that address; and a command lifts locks."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core.management import call_command

from config.settings import client_address_settings

pytestmark = pytest.mark.django_db

PASSWORD = "the editor's own long password 31"
ATTACKER = "81.2.69.160"
EDITOR_AT_HOME = "185.15.59.224"
CDN = "104.16.0.1"
PROXY = "127.0.0.1"  # nginx on the app host


@pytest.fixture
def editor() -> User:
    return User.objects.create_user("editor-lockout", password=PASSWORD, is_staff=True)


@pytest.fixture
def behind(settings):
    """Sets the number of proxies in front, as DJANGO_PROXY_COUNT does."""

    def proxies(count: int) -> None:
        order, ipware_count = client_address_settings(count)
        settings.AXES_IPWARE_META_PRECEDENCE_ORDER = order
        settings.AXES_IPWARE_PROXY_COUNT = ipware_count

    return proxies


def log_in(client, username: str, password: str, forwarded_for: str | None, remote: str = PROXY):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for is not None else {}
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        headers=headers,
        REMOTE_ADDR=remote,
    )


def spoofed(number: int, real: str) -> str:
    """What nginx passes on when a client sent its own X-Forwarded-For: the
    client's made-up chain, then the address nginx saw."""
    return f"10.0.{number}.1, 203.0.113.{number}, {real}"


def test_behind_one_proxy_the_attackers_real_address_is_locked_whatever_it_claims(
    client, editor, behind
):
    behind(1)
    for attempt in range(django_settings.AXES_FAILURE_LIMIT):
        log_in(client, editor.username, "wrong", spoofed(attempt, ATTACKER))
    response = log_in(client, editor.username, PASSWORD, spoofed(99, ATTACKER))
    assert response.status_code == 429


def test_behind_one_proxy_the_editor_elsewhere_still_logs_in(client, editor, behind):
    behind(1)
    for attempt in range(django_settings.AXES_FAILURE_LIMIT * 2):
        log_in(client, editor.username, "wrong", spoofed(attempt, ATTACKER))
    response = log_in(client, editor.username, PASSWORD, EDITOR_AT_HOME)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_an_attacker_cannot_lock_out_the_editor_by_claiming_the_editors_address(
    client, editor, behind
):
    behind(1)
    for _attempt in range(django_settings.AXES_FAILURE_LIMIT * 2):
        log_in(client, editor.username, "wrong", f"{EDITOR_AT_HOME}, {ATTACKER}")
    assert log_in(client, editor.username, PASSWORD, EDITOR_AT_HOME).status_code == 302


def test_behind_two_proxies_the_client_is_the_address_the_first_proxy_saw(client, editor, behind):
    behind(2)
    for attempt in range(django_settings.AXES_FAILURE_LIMIT):
        log_in(client, editor.username, "wrong", f"{spoofed(attempt, ATTACKER)}, {CDN}")
    assert log_in(client, editor.username, PASSWORD, f"{ATTACKER}, {CDN}").status_code == 429
    assert log_in(client, editor.username, PASSWORD, f"{EDITOR_AT_HOME}, {CDN}").status_code == 302


def test_without_proxies_x_forwarded_for_is_ignored(client, editor, behind):
    behind(0)
    for attempt in range(django_settings.AXES_FAILURE_LIMIT):
        log_in(client, editor.username, "wrong", f"198.51.100.{attempt}", remote=ATTACKER)
    response = log_in(client, editor.username, PASSWORD, EDITOR_AT_HOME, remote=ATTACKER)
    assert response.status_code == 429
    assert log_in(client, editor.username, PASSWORD, None, remote=EDITOR_AT_HOME).status_code == 302


def test_a_locked_user_name_leaves_other_names_at_the_same_address_alone(client, editor, behind):
    behind(1)
    colleague = User.objects.create_user("colleague", password=PASSWORD, is_staff=True)
    for _attempt in range(django_settings.AXES_FAILURE_LIMIT):
        log_in(client, editor.username, "wrong", ATTACKER)
    assert log_in(client, editor.username, PASSWORD, ATTACKER).status_code == 429
    assert log_in(client, colleague.username, PASSWORD, ATTACKER).status_code == 302


def test_password_spraying_from_one_address_locks_that_address(client, editor, behind):
    behind(1)
    limit = django_settings.LOGIN_ADDRESS_FAILURE_LIMIT
    names = [f"guessed-name-{number}" for number in range(limit)]
    for number, name in enumerate(names[:-1]):
        response = log_in(client, name, "Summer2026!", spoofed(number, ATTACKER))
        assert response.status_code == 200  # each name fails once, far below its own limit
    assert log_in(client, names[-1], "Summer2026!", ATTACKER).status_code == 429
    assert log_in(client, editor.username, PASSWORD, ATTACKER).status_code == 429
    assert log_in(client, editor.username, PASSWORD, EDITOR_AT_HOME).status_code == 302


def test_the_unlock_command_lifts_every_lock(client, editor, behind):
    behind(1)
    for _attempt in range(django_settings.AXES_FAILURE_LIMIT):
        log_in(client, editor.username, "wrong", ATTACKER)
    assert log_in(client, editor.username, PASSWORD, ATTACKER).status_code == 429
    call_command("axes_reset", verbosity=0)
    assert log_in(client, editor.username, PASSWORD, ATTACKER).status_code == 302


def test_one_user_names_locks_can_be_lifted_alone(client, editor, behind):
    behind(1)
    for _attempt in range(django_settings.AXES_FAILURE_LIMIT):
        log_in(client, editor.username, "wrong", ATTACKER)
    call_command("axes_reset_username", editor.username, verbosity=0)
    assert log_in(client, editor.username, PASSWORD, ATTACKER).status_code == 302


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        ("0", "('REMOTE_ADDR',) None"),
        ("1", "('HTTP_X_FORWARDED_FOR', 'REMOTE_ADDR') 0"),
        ("2", "('HTTP_X_FORWARDED_FOR', 'REMOTE_ADDR') 1"),
    ],
)
def test_django_proxy_count_sets_where_the_client_address_is_read(count, expected):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.AXES_IPWARE_META_PRECEDENCE_ORDER, s.AXES_IPWARE_PROXY_COUNT)",
        ],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_PROXY_COUNT": count,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == expected


def test_a_negative_proxy_count_stops_start_up():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_PROXY_COUNT": "-1"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "DJANGO_PROXY_COUNT must be 0 or more" in result.stderr
