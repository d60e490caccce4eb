"""Without JavaScript too, a page with a problem to fix starts with focus on its
error summary, so that a screen reader reads the problem out first."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import watched


@pytest.fixture
def without_javascript(browser: Browser, live_server) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    problems = watched(page, live_server.url)
    yield page
    context.close()
    # The picker answers a missing country with status 400, which Chromium logs.
    assert [problem for problem in problems if "status of 400" not in problem] == []


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
