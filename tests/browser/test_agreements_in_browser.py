"""The agreements pages in Chromium: accessible in both languages, and a
country picker that works with a mouse, with the keyboard alone and with
JavaScript switched off."""

import re

import pytest
from playwright.sync_api import Page, expect

from agreements.models import Agreement
from tests.support.browser import assert_accessible, log_in_to_admin
from tests.support.publishing import make_publisher


# Beyond the agreements pages in PUBLIC_PATHS, which test_site_in_browser checks:
# a country under two agreements (the EEA and its own), and an agreement
# among several countries.
@pytest.mark.parametrize("language", ["en", "nb"])
@pytest.mark.parametrize("path", ["/agreements/hu/", "/agreements/agreement/nordic-convention/"])
def test_agreements_pages_are_accessible(site: Page, language, path):
    response = site.goto(f"/{language}{path}")
    assert response.status == 200
    assert_accessible(site)


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_picker_with_an_error_is_accessible(page: Page, language):
    # Not the `site` fixture: Chromium logs the intended 400 status as a console error.
    response = page.goto(f"/{language}/agreements/choose/?country=zz")
    assert response.status == 400
    assert_accessible(page)


def test_the_picker_leads_to_the_country_page(site: Page):
    site.goto("/en/agreements/")
    site.get_by_label("Your country", exact=True).select_option(label="Poland")
    site.get_by_role("button", name="Show the agreements").click()
    expect(site).to_have_url(re.compile(r"/en/agreements/pl/$"))
    expect(site.get_by_role("heading", level=1)).to_have_text("Norway and Poland")


def test_the_picker_works_without_javascript(without_javascript: Page):
    page = without_javascript
    page.goto("/nb/agreements/")
    page.get_by_label("Landet ditt", exact=True).select_option(label="Sverige")
    page.get_by_role("button", name="Vis avtalene").click()
    expect(page).to_have_url(re.compile(r"/nb/agreements/se/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Norge og Sverige")
    expect(page.get_by_role("link", name="Den nordiske konvensjonen om trygd")).to_be_visible()


# The picker answers a missing country with status 400, which Chromium logs.
@pytest.mark.parametrize("tolerated_problems", [("status of 400",)])
def test_submitting_no_country_shows_the_error_pattern_without_javascript(
    without_javascript: Page, tolerated_problems
):
    page = without_javascript
    page.goto("/en/agreements/")
    page.get_by_role("button", name="Show the agreements").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    summary.get_by_role("link", name="Choose a country from the list").click()
    expect(page.get_by_label("Your country", exact=True)).to_be_focused()


def test_the_picker_can_be_used_with_the_keyboard_alone(site: Page):
    site.goto("/en/agreements/")
    select = site.get_by_label("Your country", exact=True)
    # Tab to the select: through the skip link, header and navigation links.
    for _press in range(30):
        site.keyboard.press("Tab")
        if select.evaluate("element => element === document.activeElement"):
            break
    expect(select).to_be_focused()
    site.keyboard.type("Switzerland")
    expect(select).to_have_value("ch")
    site.keyboard.press("Tab")
    expect(site.get_by_role("button", name="Show the agreements")).to_be_focused()
    site.keyboard.press("Enter")
    expect(site).to_have_url(re.compile(r"/en/agreements/ch/$"))


def test_the_country_page_has_the_covered_and_not_covered_list(site: Page):
    site.goto("/en/agreements/us/")
    card = site.locator("section.agreement-card")
    expect(card.get_by_text("Pensions: covered")).to_be_visible()
    expect(card.get_by_text("Healthcare: not covered")).to_be_visible()


def test_a_publisher_finds_a_country_by_typing_in_the_admin(site: Page):
    # A live agreement changes only when a publisher publishes the change
    # (content/workflow_admin.py); here the only publisher, who may approve.
    log_in_to_admin(site, make_publisher())
    chile = Agreement.objects.get(slug="chile")
    site.goto(f"/admin/agreements/agreement/{chile.pk}/change/")
    # The empty extra row's country field is a searchable select2 box.
    site.locator(".select2-selection").last.click()
    site.locator(".select2-search__field").fill("Peru")
    site.locator(".select2-results__option", has_text="Peru").click()
    site.get_by_role("button", name="Approve and publish").click()
    expect(site.locator(".messagelist")).to_contain_text("Published: visitors see it now.")
    site.goto("/en/agreements/pe/")
    expect(site.get_by_role("heading", level=1)).to_have_text("Norway and Peru")
    expect(site.get_by_role("link", name="The agreement with Chile")).to_be_visible()
