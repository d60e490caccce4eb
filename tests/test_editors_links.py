"""Links that do not break: an old slug redirects, each guide says where it is
used, and unpublishing a guide that is still linked asks first."""

import pytest
from django.utils.html import escape

from agreements.models import Agreement
from guidance.models import ChecklistItem, Guide
from tests.support.admin_forms import change_url, form_data
from tests.support.factories import make_guide
from tests.support.publishing import publish_draft_of, publisher_client

pytestmark = pytest.mark.django_db


def test_a_published_guides_old_address_redirects_permanently(editor_client, client):
    guide = make_guide(slug="old-name")
    editor_client.post(change_url(guide), form_data(guide, slug="new-name"))
    assert client.get("/en/guides/old-name/").status_code == 200  # a draft, not yet live
    publish_draft_of(guide)
    response = client.get("/en/guides/old-name/")
    assert response.status_code == 301
    assert response["Location"] == "/en/guides/new-name/"
    assert client.get("/nb/guides/old-name/")["Location"] == "/nb/guides/new-name/"


def test_changing_the_slug_back_serves_the_guide_at_its_first_address(editor_client, client):
    guide = make_guide(slug="first-name")
    editor_client.post(change_url(guide), form_data(guide, slug="second-name"))
    publish_draft_of(guide)
    guide.refresh_from_db()
    assert client.get("/en/guides/first-name/")["Location"] == "/en/guides/second-name/"
    editor_client.post(change_url(guide), form_data(guide, slug="first-name"))
    publish_draft_of(guide)
    assert client.get("/en/guides/first-name/").status_code == 200
    assert client.get("/en/guides/second-name/")["Location"] == "/en/guides/first-name/"


def test_a_draft_that_was_never_published_leaves_no_old_address(editor_client, client):
    guide = make_guide(slug="draft-name", status=Guide.Status.DRAFT)
    editor_client.post(change_url(guide), form_data(guide, slug="better-draft-name"))
    assert client.get("/en/guides/draft-name/").status_code == 404


def test_an_old_address_of_an_unpublished_guide_is_a_404(editor_client, client):
    guide = make_guide(slug="was-public")
    editor_client.post(change_url(guide), form_data(guide, slug="now-hidden"))
    publish_draft_of(guide)
    assert client.get("/en/guides/was-public/").status_code == 301
    Guide.objects.filter(pk=guide.pk).update(status=Guide.Status.DRAFT)
    assert client.get("/en/guides/was-public/").status_code == 404


def test_the_change_page_lists_where_the_guide_is_used(editor_client):
    guide = Guide.objects.get(slug="national-insurance-scheme")
    page = editor_client.get(change_url(guide)).content.decode()
    section = page[page.index("Where it is used") :]
    linking_item = ChecklistItem.objects.filter(
        body_en__contains="/guides/national-insurance-scheme/"
    ).first()
    assert escape(f"Checklist item: {linking_item}") in section
    assert f"/admin/guidance/checklistitem/{linking_item.pk}/change/" in section


def test_the_change_page_lists_guides_and_agreements_linking_by_address(editor_client):
    target = make_guide(slug="target-guide")
    linking = make_guide(title_en="Linking guide", body_nb="Les [mer](/nb/guides/target-guide/).")
    agreement = Agreement.objects.get(slug="united-states")
    Agreement.objects.filter(pk=agreement.pk).update(
        body_en="See [this](/en/guides/target-guide/#s)."
    )
    page = editor_client.get(change_url(target)).content.decode()
    assert "Guide: Linking guide" in page
    assert f"Agreement: {agreement.name_en}" in page
    assert f"/admin/guidance/guide/{linking.pk}/change/" in page


def test_a_guide_nothing_links_to_says_so(editor_client):
    page = editor_client.get(change_url(make_guide())).content.decode()
    assert "Nothing links to this guide." in page


def unpublish(client, guide: Guide, **extra):
    return client.post(
        "/admin/guidance/guide/",
        {"action": "unpublish", "_selected_action": [guide.pk], **extra},
        follow=True,
    )


def test_unpublishing_a_linked_guide_lists_the_links_and_asks_first():
    publisher = publisher_client()  # only publishers unpublish
    target = make_guide(slug="still-linked")
    make_guide(title_en="The guide that links", body_en="See [it](/en/guides/still-linked/).")
    page = unpublish(publisher, target).content.decode()
    assert "Unpublish guides that are still linked?" in page
    assert "Guide: The guide that links" in page
    target.refresh_from_db()
    assert target.is_published

    unpublish(publisher, target, confirmed="yes")
    target.refresh_from_db()
    assert not target.is_published


def test_unpublishing_a_guide_nothing_links_to_asks_nothing():
    guide = make_guide()
    page = unpublish(publisher_client(), guide).content.decode()
    assert "Unpublished 1 guide." in page
