"""On a 390-pixel phone: a header that leaves room for the page, in Norwegian
too; radios big enough for a finger; numbers to tap; search a tap away."""

import re

import pytest
from playwright.sync_api import Page, expect

PHONE = {"width": 390, "height": 844}


def box(page: Page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize(("language", "most"), [("nb", 100), ("en", 130)])
def test_the_header_takes_little_of_a_phone_screen(site: Page, language, most):
    site.set_viewport_size(PHONE)
    site.goto(f"/{language}/")
    assert box(site, "header")["height"] <= most
    tops = site.locator(".site-nav a").evaluate_all(
        "links => links.map(link => Math.round(link.getBoundingClientRect().top))"
    )
    assert len(set(tops)) == 1  # the sections on one line


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 800}])
def test_radios_are_40_pixels(site: Page, viewport):
    site.set_viewport_size(viewport)
    site.goto("/nb/checklist/move/?citizenship=pl&residence=no")
    radios = site.locator(".checklist-radios__input")
    assert radios.count() >= 2
    for index in range(radios.count()):
        size = radios.nth(index).bounding_box()
        assert size["width"] >= 40 and size["height"] >= 40


def test_every_phone_number_in_the_footer_can_be_tapped(site: Page):
    site.set_viewport_size(PHONE)
    site.goto(
        "/nb/checklist/result/?citizenship=pl&residence=pl&move=not-moving&work=employee"
        "&nav_benefit=no&children=3-7&single_parent=no"
    )
    numbers = site.locator("footer a[href^='tel:']")
    assert numbers.count() == 3
    for index in range(numbers.count()):
        link = numbers.nth(index)
        link.scroll_into_view_if_needed()
        expect(link).to_be_visible()
        digits = re.sub(r"\D", "", link.inner_text())
        assert link.get_attribute("href") == f"tel:+47{digits}"


def test_on_a_phone_search_is_a_link_to_the_search_page(site: Page):
    site.set_viewport_size(PHONE)
    site.goto("/nb/agreements/")
    expect(site.locator(".site-search")).to_be_hidden()
    site.get_by_role("link", name="Søk", exact=True).click()
    expect(site).to_have_url(re.compile(r"/nb/search/$"))
    site.locator("#search-query").fill("barnetrygd")  # the search page's own box
    site.keyboard.press("Enter")
    expect(site.locator(".search-results__title").first).to_be_visible()


def test_on_a_desktop_the_header_searches_without_javascript(without_javascript: Page):
    page = without_javascript
    page.goto("/en/agreements/")
    page.locator("#site-search-query").fill("certificate S1")
    page.locator(".site-search__button").click()
    expect(page).to_have_url(re.compile(r"/en/search/\?q=certificate\+S1$"))
    expect(page.locator(".search-results__title a").first).to_have_attribute(
        "href", "/en/guides/certificate-s1/"
    )
