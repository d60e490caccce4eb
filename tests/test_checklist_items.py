"""Checklist items: editable, translated records the rules refer to by key.

Editors change the wording in admin and see it on the next result page; they
can unpublish an item but never delete one or change its key, and a system
check fails while a key the rules can give has no published item in both
languages."""

import pytest
from django.contrib.auth.models import User
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db.models import ProtectedError
from django.utils import timezone

from guidance.checks import check_checklist_items
from guidance.models import ChecklistItem, Guide
from guidance.rules import ITEM_KEYS
from tests.support.checklist import POLISH_CARPENTER, item_html, result_url
from tests.support.clients import make_client
from tests.support.publishing import publish_draft_of, publisher_client

pytestmark = pytest.mark.django_db


def change_url(item: ChecklistItem) -> str:
    return f"/admin/guidance/checklistitem/{item.pk}/change/"


def form_data(item: ChecklistItem, **changes) -> dict:
    """What the change form posts for this item, with some fields changed."""
    data = {
        "section": item.section,
        "order": item.order,
        "last_reviewed": item.last_reviewed.isoformat(),
        "sources": [source.pk for source in item.sources.all()],
        "guide": item.guide_id or "",
        **({"published": "on"} if item.published else {}),
    }
    for field in ("title", "body"):
        for language in ("en", "nb"):
            data[f"{field}_{language}"] = getattr(item, f"{field}_{language}") or ""
    return {**data, **changes}


# The content ---------------------------------------------------------------------


def test_every_key_the_rules_can_give_has_a_published_item_in_both_languages():
    assert ChecklistItem.objects.keys_ready_to_show() >= set(ITEM_KEYS)


def test_every_item_cites_a_source_names_a_guide_and_was_reviewed_within_a_year():
    today = timezone.localdate()
    for item in ChecklistItem.objects.all():
        assert item.sources.exists(), item.key
        assert item.guide is not None and item.guide.is_published, item.key
        assert item.last_reviewed <= today, f"{item.key} reviewed in the future"
        assert not item.is_review_overdue, f"{item.key} is overdue for review"


def test_the_result_query_fetches_items_with_their_guide_and_sources_in_two_queries(
    django_assert_num_queries,
):
    with django_assert_num_queries(2):
        items = list(ChecklistItem.objects.for_result(list(ITEM_KEYS)))
        titles = [
            (item.guide.slug, [source.url for source in item.sources.all()]) for item in items
        ]
    assert len(titles) == len(ITEM_KEYS)


def test_the_section_headings_are_translated():
    from django.utils import translation

    with translation.override("nb"):
        labels = [str(label) for label in ChecklistItem.Section.labels]
    assert labels == [
        "Medlemskapet ditt",
        "Helsehjelp",
        "Arbeid, skatt og tillatelser",
        "Ytelser fra NAV og familie",
        "Opphold i utlandet",
        "Hvem du kan kontakte",
    ]


# The system check ----------------------------------------------------------------


def test_the_check_passes_when_every_item_is_ready():
    assert check_checklist_items(databases=["default"]) == []


def test_the_check_only_informs_about_an_item_unpublished_on_purpose():
    ChecklistItem.objects.filter(key="gp").update(published=False)
    errors = check_checklist_items(databases=["default"])
    assert [error.id for error in errors] == ["guidance.I001"]
    assert isinstance(errors[0], checks.Info)
    assert "gp." in errors[0].msg


def test_the_check_names_an_item_without_its_english_text():
    ChecklistItem.objects.filter(key="ehic").update(body_en="")
    ChecklistItem.objects.filter(key="tax-card").update(title_en=None)
    errors = check_checklist_items(databases=["default"])
    assert [error.id for error in errors] == ["guidance.W001"]
    assert isinstance(errors[0], checks.Warning)
    assert errors[0].msg.endswith(": ehic, tax-card.")


def test_the_check_names_a_missing_item():
    ChecklistItem.objects.filter(key="contact-helfo").delete()
    assert "contact-helfo" in check_checklist_items(databases=["default"])[0].msg


def test_the_check_fails_a_deployment_check_with_the_database():
    ChecklistItem.objects.filter(key="gp").update(body_en="")
    with pytest.raises(SystemCheckError, match=r"guidance\.W001"):
        call_command("check", "--database", "default", "--fail-level", "WARNING")


def test_an_unpublished_item_does_not_stop_migrate():
    ChecklistItem.objects.filter(key="gp").update(published=False)
    call_command("migrate", verbosity=0)


def test_the_check_reads_no_database_unless_asked_to(django_assert_num_queries):
    ChecklistItem.objects.filter(key="gp").update(published=False)
    with django_assert_num_queries(0):
        assert check_checklist_items() == []


# Admin ---------------------------------------------------------------------------


def test_an_editors_published_wording_shows_on_the_next_result_page(client, editor_client):
    item = ChecklistItem.objects.get(key="tax-card")
    url = result_url("nb", POLISH_CARPENTER)
    assert item.title_nb in client.get(url).content.decode()  # and now in the page cache
    response = editor_client.post(
        change_url(item), form_data(item, title_nb="Skaff skattekort før første lønning")
    )
    assert response.status_code == 302
    # The editor's draft: visitors still get the published wording.
    assert "Skaff skattekort før første lønning" not in client.get(url).content.decode()
    publish_draft_of(item)
    page = client.get(url).content.decode()
    assert "Skaff skattekort før første lønning" in item_html(page, "tax-card")


def test_the_edit_page_has_a_tab_for_each_language(editor_client):
    page = editor_client.get(change_url(ChecklistItem.objects.get(key="gp"))).content.decode()
    for name in ("title_en", "title_nb", "body_en", "body_nb"):
        assert f'name="{name}"' in page


def test_a_saved_items_key_is_read_only(editor_client):
    item = ChecklistItem.objects.get(key="gp")
    page = editor_client.get(change_url(item)).content.decode()
    assert 'name="key"' not in page
    editor_client.post(change_url(item), form_data(item, key="something-else"))
    item.refresh_from_db()
    assert item.key == "gp"


def test_no_one_can_delete_an_item_in_admin(editor_client):
    item = ChecklistItem.objects.get(key="gp")
    superuser = User.objects.create_superuser("root-in-test", password="x")
    root = make_client()
    root.force_login(superuser)
    for client in (editor_client, root):
        assert client.get(f"/admin/guidance/checklistitem/{item.pk}/delete/").status_code == 403
        delete_url = f"/admin/guidance/checklistitem/{item.pk}/delete/"
        assert delete_url not in client.get(change_url(item)).content.decode()
        changelist = client.get("/admin/guidance/checklistitem/").content.decode()
        assert "delete_selected" not in changelist
    assert ChecklistItem.objects.filter(key="gp").exists()


def test_a_publisher_unpublishes_an_item_and_it_leaves_every_list(client):
    item = ChecklistItem.objects.get(key="child-benefit")
    response = publisher_client().post(
        "/admin/guidance/checklistitem/",
        {"action": "unpublish", "_selected_action": [item.pk]},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert not item.published
    assert (
        'data-item="child-benefit"'
        not in client.get(result_url("en", POLISH_CARPENTER)).content.decode()
    )


def test_a_new_item_must_use_a_key_the_rules_give(editor_client):
    guide = Guide.objects.first()
    data = {
        "key": "my-own-idea",
        "section": "contact",
        "order": 99,
        "last_reviewed": "2026-11-23",
        "title_en": "An idea",
        "body_en": "Text.",
        "published": "on",
        "guide": guide.pk,
    }
    response = editor_client.post("/admin/guidance/checklistitem/add/", data)
    assert response.status_code == 200
    assert "The checklist&#x27;s rules never give this key" in response.content.decode()
    assert not ChecklistItem.objects.filter(key="my-own-idea").exists()


def test_every_change_is_kept_in_history(editor_client):
    item = ChecklistItem.objects.get(key="emergency")
    before = item.history.count()
    editor_client.post(change_url(item), form_data(item, body_en="Call 113."))
    assert item.history.count() == before  # a draft is not a change of the item yet
    publish_draft_of(item)
    assert item.history.count() == before + 1
    assert item.history.first().body_en == "Call 113."
    assert "editor-in-test" in item.history.first().history_change_reason
    history = editor_client.get(f"/admin/guidance/checklistitem/{item.pk}/history/")
    assert history.status_code == 200


def test_a_guide_an_item_points_to_cannot_be_deleted_by_accident():
    guide = ChecklistItem.objects.get(key="gp").guide
    with pytest.raises(ProtectedError):
        guide.delete()


def test_line_breaks_from_the_admin_form_are_stored_as_in_the_files():
    item = ChecklistItem.objects.get(key="gp")
    item.body_en = "First line.\r\nSecond line."
    item.save()
    item.refresh_from_db()
    assert item.body_en == "First line.\nSecond line."
