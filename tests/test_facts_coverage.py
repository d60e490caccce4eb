"""Every fact the site promises to cover is written into a guide, in both
languages, and the initial content files hold together where the loader
does not look: links inside guides, related guides, source addresses and
Norwegian titles.

What the loader (guidance/initial_content/loader.py) refuses, and so every
test run at set-up, is not repeated here: unknown sources, topics and related
guides, file names that are not the slug, duplicate source keys, addresses
off the publisher's official site.

Reads the TOML files directly (no database).
"""

import re
import tomllib
from functools import cache
from pathlib import Path

import pytest

from content.markdown import render_markdown
from content.sources import publisher_of

CONTENT = Path(__file__).resolve().parent.parent / "guidance" / "initial_content"
LANGUAGES = ("en", "nb")

# The number of bullets in shared/FACTS.md, the project's coverage list (kept
# outside this repository; it changes only when that promise does): each gets
# exactly one entry.
FACTS_IN_COVERAGE_LIST = 53

MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")
INTERNAL_LINK = re.compile(
    r"^/(?P<language>en|nb)/"
    r"(?:guides/(?P<guide>[a-z0-9-]+)/(?:#(?P<anchor>[a-z0-9-]+))?"
    r"|checklist/"
    r"|agreements/(?:[a-z]{2}/)?)$"
)


def read(path: Path) -> dict:
    with path.open("rb") as file:
        return tomllib.load(file)


@cache
def facts() -> tuple[dict, ...]:
    """One entry per bullet of shared/FACTS.md."""
    return tuple(read(CONTENT / "facts.toml").get("fact", []))


@cache
def added_facts() -> tuple[dict, ...]:
    """Facts the site states beyond the coverage list: corrections and new topics."""
    return tuple(read(CONTENT / "facts.toml").get("added_fact", []))


@cache
def guides() -> dict[str, dict]:
    return {path.stem: read(path) for path in sorted((CONTENT / "guides").glob("*.toml"))}


@cache
def sources() -> dict[str, dict]:
    return {source["key"]: source for source in read(CONTENT / "sources.toml").get("source", [])}


def fact_id(fact: dict) -> str:
    return fact["fact"][:60]


def guide_links() -> list[tuple[str, str, str]]:
    return [
        (slug, language, target)
        for slug, guide in guides().items()
        for language in LANGUAGES
        for target in MARKDOWN_LINK.findall(guide.get(f"body_{language}", ""))
    ]


# Facts ----------------------------------------------------------------------


def test_every_new_guide_states_at_least_one_added_fact():
    """The topics content v2 added (leaving Norway, healthcare costs …) are
    mapped to their facts, like the coverage list's."""
    mapped = {fact["guide"] for fact in facts() + added_facts()}
    assert set(guides()) <= mapped


def test_every_bullet_of_the_coverage_list_has_exactly_one_entry():
    texts = [fact["fact"] for fact in facts()]
    duplicated = sorted({text for text in texts if texts.count(text) > 1})
    assert duplicated == []
    assert len(texts) == FACTS_IN_COVERAGE_LIST


@pytest.mark.parametrize("fact", facts() + added_facts(), ids=fact_id)
def test_each_fact_is_written_into_its_guide_in_both_languages(fact):
    guide = guides().get(fact["guide"])
    assert guide is not None, f"no guides/{fact['guide']}.toml"
    for language in LANGUAGES:
        body = guide[f"body_{language}"].casefold()
        assert fact[language], f"no {language} phrases to look for"
        missing = [phrase for phrase in fact[language] if phrase.casefold() not in body]
        assert missing == [], f"not in {fact['guide']} body_{language}"


# Guides ---------------------------------------------------------------------


@pytest.mark.parametrize("slug", guides())
def test_a_guide_is_not_related_to_itself(slug):
    assert slug not in guides()[slug].get("related", [])


def link_is_allowed(language: str, target: str) -> bool:
    """An official site, or a page of this site in the guide's own language
    (a linked guide, and any heading anchor on it, must exist)."""
    if target.startswith("https://"):
        return publisher_of(target) is not None
    match = INTERNAL_LINK.match(target)
    if match is None or match["language"] != language:
        return False
    if not match["guide"]:
        return True
    if match["guide"] not in guides():
        return False
    if not match["anchor"]:
        return True
    body = guides()[match["guide"]][f"body_{language}"]
    return match["anchor"] in {heading.anchor for heading in render_markdown(body).headings}


def test_links_inside_guides_lead_to_site_pages_in_the_same_language_or_to_official_sites():
    wrong = [
        (slug, language, target)
        for slug, language, target in guide_links()
        if not link_is_allowed(language, target)
    ]
    assert wrong == []


# Sources --------------------------------------------------------------------


def test_no_two_sources_share_an_address():
    # The loader matches sources by address: two keys for one address load
    # as one source (refused only when the two entries differ).
    urls = [entry["url"].strip() for entry in read(CONTENT / "sources.toml").get("source", [])]
    assert sorted({url for url in urls if urls.count(url) > 1}) == []


@pytest.mark.parametrize("key", sources())
def test_a_source_is_titled_in_both_languages(key):
    source = sources()[key]
    assert source["title_en"].strip()
    assert source["title_nb"].strip()
    assert source["title_en"] != source["title_nb"]
