"""Editors keep the agreements in Django admin: both languages, countries with
notes, history with diffs and revert, and changes visitors see at once."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.html import escape

from agreements.lookup import coverage_for
from agreements.models import Agreement, AgreementCountry
from tests.support.admin_forms import agreement_change_url, agreement_form_data
from tests.support.publishing import make_publisher, publish_draft_of


def coverage_of(code: str):
    """One country's coverage, as the checklist reads it."""
    return coverage_for([code])[code.strip().lower()]


pytestmark = pytest.mark.django_db


def test_a_published_change_shows_on_the_country_page_at_the_next_request(editor_client, client):
    us = Agreement.objects.get(slug="united-states")
    assert escape(us.name_nb) in client.get("/nb/agreements/us/").content.decode()
    response = editor_client.post(
        agreement_change_url(us),
        agreement_form_data(
            us, name_nb="Trygdeavtalen med De forente stater", covers_healthcare="on"
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    # The editor's draft is not the visitors' page until a publisher publishes it.
    assert "De forente stater" not in client.get("/nb/agreements/us/").content.decode()
    publish_draft_of(us)
    html = client.get("/nb/agreements/us/").content.decode()
    assert "Trygdeavtalen med De forente stater" in html
    assert "Helsehjelp: omfattet" in html
    with translation.override("nb"):
        assert coverage_of("us").agreements[0].name == "Trygdeavtalen med De forente stater"


def test_an_editor_can_add_a_country_with_a_note_and_the_lookup_sees_it(editor_client):
    chile = Agreement.objects.get(slug="chile")
    assert not coverage_of("pe").has_agreement
    rows = [{}, {"country": "PE", "note_en": "Test note", "note_nb": "Testmerknad"}]
    response = editor_client.post(
        agreement_change_url(chile), agreement_form_data(chile, rows=rows)
    )
    assert response.status_code == 302
    assert not coverage_of("pe").has_agreement  # a draft, until it is published
    publish_draft_of(chile)
    assert coverage_of("pe").agreements[0].note == "Test note"


def test_norway_cannot_be_added_as_a_party(editor_client):
    chile = Agreement.objects.get(slug="chile")
    response = editor_client.post(
        agreement_change_url(chile), agreement_form_data(chile, rows=[{}, {"country": "NO"}])
    )
    assert response.status_code == 200
    assert "Every agreement is with Norway" in response.content.decode()
    assert not AgreementCountry.objects.filter(country="NO").exists()


def test_a_country_can_only_be_listed_once_per_agreement(editor_client):
    chile = Agreement.objects.get(slug="chile")
    before = set(AgreementCountry.objects.filter(agreement=chile))
    assert {row.code for row in before} == {"cl"}
    response = editor_client.post(
        agreement_change_url(chile), agreement_form_data(chile, rows=[{}, {"country": "CL"}])
    )
    assert response.status_code == 200
    assert set(AgreementCountry.objects.filter(agreement=chile)) == before


def test_the_form_has_language_tabs_and_a_searchable_country_field(editor_client):
    html = editor_client.get(
        agreement_change_url(Agreement.objects.get(slug="eea"))
    ).content.decode()
    assert 'name="body_en"' in html and 'name="body_nb"' in html
    assert 'name="countries-0-note_nb"' in html
    assert 'class="country-autocomplete"' in html or "country-autocomplete" in html
    assert "agreements/admin/country-autocomplete" in html
    assert "select2" in html
    assert "https://" not in html.split("<body")[0]


def test_history_records_who_changed_which_language_and_can_revert(editor_client):
    us = Agreement.objects.get(slug="united-states")
    loaded_summary = us.summary_nb
    editor_client.post(
        agreement_change_url(us), agreement_form_data(us, summary_nb="Ny oppsummering.")
    )
    publish_draft_of(us)
    # Published from the editor's draft: the publisher approved it, the editor wrote it.
    latest = us.history.latest()
    assert latest.history_user == make_publisher()
    assert "editor-in-test" in latest.history_change_reason
    changes = {
        change.field: change.new for change in latest.diff_against(latest.prev_record).changes
    }
    assert changes == {"summary_nb": "Ny oppsummering."}

    history_page = editor_client.get(f"/admin/agreements/agreement/{us.pk}/history/")
    assert "Ny oppsummering." in history_page.content.decode()
    first = us.history.earliest()
    revert_url = f"/admin/agreements/agreement/{us.pk}/history/{first.history_id}/"
    assert editor_client.get(revert_url).status_code == 200
    first.instance.save()
    us.refresh_from_db()
    assert us.summary_nb == loaded_summary


def test_the_list_filters_by_kind_and_overdue_review_and_finds_a_country_code(editor_client):
    chile, india, eea = (Agreement.objects.get(slug=slug) for slug in ("chile", "india", "eea"))
    Agreement.objects.filter(pk=chile.pk).update(last_reviewed=datetime.date(2020, 1, 1))
    Agreement.objects.filter(pk=india.pk).update(last_reviewed=timezone.localdate())
    listing = editor_client.get("/admin/agreements/agreement/?review=overdue").content.decode()
    assert escape(chile.name_en) in listing
    assert escape(india.name_en) not in listing
    bilateral = editor_client.get("/admin/agreements/agreement/?kind__exact=bilateral")
    assert escape(chile.name_en) in bilateral.content.decode()
    assert escape(eea.name_en) not in bilateral.content.decode()
    found = editor_client.get("/admin/agreements/agreement/?q=pl").content.decode()
    assert escape(eea.name_en) in found
    assert escape(chile.name_en) not in found


def test_review_overdue_means_more_than_twelve_months_ago():
    today = datetime.date(2026, 11, 23)
    Agreement.objects.filter(slug="chile").update(last_reviewed=datetime.date(2025, 11, 22))
    Agreement.objects.filter(slug="india").update(last_reviewed=datetime.date(2025, 11, 23))
    overdue = set(Agreement.objects.review_overdue(today).values_list("slug", flat=True))
    assert "chile" in overdue
    assert "india" not in overdue


def test_line_breaks_from_the_admin_form_are_stored_as_in_the_files():
    agreement = Agreement.objects.get(slug="chile")
    agreement.body_nb = "Første linje.\r\nAndre linje."
    agreement.save()
    agreement.refresh_from_db()
    assert agreement.body_nb == "Første linje.\nAndre linje."
