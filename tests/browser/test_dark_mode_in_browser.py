"""Dark colours for people whose device asks for them, with contrast that still
meets WCAG 2.2 AA: axe checks the pages in both colour schemes."""

import pytest
from playwright.sync_api import Page

from tests.support.browser import assert_accessible, assert_colours_accessible
from tests.support.pages import PUBLIC_PATHS

# One page of every kind, with what only some pages have: radios, a select, an
# error summary, a result, search marks, a suggestion, a form.
PAGES = [
    "/",
    "/guides/",
    "/guides/national-insurance-scheme/",
    "/search/?q=S1",
    "/search/?q=sertificate",
    "/agreements/",
    "/agreements/pl/",
    "/agreements/br/",
    "/agreements/agreement/eea/",
    "/checklist/",
    "/checklist/citizenship/?citizenship=",
    "/checklist/move/?citizenship=pl&residence=no",
    "/checklist/result/?citizenship=pl&residence=pl&move=not-moving&work=employee"
    "&nav_benefit=no&children=3-7&single_parent=no",
    "/about/",
    "/contact/",
    "/accessibility/",
    "/privacy/",
    "/feedback/",
]


def colours(page: Page) -> list[str]:
    return page.evaluate(
        "() => { const s = getComputedStyle(document.body); return [s.color, s.backgroundColor]; }"
    )


def test_the_site_follows_the_devices_choice_of_colours(site: Page):
    site.goto("/en/")
    site.emulate_media(color_scheme="light")
    assert colours(site) == ["rgb(27, 31, 36)", "rgb(255, 255, 255)"]
    site.emulate_media(color_scheme="dark")
    assert colours(site) == ["rgb(232, 234, 237)", "rgb(18, 20, 23)"]


def test_paper_stays_dark_on_light_in_dark_mode(site: Page):
    site.goto("/en/guides/")
    site.emulate_media(color_scheme="dark", media="print")
    text, background = colours(site)
    assert background in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    assert text != "rgb(232, 234, 237)"


# In light colours (browsers' default) test_site_in_browser.py checks every
# public page but the checklist's steps; the rest are checked here.
ONLY_HERE = [
    path
    for path in PAGES
    if path not in PUBLIC_PATHS or ("/checklist/" in path and not path.endswith("/checklist/"))
]


@pytest.mark.parametrize("language", ["en", "nb"])
def test_every_kind_of_page_is_accessible_in_light_and_dark_colours(site: Page, language):
    assert ONLY_HERE, "every kind of page is public: check them all in dark colours only"
    for path in PAGES:
        site.emulate_media(color_scheme="light")
        response = site.goto(f"/{language}{path}")
        assert response.status in (200, 400), path
        if path in ONLY_HERE:
            assert_accessible(site)
        # The page has had every rule in light colours; dark ones change
        # nothing but colours (tests/test_dark_colours.py), so the colour rules suffice.
        site.emulate_media(color_scheme="dark")
        assert_colours_accessible(site)
