"""The topics newcomers ask about most have guides of their own: in both
languages, on the guide list, found by search, and linked from the checklist
items that need them."""

import re

import pytest

from guidance.models import ChecklistItem, Guide
from guidance.search import search_guides

pytestmark = pytest.mark.django_db

NEW_GUIDES = {
    # slug: a word a newcomer would search for, in English and in Norwegian
    "leaving-norway": ("emigration", "utflytting"),
    "healthcare-costs": ("exemption", "frikort"),
    "pregnancy-birth-and-childrens-health": ("pregnancy", "svangerskapskontroll"),
    "mental-health": ("mental", "psykisk"),
    "patient-rights": ("ombudsman", "pasient"),
    "logging-in-without-norwegian-id": ("BankID", "BankID"),
    "refugees-and-asylum-seekers": ("asylum", "asylsøker"),
    "sick-pay": ("sick", "sykepenger"),
    "unemployment-across-borders": ("frontier", "dagpenger"),
}


@pytest.mark.parametrize("slug", NEW_GUIDES)
def test_a_new_topic_is_a_published_guide_in_both_languages_on_the_guide_list(client, slug):
    guide = Guide.objects.get(slug=slug)
    assert guide.is_published and guide.title_nb and guide.body_nb and guide.sources.exists()
    for language in ("en", "nb"):
        page = client.get(f"/{language}/guides/").content.decode()
        assert f'href="/{language}/guides/{slug}/"' in page


@pytest.mark.parametrize("language", ["en", "nb"])
@pytest.mark.parametrize("slug", NEW_GUIDES)
def test_a_new_topic_is_found_by_search(slug, language):
    word = NEW_GUIDES[slug][0 if language == "en" else 1]
    assert slug in [result.guide.slug for result in search_guides(word, language)]


@pytest.mark.parametrize(
    "slug", ["leaving-norway", "refugees-and-asylum-seekers", "unemployment-across-borders"]
)
def test_the_checklist_items_about_a_new_topic_lead_to_its_guide(slug):
    linked = [
        item.key
        for item in ChecklistItem.objects.all()
        if (item.guide_id and item.guide.slug == slug)
        or re.search(rf"/en/guides/{slug}/", item.body_en)
    ]
    assert linked, f"no checklist item leads to {slug}"
