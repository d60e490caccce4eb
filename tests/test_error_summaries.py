"""With a problem to fix, focus starts on the error summary, without
JavaScript too (autofocus), so that it is read out first."""

import re

import pytest

pytestmark = pytest.mark.django_db


def summary_tag(html: str, css_class: str) -> str:
    return re.search(rf'<div class="{css_class}"[^>]*>', html)[0]


def test_a_checklist_question_focuses_its_error_summary(client):
    html = client.get("/en/checklist/citizenship/?citizenship=").content.decode()
    tag = summary_tag(html, "checklist-error-summary")
    assert "autofocus" in tag and 'tabindex="-1"' in tag and 'role="alert"' in tag
    assert html.count("autofocus") == 1


def test_the_agreements_picker_focuses_its_error_summary(client):
    response = client.get("/nb/agreements/choose/?country=")
    assert response.status_code == 400
    tag = summary_tag(response.content.decode(), "agreements-error-summary")
    assert "autofocus" in tag


def test_a_page_without_an_error_moves_no_focus(client):
    assert "autofocus" not in client.get("/en/checklist/citizenship/").content.decode()


def test_question_forms_keep_their_answer_in_the_browsers_history(client):
    html = client.get("/en/checklist/residence/?citizenship=pl").content.decode()
    assert re.search(r'<form class="checklist-question"[^>]*data-keep-answer-in-history', html)
