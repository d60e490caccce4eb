"""Guides in Chromium: accessible in both languages, a table of contents that
works from the keyboard, and an editor's whole round trip in admin."""

import re

import pytest
from playwright.sync_api import Page, expect

from guidance.models import Guide
from tests.support.browser import assert_accessible, log_in_to_admin
from tests.support.factories import make_guide, make_topic
from tests.support.publishing import make_publisher

BODY = """Who is covered and what to do.

## Who is a member

Everyone who lives in Norway for 12 months or more. Read about
[your regular GP](/en/guides/{related}/) too.

## What membership gives

Healthcare, a pension from NAV and other benefits.

## When membership ends

When you move abroad. Ask [NAV](https://www.nav.no/en/home) first.

| Stay abroad | Membership |
|---|---|
| Under 12 months | Usually kept |
| 12 months or more | Usually ends |
"""


@pytest.fixture
def guides() -> dict[str, Guide]:
    topic = make_topic(title_en="Membership", title_nb="Medlemskap")
    related = make_guide(topic=topic, title_en="Healthcare", title_nb="Helsehjelp")
    guide = make_guide(
        topic=topic,
        title_en="The National Insurance Scheme",
        title_nb="Folketrygden",
        body_en=BODY.format(related=related.slug).strip(),
        body_nb=BODY.format(related=related.slug).replace("Who is a", "Hvem er").strip(),
    )
    guide.related.set([related])
    untranslated = make_guide(topic=topic, title_nb="", summary_nb="", body_nb="")
    return {"guide": guide, "related": related, "untranslated": untranslated}


@pytest.mark.parametrize("language", ["en", "nb"])
@pytest.mark.parametrize("page_name", ["list", "guide", "untranslated", "search"])
def test_guide_pages_are_accessible(site: Page, guides, language, page_name):
    paths = {
        "list": "/guides/",
        "guide": f"/guides/{guides['guide'].slug}/",
        "untranslated": f"/guides/{guides['untranslated'].slug}/",
        "search": "/search/?q=pension",
    }
    site.goto(f"/{language}{paths[page_name]}")
    assert_accessible(site)


def test_a_table_of_contents_link_takes_keyboard_users_to_the_section(site: Page, guides):
    site.goto(f"/en/guides/{guides['guide'].slug}/")
    link = site.get_by_role("navigation", name="On this page").get_by_role(
        "link", name="When membership ends"
    )
    link.focus()
    site.keyboard.press("Enter")
    expect(site).to_have_url(re.compile(r"#when-membership-ends$"))
    heading = site.get_by_role("heading", name="When membership ends")
    expect(heading).to_be_in_viewport()
    # The next Tab continues from the section, not from the table of contents.
    site.keyboard.press("Tab")
    expect(site.get_by_role("link", name="NAV", exact=True)).to_be_focused()


def test_search_from_the_guide_list_highlights_the_match(site: Page, guides):
    site.goto("/nb/guides/")
    site.get_by_label("Søk i veiledningene").fill("pension")
    site.get_by_role("button", name="Søk").click()
    expect(site).to_have_url(re.compile(r"/nb/search/\?q=pension$"))
    expect(site.locator("mark").first).to_have_text(re.compile("pension", re.IGNORECASE))


def test_a_publisher_edits_norwegian_sees_the_diff_and_reverts(site: Page, guides):
    # A live guide changes only when a publisher publishes the change
    # (content/workflow_admin.py); here the only publisher, who may approve.
    guide = guides["guide"]
    original = guide.body_nb
    editor = make_publisher()
    log_in_to_admin(site, editor)

    site.goto(f"/admin/guidance/guide/{guide.pk}/change/")
    norwegian_body = site.locator("#id_body_nb")
    expect(norwegian_body).to_be_hidden()  # the English tab is open first
    site.locator('a[href="#tab_id_body_nb"]').click()
    expect(norwegian_body).to_be_visible()
    norwegian_body.fill("Helt ny norsk tekst om folketrygden.")
    site.get_by_role("button", name="Approve and publish").click()
    expect(site.locator(".messagelist")).to_contain_text("Published: visitors see it now.")

    site.goto(f"/admin/guidance/guide/{guide.pk}/change/")
    site.get_by_role("link", name="History").click()
    changes = site.locator("#change-history")
    expect(changes).to_contain_text(editor.username)
    expect(changes).to_contain_text("Helt ny norsk tekst om folketrygden.")

    # The older version is the second row; open it and revert to it.
    changes.locator("tbody tr").nth(1).get_by_role("link").click()
    # A revert is an edit like any other: on a live guide, published by a publisher.
    expect(site.get_by_text("publication and review date stay as they are")).to_be_visible()
    site.get_by_role("button", name="Approve and publish").click()
    expect(site.locator(".messagelist")).to_contain_text("Published: visitors see it now.")
    guide.refresh_from_db()
    assert guide.body_nb == original
    # Each save changed the Norwegian body only, nothing else (no line-break noise).
    reverted, edited, created = guide.history.all()[:3]
    assert reverted.diff_against(edited).changed_fields == ["body_nb"]
    assert edited.diff_against(created).changed_fields == ["body_nb"]


def test_an_editor_previews_a_draft_at_its_real_address(site: Page, editor, guides):
    draft = make_guide(status=Guide.Status.DRAFT, title_en="Work in progress")
    # Not signed in yet: the public gets the 404 (asked outside the page, as a
    # 404 page load counts as a console error).
    assert site.request.get(f"/en/guides/{draft.slug}/").status == 404
    log_in_to_admin(site, editor)
    site.goto(f"/admin/guidance/guide/{draft.pk}/change/")
    site.get_by_role("link", name="View on site").click()
    expect(site.get_by_text("Draft – not published")).to_be_visible()
    expect(site.get_by_role("heading", level=1)).to_have_text("Work in progress")
