"""Editors v2 in Chromium: a slug change keeps the old address working once
published, and unpublishing a guide that is still linked asks first."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from guidance.models import Guide
from tests.support.browser import log_in_to_admin
from tests.support.factories import make_guide
from tests.support.publishing import make_publisher


@pytest.fixture
def linked_guide() -> Guide:
    guide = make_guide(slug="old-address", title_en="The linked guide")
    make_guide(title_en="The guide that links", body_en="See [it](/en/guides/old-address/).")
    return guide


@pytest.fixture
def publisher() -> User:
    return make_publisher("publisher-in-browser")


def test_an_editor_renames_a_slug_and_once_published_the_old_address_redirects(
    site: Page, editor, publisher, linked_guide
):
    log_in_to_admin(site, editor)
    site.goto(f"/admin/guidance/guide/{linked_guide.pk}/change/")
    site.get_by_label("Slug").fill("new-address")
    site.get_by_role("button", name="Save draft", exact=True).click()
    expect(site.locator(".messagelist")).to_contain_text("Draft saved")
    # A draft: visitors still find the guide at its address.
    site.goto("/en/guides/old-address/")
    assert site.url.endswith("/en/guides/old-address/")
    site.context.clear_cookies()

    log_in_to_admin(site, publisher)
    site.goto(f"/admin/guidance/guide/{linked_guide.pk}/change/")
    expect(site.get_by_label("Slug")).to_have_value("new-address")
    site.get_by_role("button", name="Approve and publish").click()
    expect(site.locator(".messagelist")).to_contain_text("Published: visitors see it now.")

    site.goto("/en/guides/old-address/")
    assert site.url.endswith("/en/guides/new-address/")
    expect(site.get_by_role("heading", level=1)).to_have_text("The linked guide")


def test_unpublishing_a_linked_guide_lists_the_links_and_asks(site: Page, publisher, linked_guide):
    log_in_to_admin(site, publisher)  # only publishers unpublish
    site.goto(f"/admin/guidance/guide/{linked_guide.pk}/change/")
    expect(site.locator(".field-where_used")).to_contain_text("Guide: The guide that links")

    site.goto("/admin/guidance/guide/?q=linked")
    site.locator(f'input[name="_selected_action"][value="{linked_guide.pk}"]').check()
    site.locator('select[name="action"]').select_option("unpublish")
    site.get_by_role("button", name="Run").click()
    expect(site.get_by_role("heading", level=1)).to_have_text(
        "Unpublish guides that are still linked?"
    )
    expect(site.get_by_role("link", name="Guide: The guide that links")).to_be_visible()

    site.get_by_role("button", name="Yes, unpublish them").click()
    expect(site.locator(".messagelist")).to_contain_text("Unpublished 1 guide.")
    linked_guide.refresh_from_db()
    assert not linked_guide.is_published
