"""Country names in the browser: Norwegians find «USA» under U by typing, and
English pages say "the United States" where a sentence needs it."""

import re

from playwright.sync_api import Page, expect


def test_typing_usa_in_the_norwegian_picker_finds_it(site: Page):
    site.goto("/nb/agreements/")
    picker = site.get_by_label("Landet ditt", exact=True)
    picker.focus()
    site.keyboard.type("USA")
    expect(picker).to_have_value("us")
    site.get_by_role("button", name=re.compile("^Vis ")).click()
    expect(site).to_have_url(re.compile(r"/nb/agreements/us/$"))
    expect(site.get_by_role("heading", level=1)).to_have_text("Norge og USA")


def test_an_english_country_page_gives_the_name_its_article(site: Page):
    site.goto("/en/agreements/gb/")
    expect(site.get_by_role("heading", level=1)).to_have_text("Norway and the United Kingdom")
    expect(site).to_have_title(re.compile(r"^Norway and the United Kingdom – "))
