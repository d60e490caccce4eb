"""Country names come from django-countries, in English and Norwegian, sorted
the way readers of each language expect."""

import pytest
from django.utils import translation

from agreements.countries import collation_key, country_name, is_country, sorted_countries


def norwegian_sorted(names: list[str]) -> list[str]:
    return sorted(names, key=lambda name: collation_key(name, "nb"))


def test_norwegian_puts_ae_o_and_a_ring_after_z_in_that_order():
    names = ["Åland", "Østerrike", "Zimbabwe", "Ærø", "Albania"]
    assert norwegian_sorted(names) == ["Albania", "Zimbabwe", "Ærø", "Østerrike", "Åland"]


def test_norwegian_files_umlauts_with_their_norwegian_letters():
    # Ä with Æ, Ö with Ø, Ü with Y.
    assert norwegian_sorted(["Öland", "Zanzibar", "Østby"]) == ["Zanzibar", "Öland", "Østby"]
    assert norwegian_sorted(["Ärø", "Zürich", "Ærø"]) == ["Zürich", "Ärø", "Ærø"]
    assert norwegian_sorted(["Uganda", "Übersee", "Vanuatu", "Yemen", "Zambia"]) == [
        "Uganda",
        "Vanuatu",
        "Übersee",
        "Yemen",
        "Zambia",
    ]


def test_other_accents_do_not_move_a_name_in_either_language():
    for language in ("en", "nb"):
        names = sorted(
            ["Curaçao", "Cuba", "Côte d'Ivoire"], key=lambda n: collation_key(n, language)
        )
        assert names == ["Côte d'Ivoire", "Cuba", "Curaçao"]


def test_english_sorts_a_ring_among_the_as():
    names = sorted(["Albania", "Åland Islands", "Algeria"], key=lambda n: collation_key(n, "en"))
    assert names == ["Åland Islands", "Albania", "Algeria"]


def test_case_and_hyphens_do_not_change_the_order():
    assert norwegian_sorted(["Sør-Sudan", "sør-afrika", "Sør Korea"]) == [
        "sør-afrika",
        "Sør Korea",
        "Sør-Sudan",
    ]


def test_django_countries_gives_norwegian_names_under_a_norwegian_page():
    with translation.override("nb"):
        assert country_name("de") == "Tyskland"
        assert country_name("GB") == "Storbritannia"
        assert country_name("ax") == "Åland"
    with translation.override("en"):
        assert country_name("de") == "Germany"


def test_the_norwegian_list_of_countries_ends_with_o_and_a_ring():
    with translation.override("nb"):
        names = [name for _code, name in sorted_countries()]
    assert names.index("Zimbabwe") < names.index("Østerrike") < names.index("Åland")
    assert names[-1] == "Åland"
    assert len(names) > 240


def test_the_english_list_is_alphabetical_with_aland_near_the_top():
    with translation.override("en"):
        codes = [code for code, _name in sorted_countries()]
    assert codes[:2] == ["af", "ax"]


def test_a_country_can_be_left_out_of_the_list():
    assert "no" not in dict(sorted_countries(exclude=frozenset({"no"})))


@pytest.mark.parametrize(
    ("code", "known"),
    [("pl", True), ("PL", True), ("no", True), ("zz", False), ("pol", False), ("", False)],
)
def test_only_two_letter_iso_codes_are_countries(code, known):
    assert is_country(code) is known
