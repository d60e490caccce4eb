"""An item an editor unpublished on purpose is a decision, not a fault: the
deploy check stays green, and editors see it named in admin."""

import io

import pytest
from django.core.management import call_command

from guidance.models import ChecklistItem
from tests.support.publishing import publisher_client

pytestmark = pytest.mark.django_db


def test_the_deploy_check_stays_green_after_a_publisher_unpublishes_an_item(settings):
    # Only this check's verdict: the agreements' country check (W002) is another matter.
    settings.SILENCED_SYSTEM_CHECKS = ["guidance.W002"]
    item = ChecklistItem.objects.get(key="gp")
    publisher_client().post(
        "/admin/guidance/checklistitem/",
        {"action": "unpublish", "_selected_action": [item.pk]},
    )
    item.refresh_from_db()
    assert not item.published
    output = io.StringIO()
    call_command(
        "check", "--database", "default", "--fail-level", "WARNING", stdout=output, stderr=output
    )
    assert "guidance.I001" in output.getvalue() and "gp" in output.getvalue()


def test_the_item_list_warns_about_unpublished_items(editor_client):
    ChecklistItem.objects.filter(key__in=["gp", "ehic"]).update(published=False)
    page = editor_client.get("/admin/guidance/checklistitem/").content.decode()
    assert 'class="warning">Unpublished: no visitor gets these 2 items' in page
    assert "ehic, gp." in page


def test_the_item_list_says_nothing_when_every_item_is_published(editor_client):
    assert (
        "Unpublished:" not in editor_client.get("/admin/guidance/checklistitem/").content.decode()
    )


def test_the_admin_index_names_unpublished_items(editor_client):
    item = ChecklistItem.objects.get(key="gp")
    assert "Unpublished checklist items" not in editor_client.get("/admin/").content.decode()
    ChecklistItem.objects.filter(pk=item.pk).update(published=False)
    page = editor_client.get("/admin/").content.decode()
    assert "Unpublished checklist items" in page
    assert f'href="/admin/guidance/checklistitem/{item.pk}/change/">gp</a>' in page


def test_the_admin_index_speaks_norwegian(editor_client):
    ChecklistItem.objects.filter(key="gp").update(published=False)
    page = editor_client.get("/admin/", headers={"accept-language": "nb"}).content.decode()
    assert "Avpubliserte punkter i sjekklisten" in page
