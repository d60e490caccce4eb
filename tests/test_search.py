"""Searching the guides: the words people type find the guide that answers them,
on SQLite and on PostgreSQL, and no query can break the page."""

import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.utils.html import escape

from guidance.models import Guide
from guidance.search import clean_query, search_guides
from tests.support.factories import make_guide

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "nb")


@pytest.fixture
def only_test_guides() -> None:
    """Takes the loaded guides out of the search, so a test sees exactly the
    guides it makes: the content grows, and results stop at MAX_RESULTS."""
    Guide.objects.update(status=Guide.Status.DRAFT)


@pytest.fixture
def guides(only_test_guides) -> dict[str, Guide]:
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


def test_word_forms_find_each_other_on_postgresql_only(only_test_guides):
    """PostgreSQL stems words in each language; SQLite matches text as typed."""
    stemmed = connection.vendor == "postgresql"
    guide = make_guide(
        title_en="Retiring", body_en="Your old-age pension.", body_nb="Hos din fastlege."
    )
    assert (guide.slug in found("pensions", "en")) is stemmed
    assert (guide.slug in found("fastlegen", "nb")) is stemmed


def test_a_snippet_escapes_what_the_guide_says(only_test_guides):
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


# The page a visitor sees ------------------------------------------------------

# What the page says, in each language: its heading, the invitation on the
# empty page, the advice when nothing matches, and the line naming the query.
WORDING = {
    "en": {
        "heading": "Search the guides",
        "invitation": "Type a word such as “S1”, “fastlege” or “pension” and press Search.",
        "no_match": "Try another word, or fewer words.",
        "one_found": "1 guide found for “{query}”",
        "found": "{count} guides found for “{query}”",
    },
    "nb": {
        "heading": "Søk i veiledningene",
        "invitation": "Skriv et ord, for eksempel «S1», «fastlege» eller «pensjon», og trykk "
        "på Søk.",
        "no_match": "Prøv et annet ord, eller færre ord.",
        "one_found": "Fant 1 veiledning for «{query}»",
        "found": "Fant {count} veiledninger for «{query}»",
    },
}


@dataclass
class Result:
    title: str  # as text
    address: str
    snippet: str  # as sent: escaped text and <mark> elements


@dataclass
class SearchPage:
    """The search page as sent, with what is echoed kept escaped."""

    html: str
    heading: str
    box: str  # the search box's value attribute
    found_line: str | None  # "2 guides found for “…”", or None on the empty page
    results: list[Result]


def search_page(client, language: str, *queries: str) -> SearchPage:
    """The page for these values of q (none: the bare search page)."""
    query_string = f"?{urlencode([('q', query) for query in queries])}" if queries else ""
    response = client.get(f"/{language}/search/{query_string}")
    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    found_line = re.search(r'<h2 class="search-results__count">(.*?)</h2>', main, re.S)
    results = []
    for item in re.findall(r'<li class="search-results__item">(.*?)</li>', main, re.S):
        link = re.search(
            r'<h3 class="search-results__title"><a href="([^"]+)"[^>]*>(.*?)</a>', item
        )
        snippet = re.search(r'<p class="search-results__snippet"[^>]*>(.*?)</p>', item, re.S)
        results.append(Result(title=unescape(link[2]), address=link[1], snippet=snippet[1]))
    return SearchPage(
        html=html,
        heading=unescape(re.search(r"<h1>(.*?)</h1>", main)[1]),
        box=re.search(r'<input type="search" id="search-query" name="q" value="([^"]*)"', main)[1],
        found_line=found_line[1] if found_line else None,
        results=results,
    )


def found_line(language: str, count: int, escaped_query: str) -> str:
    wording = WORDING[language]["one_found" if count == 1 else "found"]
    return wording.format(count=count, query=escaped_query)


@pytest.mark.parametrize(("language", "title"), [("en", "Seeing a doctor"), ("nb", "Hos legen")])
def test_a_visitor_sees_each_result_with_its_title_link_and_marked_snippet(
    client, guides, language, title
):
    page = search_page(client, language, "fastlege")
    assert page.heading == WORDING[language]["heading"]
    assert page.box == "fastlege"
    assert page.found_line == found_line(language, 1, "fastlege")
    [result] = page.results
    assert result.title == title
    assert result.address == f"/{language}/guides/{guides['gp'].slug}/"
    assert "<mark>fastlege</mark>" in result.snippet
    assert "<" not in re.sub(r"</?mark>", "", result.snippet)  # no other markup
    assert '<meta name="robots" content="noindex">' in page.html


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_guide_found_is_listed_and_counted(client, guides, language):
    page = search_page(client, language, "Helfo")
    addresses = [result.address for result in page.results]
    assert addresses == [f"/{language}/guides/{slug}/" for slug in found("Helfo", language)]
    assert f"/{language}/guides/{guides['gp'].slug}/" in addresses
    assert page.found_line == found_line(language, len(addresses), "Helfo")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_query_is_shown_escaped_wherever_it_is_echoed(client, guides, language):
    query = '<script>alert("S1")</script>'
    page = search_page(client, language, query)
    escaped = "&lt;script&gt;alert(&quot;S1&quot;)&lt;/script&gt;"
    assert page.box == escaped
    assert page.found_line == found_line(language, len(page.results), escaped)
    assert escaped in re.search(r"<title>(.*?)</title>", page.html)[1]
    assert "<script>alert" not in page.html


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("queries", [(), ("",), (" \x00\t",)], ids=["none", "empty", "blank"])
def test_the_empty_search_page_invites_a_search(client, guides, language, queries):
    page = search_page(client, language, *queries)
    assert page.heading == WORDING[language]["heading"]
    assert WORDING[language]["invitation"] in unescape(page.html)
    assert page.box == ""
    assert page.found_line is None
    assert page.results == []
    assert 'name="robots"' not in page.html  # an invitation may be indexed


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_query_with_no_match_gets_a_friendly_page(client, guides, language):
    page = search_page(client, language, "xylophone")
    assert page.found_line == found_line(language, 0, "xylophone")
    assert page.results == []
    assert WORDING[language]["no_match"] in page.html
    assert f'href="/{language}/guides/"' in page.html


@pytest.mark.parametrize("language", LANGUAGES)
def test_several_q_parameters_search_for_the_last_one_only(client, guides, language):
    page = search_page(client, language, "xylophone", "fastlege")
    assert page.box == "fastlege"
    assert page.found_line == found_line(language, 1, "fastlege")
    assert [result.address for result in page.results] == [
        f"/{language}/guides/{guides['gp'].slug}/"
    ]


def test_an_english_snippet_on_a_norwegian_page_is_marked_english(client, guides):
    html = client.get("/nb/search/?q=child").content.decode()
    assert '<p class="search-results__snippet" lang="en">' in html


def test_the_results_page_is_not_indexed_and_has_a_labelled_form(client, guides):
    html = client.get("/en/search/?q=S1").content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert '<label for="search-query">Search the guides</label>' in html
    assert 'name="q" value="S1"' in html


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
@pytest.mark.parametrize("language", LANGUAGES)
def test_odd_queries_get_a_friendly_page_never_an_error(client, guides, language, query):
    """Whatever is typed, the visitor gets the search page: the query as the
    site understood it, escaped, in the box and in the line counting the
    results (or the invitation to search, when nothing is left of it)."""
    page = search_page(client, language, query)
    cleaned = escape(clean_query(query))
    assert page.heading == WORDING[language]["heading"]
    assert page.box == cleaned
    if cleaned:
        assert page.found_line == found_line(language, len(page.results), cleaned)
    else:
        assert page.found_line is None
        assert WORDING[language]["invitation"] in unescape(page.html)
    assert "<script>alert(1)</script>" not in page.html


def test_a_query_is_cleaned_of_control_characters_and_cut_short():
    assert clean_query("  pen\x00sion\n\tS1 ") == "pen sion S1"
    assert len(clean_query("x" * 1000)) == 100
