"""Every interface string reaches Norwegian visitors in Norwegian."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.support.pages import PUBLIC_PATHS
from tests.support.translations import english_left_on_norwegian_page

PO_FILE = Path(settings.BASE_DIR) / "locale" / "nb" / "LC_MESSAGES" / "django.po"


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


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_no_english_is_left_on_a_norwegian_page(client, path):
    assert english_left_on_norwegian_page(client, path) == set()


@pytest.mark.django_db
def test_no_english_is_left_on_the_norwegian_not_found_page(client):
    assert english_left_on_norwegian_page(client, "/no-such-page/") == set()
