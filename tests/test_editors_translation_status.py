"""Translation status: per record and per field, bokmål missing, or older
than the English it translates (and the other way round), read from history."""

import pytest

from agreements.models import Agreement
from content.translation_status import Gap, translation_statuses
from guidance.models import ChecklistItem, Guide
from tests.support.admin_forms import change_url, form_data
from tests.support.factories import make_guide
from tests.support.publishing import publish_draft_of, publisher_client

pytestmark = pytest.mark.django_db


def status_of(guide: Guide):
    return translation_statuses(Guide, [guide])[guide.pk]


def test_a_guide_written_in_both_languages_is_complete():
    assert status_of(make_guide()).is_complete


def test_a_missing_bokmal_summary_is_named():
    guide = make_guide(summary_nb="")
    assert status_of(guide).gaps == {Gap.BOKMAL_MISSING: ["summary"]}


def test_english_saved_after_the_bokmal_makes_the_bokmal_older(editor_client):
    guide = make_guide()
    editor_client.post(change_url(guide), form_data(guide, body_en="A rewritten English body."))
    guide.refresh_from_db()
    assert status_of(guide).is_complete  # only a draft so far: the live texts still agree
    publish_draft_of(guide)
    guide.refresh_from_db()
    assert status_of(guide).gaps == {Gap.BOKMAL_OLDER: ["body"]}
    editor_client.post(change_url(guide), form_data(guide, body_nb="En omskrevet norsk tekst."))
    publish_draft_of(guide)
    guide.refresh_from_db()
    assert status_of(guide).is_complete


def test_bokmal_saved_after_the_english_makes_the_english_older(editor_client):
    guide = make_guide()
    editor_client.post(change_url(guide), form_data(guide, title_nb="Ny norsk tittel"))
    publish_draft_of(guide)
    guide.refresh_from_db()
    assert status_of(guide).gaps == {Gap.ENGLISH_OLDER: ["title"]}


def test_the_guide_list_shows_the_status_per_field_and_filters_by_it(editor_client):
    make_guide(title_en="Half translated", summary_nb="", body_nb="")
    make_guide(title_en="Fully translated")
    page = editor_client.get("/admin/guidance/guide/").content.decode()
    assert "column-translation_status" in page
    assert "Bokmål missing: summary, body" in page
    filtered = editor_client.get("/admin/guidance/guide/?translation=bokmal-missing")
    titles = [str(guide) for guide in filtered.context["cl"].result_list]
    assert "Half translated" in titles and "Fully translated" not in titles


@pytest.mark.parametrize(
    ("model", "url"),
    [
        (ChecklistItem, "/admin/guidance/checklistitem/"),
        (Agreement, "/admin/agreements/agreement/"),
    ],
    ids=["checklist items", "agreements"],
)
def test_checklist_items_and_agreements_have_the_column_and_filter(editor_client, model, url):
    record = model.objects.first()
    model.objects.filter(pk=record.pk).update(summary_nb="") if model is Agreement else (
        model.objects.filter(pk=record.pk).update(body_nb="")
    )
    page = editor_client.get(url).content.decode()
    assert "column-translation_status" in page and "Bokmål missing" in page
    filtered = editor_client.get(f"{url}?translation=bokmal-missing").context["cl"].result_list
    assert [found.pk for found in filtered] == [record.pk]


def test_the_list_reads_history_in_one_query_whatever_the_number_of_rows(
    editor_client, django_assert_max_num_queries
):
    for _number in range(5):
        make_guide()
    with django_assert_max_num_queries(20):
        editor_client.get("/admin/guidance/guide/")


def run_publish(client, guides: list[Guide], **extra):
    return client.post(
        "/admin/guidance/guide/",
        {"action": "publish", "_selected_action": [guide.pk for guide in guides], **extra},
        follow=True,
    )


def test_publishing_a_guide_without_bokmal_asks_first():
    publisher = publisher_client()  # only publishers publish
    guide = make_guide(status=Guide.Status.DRAFT, title_en="Only English", body_nb="")
    page = run_publish(publisher, [guide]).content.decode()
    assert "Publish without bokmål?" in page
    assert "Only English" in page and "body [nb]" not in page
    guide.refresh_from_db()
    assert not guide.is_published

    run_publish(publisher, [guide], confirmed="yes")
    guide.refresh_from_db()
    assert guide.is_published


def test_publishing_a_translated_guide_asks_nothing():
    guide = make_guide(status=Guide.Status.DRAFT)
    assert "Published 1 guide." in run_publish(publisher_client(), [guide]).content.decode()
