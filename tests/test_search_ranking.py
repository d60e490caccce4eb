"""Search finds the obvious first: a guide whose title or headings have the words
comes before one that only mentions them, on SQLite and PostgreSQL alike; a
near miss gets a "did you mean"; and every page has a search box."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guidance.models import Guide
from guidance.search import (
    edit_distance,
    has_trigrams,
    nearest_by_trigrams,
    search_guides,
    suggestion,
    vocabulary,
)
from tests.support.factories import make_guide

pytestmark = pytest.mark.django_db


def slugs(query: str, language: str = "en") -> list[str]:
    return [result.guide.slug for result in search_guides(query, language)]


# With the site's own guides ------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "language", "first"),
    [
        ("S1", "en", "certificate-s1"),
        ("S1", "nb", "certificate-s1"),
        ("pension", "en", "pensioners"),
        ("pensjon", "nb", "pensioners"),
        ("child benefit", "en", "families-and-children"),
        ("barnetrygd", "nb", "families-and-children"),
    ],
)
def test_the_guide_about_it_comes_first(query, language, first):
    found = slugs(query, language)
    assert found[0] == first, found


# With guides made for the test ---------------------------------------------------


@pytest.fixture
def only_test_guides() -> None:
    Guide.objects.update(status=Guide.Status.DRAFT)


def test_a_title_outranks_a_body_that_repeats_the_word(only_test_guides):
    chatty = make_guide(
        title_en="Moving house", body_en="Pension, pension, pension. " * 20 + "More on pension."
    )
    titled = make_guide(title_en="Your pension", body_en="How it is earned.")
    assert slugs("pension") == [titled.slug, chatty.slug]


def test_a_heading_outranks_the_summary_and_the_body(only_test_guides):
    in_body = make_guide(title_en="Tax", body_en="Ask about child benefit. " * 10)
    in_summary = make_guide(
        title_en="Moving", summary_en="Includes child benefit.", body_en="Nothing here."
    )
    in_heading = make_guide(
        title_en="Families", body_en="Intro.\n\n## Child benefit\n\nPaid for each child."
    )
    assert slugs("child benefit") == [in_heading.slug, in_summary.slug, in_body.slug]


def test_a_norwegian_page_ranks_by_the_norwegian_title(only_test_guides):
    other = make_guide(title_nb="Flytting", body_nb="Barnetrygd, barnetrygd og barnetrygd.")
    titled = make_guide(title_nb="Barnetrygd", body_nb="Slik søker du.")
    assert slugs("barnetrygd", "nb") == [titled.slug, other.slug]


# Did you mean --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "language", "meant"),
    [
        ("sertificate", "en", "certificate"),
        ("certifcate S1", "en", "certificate s1"),
        ("penison", "en", "pension"),
        ("barnetrygt", "nb", "barnetrygd"),
    ],
)
def test_a_near_miss_gets_the_word_the_guides_use(typed, language, meant):
    assert slugs(typed, language) == []
    assert suggestion(typed, language) == meant
    assert slugs(meant, language)


@pytest.mark.parametrize("typed", ["xylophone", "qqqq", "S1"])
def test_no_suggestion_without_a_close_word_that_finds_something(typed):
    assert suggestion(typed, "en") == ""


@pytest.mark.parametrize(
    ("language", "typed", "wording", "meant"),
    [
        ("en", "sertificate", "Did you mean", "certificate"),
        ("nb", "barnetrygt", "Mente du", "barnetrygd"),
    ],
)
def test_the_page_offers_the_suggestion_as_a_link(client, language, typed, wording, meant):
    html = client.get(f"/{language}/search/?q={typed}").content.decode()
    assert f'{wording} <a href="/{language}/search/?q={meant}">{meant}</a>?' in html


def test_a_query_that_finds_guides_gets_no_suggestion(client):
    html = client.get("/en/search/?q=certificate").content.decode()
    assert "Did you mean" not in html


def test_a_suggestion_costs_few_queries(client):
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get("/en/search/?q=sertificate").status_code == 200
    assert len(context.captured_queries) <= 6


def test_a_query_with_many_typing_mistakes_gets_a_suggestion_where_trigrams_exist():
    # Four mistakes are past the edit-distance fallback's limit; PostgreSQL's
    # trigrams (guidance migration 0009) still find the word, SQLite has none.
    if connection.vendor == "postgresql":
        assert has_trigrams()
        assert nearest_by_trigrams("sertificate", vocabulary("en")) == "certificate"
        assert suggestion("unemplloymmentt", "en") == "unemployment"
    else:
        assert not has_trigrams()
        assert not suggestion("unemplloymmentt", "en")


def test_sqlite_has_no_trigrams_and_uses_edit_distance():
    assert has_trigrams() is (connection.vendor == "postgresql")


def test_edit_distance_counts_typing_mistakes():
    assert edit_distance("sertificate", "certificate", 2) == 1
    assert edit_distance("penison", "pension", 2) == 2
    assert edit_distance("fastlege", "fastlege", 2) == 0
    assert edit_distance("abcdef", "uvwxyz", 2) == 3  # gives up past the limit


# The search box in the header -------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("/en/", "Search the site"),
        ("/nb/agreements/", "Søk på nettstedet"),
        ("/en/checklist/citizenship/", "Search the site"),
    ],
)
def test_every_page_has_a_search_box_that_works_without_javascript(client, url, label):
    html = client.get(url).content.decode()
    header = html.split('<header class="site-header">')[1].split("</header>")[0]
    language = url[1:3]
    assert re.search(
        rf'<form class="site-search" role="search" aria-label="[^"]+" '
        rf'action="/{language}/search/" method="get">',
        header,
    )
    assert f'<label class="visually-hidden" for="site-search-query">{label}</label>' in header
    assert 'type="search" id="site-search-query" name="q"' in header
    # On a narrow screen the box gives way to a link to the search page.
    assert f'<a class="site-header__search-link" href="/{language}/search/"' in header


@pytest.mark.parametrize("url", ["/en/search/?q=S1", "/nb/guides/"])
def test_a_page_with_its_own_search_box_has_no_second_one_in_the_header(client, url):
    html = client.get(url).content.decode()
    header = html.split("</header>")[0]
    assert "site-search" not in header and "site-header__search-link" not in header
    assert html.count('type="search"') == 1


def test_the_search_page_is_not_marked_as_the_guides(client):
    header = client.get("/en/search/?q=S1").content.decode().split("</header>")[0]
    assert 'href="/en/guides/" aria-current="page"' not in header
