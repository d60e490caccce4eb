"""Searching the guides: the words people type find the guide that answers them,
on SQLite and on PostgreSQL, and no query can break the page."""

import pytest
from django.db import connection

from guidance.models import Guide
from guidance.search import clean_query, search_guides
from tests.support.factories import make_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def guides() -> dict[str, Guide]:
    return {
        "s1": make_guide(
            title_en="Working in Norway, living elsewhere",
            title_nb="Jobbe i Norge og bo i et annet land",
            body_en="Apply for a certificate S1 to get healthcare where you live.",
            body_nb="Søk om attest S1 for å få helsehjelp der du bor.",
        ),
        "gp": make_guide(
            title_en="Seeing a doctor",
            title_nb="Hos legen",
            body_en="Everyone who lives here gets a regular GP (fastlege) through Helfo.",
            body_nb="Alle som bor her, får en fastlege. Du bytter fastlege hos Helfo.",
        ),
        "pension": make_guide(
            title_en="Pensioners",
            title_nb="Pensjonister",
            body_en="Your old-age pension from NAV: how pensions are earned.",
            body_nb="Alderspensjon fra NAV: slik tjener du opp pensjon.",
        ),
        "draft": make_guide(
            title_en="Unfinished pension guide",
            body_en="A draft about pension, S1, fastlege and Helfo.",
            status=Guide.Status.DRAFT,
        ),
        "untranslated": make_guide(
            title_en="Children abroad",
            title_nb="",
            summary_nb="",
            body_en="Child benefit for children living abroad.",
            body_nb="",
        ),
    }


def found(query: str, language: str = "en") -> list[str]:
    return [result.guide.slug for result in search_guides(query, language)]


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        ("S1", "en", "s1"),
        ("s1", "nb", "s1"),
        ("fastlege", "en", "gp"),
        ("fastlege", "nb", "gp"),
        ("pension", "en", "pension"),
        ("pensjon", "nb", "pension"),
        ("Helfo", "en", "gp"),
        ("helfo", "nb", "gp"),
        ("child benefit", "nb", "untranslated"),  # shown in English, so found in English
    ],
)
def test_search_finds_the_guide_that_answers(guides, query, language, expected):
    assert guides[expected].slug in found(query, language)


def test_search_finds_published_guides_only(guides):
    assert guides["draft"].slug not in found("pension")
    assert guides["draft"].slug not in found("Unfinished")


def test_search_looks_in_the_page_language(guides):
    assert guides["gp"].slug in found("doctor", "en")
    assert guides["gp"].slug not in found("doctor", "nb")
    assert guides["gp"].slug in found("legen", "nb")


def test_word_forms_find_each_other_on_postgresql_only():
    """PostgreSQL stems words in each language; SQLite matches text as typed."""
    stemmed = connection.vendor == "postgresql"
    guide = make_guide(
        title_en="Retiring", body_en="Your old-age pension.", body_nb="Hos din fastlege."
    )
    assert (guide.slug in found("pensions", "en")) is stemmed
    assert (guide.slug in found("fastlegen", "nb")) is stemmed


def test_each_result_shows_a_snippet_with_the_match_marked(client, guides):
    html = client.get("/en/search/?q=fastlege").content.decode()
    assert "<mark>fastlege</mark>" in html
    assert "Seeing a doctor" in html
    assert 'href="/en/guides/' + guides["gp"].slug + '/"' in html


def test_a_snippet_escapes_what_the_guide_says():
    guide = make_guide(body_en="Tags like <b>this</b> & <script>x</script> pension are text.")
    result = next(result for result in search_guides("pension", "en") if result.guide == guide)
    assert "<mark>pension</mark>" in result.snippet
    assert "&amp;" in result.snippet
    assert "<b>" not in result.snippet
    assert "<script" not in result.snippet


def test_a_snippet_shows_text_not_markdown(guides):
    guide = make_guide(
        body_en="## Heading\n\nRead **the [pension rules](https://www.nav.no/en/home)**."
    )
    result = next(result for result in search_guides("pension", "en") if result.guide == guide)
    assert "**" not in result.snippet
    assert "https://" not in result.snippet
    assert "<mark>pension</mark>" in result.snippet.lower()


def test_an_english_snippet_on_a_norwegian_page_is_marked_english(client, guides):
    html = client.get("/nb/search/?q=child").content.decode()
    assert '<p class="search-results__snippet" lang="en">' in html


def test_the_results_page_is_not_indexed_and_has_a_labelled_form(client, guides):
    html = client.get("/en/search/?q=S1").content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert '<label for="search-query">Search the guides</label>' in html
    assert 'name="q" value="S1"' in html


def test_the_empty_search_page_invites_a_search(client):
    response = client.get("/nb/search/")
    assert response.status_code == 200
    assert "Skriv et ord" in response.content.decode()


def test_a_query_with_no_match_gets_a_friendly_page(client, guides):
    html = client.get("/en/search/?q=xylophone").content.decode()
    assert "0 guides found for “xylophone”" in html
    assert "Try another word" in html


ODD_QUERIES = [
    "",
    " ",
    "x" * 1000,
    "pension " * 200,
    "%",
    "_",
    "%_%",
    "'",
    '"',
    '"unclosed',
    "S1'; DROP TABLE guidance_guide; --",
    "<script>alert(1)</script>",
    "\x00",
    "pen\x00sion",
    "&",
    "|",
    "!",
    "!!",
    ":*",
    "a & b | !c",
    "(",
    "-",
    "or",
    "the",
    "😀",
    "\u202e",
    "\\",
    "\\\\'",
    "æøå ÆØÅ",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
@pytest.mark.parametrize("language", ["en", "nb"])
def test_odd_queries_get_a_friendly_page_never_an_error(client, guides, query, language):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html


def test_the_query_is_shown_escaped(client):
    html = client.get("/en/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "“&lt;script&gt;alert(1)&lt;/script&gt;”" in html


def test_several_q_parameters_use_one(client, guides):
    assert client.get("/en/search/?q=S1&q=pension").status_code == 200


def test_a_query_is_cleaned_of_control_characters_and_cut_short():
    assert clean_query("  pen\x00sion\n\tS1 ") == "pen sion S1"
    assert len(clean_query("x" * 1000)) == 100
