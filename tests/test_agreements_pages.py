"""The agreements pages: the index with its country picker, a page per country
and a page per agreement, in English and Norwegian."""

import datetime
import re
from xml.etree import ElementTree

import pytest
from django.utils.html import escape

from agreements.countries import collation_key
from agreements.models import Agreement, AgreementCountry

pytestmark = pytest.mark.django_db

ONE_DAY = datetime.timedelta(days=1)


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def option_names(html: str) -> list[str]:
    select = re.search(r'<select id="country" name="country"[^>]*>(.*?)</select>', html, re.S)
    return [name.strip() for name in re.findall(r"<option[^>]*>([^<]*)</option>", select[1])]


def h2s(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", heading).strip()
        for heading in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)
    ]


# The index and its picker --------------------------------------------------


def test_the_index_groups_the_agreements_by_kind(client):
    html = page(client, "/en/agreements/")
    groups = re.findall(r'<h3 id="group-\d+">([^<]+)</h3>', html)
    assert groups == [
        "The EEA",
        "The Nordic countries",
        "Switzerland",
        "The United Kingdom",
        "Bilateral agreements",
    ]
    assert 'href="/en/agreements/agreement/united-states/"' in html


def test_the_index_lists_every_published_agreement_with_its_number_of_countries(client):
    """Countries and the areas that are part of one (Åland, Réunion) are counted
    apart, so that "29 countries" matches "27 EU countries, Iceland and Liechtenstein"."""
    html = page(client, "/en/agreements/")
    listed = {
        slug: (int(countries), int(areas or 0))
        for slug, countries, areas in re.findall(
            r'<a class="agreement-list__name" href="/en/agreements/agreement/([^/]+)/"[^>]*>'
            r'[^<]*</a>\s*<span class="meta">(\d+) countr(?:y|ies)'
            r"(?:, and (\d+) areas? that (?:is|are) part of (?:one|them))?</span>",
            html,
        )
    }
    assert listed == {
        agreement.slug: (
            sum(not row.is_area for row in agreement.countries.all()),
            sum(row.is_area for row in agreement.countries.all()),
        )
        for agreement in Agreement.objects.filter(published=True)
    }
    assert listed["eea"] == (29, 7)


def test_the_picker_is_a_labelled_get_form_of_every_country(client):
    html = page(client, "/en/agreements/")
    assert re.search(
        r'<form class="country-picker" action="/en/agreements/choose/" method="get"', html
    )
    assert '<label for="country">Your country</label>' in html
    names = option_names(html)
    assert names[0] == "Choose a country"
    assert "Norway" not in names
    assert names[1:] == sorted(names[1:], key=lambda name: collation_key(name, "en"))
    assert names[1:3] == ["Afghanistan", "Åland Islands"]
    assert len(names) > 240


def test_the_norwegian_picker_is_in_norwegian_alphabetical_order(client):
    names = option_names(page(client, "/nb/agreements/"))
    assert names[0] == "Velg et land"
    assert "Norge" not in names
    assert names[-3:] == ["Øst-Timor", "Østerrike", "Åland"]
    assert names.index("Tyskland") < names.index("Zimbabwe")


@pytest.mark.parametrize(
    ("query", "location"),
    [("pl", "/en/agreements/pl/"), ("PL", "/en/agreements/pl/"), (" se ", "/en/agreements/se/")],
)
def test_choosing_a_country_goes_to_its_page(client, query, location):
    response = client.get("/en/agreements/choose/", {"country": query})
    assert response.status_code == 302
    assert response["Location"] == location


def test_choosing_in_norwegian_stays_in_norwegian(client):
    response = client.get("/nb/agreements/choose/", {"country": "de"})
    assert response["Location"] == "/nb/agreements/de/"


@pytest.mark.parametrize(
    "query",
    ["", "?country=", "?country=zz", "?country=no", "?country=" + "x" * 5000, "?country=%00"],
)
def test_no_choice_or_a_wrong_one_shows_the_index_again_with_an_error(client, query):
    response = client.get("/en/agreements/choose/" + query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: Social security agreements" in html
    assert 'class="agreements-error-summary" role="alert"' in html
    assert '<a href="#country">Choose a country from the list</a>' in html
    assert 'id="country-error"' in html
    assert 'aria-describedby="country-hint country-error"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_the_error_is_in_norwegian_on_a_norwegian_page(client):
    html = page(client, "/nb/agreements/choose/?country=zz", status=400)
    assert "Det er et problem" in html
    assert "Velg et land fra listen" in html


# Country pages -------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "heading", "slugs"),
    [
        ("/en/agreements/pl/", "Norway and Poland", ["eea"]),
        ("/en/agreements/se/", "Norway and Sweden", ["eea", "nordic-convention"]),
        ("/en/agreements/us/", "Norway and the United States", ["united-states"]),
        ("/en/agreements/ch/", "Norway and Switzerland", ["switzerland"]),
        ("/en/agreements/gb/", "Norway and the United Kingdom", ["united-kingdom"]),
        ("/nb/agreements/pl/", "Norge og Polen", ["eea"]),
        ("/nb/agreements/se/", "Norge og Sverige", ["eea", "nordic-convention"]),
        ("/nb/agreements/us/", "Norge og USA", ["united-states"]),
        ("/nb/agreements/ch/", "Norge og Sveits", ["switzerland"]),
        ("/nb/agreements/gb/", "Norge og Storbritannia", ["united-kingdom"]),
    ],
)
def test_a_country_page_shows_the_agreements_that_apply(client, url, heading, slugs):
    html = page(client, url)
    assert f"<h1>{heading}</h1>" in html
    shown = re.findall(r'<h2 id="agreement-[^"]+"><a href="([^"]+)">([^<]+)</a></h2>', html)
    language = url[1:3]
    expected = []
    for slug in slugs:
        agreement = Agreement.objects.get(slug=slug)
        expected.append(
            (
                f"/{language}/agreements/agreement/{slug}/",
                escape(getattr(agreement, f"name_{language}")),
            )
        )
    assert shown == expected


def test_a_country_page_says_what_each_agreement_covers_and_does_not(client):
    html = page(client, "/en/agreements/us/")
    assert "Pensions: covered" in html
    assert "Healthcare: not covered" in html
    assert "No agreement covers healthcare." in html
    assert "Family benefits: not covered" in html


def test_chiles_page_tells_healthcare_for_residents_from_healthcare_on_a_visit(client):
    html = page(client, "/en/agreements/cl/")
    assert "Healthcare: covered" in html
    assert "Healthcare on holidays and other short stays: not covered" in html
    norwegian = page(client, "/nb/agreements/cl/")
    assert "Helsehjelp på ferie og andre kortere opphold: ikke omfattet" in norwegian
    assert "Healthcare on holidays and other short stays: covered" in page(
        client, "/en/agreements/au/"
    )


def test_the_norwegian_page_says_it_in_norwegian(client):
    html = page(client, "/nb/agreements/us/")
    assert "Pensjon: omfattet" in html
    assert "Helsehjelp: ikke omfattet" in html
    assert "Ingen avtale omfatter helsehjelp." in html


@pytest.mark.parametrize("language", ["en", "nb"])
def test_every_per_country_note_is_shown_on_its_country_page(client, language):
    rows = AgreementCountry.objects.filter(agreement__published=True).exclude(note_en="")
    assert rows.exists()
    for row in rows:
        note = getattr(row, f"note_{language}")
        assert escape(note) in page(client, f"/{language}/agreements/{row.code}/"), row


def test_a_country_page_links_to_guides_and_to_the_checklist_filled_in(client):
    html = page(client, "/en/agreements/pl/")
    for path in ("certificate-s1", "national-insurance-scheme", "staying-abroad"):
        assert f'href="/en/guides/{path}/"' in html
    assert 'href="/en/checklist/residence/?citizenship=pl"' in html


def test_between_nordic_countries_no_certificate_s1_is_needed(client):
    assert "you use the health service where you live, without certificate S1" in page(
        client, "/en/agreements/se/"
    )
    faroes = page(client, "/en/agreements/fo/")
    assert "without certificate S1" in faroes
    assert "European Health Insurance Card" not in faroes  # not valid outside the EEA


def test_certificate_s1_is_only_offered_where_it_exists(client):
    assert "/en/guides/certificate-s1/" in page(client, "/en/agreements/gb/")
    assert "/en/guides/certificate-s1/" not in page(client, "/en/agreements/us/")


def test_a_country_page_has_description_sources_review_date_and_a_caveat(client):
    html = page(client, "/en/agreements/pl/")
    assert (
        '<meta name="description" content="Which social security agreements apply between ' in html
    )
    # Poland has the EEA Agreement alone: the page is as fresh as it.
    eea = Agreement.objects.get(slug="eea")
    assert f'<time datetime="{eea.last_reviewed.isoformat()}">' in html
    assert 'href="https://www.regjeringen.no/en/topics/' in html
    assert "published by regjeringen.no" in html
    assert "published by NAV" in html
    assert "ask NAV about membership, pensions and benefits, and Helfo about healthcare" in html


def test_a_country_without_an_agreement_gets_a_clear_page(client):
    html = page(client, "/en/agreements/br/")
    assert "<h1>Norway and Brazil</h1>" in html
    assert "Norway has no social security agreement with Brazil." in html
    assert "Norwegian rules alone decide" in html
    assert "apply to Helfo for a refund within six months" in html
    assert "55 55 33 33" in html
    assert 'href="/en/checklist/residence/?citizenship=br"' in html
    assert "published by regjeringen.no" in html
    # Without an agreement, the page is as fresh as the list of agreements.
    newest = max(Agreement.objects.filter(published=True).values_list("last_reviewed", flat=True))
    assert f'<time datetime="{newest.isoformat()}">' in html


def test_a_country_page_is_as_fresh_as_its_least_recently_reviewed_agreement(client):
    eea, nordic = (Agreement.objects.get(slug=slug) for slug in ("eea", "nordic-convention"))
    Agreement.objects.filter(pk=nordic.pk).update(last_reviewed=eea.last_reviewed - ONE_DAY)
    html = page(client, "/en/agreements/se/")
    assert f'<time datetime="{(eea.last_reviewed - ONE_DAY).isoformat()}">' in html
    assert f'<time datetime="{eea.last_reviewed.isoformat()}">' not in html


def test_the_page_without_an_agreement_in_norwegian(client):
    html = page(client, "/nb/agreements/br/")
    assert "<h1>Norge og Brasil</h1>" in html
    assert "Norge har ingen trygdeavtale med Brasil." in html


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/en/agreements/zz/", "Page not found"),
        ("/en/agreements/xyz/", "Page not found"),
        ("/en/agreements/p1/", "Page not found"),
        ("/nb/agreements/zz/", "Fant ikke siden"),
        ("/nb/agreements/agreement/no-such-agreement/", "Fant ikke siden"),
    ],
)
def test_an_unknown_country_or_agreement_gets_the_404_page_in_its_language(client, url, heading):
    html = page(client, url, status=404)
    assert f"<h1>{heading}</h1>" in html


@pytest.mark.parametrize(
    ("url", "location"),
    [("/en/agreements/PL/", "/en/agreements/pl/"), ("/nb/agreements/Se/", "/nb/agreements/se/")],
)
def test_an_upper_case_code_redirects_to_the_lower_case_address(client, url, location):
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == location


def test_norway_has_a_short_page_instead_of_an_agreement(client):
    html = page(client, "/en/agreements/no/")
    assert "<h1>Norway</h1>" in html
    assert "Norway is the other party to every agreement" in html
    html = page(client, "/nb/agreements/sj/")
    assert "Svalbard og Jan Mayen er en del av Norge" in html


def test_pages_only_answer_safe_methods(client):
    assert client.post("/en/agreements/pl/").status_code == 405
    assert client.head("/en/agreements/pl/").status_code == 200


# Agreement pages -----------------------------------------------------------


def test_an_agreement_page_lists_its_countries_in_the_page_language(client):
    html = page(client, "/nb/agreements/agreement/nordic-convention/")
    assert "<h1>Den nordiske konvensjonen om trygd</h1>" in html
    countries = re.findall(r'<li><a href="/nb/agreements/(\w\w)/">([^<]+)</a>', html)
    # The countries, then the areas that are part of one of them.
    assert [name for _code, name in countries] == [
        *("Danmark", "Finland", "Island", "Sverige"),
        *("Færøyene", "Grønland", "Åland"),
    ]
    assert "Utenfor EØS: Konvensjonen gjør at samordningsreglene gjelder på Færøyene." in html


def test_an_agreement_page_has_coverage_body_sources_and_review_date(client):
    html = page(client, "/en/agreements/agreement/united-states/")
    assert "Healthcare: not covered" in html
    assert "Pensions: covered" in html
    assert '<h2 id="what-it-covers">What it covers</h2>' in html
    us = Agreement.objects.get(slug="united-states")
    assert f'<time datetime="{us.in_force.isoformat()}">' in html
    assert f'<time datetime="{us.last_reviewed.isoformat()}">' in html
    assert "The country it covers" in html
    assert "published by regjeringen.no" in html


def test_markdown_typed_by_an_editor_is_sanitised(client):
    Agreement.objects.filter(slug="chile").update(
        body_en="## Safe\n\n<script>alert(1)</script> [click](javascript:alert(1))"
    )
    html = page(client, "/en/agreements/agreement/chile/")
    assert "<script>alert" not in html
    assert 'href="javascript:' not in html


def test_an_unpublished_agreement_disappears_from_every_page(client):
    Agreement.objects.filter(slug="chile").update(published=False)
    page(client, "/en/agreements/agreement/chile/", status=404)
    assert "/en/agreements/agreement/chile/" not in page(client, "/en/agreements/")
    assert "Norway has no social security agreement with Chile." in page(
        client, "/en/agreements/cl/"
    )


def test_a_norwegian_text_left_empty_shows_in_english_marked_as_english(client):
    Agreement.objects.filter(slug="chile").update(summary_nb="")
    html = page(client, "/nb/agreements/cl/")
    assert '<p lang="en">A pension agreement:' in html


# Query counts --------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "most"),
    [
        ("/en/agreements/", 3),
        ("/nb/agreements/se/", 2),
        ("/en/agreements/br/", 3),
        ("/en/agreements/agreement/eea/", 3),
        ("/en/agreements/choose/?country=zz", 3),
        ("/en/agreements/no/", 2),
    ],
)
def test_each_page_makes_a_small_fixed_number_of_queries(
    client, django_assert_max_num_queries, url, most
):
    client.get(url)  # warm caches that are not the database's
    with django_assert_max_num_queries(most):
        client.get(url)


# The sitemap ---------------------------------------------------------------


def test_the_sitemap_lists_agreements_and_countries_with_agreements_in_both_languages(client):
    tree = ElementTree.fromstring(client.get("/sitemap.xml").content)
    namespaces = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    locations = {element.text for element in tree.findall("s:url/s:loc", namespaces)}
    for path in ("agreements/", "agreements/pl/", "agreements/fo/", "agreements/agreement/eea/"):
        assert {f"http://testserver/en/{path}", f"http://testserver/nb/{path}"} <= locations
    assert "http://testserver/en/agreements/br/" not in locations
    entry = next(
        url
        for url in tree.findall("s:url", namespaces)
        if url.find("s:loc", namespaces).text == "http://testserver/en/agreements/pl/"
    )
    alternates = {
        link.get("hreflang"): link.get("href") for link in entry.findall("x:link", namespaces)
    }
    assert alternates == {
        "en": "http://testserver/en/agreements/pl/",
        "nb": "http://testserver/nb/agreements/pl/",
        # Django's x-default is the address without a language: it sends each
        # visitor to their own language.
        "x-default": "http://testserver/agreements/pl/",
    }
