"""A published guide's slug changed in admin: its old address redirects
permanently to the new one in the browser, links to it in other guides still
lead to it, and the link check notes the old address.

Saves of published guides may become drafts that a publisher approves
(content/workflow.py): the test logs in as a superuser, who may publish, and
approves the draft when the save made one."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from content.models import PendingChange
from guidance.models import Guide
from linkcheck.models import LinkCheck
from tests.support.browser import log_in_to_admin
from tests.support.clients import EDITOR_PASSWORD
from tests.support.factories import make_guide


@pytest.fixture
def moved_guide() -> Guide:
    guide = make_guide(slug="old-address", title_en="The moved guide", title_nb="Den flyttede")
    make_guide(
        slug="the-linking-guide",
        title_en="The linking guide",
        body_en="Read [the moved guide](/en/guides/old-address/) first.",
        body_nb="Les [den flyttede veiledningen](/nb/guides/old-address/) først.",
    )
    return guide


@pytest.fixture
def publisher() -> User:
    return User.objects.create_superuser("publisher-in-test", password=EDITOR_PASSWORD)


def change_slug_and_publish(site: Page, guide: Guide, slug: str) -> None:
    site.goto(f"/admin/guidance/guide/{guide.pk}/change/")
    site.get_by_label("Slug").fill(slug)
    publish = site.get_by_role("button", name="Approve and publish")
    if publish.count():
        publish.click()
    else:
        site.get_by_role("button", name="Save", exact=True).click()
    expect(site.locator(".messagelist li").first).to_be_visible()
    guide.refresh_from_db()
    if guide.slug != slug:
        # The save became a draft: approve it on its review page.
        change = PendingChange.objects.open().for_record(guide).get()
        site.goto(change.get_admin_url())
        site.get_by_role("button", name="Approve and publish").click()
        expect(site.locator(".messagelist li").first).to_be_visible()
        guide.refresh_from_db()
    assert guide.slug == slug


def test_the_old_address_redirects_and_links_in_other_guides_still_lead_there(
    site: Page, publisher, moved_guide
):
    log_in_to_admin(site, publisher)
    change_slug_and_publish(site, moved_guide, "new-address")

    for language, title in (("en", "The moved guide"), ("nb", "Den flyttede")):
        answer = site.request.get(f"/{language}/guides/old-address/", max_redirects=0)
        assert answer.status == 301
        assert answer.headers["location"] == f"/{language}/guides/new-address/"

        site.goto(f"/{language}/guides/old-address/")
        assert site.url.endswith(f"/{language}/guides/new-address/")
        expect(site.get_by_role("heading", level=1)).to_have_text(title)

    site.goto("/en/guides/the-linking-guide/")
    site.get_by_role("link", name="the moved guide").click()
    expect(site).to_have_url(f"{site.url.split('/en/')[0]}/en/guides/new-address/")
    expect(site.get_by_role("heading", level=1)).to_have_text("The moved guide")

    site.goto("/nb/guides/the-linking-guide/")
    site.get_by_role("link", name="den flyttede veiledningen").click()
    expect(site.get_by_role("heading", level=1)).to_have_text("Den flyttede")
    assert site.url.endswith("/nb/guides/new-address/")

    # Not broken, but worth a look: the link check names the new address.
    notes = LinkCheck.objects.filter(result=LinkCheck.Result.NOTE, url__contains="old-address")
    assert {(note.field, note.detail) for note in notes} == {
        ("body_en", "/guides/new-address/"),
        ("body_nb", "/guides/new-address/"),
    }
