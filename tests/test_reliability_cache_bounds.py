"""Nobody can fill the page cache: only canonical addresses are kept, htmx
headers count only as the values htmx sends, and every entry expires."""

import pytest
import redis
from django.test import RequestFactory

from config.page_cache import page_key
from tests.support.factories import make_guide
from tests.support.production_cache import production_cache
from tests.support.redis import own_redis_server

pytestmark = pytest.mark.django_db

RESULT = (
    "/en/checklist/result/?citizenship=pl&residence=pl&move=not-moving&work=employee"
    "&nav_benefit=no&children=3-7&single_parent=no"
)
PAGES_WITHOUT_PARAMETERS = [
    "/en/",
    "/nb/guides/",
    "/en/guides/national-insurance-scheme/",
    "/en/agreements/",
    "/nb/agreements/pl/",
    "/en/agreements/agreement/united-states/",
    "/en/checklist/",
]


@pytest.fixture
def redis_keys(settings):
    """The site's cache in a Redis of the test's own; returns a key counter."""
    with own_redis_server() as url:
        settings.CACHES = production_cache(url)
        server = redis.Redis.from_url(url)
        yield server


@pytest.mark.parametrize("path", PAGES_WITHOUT_PARAMETERS)
def test_a_query_string_on_a_page_that_takes_none_redirects_to_the_clean_address(client, path):
    response = client.get(f"{path}?utm_source=x&junk=1")
    assert response.status_code == 302
    assert response["Location"] == path


def test_junk_query_strings_add_no_cache_entries(client, redis_keys):
    # A search that finds nothing builds the "did you mean" word list once
    # (one entry per language and content version): warm it up too.
    for path in [*PAGES_WITHOUT_PARAMETERS, RESULT, "/en/search/?q=helfo", "/en/search/?q=zqxj"]:
        client.get(path)
    entries = redis_keys.dbsize()
    for number in range(20):
        for path in PAGES_WITHOUT_PARAMETERS:
            assert client.get(f"{path}?junk={number}", follow=True).status_code == 200
        client.get(f"{RESULT}&junk={number}", follow=True)
        client.get(f"/en/search/?q=term-{number}")
        client.get(f"/en/search/?q=helfo&junk={number}")
    assert redis_keys.dbsize() == entries


def test_made_up_htmx_headers_add_no_cache_entries(client, redis_keys):
    client.get(RESULT)
    client.get(RESULT, headers={"HX-Request": "true"})
    entries = redis_keys.dbsize()
    for number in range(20):
        client.get(
            RESULT,
            headers={
                "HX-Request": f"maybe-{number}",
                "HX-History-Restore-Request": f"x{number}",
                "HX-Target": f"#made-up-{number}",
                "HX-Current-URL": f"https://example.org/{number}",
            },
        )
    assert redis_keys.dbsize() == entries


def test_htmx_headers_key_the_cache_only_as_the_values_htmx_sends():
    factory = RequestFactory()
    plain = page_key(factory.get("/en/checklist/"))
    assert page_key(factory.get("/en/checklist/", headers={"HX-Request": "banana"})) == plain
    assert page_key(factory.get("/en/checklist/", headers={"HX-Target": "#anything"})) == plain
    assert page_key(factory.get("/en/checklist/", headers={"HX-Request": "true"})) != plain


def test_search_results_are_served_but_never_kept(client, redis_keys):
    """Rates and rendered guide texts may be kept (one entry each, whatever the
    search); the pages of results are not."""
    client.get("/en/")
    pages = set(redis_keys.keys("*:page:*"))
    for term in ("helfo", "pension", "S1", "fastlege", "no such words at all"):
        response = client.get(f"/en/search/?q={term}")
        assert response.status_code == 200 and term in response.content.decode()
    assert set(redis_keys.keys("*:page:*")) == pages


def test_every_cache_entry_expires(client, redis_keys):
    guide = make_guide()
    for path in [*PAGES_WITHOUT_PARAMETERS, RESULT, f"/en/guides/{guide.slug}/", "/nb/search/"]:
        client.get(path)
    lifetimes = {key: redis_keys.ttl(key) for key in redis_keys.keys("*")}
    assert lifetimes
    assert {key: ttl for key, ttl in lifetimes.items() if not 0 < ttl <= 7 * 24 * 3600} == {}
    pages = [ttl for key, ttl in lifetimes.items() if b":page:" in key]
    assert pages and max(pages) <= 24 * 3600


def test_a_canonical_page_is_kept_once_per_language_and_variant(client, redis_keys):
    client.get("/en/")
    entries = redis_keys.dbsize()
    client.get("/en/")
    client.get("/en/", headers={"Accept-Encoding": "gzip, deflate, br"})
    client.get("/en/", headers={"Accept-Encoding": "gzip"})
    assert redis_keys.dbsize() == entries + 1  # the compressed copy
