"""Without JavaScript too, a page with a problem to fix starts with focus on its
error summary, so that a screen reader reads the problem out first."""

import pytest
from playwright.sync_api import Page, expect


@pytest.fixture
def tolerated_problems() -> tuple[str, ...]:
    # The picker answers a missing country with status 400, which Chromium logs.
    return ("status of 400",)


def test_continuing_without_an_answer_focuses_the_summary(without_javascript: Page):
    page = without_javascript
    page.goto("/en/checklist/citizenship/")
    page.get_by_role("button", name="Continue").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Choose the country you are a citizen of")


def test_the_agreements_picker_focuses_its_summary(without_javascript: Page):
    page = without_javascript
    page.goto("/nb/agreements/")
    page.get_by_role("button", name="Vis avtalene").click()
    expect(page.get_by_role("alert")).to_be_focused()
