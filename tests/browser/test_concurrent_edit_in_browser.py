"""Two editors in Chromium edit the same guide: the second to save is told,
sees the first one's change, and keeps their own input; saving again keeps
both changes."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from content.editors import sync_editors_group
from guidance.models import Guide
from tests.support.browser import log_in_to_admin
from tests.support.clients import EDITOR_PASSWORD
from tests.support.factories import make_guide


@pytest.fixture
def second_editor(editor) -> User:
    user = User.objects.create_user("second-editor", password=EDITOR_PASSWORD, is_staff=True)
    user.groups.add(sync_editors_group())
    return user


def test_the_second_save_is_refused_with_the_first_change_shown_and_input_kept(
    site: Page, second_browser: Page, editor, second_editor
):
    guide = make_guide(status=Guide.Status.DRAFT, summary_en="Members get healthcare.")
    address = f"/admin/guidance/guide/{guide.pk}/change/"
    log_in_to_admin(site, editor)
    log_in_to_admin(second_browser, second_editor)
    site.goto(address)
    second_browser.goto(address)

    site.locator("#id_summary_en").fill("Members get free healthcare.")
    second_browser.locator("#id_title_en").fill("My better title")
    site.get_by_role("button", name="Save", exact=True).click()
    expect(site.locator(".messagelist")).to_contain_text("was changed successfully")

    second_browser.get_by_role("button", name="Save", exact=True).click()

    errors = second_browser.locator(".errorlist.nonfield")
    expect(errors).to_contain_text("Someone else saved this page since you opened it")
    expect(errors.locator("mark")).to_have_text("free")
    expect(errors).to_contain_text("editor-in-test")
    expect(second_browser.locator("#id_title_en")).to_have_value("My better title")
    # The field only the first editor changed now holds their text.
    expect(second_browser.locator("#id_summary_en")).to_have_value("Members get free healthcare.")
    guide.refresh_from_db()
    assert guide.title_en != "My better title"
    assert guide.summary_en == "Members get free healthcare."

    # Having seen it, the second editor saves again, deliberately.
    second_browser.get_by_role("button", name="Save", exact=True).click()
    expect(second_browser.locator(".messagelist")).to_contain_text("was changed successfully")
    guide.refresh_from_db()
    assert (guide.title_en, guide.summary_en) == (
        "My better title",
        "Members get free healthcare.",
    )


def test_two_versions_are_compared_from_the_history_page_without_javascript(
    without_javascript: Page, editor
):
    guide = make_guide(status=Guide.Status.DRAFT, summary_en="Members get healthcare.")
    guide.summary_en = "Members get free healthcare."
    guide.save()
    page = without_javascript
    log_in_to_admin(page, editor)
    page.goto(f"/admin/guidance/guide/{guide.pk}/history/")

    # The newest version and the one before it are chosen already.
    page.get_by_role("button", name="Compare the chosen versions").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Compare versions")
    expect(page.locator(".history-changes mark")).to_have_text("free")
