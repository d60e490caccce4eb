"""The site survives losing Redis: pages render without it, saves succeed, the
health check tells, and no page cached before an outage comes back after it.

Each test runs its own Redis (tests/support/redis.py) and stops, pauses or
fills it; nobody else's Redis is touched.
"""

import logging
import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from django.conf import settings as django_settings

from content.cache import VERSION_KEY, content_version
from tests.support.admin_forms import change_url, form_data
from tests.support.factories import make_guide
from tests.support.production_cache import production_cache
from tests.support.publishing import post_and_publish, publish_draft_of, publisher_client
from tests.support.redis import own_redis_server

pytestmark = pytest.mark.django_db

# How long a process leaves a failing Redis alone, shortened for the tests.
RETRY_SECONDS = 0.2
DEPLOYED_REDIS_CONF = Path(django_settings.BASE_DIR) / "deploy" / "redis" / "redis.conf"


@pytest.fixture
def redis_url(settings, monkeypatch) -> Iterator[str]:
    """A Redis of this test's own as the site's cache, retried quickly after a failure."""
    monkeypatch.setattr("config.shared_cache.RETRY_SECONDS", RETRY_SECONDS)
    with own_redis_server() as url:
        settings.CACHES = production_cache(url)
        yield url


@contextmanager
def paused(url: str) -> Iterator[None]:
    """Redis hung (stopped, not ended): connections time out, its data stays."""
    pid = redis.Redis.from_url(url).info("server")["process_id"]
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


def stop(url: str) -> None:
    redis.Redis.from_url(url).shutdown(nosave=True)


def wait_for_a_retry() -> None:
    time.sleep(RETRY_SECONDS + 0.05)


def test_every_page_still_renders_while_redis_is_down(client, redis_url, caplog):
    guide = make_guide(title_en="Cached before the outage")
    client.get(f"/en/guides/{guide.slug}/")
    stop(redis_url)
    with caplog.at_level(logging.ERROR, logger="config.shared_cache"):
        for url in ["/en/", f"/en/guides/{guide.slug}/", "/en/agreements/pl/"]:
            assert client.get(url).status_code == 200, url
    assert "The cache is unavailable" in caplog.text


def test_an_editors_save_and_its_publishing_succeed_while_redis_is_down(
    client, editor_client, redis_url
):
    guide = make_guide(body_en="Before.")
    publisher = publisher_client()
    stop(redis_url)
    response = editor_client.post(
        change_url(guide), form_data(guide, body_en="Saved without Redis.")
    )
    assert response.status_code == 302
    assert "Saved without Redis." not in client.get(f"/en/guides/{guide.slug}/").content.decode()
    publish_draft_of(guide, publisher)
    assert "Saved without Redis." in client.get(f"/en/guides/{guide.slug}/").content.decode()


def test_a_hung_redis_delays_pages_by_one_timeout_a_second_at_most(client, redis_url, monkeypatch):
    monkeypatch.setattr("config.shared_cache.RETRY_SECONDS", 1.0)  # as in production
    client.get("/en/")
    with paused(redis_url):
        started = time.monotonic()
        for _request in range(5):
            assert client.get("/en/guides/").status_code == 200
        elapsed = time.monotonic() - started
    # One 0.5 s socket timeout opens the way round Redis; the other requests skip it.
    assert elapsed < 1.5


def test_no_page_cached_before_an_outage_is_served_after_publishing_during_it(
    client, editor_client, redis_url
):
    guide = make_guide(title_en="Old title")
    path = f"/en/guides/{guide.slug}/"
    publisher = publisher_client()
    assert "Old title" in client.get(path).content.decode()
    with paused(redis_url):
        response = editor_client.post(change_url(guide), form_data(guide, title_en="New title"))
        assert response.status_code == 302
        assert "New title" not in client.get(path).content.decode()  # the editor's draft
        publish_draft_of(guide, publisher)
        assert "New title" in client.get(path).content.decode()
    wait_for_a_retry()
    page = client.get(path).content.decode()
    assert "New title" in page and "Old title" not in page


def test_the_content_version_moves_on_when_redis_comes_back(client, redis_url):
    """Even with no save seen: the version that lived through an outage is never used again."""
    client.get("/en/")
    before = content_version()
    with paused(redis_url):
        client.get("/en/")  # the request that finds Redis gone
    wait_for_a_retry()
    client.get("/en/")
    assert content_version() != before
    assert redis.Redis.from_url(redis_url).exists(f"test:1:{VERSION_KEY}")


def test_the_health_check_reports_the_cache_apart_and_stays_up(client, redis_url):
    assert client.get("/healthz").json() == {"database": "ok", "cache": "ok"}
    stop(redis_url)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "unavailable"}


def test_the_health_check_answers_503_without_the_database_even_with_the_cache(
    client, redis_url, monkeypatch
):
    def no_database() -> bool:
        return False

    monkeypatch.setattr("config.views.database_answers", no_database)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "cache": "ok"}


def fill(url: str, *, entries: int = 2_000) -> bool:
    """Writes entries of someone else's until Redis refuses one (True) or
    `entries` are written (False)."""
    server = redis.Redis.from_url(url)
    for number in range(entries):
        try:
            server.set(f"filler:{number}", b"x" * 10_000)
        except redis.exceptions.OutOfMemoryError:
            return True
    return False


def test_a_full_redis_that_refuses_writes_never_turns_into_a_500(client, redis_url):
    """Redis's default policy, noeviction, at its limit: the site runs uncached, and current."""
    server = redis.Redis.from_url(redis_url)
    publisher = publisher_client()  # logged in before Redis fills up
    guide = make_guide(title_en="Old title")
    path = f"/en/guides/{guide.slug}/"
    client.get(path)
    server.config_set("maxmemory-policy", "noeviction")
    server.config_set("maxmemory", "1")  # past the limit already: every write is refused
    with pytest.raises(redis.exceptions.OutOfMemoryError):
        server.set("one-more", "x")
    response = post_and_publish(
        publisher, change_url(guide), form_data(guide, title_en="New title")
    )
    assert response.status_code == 302
    for _request in range(3):
        page = client.get(path)
        assert page.status_code == 200
        assert "New title" in page.content.decode() and "Old title" not in page.content.decode()
    assert client.get("/en/checklist/").status_code == 200


def test_no_other_process_reads_the_old_version_after_a_save_a_full_redis_refused(
    client, redis_url, settings
):
    """The process that saved knows Redis refused the new version; the others
    must not go on serving pages under the old one."""
    server = redis.Redis.from_url(redis_url)
    publisher = publisher_client()
    guide = make_guide(title_en="Old title")
    path = f"/en/guides/{guide.slug}/"
    client.get(path)
    server.config_set("maxmemory-policy", "noeviction")
    server.config_set("maxmemory", "1")
    post_and_publish(publisher, change_url(guide), form_data(guide, title_en="New title"))
    # Another process: the same Redis, reached by another name, no failure seen yet.
    settings.CACHES = production_cache(redis_url.replace("127.0.0.1", "localhost"))
    page = client.get(path).content.decode()
    assert "New title" in page and "Old title" not in page


def deployed_redis_settings() -> dict[str, str]:
    lines = DEPLOYED_REDIS_CONF.read_text().splitlines()
    pairs = [line.split(None, 1) for line in lines if line.strip() and not line.startswith("#")]
    return {name: value for name, value in pairs if name in ("maxmemory", "maxmemory-policy")}


def test_the_redis_we_ship_keeps_caching_when_full_by_dropping_old_entries(
    client, redis_url, django_assert_num_queries
):
    shipped = deployed_redis_settings()
    assert shipped["maxmemory-policy"] == "allkeys-lru"
    assert shipped["maxmemory"] == "256mb"
    server = redis.Redis.from_url(redis_url)
    server.config_set("maxmemory-policy", shipped["maxmemory-policy"])
    server.config_set("maxmemory", "3mb")  # the shipped policy, at a size a test can fill
    assert not fill(redis_url), "Redis refused a write"
    assert server.info("stats")["evicted_keys"] > 0
    assert server.info("memory")["used_memory"] <= 3 * 1024 * 1024
    guide = make_guide()
    assert client.get(f"/en/guides/{guide.slug}/").status_code == 200
    with django_assert_num_queries(0):
        assert client.get(f"/en/guides/{guide.slug}/").status_code == 200
