"""The checklist's initial content (guidance/initial_content/checklist.toml):
an item for every key the rules can give, each one short, sourced, linked to
its guide and written in Norwegian too. Read straight from the file: no
database needed.

What the loader (guidance/initial_content/loader.py) already refuses at load
time, and so every test run at set-up, is not repeated here: missing or
unknown keys, sections, date types, duplicate keys, unknown sources and guides.
"""

import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from content.sources import publisher_of
from guidance.rules import ITEM_KEYS

CONTENT_DIR = Path(settings.BASE_DIR) / "guidance" / "initial_content"
LANGUAGES = ("en", "nb")
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


def test_the_file_has_an_item_for_exactly_the_keys_the_rules_can_give():
    keys = {item.get("key") for item in ITEMS}
    assert sorted(set(ITEM_KEYS) - keys) == [], "keys the rules give without an item"
    assert sorted(keys - set(ITEM_KEYS)) == [], "items no rule gives"


def test_items_in_one_section_never_share_a_position():
    """The loader takes an item without an order as 0, and two items at one
    position in a section have no order between them on the result page."""
    assert [item["key"] for item in ITEMS if not isinstance(item.get("order"), int)] == []
    positions = Counter((item.get("section"), item.get("order")) for item in ITEMS)
    assert [position for position, count in positions.items() if count > 1] == []


@each_item
def test_an_item_is_written_in_norwegian_too(item):
    """The loader requires only the English text; a missing translation
    would show visitors English on a Norwegian page."""
    assert (item.get("title_nb") or "").strip()
    assert (item.get("body_nb") or "").strip()


@each_item
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_body_is_short_enough_to_scan_and_long_enough_to_act_on(item, language):
    words = len((item.get(f"body_{language}") or "").split())
    assert MIN_WORDS <= words <= MAX_WORDS, f"{words} words"


@each_item
def test_an_item_cites_at_least_one_source(item):
    # The loader refuses a missing or unknown source, but takes an empty list.
    assert item.get("sources"), "cites no source"


@each_item
def test_an_item_leads_to_a_guide(item):
    # The loader refuses an unknown guide, but takes an item without one.
    assert item.get("guide"), "names no guide"


@each_item
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_body_contains_no_raw_html(item, language):
    assert HTML_TAG.findall(item.get(f"body_{language}") or "") == []


# A Norwegian number in international form, or an emergency number, as a tel: link.
PHONE_LINK = re.compile(r"tel:(\+47\d{8}|113|116117)")


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
        elif PHONE_LINK.fullmatch(target):
            continue  # a number to tap on a phone
        elif not (target.startswith("https://") and publisher_of(target)):
            wrong.append(target)
    assert wrong == []
