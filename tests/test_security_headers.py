"""Strict security headers on every response the site sends."""

import pytest

from tests.support.pages import public_urls

pytestmark = pytest.mark.django_db

EXPECTED_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

OTHER_RESPONSES = [
    "/",  # redirect to a language
    "/guides/",  # redirect to a language
    "/en/no-such-page/",
    "/healthz",
    "/robots.txt",
    "/sitemap.xml",
    "/favicon.ico",
    "/admin/login/",
]


def assert_security_headers(response) -> None:
    assert response["Content-Security-Policy"] == EXPECTED_CSP
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("url", public_urls() + OTHER_RESPONSES)
def test_every_response_carries_the_security_headers(client, url):
    assert_security_headers(client.get(url))


def test_static_files_carry_the_security_headers_too(client):
    from django.templatetags.static import static

    response = client.get(static("css/site.css"))
    assert response.status_code == 200
    assert_security_headers(response)


def test_the_policy_allows_no_inline_script_or_style(client):
    policy = client.get("/en/")["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "nonce-" not in policy


@pytest.mark.parametrize("url", public_urls())
def test_no_page_has_inline_script_or_style(client, url):
    html = client.get(url).content.decode()
    assert "<script>" not in html
    assert "<style" not in html
    assert "style=" not in html
    assert " on" + "click=" not in html
