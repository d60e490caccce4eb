"""Every interface string reaches Norwegian visitors in Norwegian."""

import re
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django_countries import countries

from tests.conftest import PUBLIC_PATHS
from tests.page_text import visible_texts

PO_FILE = Path(settings.BASE_DIR) / "locale" / "nb" / "LC_MESSAGES" / "django.po"

# Names and codes that are the same in both languages.
LANGUAGE_NEUTRAL = frozenset(
    {"NAV", "Helfo", "UDI", "S1", "A1", "S072", "113"}
    | {"helsenorge.no", "regjeringen.no", "Lovdata", "Work in Norway"}
)


@cache
def country_names_alike_in_both_languages() -> frozenset[str]:
    """Canada, Chile, Malta …: the same in Norwegian, so not English left behind."""
    with translation.override("en"):
        english = {code: str(name) for code, name in countries}
    with translation.override("nb"):
        return frozenset(str(name) for code, name in countries if english[code] == str(name))


def po_entries() -> list[str]:
    """The entries of the .po file, header left out."""
    return PO_FILE.read_text(encoding="utf-8").split("\n\n")[1:]


def test_every_interface_string_has_a_norwegian_translation():
    untranslated = [
        entry
        for entry in po_entries()
        if re.search(r'^msgstr ""\n?$', entry, re.MULTILINE)
        and not re.search(r'^msgstr ""\n"', entry, re.MULTILINE)
    ]
    assert untranslated == [], "\n\n".join(untranslated)


def test_no_translation_is_marked_fuzzy():
    fuzzy = [entry for entry in po_entries() if "#, fuzzy" in entry]
    assert fuzzy == [], "\n\n".join(fuzzy)


def english_left_on_norwegian_page(client, path: str) -> set[str]:
    english = set(visible_texts(client.get(f"/en{path}").content.decode()))
    norwegian = set(visible_texts(client.get(f"/nb{path}").content.decode(), skip_language="en"))
    neutral = LANGUAGE_NEUTRAL | country_names_alike_in_both_languages()
    shared = english & norwegian
    return {text for text in shared if text not in neutral and re.search(r"[A-Za-z]", text)}


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_no_english_is_left_on_a_norwegian_page(client, path):
    assert english_left_on_norwegian_page(client, path) == set()


@pytest.mark.django_db
def test_no_english_is_left_on_the_norwegian_not_found_page(client):
    assert english_left_on_norwegian_page(client, "/no-such-page/") == set()
