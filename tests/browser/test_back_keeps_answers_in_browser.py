"""Back and Forward show each question with the answer the visitor chose, with
JavaScript (htmx swaps the steps) and without it (whole pages), as GOV.UK's
smart answers do: people fear that Back "breaks" a form."""

import re

from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from guidance.questionnaire import QUESTIONS, option_for
from tests.support.checklist import POLISH_CARPENTER

COUNTRY_NAMES = {"pl": "Poland", "se": "Sweden"}
# The carpenter's first four answers: two countries (a select each), then two
# questions with radios; and the question after them.
WALK = [
    (key, value, COUNTRY_NAMES[value] if QUESTIONS[key].kind == "country" else None)
    for key, value in list(POLISH_CARPENTER.items())[:4]
]
NEXT = list(POLISH_CARPENTER)[4]


def label_of(key: str, value: str) -> str:
    with translation.override("en"):
        return gettext(option_for(key, value).label)


def at_question(page: Page, key: str) -> None:
    expect(page).to_have_url(re.compile(rf"/en/checklist/{key}/"))
    expect(page.locator(f'[name="{key}"]').first).to_be_visible()


def answer(page: Page, key: str, value: str, country: str | None) -> None:
    at_question(page, key)
    if country:
        page.locator(f"select#{key}").select_option(label=country)
    else:
        page.get_by_label(label_of(key, value), exact=True).check()
    page.get_by_role("button", name="Continue").click()


def expect_chosen(page: Page, key: str, value: str, country: str | None) -> None:
    at_question(page, key)
    if country:
        expect(page.locator(f"select#{key}")).to_have_value(value)
    else:
        expect(page.get_by_label(label_of(key, value), exact=True)).to_be_checked()


def test_back_and_forward_show_every_answer_chosen(visitor: Page):
    visitor.goto("/en/checklist/citizenship/")
    for key, value, country in WALK:
        answer(visitor, key, value, country)
    at_question(visitor, NEXT)

    for key, value, country in reversed(WALK):
        visitor.go_back()
        expect_chosen(visitor, key, value, country)

    for key, value, country in WALK[1:]:
        visitor.go_forward()
        expect_chosen(visitor, key, value, country)
    visitor.go_forward()
    at_question(visitor, NEXT)


def test_with_javascript_the_history_holds_the_answered_addresses(site: Page):
    """The entry Back returns to reopens the question with its answer, as a
    Change link does, so a reload or a shared address shows it too."""
    site.goto("/en/checklist/citizenship/")
    site.evaluate("window.swappedOnly = true")  # survives htmx swaps, not a page load
    answer(site, "citizenship", "pl", "Poland")
    answer(site, "residence", "pl", "Poland")
    at_question(site, WALK[2][0])
    site.go_back()
    expect(site).to_have_url(re.compile(r"/en/checklist/residence/\?citizenship=pl&residence=pl$"))
    site.go_back()
    expect(site).to_have_url(re.compile(r"/en/checklist/citizenship/\?citizenship=pl$"))
    assert site.evaluate("window.swappedOnly") is True
    site.reload()
    expect_chosen(site, "citizenship", "pl", "Poland")


def test_a_changed_answer_is_the_one_back_shows(visitor: Page):
    visitor.goto("/en/checklist/citizenship/")
    answer(visitor, "citizenship", "pl", "Poland")
    at_question(visitor, "residence")
    visitor.go_back()
    expect_chosen(visitor, "citizenship", "pl", "Poland")
    answer(visitor, "citizenship", "se", "Sweden")
    answer(visitor, "residence", "se", "Sweden")
    at_question(visitor, WALK[2][0])
    visitor.go_back()
    expect_chosen(visitor, "residence", "se", "Sweden")
    visitor.go_back()
    expect_chosen(visitor, "citizenship", "se", "Sweden")


def test_an_error_does_not_replace_the_answer_before_it(site: Page):
    site.goto("/en/checklist/citizenship/")
    answer(site, "citizenship", "pl", "Poland")
    at_question(site, "residence")
    site.get_by_role("button", name="Continue").click()  # no country chosen
    expect(site.get_by_role("alert")).to_contain_text("There is a problem")
    answer(site, "residence", "pl", "Poland")
    at_question(site, WALK[2][0])
    site.go_back()  # the error took the place of the question it came back on
    expect(site).to_have_url(re.compile(r"/en/checklist/residence/\?citizenship=pl&residence=pl$"))
    expect_chosen(site, "residence", "pl", "Poland")
    site.go_back()
    expect_chosen(site, "citizenship", "pl", "Poland")
