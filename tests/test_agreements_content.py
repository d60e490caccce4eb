"""The agreements as loaded from agreements/initial_content: the current state
of Norway's agreements, complete in both languages and cited."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from agreements.coverage import Coverage
from agreements.initial_content.loader import CONTENT_DIR, load, load_agreements
from agreements.models import Agreement, AgreementCountry
from content.loading import HISTORY_REASON, ContentError, ContentLoader

pytestmark = pytest.mark.django_db

EU_MEMBERS = {
    *("at", "be", "bg", "hr", "cy", "cz", "dk", "ee", "fi", "fr", "de", "gr", "hu", "ie"),
    *("it", "lv", "lt", "lu", "mt", "nl", "pl", "pt", "ro", "sk", "si", "es", "se"),
}
AGREEMENT_FILES = sorted(path.stem for path in (CONTENT_DIR / "agreements").glob("*.toml"))


def codes_of(slug: str) -> set[str]:
    return {row.code for row in AgreementCountry.objects.filter(agreement__slug=slug)}


def test_the_eea_covers_the_27_eu_states_iceland_and_liechtenstein_but_not_norway():
    codes = codes_of("eea")
    assert len(EU_MEMBERS) == 27
    assert EU_MEMBERS | {"is", "li"} <= codes
    assert "no" not in codes and "gb" not in codes and "ch" not in codes


def test_the_nordic_convention_covers_the_nordic_countries_and_territories():
    assert codes_of("nordic-convention") == {"dk", "fi", "is", "se", "fo", "gl", "ax"}
    notes = dict(
        AgreementCountry.objects.filter(agreement__slug="nordic-convention").values_list(
            "country", "note_en"
        )
    )
    assert notes["FO"] and notes["GL"] and notes["AX"]
    assert not notes["SE"]


def test_switzerland_and_the_united_kingdom_have_their_own_arrangements():
    assert codes_of("switzerland") == {"ch"}
    uk = Agreement.objects.get(slug="united-kingdom")
    assert codes_of("united-kingdom") == {"gb"}
    assert uk.in_force == datetime.date(2024, 1, 1)  # helsenorge.no: "Fra 1. januar 2024"


@pytest.mark.parametrize(
    ("code", "slug"),
    [
        ("au", "australia"),
        ("ba", "bosnia-and-herzegovina"),
        ("ca", "canada"),
        ("cl", "chile"),
        ("hr", "former-yugoslavia"),
        ("hu", "hungary"),
        ("il", "israel"),
        ("rs", "serbia"),
        ("si", "former-yugoslavia"),
        ("tr", "turkey"),
        ("us", "united-states"),
        ("in", "india"),
        ("me", "montenegro"),
        ("kr", "south-korea"),
    ],
)
def test_every_bilateral_agreement_in_force_is_there(code, slug):
    agreement = Agreement.objects.get(slug=slug)
    assert agreement.kind == "bilateral"
    assert code in codes_of(slug)


def test_hungary_is_about_healthcare_only_and_its_note_points_to_the_eea_rules():
    hungary = Agreement.objects.get(slug="hungary")
    # helsenorge (tourists in the EU/EEA): members who get no European card
    # still have public healthcare on a trip there, by Norway's own agreement.
    assert hungary.covers == {Coverage.HEALTHCARE, Coverage.HEALTHCARE_ON_VISITS}
    row = AgreementCountry.objects.get(agreement=hungary)
    assert "healthcare" in row.note_en.lower() and "EEA" in row.note_en
    assert "helse" in row.note_nb.lower() and "EØS" in row.note_nb


def test_outside_europe_only_australias_agreement_gives_visitors_healthcare():
    # helsenorge: tourists outside the EU/EEA get no cover (Helfo names no
    # exception) but in Australia, under the 2003 agreement; Chile's and
    # Turkey's agreements deal with healthcare, not for visitors. Hungary's,
    # inside the EEA, serves members who get no European card.
    visits = Agreement.objects.filter(kind="bilateral", covers_healthcare_on_visits=True)
    assert {agreement.slug for agreement in visits} == {"australia", "hungary"}
    assert Agreement.objects.get(slug="chile").covers_healthcare
    for slug in ("eea", "nordic-convention", "switzerland", "united-kingdom"):
        assert Coverage.HEALTHCARE_ON_VISITS in Agreement.objects.get(slug=slug).covers, slug


def test_canada_notes_quebecs_own_agreement():
    assert "Québec" in AgreementCountry.objects.get(country="CA").note_en


def test_the_us_agreement_covers_pensions_and_posting_not_healthcare():
    assert Agreement.objects.get(slug="united-states").covers == {
        Coverage.PENSIONS,
        Coverage.APPLICABLE_LEGISLATION,
    }


def test_every_agreement_is_published_reviewed_cited_and_written_in_both_languages():
    agreements = Agreement.objects.prefetch_related("sources")
    assert sorted(agreements.values_list("slug", flat=True)) == AGREEMENT_FILES
    for agreement in agreements:
        assert agreement.published, agreement.slug
        assert not agreement.is_review_overdue, agreement.slug
        assert agreement.last_reviewed <= timezone.localdate(), agreement.slug
        assert agreement.sources.all(), agreement.slug
        for field in ("name", "summary", "body"):
            for language in ("en", "nb"):
                assert getattr(agreement, f"{field}_{language}").strip(), (agreement.slug, field)
        assert agreement.body_en != agreement.body_nb


def test_every_note_has_both_languages():
    for row in AgreementCountry.objects.exclude(note_en=""):
        assert row.note_nb, row


def test_every_source_is_an_official_page_on_nav_helfo_or_the_government():
    for agreement in Agreement.objects.prefetch_related("sources"):
        for source in agreement.sources.all():
            assert source.publisher in {"nav", "helsenorge", "regjeringen"}, source.url
            assert source.url.startswith("https://www.")


def test_loading_the_content_again_changes_nothing():
    before = AgreementCountry.objects.count(), Agreement.history.count()
    loader = ContentLoader()
    load(loader)
    assert (AgreementCountry.objects.count(), Agreement.history.count()) == before
    assert loader.report.created == loader.report.updated == loader.report.kept == []


def test_loaded_content_has_a_first_history_entry_to_revert_to():
    agreement = Agreement.objects.get(slug="eea")
    assert agreement.history.count() == 1
    assert agreement.history.get().history_change_reason == HISTORY_REASON


def write(directory: Path, name: str, text: str) -> None:
    (directory / "agreements").mkdir(exist_ok=True)
    (directory / "agreements" / name).write_text(text, encoding="utf-8")


BROKEN_FILE = """
slug = "broken"
kind = "bilateral"
last_reviewed = 2026-11-23
covers = ["pensions"]
sources = ["a-source"]
countries = ["%s"]
name_en = "Broken"
summary_en = "Broken"
body_en = "Broken"
"""


@pytest.mark.parametrize(
    ("country", "message"),
    [
        ("no", "agreements are with Norway"),
        ("PL", "not a lower-case country code"),
        ("zz", "not a lower-case country code"),
    ],
)
def test_a_mistake_in_a_file_names_the_file_and_the_key(tmp_path, country, message):
    write(tmp_path, "broken.toml", BROKEN_FILE % country)
    with pytest.raises(ContentError, match=f"agreements/broken.toml: 'countries'.*{message}"):
        load_agreements(ContentLoader(), tmp_path, {"a-source": None})
    assert not Agreement.objects.filter(slug="broken").exists()


def test_an_unknown_coverage_area_is_refused(tmp_path):
    write(tmp_path, "broken.toml", (BROKEN_FILE % "pl").replace('"pensions"', '"dental"'))
    with pytest.raises(ContentError, match="'covers' names an unknown area 'dental'"):
        load_agreements(ContentLoader(), tmp_path, {"a-source": None})
