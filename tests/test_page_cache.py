"""Anonymous pages come from the cache, and an editor's change shows at once."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from config.page_cache import (
    AnonymousPageCacheMiddleware,
    is_cacheable_request,
    is_cacheable_response,
    page_key,
)
from content.cache import VARYING_HEADERS, VERSION_KEY
from guidance.models import Guide
from tests.support.admin_forms import change_url, form_data
from tests.support.factories import make_guide
from tests.support.publishing import publish_draft_of
from tests.support.redis import own_redis_server, redis_cache_settings

pytestmark = pytest.mark.django_db


def test_a_repeated_page_is_served_without_touching_the_database(client, django_assert_num_queries):
    guide = make_guide()
    first = client.get(f"/en/guides/{guide.slug}/")
    with django_assert_num_queries(0):
        second = client.get(f"/en/guides/{guide.slug}/")
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Content-Language"] == "en"


def test_a_published_change_shows_on_the_next_request(client, editor_client):
    guide = make_guide(body_nb="Gammel tekst.")
    assert "Gammel tekst." in client.get(f"/nb/guides/{guide.slug}/").content.decode()
    editor_client.post(change_url(guide), form_data(guide, body_nb="Ny tekst fra redaktøren."))
    draft = client.get(f"/nb/guides/{guide.slug}/").content.decode()
    assert "Gammel tekst." in draft and "Ny tekst fra redaktøren." not in draft
    publish_draft_of(guide)
    page = client.get(f"/nb/guides/{guide.slug}/").content.decode()
    assert "Ny tekst fra redaktøren." in page
    assert "Gammel tekst." not in page


def test_each_language_and_query_string_is_its_own_page(client):
    english = client.get("/en/search/?q=Helfo").content.decode()
    norwegian = client.get("/nb/search/?q=Helfo").content.decode()
    other = client.get("/en/search/?q=fastlege").content.decode()
    assert 'lang="en"' in english and 'lang="nb"' in norwegian
    assert "fastlege" in other and english != other


def test_an_htmx_request_and_a_full_page_are_cached_apart(rf):
    full = page_key(rf.get("/en/checklist/work/?citizenship=pl"))
    fragment = page_key(
        rf.get("/en/checklist/work/?citizenship=pl", headers={"HX-Request": "true"})
    )
    restore = page_key(
        rf.get(
            "/en/checklist/work/?citizenship=pl",
            headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
        )
    )
    assert len({full, fragment, restore}) == 3


def test_a_signed_in_editor_sees_a_drafts_preview_that_nobody_else_is_served(client, editor_client):
    guide = make_guide(status=Guide.Status.DRAFT, title_en="Draft in progress")
    assert client.get(f"/en/guides/{guide.slug}/").status_code == 404
    preview = editor_client.get(f"/en/guides/{guide.slug}/")
    assert "Draft in progress" in preview.content.decode()
    assert client.get(f"/en/guides/{guide.slug}/").status_code == 404


def test_missing_pages_are_not_cached(client, django_assert_max_num_queries):
    client.get("/en/guides/no-such-guide/")
    with django_assert_max_num_queries(10) as context:
        assert client.get("/en/guides/no-such-guide/").status_code == 404
    assert len(context.captured_queries) > 0


def test_an_evicted_version_never_brings_old_pages_back(client):
    guide = make_guide(body_en="First words.")
    client.get(f"/en/guides/{guide.slug}/")
    cache.delete(VERSION_KEY)  # as when a full cache evicts it
    type(guide).objects.filter(pk=guide.pk).update(body_en="Second words.")
    assert "Second words." in client.get(f"/en/guides/{guide.slug}/").content.decode()


@pytest.mark.parametrize(
    "response",
    [
        HttpResponse(status=404),
        HttpResponse(headers={"Vary": "Cookie"}),
        HttpResponse(headers={"Cache-Control": "private"}),
        HttpResponse(headers={"Cache-Control": "no-cache, must-revalidate"}),
    ],
)
def test_responses_meant_for_one_visitor_are_not_cached(response):
    assert not is_cacheable_response(response)


def test_a_response_setting_a_cookie_is_not_cached():
    response = HttpResponse()
    response.set_cookie("sessionid", "x")
    assert not is_cacheable_response(response)


def test_an_ordinary_page_is_cacheable():
    assert is_cacheable_response(HttpResponse("<p>Guide</p>"))


@pytest.mark.parametrize("path", ["/admin/login/", "/healthz", "/robots.txt"])
def test_pages_outside_the_languages_are_never_cached(rf, path):
    assert not is_cacheable_request(rf.get(path))


def test_a_made_up_session_cookie_is_served_from_the_cache(client, django_assert_num_queries):
    guide = make_guide()
    client.get(f"/en/guides/{guide.slug}/")
    client.cookies["sessionid"] = "made-up-by-a-visitor"
    with django_assert_num_queries(0):
        assert client.get(f"/en/guides/{guide.slug}/").status_code == 200


@pytest.fixture(params=["local memory", "redis"])
def any_cache(request, settings):
    """Each test runs with the cache one process has, and with Redis, as in production."""
    if request.param == "redis":
        with own_redis_server() as url:
            settings.CACHES = redis_cache_settings(url)
            yield
    else:
        yield


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_page_cached_while_an_editors_save_is_uncommitted_is_never_served_after_it(
    client, any_cache
):
    """The stale-page race: a visitor's request that runs between an editor's
    save and its commit reads the old row (its own connection cannot see the
    new one yet) and caches it under the version the save just started."""
    guide = make_guide(title_en="Old title")
    path = f"/en/guides/{guide.slug}/"
    old_page = client.get(path)
    cache.clear()
    with transaction.atomic():
        Guide.objects.filter(pk=guide.pk).update(title_en="New title")
        Guide.objects.get(pk=guide.pk).save()  # as admin saves: signals move the version
        # The other visitor, through the real middleware, with what their
        # connection still sees: the page as it was before the save.
        racing = AnonymousPageCacheMiddleware(lambda request: HttpResponse(old_page.content))
        racing(RequestFactory().get(path, HTTP_HOST="testserver"))
        assert b"Old title" in cache.get(page_key(RequestFactory().get(path)))[2]
    page = client.get(path).content.decode()
    assert "New title" in page and "Old title" not in page


def test_the_cache_key_and_the_vary_header_name_the_same_request_headers(client):
    response = client.get("/en/checklist/citizenship/")
    assert {name.lower() for name in VARYING_HEADERS} <= {
        name.strip().lower() for name in response["Vary"].split(",")
    }
    plain, fragment = RequestFactory().get("/en/"), RequestFactory().get("/en/")
    for name in VARYING_HEADERS:
        fragment.META[f"HTTP_{name.upper().replace('-', '_')}"] = "true"
        assert page_key(plain) != page_key(fragment)
    made_up = RequestFactory().get("/en/", HTTP_HX_TARGET="anything")
    assert page_key(made_up) == page_key(plain)  # a header the site never varies on
