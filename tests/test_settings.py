"""Settings come from the environment and refuse what they do not understand."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import env_bool, env_choice, env_int, env_list

PRODUCTION = {
    "DJANGO_SECRET_KEY": "production-like-key-3f9a8c7e6d5b4a39281706f5e4d3c2b1a0f9e8d7c6b5",
    "DJANGO_ALLOWED_HOSTS": "guide.example.org",
}


def run_django(code: str, **environment: str) -> subprocess.CompletedProcess:
    """Start Django in a fresh process with exactly these DJANGO_* variables."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    clean.pop("DATABASE_URL", None)
    clean.pop("REDIS_URL", None)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **environment},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_without_a_secret_key_stops_with_one_clear_line():
    result = run_django("pass")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Configuration error: set DJANGO_SECRET_KEY to a long random value "
        "(or DJANGO_DEBUG=true on your own machine)."
    ]


def test_debug_is_off_unless_asked_for():
    result = run_django("from django.conf import settings; print(settings.DEBUG)", **PRODUCTION)
    assert result.stdout.strip() == "False"


def test_check_deploy_is_clean_in_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            **PRODUCTION,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_redis_url_gives_a_shared_redis_cache():
    result = run_django(
        "from django.conf import settings; c = settings.CACHES['default'];"
        "print(c['BACKEND'], c['LOCATION'])",
        REDIS_URL="redis://127.0.0.1:6379/3",
        **PRODUCTION,
    )
    assert result.stdout.split() == [
        "config.shared_cache.ResilientRedisCache",
        "redis://127.0.0.1:6379/3",
    ]


def test_database_url_selects_postgresql():
    result = run_django(
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['ENGINE'], d['NAME'], d['HOST'])",
        DATABASE_URL="postgres://guide@db.internal:5432/guide",
        **PRODUCTION,
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "guide", "db.internal"]


def test_an_unknown_database_address_stops_start_up():
    result = run_django("pass", DATABASE_URL="oracle-ish://nowhere", **PRODUCTION)
    assert result.returncode == 1
    assert "DATABASE_URL" in result.stderr


def test_a_misspelt_boolean_stops_start_up():
    result = run_django("pass", DJANGO_DEBUG="ture", **PRODUCTION)
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false, not 'ture'" in result.stderr


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("Yes", True), ("off", False)])
def test_env_bool_reads_common_words(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env_bool("SOME_FLAG", not expected) is expected


def test_env_int_rejects_words(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER must be a whole number"):
        env_int("SOME_NUMBER", 1)


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", " a.example , ,b.example")
    assert env_list("SOME_HOSTS", []) == ["a.example", "b.example"]


def test_env_choice_refuses_a_value_it_does_not_know(monkeypatch):
    monkeypatch.setenv("SOME_CHOICE", "sometimes")
    with pytest.raises(ImproperlyConfigured, match="SOME_CHOICE must be one of never, always"):
        env_choice("SOME_CHOICE", "never", ("never", "always"))
    monkeypatch.setenv("SOME_CHOICE", " always ")
    assert env_choice("SOME_CHOICE", "never", ("never", "always")) == "always"
    monkeypatch.delenv("SOME_CHOICE")
    assert env_choice("SOME_CHOICE", "never", ("never", "always")) == "never"
