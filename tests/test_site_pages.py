"""The site's frame: languages, home page, error pages, robots, health check."""

import re
from xml.etree import ElementTree

import pytest
from django.db import OperationalError

from tests.support.clients import make_client
from tests.support.pages import public_urls

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("nb-NO,nb;q=0.9,en;q=0.8", "/nb/"),
        ("no", "/nb/"),
        ("nn-NO", "/nb/"),
        ("sv-SE,no;q=0.5", "/nb/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("de-DE", "/en/"),
        ("", "/en/"),
        ("x" * 5000, "/en/"),
    ],
)
def test_the_root_sends_each_browser_to_its_language(client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


def test_a_path_without_language_is_sent_to_the_browsers_language(client):
    response = client.get("/guides/", headers={"accept-language": "no"})
    assert response["Location"] == "/nb/guides/"


@pytest.mark.parametrize("url", public_urls())
def test_every_page_declares_its_language_and_both_alternates(client, url):
    html = client.get(url).content.decode()
    language, path = url[1:3], url[3:].replace("&", "&amp;")
    assert f'<html lang="{language}">' in html
    assert f'hreflang="en" href="http://testserver/en{path}"' in html
    assert f'hreflang="nb" href="http://testserver/nb{path}"' in html
    assert re.search(r'<meta name="description" content="[^"]{40,}">', html)
    assert re.search(r"<title>[^<]+</title>", html)


def test_the_language_switch_keeps_the_page_and_its_query_string(client):
    html = client.get("/en/search/?q=pension&page=2").content.decode()
    assert 'href="/nb/search/?q=pension&amp;page=2" hreflang="nb" lang="nb">Norsk' in html


def test_the_norwegian_page_offers_english_marked_as_english(client):
    html = client.get("/nb/").content.decode()
    assert 'href="/en/" hreflang="en" lang="en">English</a>' in html


def test_home_page_leads_to_guides_agreements_and_checklist(client):
    html = client.get("/en/").content.decode()
    for href in ('href="/en/guides/"', 'href="/en/agreements/"', 'href="/en/checklist/"'):
        assert href in html
    assert "not an official decision" in html


def test_home_page_in_norwegian(client):
    html = client.get("/nb/").content.decode()
    assert "Helse og trygd i Norge" in html
    assert "Spør myndighetene om din egen sak" in html


@pytest.mark.parametrize(
    ("url", "heading"),
    [("/en/no-such-page/", "Page not found"), ("/nb/no-such-page/", "Fant ikke siden")],
)
def test_an_unknown_address_gets_a_404_page_in_its_language(client, url, heading):
    response = client.get(url)
    assert response.status_code == 404
    assert f"<h1>{heading}</h1>" in response.content.decode()


@pytest.mark.urls("tests.support.failing_urls")
@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/en/boom/", "Sorry, something went wrong on our side"),
        ("/nb/boom/", "Beklager, noe gikk galt hos oss"),
    ],
)
def test_a_server_error_shows_the_500_page_in_its_language(url, heading):
    client = make_client(raise_request_exception=False)
    response = client.get(url)
    assert response.status_code == 500
    assert heading in response.content.decode()


def test_no_public_page_sets_a_cookie(client):
    for url in [*public_urls(), "/", "/en/no-such-page/"]:
        assert client.get(url).cookies == {}, url


def test_health_check_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}


def test_health_check_answers_503_when_the_database_does_not(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("config.views.connection.cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_the_favicon_is_served_at_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")


def test_sitemap_lists_each_page_in_both_languages_with_alternates(client):
    response = client.get("/sitemap.xml")
    tree = ElementTree.fromstring(response.content)
    namespaces = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    locations = {element.text for element in tree.findall("s:url/s:loc", namespaces)}
    assert {"http://testserver/en/", "http://testserver/nb/"} <= locations
    first = tree.find("s:url", namespaces)
    languages = {link.get("hreflang") for link in first.findall("x:link", namespaces)}
    assert languages == {"en", "nb", "x-default"}


def test_health_check_answers_plain_http_when_everything_else_redirects(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/en/").status_code == 301
