"""Editors in Django admin: tabbed languages, drafts and publishing, history
with diffs and revert, and nothing beyond content."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from content.models import Source
from guidance.models import Guide, Topic
from tests.support.admin_forms import change_url, form_data
from tests.support.factories import make_guide, make_source, make_topic
from tests.support.publishing import make_publisher, publish_draft_of, publisher_client

pytestmark = pytest.mark.django_db


def test_an_editor_can_edit_a_guide_in_both_languages(editor_client):
    guide = make_guide()
    page = editor_client.get(change_url(guide)).content.decode()
    assert 'name="body_en"' in page and 'name="body_nb"' in page
    response = editor_client.post(change_url(guide), form_data(guide, body_nb="Ny norsk tekst."))
    assert response.status_code == 302
    # The guide is live: the editor's bokmål waits in a draft, which the form shows,
    # until a publisher publishes it.
    assert "Ny norsk tekst." in editor_client.get(change_url(guide)).content.decode()
    guide.refresh_from_db()
    assert guide.body_nb != "Ny norsk tekst."
    publish_draft_of(guide)
    guide.refresh_from_db()
    assert guide.body_nb == "Ny norsk tekst."


def test_an_editor_can_start_a_draft_and_preview_it(editor_client, client):
    topic = make_topic()
    response = editor_client.post(
        "/admin/guidance/guide/add/",
        {
            "slug": "a-new-draft",
            "topic": topic.pk,
            "order": 1,
            "status": Guide.Status.DRAFT,
            "last_reviewed": timezone.localdate().isoformat(),
            "title_en": "A new draft",
            "summary_en": "Not ready yet.",
            "body_en": "Work in progress.",
        },
    )
    assert response.status_code == 302
    guide = Guide.objects.get(slug="a-new-draft")
    assert guide.title_nb in ("", None)
    assert "Draft – not published" in editor_client.get(guide.get_absolute_url()).content.decode()
    assert client.get(guide.get_absolute_url()).status_code == 404


def test_an_editor_cannot_reach_user_admin(editor_client):
    assert editor_client.get("/admin/auth/user/").status_code == 403
    assert editor_client.get("/admin/auth/group/").status_code == 403


def test_english_is_required_and_norwegian_optional(editor_client):
    guide = make_guide()
    response = editor_client.post(change_url(guide), form_data(guide, title_en="", title_nb=""))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() == {"title_en"}


def test_the_tabs_load_jquery_ui_from_this_site(editor_client):
    html = editor_client.get(change_url(make_guide())).content.decode()
    assert "/static/vendor/jquery-ui/jquery-ui.min" in html
    assert "modeltranslation/js/tabbed_translation_fields" in html
    assert "//ajax.googleapis.com" not in html and "https://" not in html.split("<body")[0]


def test_a_published_guide_must_cite_a_source():
    guide = make_guide(status=Guide.Status.DRAFT, sources=[])
    response = publisher_client().post(
        change_url(guide), form_data(guide, status=Guide.Status.PUBLISHED)
    )
    assert response.status_code == 200
    assert "must cite at least one official source" in response.content.decode()
    guide.refresh_from_db()
    assert guide.status == Guide.Status.DRAFT


def test_a_draft_may_be_saved_without_sources(editor_client):
    guide = make_guide(status=Guide.Status.DRAFT, sources=[])
    assert editor_client.post(change_url(guide), form_data(guide)).status_code == 302


def run_action(client: Client, action: str, guides: list[Guide]):
    return client.post(
        "/admin/guidance/guide/",
        {"action": action, "_selected_action": [guide.pk for guide in guides]},
        follow=True,
    )


def test_the_publish_action_publishes_guides_that_cite_sources():
    ready = make_guide(status=Guide.Status.DRAFT)
    response = run_action(publisher_client(), "publish", [ready])
    ready.refresh_from_db()
    assert ready.status == Guide.Status.PUBLISHED
    assert ready.published_on is not None
    assert "Published 1 guide." in response.content.decode()


def test_the_publish_action_refuses_guides_without_sources():
    without_sources = make_guide(status=Guide.Status.DRAFT, sources=[], title_en="No sources")
    response = run_action(publisher_client(), "publish", [without_sources])
    without_sources.refresh_from_db()
    assert without_sources.status == Guide.Status.DRAFT
    assert "cite no official source: No sources" in response.content.decode()


def test_the_unpublish_action_turns_guides_back_into_drafts(client):
    guide = make_guide()
    run_action(publisher_client(), "unpublish", [guide])
    guide.refresh_from_db()
    assert guide.status == Guide.Status.DRAFT
    assert client.get(guide.get_absolute_url()).status_code == 404


def test_the_list_shows_status_topic_review_date_and_filters_overdue_reviews(editor_client):
    make_guide(title_en="Freshly checked", last_reviewed=timezone.localdate())
    make_guide(title_en="Long unchecked", last_reviewed=datetime.date(2020, 1, 1))
    page = editor_client.get("/admin/guidance/guide/").content.decode()
    assert "column-status" in page and "column-topic" in page and "column-last_reviewed" in page
    overdue = editor_client.get("/admin/guidance/guide/?review=overdue").content.decode()
    assert "Long unchecked" in overdue
    assert "Freshly checked" not in overdue


def test_search_in_admin_finds_norwegian_titles(editor_client):
    guide = make_guide(title_nb="Pensjonister i Testby")
    response = editor_client.get("/admin/guidance/guide/?q=Testby")
    assert list(response.context["cl"].result_list) == [guide]


def test_view_on_site_opens_the_real_address(editor_client):
    guide = make_guide()
    content_type = ContentType.objects.get_for_model(Guide)
    response = editor_client.get(f"/admin/r/{content_type.pk}/{guide.pk}/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/en/guides/{guide.slug}/")


def test_every_save_keeps_who_and_when_and_shows_the_norwegian_diff(editor_client, editor):
    guide = make_guide(body_nb="Gammel tekst.")
    editor_client.post(change_url(guide), form_data(guide, body_nb="Ny tekst."))
    publish_draft_of(guide)
    # Published from the editor's draft: history names the publisher who
    # approved it, and the editor who wrote it.
    latest = guide.history.first()
    assert latest.history_user == make_publisher()
    assert "editor-in-test" in latest.history_change_reason
    assert latest.body_nb == "Ny tekst."
    page = editor_client.get(f"/admin/guidance/guide/{guide.pk}/history/").content.decode()
    assert "editor-in-test" in page and "publisher-in-test" in page
    assert "Body [nb]:</strong> <del>Gammel tekst.</del> &rarr; <ins>Ny tekst.</ins>" in page
    assert 'style="' not in page.split('id="change-history"')[1]


def test_a_long_body_shows_only_the_lines_that_changed(editor_client):
    lines = [f"Line {number} stays the same." for number in range(40)]
    guide = make_guide(body_nb="\n".join(lines))
    lines[20] = "Line 20 now says that a < b instead."
    editor_client.post(change_url(guide), form_data(guide, body_nb="\r\n".join(lines)))
    publish_draft_of(guide)
    page = editor_client.get(f"/admin/guidance/guide/{guide.pk}/history/").content.decode()
    change = page[page.index("Body [nb]:") :].split("</li>")[0]
    assert "<del>Line 20 stays the same.<br></del>" in change
    assert "<ins>Line 20 now says that a &lt; b instead.<br></ins>" in change
    assert "Line 19" not in change
    assert "Body [en]" not in page  # the CRLF the browser sends is no change


def test_reverting_restores_an_earlier_norwegian_text(editor_client):
    guide = make_guide(body_nb="Første versjon.")
    editor_client.post(change_url(guide), form_data(guide, body_nb="Andre versjon."))
    first = guide.history.order_by("history_date").first()
    revert_url = f"/admin/guidance/guide/{guide.pk}/history/{first.history_id}/"
    form = editor_client.get(revert_url)
    assert "Første versjon." in form.content.decode()
    # Press Revert: post the form as the revert page filled it in.
    initial = form.context["adminform"].form.initial
    posted = form_data(guide, **{name: initial[name] for name in ("body_en", "body_nb")})
    assert editor_client.post(revert_url, posted).status_code == 302
    guide.refresh_from_db()
    assert guide.body_nb == "Første versjon."
    assert guide.history.first().body_nb == "Første versjon."


def test_history_records_every_language_but_not_the_active_language_copy():
    guide = make_guide()
    fields = {field.name for field in guide.history.model._meta.fields}
    assert {"title_en", "title_nb", "summary_en", "summary_nb", "body_en", "body_nb"} <= fields
    assert not {"title", "summary", "body"} & fields


@pytest.mark.parametrize(
    ("model", "make"), [(Topic, make_topic), (Source, make_source)], ids=["topic", "source"]
)
def test_topics_and_sources_have_tabs_and_history_too(editor_client, model, make):
    item = make()
    name = model._meta.model_name
    admin_url = f"/admin/{model._meta.app_label}/{name}/{item.pk}"
    change = editor_client.get(f"{admin_url}/change/").content.decode()
    assert 'name="title_nb"' in change
    assert "tabbed_translation_fields" in change
    history = editor_client.get(f"{admin_url}/history/")
    assert history.status_code == 200


def test_the_initial_content_has_a_first_history_entry():
    for model in (Topic, Source, Guide):
        for item in model.objects.all():
            assert item.history.filter(history_type="+").exists(), item
