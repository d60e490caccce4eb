"""The result as a plan in Chromium: short on a phone with the items folded,
the plan near the top, items opened and closed from the keyboard, print with
everything in full, and the new paths (leaving Norway, an asylum seeker)
walked through with and without JavaScript."""

import io
import re
import unicodedata

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from guidance.checklist_pages import question_title
from guidance.models import ChecklistItem
from guidance.personas import personas
from guidance.questionnaire import QUESTIONS, option_for
from tests.support.browser import assert_accessible

PERSONAS = {persona.slug: persona for persona in personas()}
AMERICAN_FAMILY = PERSONAS["american-family-moving-to-oslo"]
PHONE = {"width": 390, "height": 844}
CONTINUE = {"en": "Continue", "nb": "Fortsett"}
COUNTRY_NAMES = {"en": {"es": "Spain", "er": "Eritrea", "no": "Norway"}}


def answer_every_question(page: Page, answers: dict[str, str], language: str = "en") -> None:
    """From the first question to the result, as a visitor: labels and names."""
    page.goto(f"/{language}/checklist/citizenship/")
    for key, value in answers.items():
        with translation.override(language):
            title = question_title(key, answers)
            option = option_for(key, value)
            label = str(translation.gettext(option.label)) if option else None
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        if QUESTIONS[key].kind == "country":
            name = label or COUNTRY_NAMES[language][value]
            page.get_by_label(title).select_option(label=name)
        else:
            page.get_by_text(label, exact=True).click()
        page.get_by_role("button", name=CONTINUE[language]).click()
    expect(page).to_have_url(re.compile(rf"/{language}/checklist/result/\?"))


@pytest.mark.parametrize(
    "slug", ["pensioner-norway-to-spain", "asylum-seeker-waiting"], ids=["leaving", "asylum"]
)
def test_the_new_paths_walked_through_give_the_items_and_a_plan(visitor: Page, slug, request):
    persona = PERSONAS[slug]
    answer_every_question(visitor, persona.answers)
    items = visitor.locator("[data-item]")
    keys = {items.nth(number).get_attribute("data-item") for number in range(items.count())}
    assert keys == persona.items
    expect(visitor.locator("[data-plan] [data-step]").first).to_be_visible()
    if "with JavaScript" in request.node.callspec.id:  # axe runs in the page's JavaScript
        assert_accessible(visitor)


def test_on_a_phone_the_folded_result_is_short_and_the_plan_comes_early(visitor: Page):
    visitor.set_viewport_size(PHONE)
    visitor.goto(f"/en/checklist/result/?{AMERICAN_FAMILY.query}")
    height = visitor.evaluate("document.documentElement.scrollHeight")
    assert height <= 6000, f"{height} px"
    plan_top = visitor.locator("[data-plan]").evaluate("plan => plan.getBoundingClientRect().top")
    assert plan_top <= 1.5 * PHONE["height"], f"the plan starts at {plan_top} px"
    assert visitor.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_plan_page_is_accessible_open_and_folded(site: Page, language):
    site.goto(f"/{language}/checklist/result/?{AMERICAN_FAMILY.query}&date=2027-03-01")
    assert_accessible(site)
    site.locator("details").evaluate_all("all => all.forEach(d => d.open = true)")
    assert_accessible(site)


def test_a_keyboard_user_opens_and_closes_an_item(site: Page):
    site.goto(f"/en/checklist/result/?{AMERICAN_FAMILY.query}")
    summary = site.locator("#item-gp > summary")
    body = site.locator("#item-gp .checklist-item__body")
    expect(body).to_be_hidden()
    summary.focus()
    site.keyboard.press("Enter")
    expect(body).to_be_visible()
    site.keyboard.press("Space")
    expect(body).to_be_hidden()


def test_a_step_opens_the_item_it_leads_to(site: Page):
    site.goto(f"/en/checklist/result/?{AMERICAN_FAMILY.query}")
    site.locator('[data-step="gp"] a').click()
    expect(site.locator("#item-gp .checklist-item__body")).to_be_visible()


def test_printing_shows_the_whole_plan_and_every_item_in_full(site: Page):
    site.goto(f"/en/checklist/result/?{AMERICAN_FAMILY.query}")
    pdf = PdfReader(io.BytesIO(site.pdf(format="A4")))
    # NFKC: the PDF sets "fi" and "ffi" as ligatures.
    pages = (unicodedata.normalize("NFKC", page.extract_text() or "") for page in pdf.pages)
    text = " ".join(" ".join(page.split()) for page in pages)
    items = ChecklistItem.objects.filter(key__in=AMERICAN_FAMILY.items)
    for item in items:
        if item.step_en:
            assert " ".join(item.step_en.split()) in text, item.key
        # The item's full text is there, open or not: its last sentence, say.
        plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", item.body_en).replace("*", "")
        last_words = " ".join(plain.split()[-6:])
        assert last_words.strip() and last_words.strip()[:20] in text, item.key
    assert "The address of this checklist" in text


def test_copy_link_copies_the_address(site: Page):
    page = site
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"/en/checklist/result/?{AMERICAN_FAMILY.query}")
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status")).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == page.url


def test_after_an_htmx_swap_to_the_result_focus_is_on_its_heading(site: Page):
    answers = PERSONAS["pensioner-norway-to-spain"].answers
    query = "&".join(f"{k}={v}" for k, v in answers.items() if k != "pension")
    site.goto(f"/en/checklist/pension/?{query}")
    site.get_by_text("From Norway", exact=True).click()
    site.get_by_role("button", name="Continue").click()
    expect(site.get_by_role("heading", level=1, name="Your checklist")).to_be_focused()


# A phone number written out: 8 digits in pairs or as 3-2-3, or 113, 116 117.
PHONE_NUMBERS = r"(\+47 )?(\d{2} \d{2} \d{2} \d{2}|\d{3} \d{2} \d{3}|116 117|\b113\b)"


@pytest.mark.parametrize(
    "slug", ["american-family-moving-to-oslo", "asylum-seeker-waiting", "pensioner-norway-to-spain"]
)
def test_on_a_phone_every_phone_number_on_a_result_is_tappable(site: Page, slug):
    site.set_viewport_size(PHONE)
    site.goto(f"/en/checklist/result/?{PERSONAS[slug].query}")
    site.locator("details").evaluate_all("all => all.forEach(d => d.open = true)")
    untappable = site.evaluate(
        """pattern => {
            const found = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (const match of node.textContent.matchAll(new RegExp(pattern, "g"))) {
                    if (!node.parentElement.closest('a[href^="tel:"]')) found.push(match[0]);
                }
            }
            return found;
        }""",
        PHONE_NUMBERS,
    )
    assert untappable == []
    assert site.locator('a[href^="tel:"]').count() > 0
