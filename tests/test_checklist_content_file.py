"""The checklist's initial content (guidance/initial_content/checklist.toml)
holds one complete, bilingual, sourced item for every key the rules can
produce (issue 5). Read straight from the files: no database needed."""

import datetime
import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from content.sources import publisher_of

CONTENT_DIR = Path(settings.BASE_DIR) / "guidance" / "initial_content"
LANGUAGES = ("en", "nb")

# The keys in issue 5's two tables: a contract with guidance/rules.py.
MEMBERSHIP_KEYS = [
    "membership-posted-to-norway",
    "membership-posted-abroad",
    "membership-ends",
    "membership-resident",
    "membership-worker",
    "membership-voluntary",
    "membership-not-covered",
]
OTHER_KEYS = [
    *("national-registry", "gp", "emergency", "user-fees"),
    *("s1-certificate", "s1-documents", "s1-report-changes", "s1-not-needed-nordic"),
    *("nav-benefit-abroad", "ehic", "proof-of-membership", "helfo-refund", "private-insurance"),
    *("tax-card", "permit-none-nordic", "registration-eea", "permit-required", "notify-move"),
    *("nav-benefits", "pension-nordic", "pension-abroad"),
    *("child-benefit", "cash-benefit", "parental-benefit", "single-parent", "children-abroad"),
    *("agreement", "agreement-none", "contact-nav", "contact-helfo"),
]
EXPECTED_KEYS = MEMBERSHIP_KEYS + OTHER_KEYS

SECTIONS = {"membership", "healthcare", "work", "benefits", "abroad", "contact"}
ITEM_FIELDS = {
    *("key", "section", "order", "guide", "sources", "last_reviewed"),
    *(f"{field}_{language}" for field in ("title", "body") for language in LANGUAGES),
}
MIN_WORDS, MAX_WORDS = 60, 180

HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>")
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")
GUIDE_LINK = re.compile(r"^/(en|nb)/guides/([a-z0-9-]+)/(#[a-z0-9-]+)?$")
SITE_LINK = re.compile(r"^/(en|nb)/(checklist/|agreements/[a-z]{2}/)$")


def read(name: str) -> dict:
    with (CONTENT_DIR / name).open("rb") as file:
        return tomllib.load(file)


ITEMS = read("checklist.toml").get("item", [])


def item_ids(items: list[dict]) -> list[str]:
    return [item.get("key", f"#{number}") for number, item in enumerate(items, 1)]


each_item = pytest.mark.parametrize("item", ITEMS, ids=item_ids(ITEMS))


def test_every_key_in_the_issue_has_exactly_one_item():
    counts = Counter(item.get("key") for item in ITEMS)
    assert sorted(key for key in EXPECTED_KEYS if counts[key] != 1) == []
    assert sorted(set(counts) - set(EXPECTED_KEYS)) == [], "items nobody's rules produce"


@each_item
def test_an_item_has_only_known_fields(item):
    assert sorted(set(item) - ITEM_FIELDS) == []


@each_item
def test_an_item_sits_in_a_checklist_section(item):
    assert item.get("section") in SECTIONS
    assert isinstance(item.get("order"), int)


def test_items_in_one_section_never_share_a_position():
    positions = Counter((item.get("section"), item.get("order")) for item in ITEMS)
    assert [position for position, count in positions.items() if count > 1] == []


@each_item
@pytest.mark.parametrize("language", LANGUAGES)
def test_an_item_has_a_title_and_a_body_in_both_languages(item, language):
    assert (item.get(f"title_{language}") or "").strip()
    assert (item.get(f"body_{language}") or "").strip()


@each_item
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_body_is_short_enough_to_scan_and_long_enough_to_act_on(item, language):
    words = len((item.get(f"body_{language}") or "").split())
    assert MIN_WORDS <= words <= MAX_WORDS, f"{words} words"


@each_item
def test_an_item_cites_sources_listed_in_sources_toml(item):
    known = {source["key"] for source in read("sources.toml").get("source", [])}
    assert item.get("sources"), "cites no source"
    assert sorted(set(item["sources"]) - known) == []


@each_item
def test_an_item_points_to_a_guide_that_exists(item):
    assert (CONTENT_DIR / "guides" / f"{item.get('guide')}.toml").is_file()


@each_item
def test_an_item_carries_a_last_reviewed_date(item):
    assert isinstance(item.get("last_reviewed"), datetime.date)


@each_item
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_body_contains_no_raw_html(item, language):
    assert HTML_TAG.findall(item.get(f"body_{language}") or "") == []


@each_item
@pytest.mark.parametrize("language", LANGUAGES)
def test_links_stay_in_the_page_language_or_go_to_official_sites(item, language):
    wrong = []
    for target in MARKDOWN_LINK.findall(item.get(f"body_{language}") or ""):
        guide, site = GUIDE_LINK.match(target), SITE_LINK.match(target)
        if guide:
            exists = (CONTENT_DIR / "guides" / f"{guide[2]}.toml").is_file()
            if guide[1] != language or not exists:
                wrong.append(target)
        elif site:
            if site[1] != language:
                wrong.append(target)
        elif not (target.startswith("https://") and publisher_of(target)):
            wrong.append(target)
    assert wrong == []
