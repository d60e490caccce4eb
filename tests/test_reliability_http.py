"""CDN-ready HTTP: validators and 304s, lifetimes a shared cache may use and
never for a private page, compression without BREACH, and the small points
(CORP, headers on the https redirect, the landing after login, 400 for a
flood of parameters)."""

import gzip

import pytest
from django.conf import settings as django_settings

from guidance.models import Guide
from tests.support.clients import EDITOR_PASSWORD, make_client
from tests.support.factories import make_guide
from tests.support.pages import public_urls

pytestmark = pytest.mark.django_db

RESULT = (
    "/en/checklist/result/?citizenship=pl&residence=pl&move=not-moving&work=employee"
    "&nav_benefit=no&children=3-7&single_parent=no"
)


def directives(response) -> dict[str, str]:
    parsed = {}
    for directive in response.get("Cache-Control", "").split(","):
        if directive.strip():
            name, _equals, value = directive.strip().partition("=")
            parsed[name.lower()] = value
    return parsed


@pytest.mark.parametrize("url", ["/en/", "/nb/guides/", RESULT])
def test_a_page_answers_a_conditional_request_with_304(client, url):
    first = client.get(url)
    assert first["ETag"]
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_a_changed_page_gets_a_new_etag_and_a_full_answer(client):
    from tests.support.admin_forms import change_url, form_data
    from tests.support.publishing import post_and_publish, publisher_client

    guide = make_guide(title_en="Before")
    path = f"/en/guides/{guide.slug}/"
    before = client.get(path)["ETag"]
    post_and_publish(publisher_client(), change_url(guide), form_data(guide, title_en="After"))
    response = client.get(path, headers={"If-None-Match": before})
    assert response.status_code == 200
    assert "After" in response.content.decode()


@pytest.mark.parametrize("url", public_urls())
def test_shared_caches_may_keep_public_pages_briefly_and_browsers_revalidate(client, url):
    response = client.get(url)
    if response.status_code != 200:
        pytest.skip(f"{url} answers {response.status_code} (a page still to come?)")
    cache_control = directives(response)
    if response.cookies:  # a form's CSRF token, say: only this visitor's
        assert "private" in cache_control
        return
    assert "public" in cache_control
    assert cache_control["max-age"] == "0"
    assert 0 < int(cache_control["s-maxage"]) <= 300
    assert int(cache_control["stale-while-revalidate"]) <= int(cache_control["s-maxage"])


def test_the_shared_lifetime_is_the_setting(client, settings):
    settings.SHARED_CACHE_SECONDS = 30
    assert directives(client.get("/en/agreements/"))["s-maxage"] == "30"


def test_no_shared_cache_may_keep_an_admin_page(client, editor_client):
    for response in (client.get("/admin/login/"), editor_client.get("/admin/")):
        cache_control = directives(response)
        assert "public" not in cache_control
        assert "private" in cache_control or "no-store" in cache_control


def test_no_shared_cache_may_keep_a_drafts_preview(editor_client):
    guide = make_guide(status=Guide.Status.DRAFT)
    cache_control = directives(editor_client.get(f"/en/guides/{guide.slug}/"))
    assert "public" not in cache_control
    assert "private" in cache_control or "no-store" in cache_control


def test_no_shared_cache_may_keep_a_response_that_sets_a_cookie(editor):
    client = make_client()
    response = client.post(
        "/admin/login/", {"username": editor.username, "password": EDITOR_PASSWORD}
    )
    assert response.cookies
    cache_control = directives(response)
    assert "public" not in cache_control
    assert "private" in cache_control or "no-store" in cache_control


@pytest.mark.parametrize("url", ["/en/", "/nb/guides/national-insurance-scheme/", RESULT])
def test_public_pages_are_compressed_for_browsers_that_ask(client, url):
    plain = client.get(url)
    compressed = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content) / 2


def test_a_compressed_page_comes_from_the_cache_too(client, django_assert_num_queries):
    client.get("/en/guides/", headers={"Accept-Encoding": "gzip"})
    with django_assert_num_queries(0):
        response = client.get("/en/guides/", headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"


def test_pages_with_a_csrf_token_are_never_compressed(client, editor_client):
    """BREACH: a secret in a compressed page leaks through its length."""
    for response in (
        client.get("/admin/login/", headers={"Accept-Encoding": "gzip"}),
        editor_client.get("/admin/guidance/guide/add/", headers={"Accept-Encoding": "gzip"}),
    ):
        assert response.status_code == 200
        assert "csrfmiddlewaretoken" in response.content.decode()
        assert "Content-Encoding" not in response


@pytest.mark.parametrize(
    "url", [*public_urls()[:6], "/", "/healthz", "/admin/login/", "/en/no-such-page/"]
)
def test_every_response_forbids_other_sites_to_embed_it(client, url):
    assert client.get(url)["Cross-Origin-Resource-Policy"] == "same-origin"


def test_a_static_file_forbids_other_sites_to_embed_it(client):
    from django.templatetags.static import static

    assert client.get(static("css/site.css"))["Cross-Origin-Resource-Policy"] == "same-origin"


def test_the_https_redirect_carries_the_security_headers(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/en/guides/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/en/guides/"
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Permissions-Policy",
        "Cross-Origin-Resource-Policy",
        "Cross-Origin-Opener-Policy",
    ):
        assert header in response, header


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", ""])
def test_a_login_whose_next_address_is_refused_lands_in_admin(editor, next_url):
    client = make_client()
    response = client.post(
        f"/admin/login/?next={next_url}",
        {"username": editor.username, "password": EDITOR_PASSWORD, "next": next_url},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def too_many_parameters() -> str:
    return RESULT + "&" + "&".join(["work=employee"] * 2_000)


def test_a_flood_of_parameters_answers_400(client):
    assert client.get(too_many_parameters()).status_code == 400


def test_a_flood_of_parameters_answers_400_with_debug_on_too(settings):
    settings.DEBUG = True
    client = make_client(raise_request_exception=False)
    response = client.get(too_many_parameters())
    assert response.status_code == 400
    assert django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS < 2_000
