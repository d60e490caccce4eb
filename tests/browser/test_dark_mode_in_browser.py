"""Dark colours for people whose device asks for them, with contrast that still
meets WCAG 2.2 AA: axe checks the pages in both colour schemes."""

import pytest
from playwright.sync_api import Page

from tests.support.browser import assert_accessible
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


@pytest.mark.parametrize("language", ["en", "nb"])
def test_every_kind_of_page_is_accessible_in_dark_colours(site: Page, language):
    site.emulate_media(color_scheme="dark")
    for path in PAGES:
        response = site.goto(f"/{language}{path}")
        assert response.status in (200, 400), path
        assert_accessible(site)


# In light colours (browsers' default) test_site_in_browser.py checks every
# public page but the checklist's steps; here the rest.
ONLY_HERE = [
    path
    for path in PAGES
    if path not in PUBLIC_PATHS or ("/checklist/" in path and not path.endswith("/checklist/"))
]


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_other_kinds_of_page_are_accessible_in_light_colours(site: Page, language):
    assert ONLY_HERE, "every kind of page is public: check them all in dark colours only"
    site.emulate_media(color_scheme="light")
    for path in ONLY_HERE:
        response = site.goto(f"/{language}{path}")
        assert response.status in (200, 400), path
        assert_accessible(site)
