"""Agreement pages write dates as every other page does ("1 December 2026",
«1. desember 2026»), and count countries the way their summaries do."""

import re

import pytest

from agreements.models import Agreement

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "pattern"),
    [
        ("/en/agreements/agreement/eea/", r"\d{1,2} [A-Z][a-z]+ \d{4}"),
        ("/nb/agreements/agreement/eea/", r"\d{1,2}\. [a-zæøå]+ \d{4}"),
        ("/en/agreements/pl/", r"\d{1,2} [A-Z][a-z]+ \d{4}"),
        ("/en/agreements/", r"\d{1,2} [A-Z][a-z]+ \d{4}"),
    ],
)
def test_dates_are_written_out_in_the_pages_language(client, url, pattern):
    html = client.get(url).content.decode()
    dates = re.findall(r'<time datetime="[\d-]+">([^<]+)</time>', html)
    assert dates
    assert all(re.fullmatch(pattern, date) for date in dates), dates


def test_no_agreement_page_abbreviates_a_month(client):
    html = client.get("/en/agreements/agreement/united-states/").content.decode()
    assert not re.search(r"<time[^>]*>[A-Z][a-z]{2}\. \d", html)


def test_the_eea_counts_29_countries_as_its_summary_names_them(client):
    eea = Agreement.objects.get(slug="eea")
    assert "27 EU countries, Iceland and Liechtenstein" in eea.summary_en
    html = client.get("/en/agreements/").content.decode()
    assert "29 countries, and 7 areas that are part of them" in html
    detail = client.get("/en/agreements/agreement/eea/").content.decode()
    assert "The 29 countries it covers" in detail
    assert "And 7 areas that are part of one of them" in detail


def test_a_bilateral_agreement_counts_one_country(client):
    html = client.get("/nb/agreements/").content.decode()
    assert re.search(
        r'href="/nb/agreements/agreement/united-states/"[^>]*>[^<]+</a>\s*'
        r'<span class="meta">1 land</span>',
        html,
    )
