"""Reporting a problem: a plain form that works without JavaScript or cookies,
keeps only what the visitor writes and the page's path, and forgets it after
90 days."""

import datetime

import pytest
from django.utils import timezone

from feedback.models import KEEP_DAYS, Report

pytestmark = pytest.mark.django_db


def test_every_page_offers_to_report_a_problem_with_it(client):
    html = client.get("/en/guides/").content.decode()
    assert 'href="/en/feedback/?page=/en/guides/"' in html


def test_the_link_from_a_checklist_page_leaves_the_answers_out(client):
    html = client.get("/en/checklist/residence/?citizenship=pl").content.decode()
    assert 'href="/en/feedback/?page=/en/checklist/residence/"' in html
    assert "feedback/?page=/en/checklist/residence/%3F" not in html


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Report a problem with this site"), ("nb", "Meld fra om et problem på nettstedet")],
)
def test_the_form_is_a_plain_post_form_that_sets_no_cookie(client, language, heading):
    response = client.get(f"/{language}/feedback/?page=/{language}/guides/")
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert f'action="/{language}/feedback/send/" method="post"' in html
    assert f'value="/{language}/guides/"' in html
    assert "csrfmiddlewaretoken" not in html
    assert response.cookies == {}


def test_a_report_is_kept_with_its_page_and_the_visitor_thanked(client):
    response = client.post(
        "/en/feedback/send/",
        {"page": "/en/guides/sick-pay/?answers=secret", "message": "The phone number is old."},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/feedback/thanks/"
    report = Report.objects.get()
    assert report.message == "The phone number is old."
    assert report.page == "/en/guides/sick-pay/"
    thanks = client.get(response["Location"]).content.decode()
    assert "<h1>Thank you for your report</h1>" in thanks


@pytest.mark.parametrize("address", ["https://example.com/", "//example.com/x", "x" * 300])
def test_a_page_that_is_not_on_this_site_is_not_kept(client, address):
    client.post("/en/feedback/send/", {"page": address, "message": "Something is wrong."})
    assert Report.objects.get().page == ""


def test_an_empty_report_gets_the_error_pattern_with_focus_on_the_summary(client):
    response = client.post("/nb/feedback/send/", {"page": "/nb/", "message": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    assert '<div class="checklist-error-summary" role="alert"' in html
    assert "autofocus" in html.split('class="checklist-error-summary"')[1].split(">")[0]
    assert '<a href="#id_message">Skriv hva som er feil</a>' in html
    assert 'aria-invalid="true"' in html
    assert "<title>Feil: " in html
    assert not Report.objects.exists()


def test_an_overlong_report_is_refused(client):
    response = client.post("/en/feedback/send/", {"message": "x" * 2001})
    assert response.status_code == 400
    assert "Write at most 2000 characters" in response.content.decode()


def test_a_robot_that_fills_every_field_is_thanked_but_not_kept(client):
    response = client.post(
        "/en/feedback/send/", {"message": "Buy now", "website": "https://spam.example"}
    )
    assert response.status_code == 302
    assert not Report.objects.exists()


def test_reports_older_than_90_days_are_deleted(client):
    old = Report.objects.create(message="An old report.")
    Report.objects.filter(pk=old.pk).update(
        received=timezone.now() - datetime.timedelta(days=KEEP_DAYS, hours=1)
    )
    recent = Report.objects.create(message="A recent report.")
    client.post("/en/feedback/send/", {"message": "A new report."})
    assert set(Report.objects.values_list("message", flat=True)) == {
        recent.message,
        "A new report.",
    }


def test_reading_the_reports_in_admin_deletes_the_old_ones(admin_client):
    old = Report.objects.create(message="An old report.")
    Report.objects.filter(pk=old.pk).update(
        received=timezone.now() - datetime.timedelta(days=KEEP_DAYS + 1)
    )
    Report.objects.create(message="A recent report.")
    html = admin_client.get("/admin/feedback/report/").content.decode()
    assert "A recent report." in html
    assert list(Report.objects.values_list("message", flat=True)) == ["A recent report."]


def test_a_report_cannot_be_edited_in_admin(admin_client):
    report = Report.objects.create(message="As the visitor wrote it.")
    html = admin_client.get(f"/admin/feedback/report/{report.pk}/change/").content.decode()
    assert 'name="message"' not in html
    assert "As the visitor wrote it." in html


def test_a_report_is_not_a_change_to_the_content(client):
    from content.cache import content_version

    before = content_version()
    client.post("/en/feedback/send/", {"message": "Something is wrong."})
    assert content_version() == before
