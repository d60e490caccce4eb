"""Country names people recognise, where they look for them, in both languages:
the same names in every list, on every agreement page and in every sentence."""

import re
from html import unescape

import pytest
from django.utils import translation

from agreements.countries import (
    NOT_A_CITIZENSHIP,
    citizenships,
    collation_key,
    country_in_sentence,
    country_name,
    sorted_countries,
)
from agreements.lookup import coverage_for
from agreements.models import AgreementCountry


def names_in(language: str, listed) -> list[str]:
    with translation.override(language):
        return [name for _code, name in listed()]


@pytest.mark.parametrize(
    ("code", "english", "norwegian"),
    [
        ("us", "United States", "USA"),
        ("gb", "United Kingdom", "Storbritannia"),
        ("nr", "Nauru", "Nauru"),
        ("bs", "Bahamas", "Bahamas"),
        ("by", "Belarus", "Belarus"),
        ("sb", "Solomon Islands", "Salomonøyene"),
        ("va", "Vatican City", "Vatikanstaten"),
        ("cd", "Democratic Republic of the Congo", "Kongo-Kinshasa"),
        ("um", "U.S. Outlying Islands", "USAs ytre småøyer"),
    ],
)
def test_countries_have_the_names_people_know(code, english, norwegian):
    with translation.override("en"):
        assert country_name(code) == english
    with translation.override("nb"):
        assert country_name(code) == norwegian


def test_the_norwegian_list_has_usa_under_u_before_its_outlying_islands():
    names = names_in("nb", sorted_countries)
    assert "Amerikas forente stater" not in names
    usa = names.index("USA")
    assert names[usa - 1 : usa + 3] == ["Uruguay", "USA", "USAs ytre småøyer", "Usbekistan"]


def test_the_english_list_has_the_united_states_and_kingdom_under_u():
    names = names_in("en", sorted_countries)
    assert "United States of America" not in names
    assert "Naoero" not in names
    kingdom, states = names.index("United Kingdom"), names.index("United States")
    assert states == kingdom + 1
    assert names == sorted(names, key=lambda name: collation_key(name, "en"))


@pytest.mark.parametrize("language", ["en", "nb"])
def test_nobody_is_offered_an_uninhabited_territory_as_citizenship(language):
    with translation.override(language):
        codes = [code for code, _name in citizenships()]
    for code in ("aq", "bv", "hm", "gs", "tf", "um", "io", "sj"):
        assert code not in codes
    assert {"us", "gb", "pl", "no", "fo", "gl", "hk"} <= set(codes)
    assert len(codes) == len(sorted_countries()) - len(NOT_A_CITIZENSHIP)


def test_citizenships_are_sorted_like_every_other_list():
    with translation.override("nb"):
        names = [name for _code, name in citizenships()]
    assert names == sorted(names, key=lambda name: collation_key(name, "nb"))
    assert names[-1] == "Åland"


@pytest.mark.parametrize(
    ("code", "in_a_sentence"),
    [
        ("us", "the United States"),
        ("gb", "the United Kingdom"),
        ("nl", "the Netherlands"),
        ("ph", "the Philippines"),
        ("pl", "Poland"),
        ("se", "Sweden"),
        ("zz", ""),
    ],
)
def test_english_sentences_give_a_name_its_article(code, in_a_sentence):
    with translation.override("en"):
        assert country_in_sentence(code) == in_a_sentence
        assert f"a citizen of {country_in_sentence(code)}".endswith(in_a_sentence)


@pytest.mark.parametrize("code", ["us", "gb", "nl", "pl"])
def test_norwegian_sentences_use_the_name_alone(code):
    with translation.override("nb"):
        assert country_in_sentence(code) == country_name(code)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_lookup_and_the_lists_agree_on_every_name(language):
    with translation.override(language):
        listed = dict(sorted_countries())
        looked_up = coverage_for(listed)
        assert {code: coverage.name for code, coverage in looked_up.items()} == listed
        rows = AgreementCountry.objects.select_related("agreement")
        assert all(row.name == listed[row.code] for row in rows)


# On the pages -------------------------------------------------------------------


def option_names(html: str, select_id: str) -> list[str]:
    select = re.search(rf'<select[^>]* id="{select_id}"[^>]*>(.*?)</select>', html, re.S)[1]
    return [unescape(name) for name in re.findall(r"<option [^>]*>([^<]*)</option>", select)]


@pytest.mark.django_db
def test_the_agreements_picker_offers_usa_in_norwegian(client):
    names = option_names(client.get("/nb/agreements/").content.decode(), "country")
    assert "USA" in names
    assert "Amerikas forente stater" not in names


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/en/agreements/us/", "Norway and the United States"),
        ("/en/agreements/gb/", "Norway and the United Kingdom"),
        ("/en/agreements/pl/", "Norway and Poland"),
        ("/nb/agreements/us/", "Norge og USA"),
        ("/nb/agreements/gb/", "Norge og Storbritannia"),
    ],
)
def test_a_country_page_names_the_country_as_a_sentence_does(client, url, heading):
    html = client.get(url).content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert re.search(rf"<title>{heading} – ", html)


@pytest.mark.django_db
def test_the_checklist_link_on_a_country_page_reads_as_a_sentence(client):
    html = client.get("/en/agreements/us/").content.decode()
    assert "Make your checklist as a citizen of the United States" in html
    assert "Norway has no" not in html


@pytest.mark.django_db
def test_an_agreement_page_lists_countries_by_the_same_names(client):
    html = client.get("/nb/agreements/agreement/united-states/").content.decode()
    assert re.search(r'<a href="/nb/agreements/us/">USA</a>', html)


# In the checklist (guidance/checklist_pages.py builds its pages) ------------------


@pytest.mark.django_db
def test_the_citizenship_question_offers_no_uninhabited_territory(client):
    names = option_names(client.get("/en/checklist/citizenship/").content.decode(), "citizenship")
    assert "United States" in names
    for territory in ("Antarctica", "Bouvet Island", "Heard Island and McDonald Islands"):
        assert territory not in names


@pytest.mark.django_db
def test_the_checklist_says_a_citizen_of_the_united_states(client):
    url = (
        "/en/checklist/result/?citizenship=us&residence=no&move=moving-to-norway"
        "&stay=12-months-or-more&permit=work&work=employee&children=1-2&single_parent=yes"
        "&children_abroad=no&abroad=gb"
    )
    html = client.get(url).content.decode()
    assert "You are a citizen of the United States" in html
    assert "a longer stay in the United Kingdom" in html
    assert "citizen of United States" not in html


@pytest.mark.django_db
def test_a_question_about_a_country_gives_it_its_article(client):
    html = client.get("/en/checklist/move/?citizenship=pl&residence=gb").content.decode()
    assert "Are you moving from Norway to the United Kingdom?" in html
