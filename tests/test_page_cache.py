"""Anonymous pages come from the cache, and an editor's change shows at once."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse

from config.page_cache import (
    VERSION_KEY,
    is_cacheable_request,
    is_cacheable_response,
    page_key,
)
from tests.guide_factories import make_guide
from tests.test_guide_admin import change_url, form_data

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


def test_an_editors_change_shows_on_the_next_request(client, editor_client):
    guide = make_guide(body_nb="Gammel tekst.")
    assert "Gammel tekst." in client.get(f"/nb/guides/{guide.slug}/").content.decode()
    editor_client.post(change_url(guide), form_data(guide, body_nb="Ny tekst fra redaktøren."))
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


def test_a_signed_in_editor_never_gets_a_shared_copy(
    client,
    editor_client,
    django_assert_max_num_queries,
):
    guide = make_guide()
    client.get(f"/en/guides/{guide.slug}/")
    with django_assert_max_num_queries(20) as context:
        editor_client.get(f"/en/guides/{guide.slug}/")
    assert len(context.captured_queries) > 0


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


def test_a_visitor_with_a_session_is_never_served_from_the_cache(rf):
    request = rf.get("/en/guides/")
    request.COOKIES["sessionid"] = "abc"
    assert not is_cacheable_request(request)
