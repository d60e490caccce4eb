"""The country lookup the checklist builds on: one query, cached, always current."""

import pytest
from django.utils import translation

from agreements.coverage import AgreementKind, Coverage
from agreements.lookup import coverage_for
from agreements.models import Agreement, AgreementCountry
from content.cache import content_version


def coverage_of(code: str):
    """One country's coverage, as the checklist reads it."""
    return coverage_for([code])[code.strip().lower()]


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """Country names in English, whatever an earlier test left active."""
    with translation.override("en"):
        yield


def slugs(code: str) -> list[str]:
    return [agreement.slug for agreement in coverage_of(code).agreements]


def test_poland_is_in_the_eea_and_nothing_else():
    poland = coverage_of("pl")
    assert slugs("pl") == ["eea"]
    assert poland.is_eea and poland.is_eea_plus
    assert not (poland.is_nordic or poland.is_switzerland or poland.is_united_kingdom)
    assert poland.covers == set(Coverage)


def test_sweden_is_under_the_eea_and_the_nordic_convention():
    sweden = coverage_of("se")
    assert slugs("se") == ["eea", "nordic-convention"]
    assert sweden.is_eea and sweden.is_nordic


def test_iceland_is_under_the_eea_and_the_nordic_convention():
    assert slugs("is") == ["eea", "nordic-convention"]
    assert coverage_of("is").is_nordic


def test_the_faroe_islands_are_nordic_but_not_in_the_eea():
    faroes = coverage_of("fo")
    assert faroes.is_nordic and not faroes.is_eea
    assert "Outside the EEA" in faroes.agreements[0].note


def test_croatia_is_under_the_eea_and_a_bilateral_convention():
    croatia = coverage_of("hr")
    assert slugs("hr") == ["eea", "former-yugoslavia"]
    assert croatia.is_eea
    assert croatia.agreements[1].kind == AgreementKind.BILATERAL


def test_hungary_has_a_bilateral_agreement_on_healthcare_only():
    eea, bilateral = coverage_of("hu").agreements
    assert eea.slug == "eea"
    assert bilateral.kind == AgreementKind.BILATERAL
    # Healthcare, on trips too: for members who get no European card (helsenorge).
    assert bilateral.covers == {Coverage.HEALTHCARE, Coverage.HEALTHCARE_ON_VISITS}
    assert "1992" in bilateral.note  # an old agreement, beside the EEA rules


def test_switzerland_has_its_own_kind_and_counts_as_eea_plus():
    switzerland = coverage_of("ch")
    assert slugs("ch") == ["switzerland"]
    assert switzerland.is_switzerland and switzerland.is_eea_plus and not switzerland.is_eea


def test_the_united_kingdom_has_its_convention_without_family_benefits():
    uk = coverage_of("gb")
    assert slugs("gb") == ["united-kingdom"]
    assert uk.is_united_kingdom and not uk.is_eea_plus
    assert Coverage.HEALTHCARE in uk.covers
    assert Coverage.FAMILY_BENEFITS not in uk.covers


def test_the_united_states_agreement_covers_pensions_and_posting_but_not_healthcare():
    us = coverage_of("us")
    assert slugs("us") == ["united-states"]
    assert us.has_agreement and not us.is_eea_plus
    assert us.covers == {Coverage.PENSIONS, Coverage.APPLICABLE_LEGISLATION}
    assert Coverage.HEALTHCARE not in us.covers


def test_brazil_has_no_agreement():
    brazil = coverage_of("br")
    assert brazil.agreements == ()
    assert not brazil.has_agreement
    assert brazil.name == "Brazil"


def test_norway_itself_has_no_agreements():
    assert coverage_of("no").agreements == ()


@pytest.mark.parametrize("code", ["zz", "xyz", "", "stateless", "PL; DROP TABLE"])
def test_an_unknown_code_gets_an_empty_answer_not_an_error(code):
    answer = coverage_of(code)
    assert answer.agreements == ()
    assert answer.name == ""


def test_codes_are_case_insensitive_and_answers_are_keyed_by_lower_case():
    answers = coverage_for(["PL", "Se", " us "])
    assert set(answers) == {"pl", "se", "us"}
    assert answers["pl"].code == "pl"
    assert answers["pl"] == coverage_of("pl")


def test_names_and_notes_are_in_the_active_language():
    with translation.override("nb"):
        hungary = coverage_of("hu")
    assert hungary.name == "Ungarn"
    assert hungary.agreements[0].name == "EØS-avtalen"
    note = AgreementCountry.objects.get(agreement__slug="hungary", country="HU")
    assert hungary.agreements[1].note == note.note_nb != note.note_en
    assert coverage_of("hu").agreements[0].name == "The EEA Agreement"


def test_the_lookup_makes_one_query_then_none_while_cached(django_assert_num_queries):
    with django_assert_num_queries(1):
        coverage_for(["pl", "se", "us", "br", "hu"])
    with django_assert_num_queries(0):
        coverage_for(["gb", "ch", "no", "zz"])


def test_each_language_is_cached_separately(django_assert_num_queries):
    with django_assert_num_queries(1):
        coverage_of("pl")
    with translation.override("nb"), django_assert_num_queries(1):
        coverage_of("pl")


def test_saving_an_agreement_shows_on_the_next_lookup():
    assert coverage_of("us").agreements[0].name == "The agreement with the United States"
    agreement = Agreement.objects.get(slug="united-states")
    agreement.name_en = "The 2003 agreement with the United States"
    agreement.covers_healthcare = True
    agreement.save()
    us = coverage_of("us")
    assert us.agreements[0].name == "The 2003 agreement with the United States"
    assert Coverage.HEALTHCARE in us.covers


def test_unpublishing_an_agreement_removes_it_from_the_lookup():
    assert coverage_of("cl").has_agreement
    chile = Agreement.objects.get(slug="chile")
    chile.published = False
    chile.save()
    assert not coverage_of("cl").has_agreement


def test_adding_and_deleting_a_country_row_shows_on_the_next_lookup():
    assert not coverage_of("br").has_agreement
    row = AgreementCountry.objects.create(
        agreement=Agreement.objects.get(slug="chile"), country="BR", note_en="Test only"
    )
    assert slugs("br") == ["chile"]
    assert coverage_of("br").agreements[0].note == "Test only"
    row.delete()
    assert not coverage_of("br").has_agreement


def test_a_lookup_cached_before_the_commit_is_not_what_visitors_get_after_it(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        Agreement.objects.filter(slug="united-states").update(name_en="Renamed")
        Agreement.objects.get(slug="united-states").save()
        version_while_saving = content_version()
        coverage_of("us")  # what a visitor's request in between would cache
    assert content_version() != version_while_saving
    assert coverage_of("us").agreements[0].name == "Renamed"
