"""Drafts, review and scheduled publishing in Chromium: an editor's change to
a live guide reaches visitors only once a publisher approves it, or at the
go-live time the publisher set."""

import datetime
import re
from html import unescape
from urllib.request import urlopen

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from content.editors import sync_editors_group, sync_publishers_group
from content.models import PendingChange
from content.scheduling import forget_next_due
from guidance.models import Guide
from tests.support.browser import assert_accessible, log_in_to_admin
from tests.support.clients import EDITOR_PASSWORD
from tests.support.factories import make_guide

OLD_TEXT = "Members are people who live in Norway."
NEW_TEXT = "Members are everyone who lives and works in Norway."


@pytest.fixture
def publisher(editor) -> User:
    user = User.objects.create_user("publisher-in-browser", password=EDITOR_PASSWORD, is_staff=True)
    user.groups.add(sync_editors_group(), sync_publishers_group())
    return user


@pytest.fixture
def live_guide() -> Guide:
    return make_guide(slug="membership-in-browser", title_en="Membership in browser")


def assert_workflow_parts_accessible(page: Page) -> None:
    """axe on the notice and the buttons this feature adds (the tabs that
    modeltranslation draws on the same form are not this feature's)."""
    parts = [[".workflow-notice"], ["form .submit-row"]]
    results = Axe().run(page, context={"include": parts})
    assert results.violations_count == 0, results.generate_report()


def visitor_sees(live_server, guide: Guide) -> str:
    """The guide's text as a visitor without a login gets it: from the live
    server through its page cache (reading it needs no browser)."""
    with urlopen(f"{live_server.url}/en/guides/{guide.slug}/") as response:  # noqa: S310
        page = response.read().decode()
    main = page[page.index("<main") : page.index("</main>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())


def edit_body_as(site: Page, guide: Guide) -> None:
    site.goto(f"/admin/guidance/guide/{guide.pk}/change/")
    body = site.locator("#id_body_en")
    body.fill(body.input_value().replace(OLD_TEXT, NEW_TEXT))


def test_an_editors_draft_reaches_visitors_once_a_publisher_approves_it(
    site: Page, second_browser: Page, browser: Browser, live_server, editor, publisher, live_guide
):
    assert OLD_TEXT in visitor_sees(live_server, live_guide)  # cached now
    log_in_to_admin(site, editor)
    edit_body_as(site, live_guide)
    site.get_by_role("button", name="Save draft").click()
    expect(site.locator(".messagelist")).to_contain_text("Draft saved")
    expect(site.locator(".workflow-notice")).to_contain_text(
        "You are editing a draft of a live page"
    )
    assert_workflow_parts_accessible(site)
    expect(site.locator("#id_body_en")).to_have_value(
        live_guide.body_en.replace(OLD_TEXT, NEW_TEXT)
    )
    assert OLD_TEXT in visitor_sees(live_server, live_guide)

    site.get_by_role("button", name="Submit for review").click()
    expect(site.locator(".messagelist")).to_contain_text("Submitted for review")
    assert OLD_TEXT in visitor_sees(live_server, live_guide)

    log_in_to_admin(second_browser, publisher)
    second_browser.goto("/admin/content/pendingchange/?state=submitted")
    second_browser.get_by_role("link", name="Compare").click()
    expect(second_browser.locator("table.workflow-differences mark").first).to_be_visible()
    assert_accessible(second_browser)
    second_browser.get_by_role("button", name="Approve and publish").click()
    expect(second_browser.locator(".messagelist")).to_contain_text("Published")

    text = visitor_sees(live_server, live_guide)
    assert NEW_TEXT in text and OLD_TEXT not in text


def test_a_scheduled_change_appears_at_its_time(
    site: Page, browser: Browser, live_server, editor, publisher, live_guide, monkeypatch
):
    log_in_to_admin(site, editor)
    edit_body_as(site, live_guide)
    site.get_by_role("button", name="Submit for review").click()
    expect(site.locator(".messagelist")).to_contain_text("Submitted for review")
    site.context.clear_cookies()

    go_live = timezone.localtime() + datetime.timedelta(hours=1)
    log_in_to_admin(site, publisher)
    site.goto(f"/admin/guidance/guide/{live_guide.pk}/change/")
    site.get_by_label("Go live at").fill(go_live.strftime("%Y-%m-%dT%H:%M"))
    site.get_by_role("button", name="Schedule…").click()
    expect(site.locator(".messagelist")).to_contain_text("Approved: visitors see it from")
    assert PendingChange.objects.scheduled().count() == 1
    assert OLD_TEXT in visitor_sees(live_server, live_guide)

    # The server runs in this process: its clock moves on with this one.
    later = timezone.now() + datetime.timedelta(hours=1, minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    forget_next_due()
    text = visitor_sees(live_server, live_guide)
    assert NEW_TEXT in text and OLD_TEXT not in text
    forget_next_due()


def test_an_editor_saves_and_submits_a_draft_without_javascript(
    without_javascript: Page, editor, live_guide
):
    page = without_javascript
    log_in_to_admin(page, editor)
    edit_body_as(page, live_guide)
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("Submitted for review")
    expect(page.locator(".workflow-notice")).to_contain_text("Submitted for review")
    assert PendingChange.objects.awaiting_review().count() == 1
