""" "Was this page useful?" in Chromium: with JavaScript the thank-you takes
the form's place and focus; without it, the plain form posts to a thank-you
page. Either way the answer is kept, and the page stays accessible."""

from playwright.sync_api import Page, expect

from feedback.models import PageFeedback
from tests.support.browser import assert_accessible

GUIDE = "/nb/guides/national-insurance-scheme/"


def test_with_javascript_the_thank_you_replaces_the_form_and_gets_focus(site: Page):
    site.goto(GUIDE)
    assert_accessible(site)
    site.get_by_label("Hva manglet, eller hva var uklart? (valgfritt)").fill(
        "Mangler telefonnummer."
    )
    site.get_by_role("button", name="Nei", exact=True).click()
    thanks = site.get_by_text("Takk for svaret ditt. Redaksjonen leser alle svar.")
    expect(thanks).to_be_visible()
    expect(thanks).to_be_focused()
    assert site.url.endswith(GUIDE)
    answer = PageFeedback.objects.get()
    assert (answer.page, answer.useful, answer.comment) == (GUIDE, False, "Mangler telefonnummer.")


def test_without_javascript_the_form_posts_to_a_thank_you_page(without_javascript: Page):
    page = without_javascript
    page.goto("/en/agreements/pl/")
    page.get_by_role("button", name="Yes", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your answer")
    page.get_by_role("link", name="Back to the page").click()
    assert page.url.endswith("/en/agreements/pl/")
    assert PageFeedback.objects.get().useful is True
