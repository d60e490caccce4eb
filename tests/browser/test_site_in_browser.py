"""The site in Chromium: accessible, keyboard-friendly, self-contained."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import assert_accessible, log_in_through_the_form
from tests.support.pages import public_urls


# The checklist's steps and results are checked one after another in
# test_checklist_in_browser.py, which keeps a single page for all of them.
@pytest.mark.parametrize(
    "url", [url for url in public_urls() if "/checklist/" not in url or url.endswith("/checklist/")]
)
def test_every_page_is_accessible_and_self_contained(site: Page, url):
    site.goto(url)
    assert_accessible(site)


def test_the_skip_link_is_the_first_stop_and_moves_to_the_content(site: Page):
    site.goto("/en/")
    site.keyboard.press("Tab")
    skip_link = site.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    site.keyboard.press("Enter")
    expect(site.locator("main")).to_be_focused()


def test_the_language_switch_opens_the_same_page_in_norwegian(site: Page):
    site.goto("/en/search/?q=pension")
    site.get_by_role("link", name="Norsk").click()
    expect(site).to_have_url(re.compile(r"/nb/search/\?q=pension$"))
    expect(site.locator("html")).to_have_attribute("lang", "nb")


@pytest.mark.parametrize("url", ["/en/", "/nb/"])
def test_pages_fit_a_320_pixel_wide_screen(site: Page, url):
    site.set_viewport_size({"width": 320, "height": 640})
    site.goto(url)
    scroll_width = site.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320


def test_keyboard_focus_is_clearly_visible(site: Page):
    site.goto("/en/")
    site.keyboard.press("Tab")
    site.keyboard.press("Tab")
    focused = site.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert focused == "rgb(255, 216, 77)"


def test_an_editor_can_log_in_to_admin_under_the_strict_policy(site: Page, editor):
    log_in_through_the_form(site, editor)
    expect(site.get_by_role("heading", name="Content", exact=True)).to_be_visible()
