"""The checklist in Chromium: the whole flow by clicking labels, in English and
Norwegian, with htmx and with JavaScript switched off; Back and Forward,
changing an answer, switching language half-way, focus after a swap, and axe
on every step."""

import contextlib
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Route, expect

from guidance.checklist_pages import question_title
from guidance.questionnaire import QUESTIONS, option_for
from tests.support.browser import assert_accessible, assert_part_accessible
from tests.support.checklist import CHECKLIST_PAGES, POLISH_CARPENTER

CARPENTERS_ITEMS = {
    *("membership-worker", "national-registry", "emergency", "user-fees"),
    *("s1-certificate", "s1-documents", "s1-report-changes", "tax-card"),
    *("registration-eea", "nav-benefits", "child-benefit", "children-abroad"),
    *("unemployment-cross-border", "agreement", "contact-nav", "contact-helfo"),
}
COUNTRY_NAMES = {"en": {"pl": "Poland", "no": "Norway"}, "nb": {"pl": "Polen", "no": "Norge"}}
WORDS = {
    "en": {"start": "Start now", "continue": "Continue", "result": "Your checklist"},
    "nb": {"start": "Start nå", "continue": "Fortsett", "result": "Din sjekkliste"},
}


def label_of(key: str, value: str, language: str) -> str:
    with translation.override(language):
        return gettext(option_for(key, value).label)


def title_of(key: str, language: str, answers: dict[str, str] | None = None) -> str:
    """The question's heading as the page shows it, given the answers so far."""
    with translation.override(language):
        return question_title(key, answers or {})


def choose(page: Page, key: str, value: str, language: str) -> None:
    """Answers the question on the page the way a visitor does: clicking the
    option's label, or picking the country by its name."""
    if QUESTIONS[key].kind == "country":
        option = option_for(key, value)
        name = label_of(key, value, language) if option else COUNTRY_NAMES[language][value]
        page.get_by_label(title_of(key, language)).select_option(label=name)
    else:
        page.get_by_text(label_of(key, value, language), exact=True).click()
    page.get_by_role("button", name=WORDS[language]["continue"]).click()


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_whole_flow_by_clicking_labels(visitor: Page, language, request):
    javascript = "with JavaScript" in request.node.callspec.id
    visitor.goto(f"/{language}/checklist/")
    visitor.get_by_role("link", name=WORDS[language]["start"]).click()
    if javascript:  # a mark that survives htmx swaps, but not a page load
        visitor.evaluate("window.swappedOnly = true")
    for key, value in POLISH_CARPENTER.items():
        heading = visitor.get_by_role("heading", level=1)
        expect(heading).to_have_text(title_of(key, language, POLISH_CARPENTER))
        expect(visitor).to_have_url(re.compile(rf"/{language}/checklist/{key}/"))
        choose(visitor, key, value, language)
    expect(visitor).to_have_url(re.compile(rf"/{language}/checklist/result/\?citizenship=pl&"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text(WORDS[language]["result"])
    expect(visitor).to_have_title(re.compile(rf"^{WORDS[language]['result']} – "))
    keys = visitor.locator("[data-item]").evaluate_all("items => items.map(i => i.dataset.item)")
    assert set(keys) == CARPENTERS_ITEMS
    assert visitor.locator("header").count() == 1  # a whole page, not a fragment in a page
    if javascript:
        assert visitor.evaluate("window.swappedOnly") is True


def test_after_a_swap_focus_is_on_the_new_heading_and_the_title_follows(site: Page):
    site.goto("/en/checklist/residence/?citizenship=pl")
    choose(site, "residence", "pl", "en")
    heading = site.get_by_role("heading", level=1, name="Are you moving from Norway to Poland?")
    expect(heading).to_be_focused()
    expect(site).to_have_title(re.compile(r"^Are you moving from Norway to Poland\? – "))
    expect(site).to_have_url(re.compile(r"/en/checklist/move/\?citizenship=pl&residence=pl$"))
    assert site.locator("#checklist-step").count() == 1
    assert_accessible(site)


def test_continuing_without_a_choice_shows_the_error_and_focuses_its_summary(site: Page):
    site.goto("/nb/checklist/work/?citizenship=pl&residence=pl&move=not-moving")
    site.get_by_role("button", name="Fortsett").click()
    summary = site.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Det er et problem")
    expect(site).to_have_title(re.compile(r"^Feil: "))
    assert_accessible(site)
    summary.get_by_role("link").click()
    expect(site.locator("#work")).to_be_focused()


def test_the_error_pattern_without_javascript(without_javascript: Page):
    page = without_javascript
    page.goto("/en/checklist/citizenship/")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile(r"^Error: Which country are you a citizen of\?"))
    expect(page.get_by_role("alert")).to_contain_text("Choose the country you are a citizen of")
    select = page.get_by_label("Which country are you a citizen of?")
    expect(select).to_have_attribute("aria-describedby", "citizenship-hint citizenship-error")


def test_back_and_forward_restore_the_right_page(site: Page):
    site.goto("/en/checklist/citizenship/")
    choose(site, "citizenship", "pl", "en")
    expect(site.get_by_role("heading", level=1)).to_have_text(title_of("residence", "en"))
    choose(site, "residence", "pl", "en")
    answers = {"citizenship": "pl", "residence": "pl"}
    expect(site.get_by_role("heading", level=1)).to_have_text(title_of("move", "en", answers))
    site.go_back()
    expect(site).to_have_url(re.compile(r"/en/checklist/residence/\?citizenship=pl"))
    expect(site.get_by_role("heading", level=1)).to_have_text(title_of("residence", "en"))
    site.go_back()
    expect(site).to_have_url(re.compile(r"/en/checklist/citizenship/"))
    expect(site.get_by_role("heading", level=1)).to_have_text(title_of("citizenship", "en"))
    site.go_forward()
    site.go_forward()
    expect(site).to_have_url(re.compile(r"/en/checklist/move/\?citizenship=pl&residence=pl$"))
    expect(site.get_by_role("heading", level=1)).to_have_text(title_of("move", "en", answers))
    assert site.locator("header").count() == 1 and site.locator("#checklist-step").count() == 1


def test_a_slow_page_from_an_earlier_back_or_forward_does_not_replace_the_newest(site: Page):
    """Forward twice quickly: the first page htmx fetches to restore answers
    last, and must not take the place of the second under its address."""
    site.goto("/en/checklist/citizenship/")
    choose(site, "citizenship", "pl", "en")
    choose(site, "residence", "pl", "en")
    answers = {"citizenship": "pl", "residence": "pl"}
    expect(site.get_by_role("heading", level=1)).to_have_text(title_of("move", "en", answers))
    site.go_back()
    site.go_back()
    expect(site.get_by_role("heading", level=1)).to_have_text(title_of("citizenship", "en"))

    held: list[Route] = []

    def hold_the_residence_restore(route: Route) -> None:
        request = route.request
        if request.headers.get("hx-history-restore-request") and "/residence/" in request.url:
            held.append(route)
        else:
            route.continue_()

    site.route(re.compile(r"/en/checklist/"), hold_the_residence_restore)
    with site.expect_request(re.compile(r"/en/checklist/residence/")):
        site.go_forward()  # so that Chromium does not fold both steps into one
    site.go_forward()
    expect(site).to_have_url(re.compile(r"/en/checklist/move/\?citizenship=pl&residence=pl$"))
    expect(site.get_by_role("heading", level=1)).to_have_text(title_of("move", "en", answers))
    assert len(held) == 1
    with contextlib.suppress(PlaywrightError):  # the page gave up on it: there is nothing to answer
        held[0].continue_()
    site.wait_for_timeout(300)
    expect(site.get_by_role("heading", level=1)).to_have_text(title_of("move", "en", answers))


def test_changing_an_answer_asks_what_is_now_needed_and_returns_to_the_result(site: Page):
    query = "&".join(f"{key}={value}" for key, value in POLISH_CARPENTER.items())
    site.goto(f"/en/checklist/result/?{query}")
    site.get_by_role(
        "link", name=re.compile(r"^Change your answer to “Which country do you live in")
    ).click()
    select = site.get_by_label(title_of("residence", "en"))
    expect(select).to_have_value("pl")
    choose(site, "residence", "no", "en")
    in_norway = {"citizenship": "pl", "residence": "no"}
    expect(site.get_by_role("heading", level=1)).to_have_text(title_of("move", "en", in_norway))
    choose(site, "move", "living-in-norway", "en")
    expect(site.get_by_role("heading", level=1)).to_have_text(title_of("children_abroad", "en"))
    choose(site, "children_abroad", "no", "en")
    expect(site.get_by_role("heading", level=1)).to_have_text(title_of("abroad", "en"))
    choose(site, "abroad", "no", "en")
    expect(site.get_by_role("heading", level=1)).to_have_text("Your checklist")
    expect(site.locator('[data-item="membership-resident"]')).to_be_visible()
    expect(site.locator('[data-item="s1-certificate"]')).to_have_count(0)
    # The kept answers are still there.
    expect(site.locator(".checklist-answers")).to_contain_text("3 to 7 years")


def test_switching_language_half_way_keeps_the_answers(site: Page):
    site.goto("/en/checklist/citizenship/")
    choose(site, "citizenship", "pl", "en")
    choose(site, "residence", "pl", "en")
    choose(site, "move", "not-moving", "en")
    expect(site.get_by_role("heading", level=1)).to_have_text(title_of("work", "en"))
    site.get_by_role("link", name="Norsk").click()
    expect(site).to_have_url(
        re.compile(r"/nb/checklist/work/\?citizenship=pl&residence=pl&move=not-moving$")
    )
    expect(site.get_by_role("heading", level=1)).to_have_text(title_of("work", "nb"))
    choose(site, "work", "employee", "nb")
    expect(site.get_by_role("heading", level=1)).to_have_text(title_of("nav_benefit", "nb"))


def test_the_print_button_needs_javascript(site: Page, without_javascript: Page):
    query = "&".join(f"{key}={value}" for key, value in POLISH_CARPENTER.items())
    site.goto(f"/en/checklist/result/?{query}")
    expect(site.get_by_role("button", name="Print your checklist")).to_be_visible()
    without_javascript.goto(f"/en/checklist/result/?{query}")
    expect(without_javascript.get_by_role("button", name="Print your checklist")).to_be_hidden()


def test_on_paper_the_checklist_is_a_tick_list_with_its_address(site: Page):
    query = "&".join(f"{key}={value}" for key, value in POLISH_CARPENTER.items())
    site.goto(f"/en/checklist/result/?{query}")
    site.emulate_media(media="print")
    expect(site.locator(".checklist-result__address")).to_be_visible()
    expect(site.get_by_role("button", name="Print your checklist")).to_be_hidden()
    expect(site.locator(".checklist-answers .summary-list__actions").first).to_be_hidden()
    # A box to tick beside every step of the plan.
    expect(site.locator("[data-step] .checklist-plan__box").first).to_be_visible()


@pytest.mark.parametrize("path", ["/nb/checklist/citizenship/", CHECKLIST_PAGES[-1]])
def test_checklist_pages_fit_a_320_pixel_wide_screen(site: Page, path):
    site.set_viewport_size({"width": 320, "height": 640})
    site.goto(path if path.startswith("/nb/") else f"/en{path}")
    assert site.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("language", ["en", "nb"])
def test_every_step_and_the_result_are_accessible(site: Page, language):
    paths = [*CHECKLIST_PAGES, "/checklist/citizenship/?citizenship="]
    for number, path in enumerate(paths):
        response = site.goto(f"/{language}{path}")
        assert response.status == 200
        if number in (0, len(paths) - 1) or "/result/" in path:
            assert_accessible(site)
        else:
            # Outside its step a question page is base.html again, checked
            # in full on the first question and on every kind of page.
            assert_part_accessible(site, "#checklist-step")
