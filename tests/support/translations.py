"""Finding English left on a Norwegian page."""

import re
from functools import cache

from django.utils import translation

from agreements.countries import sorted_countries
from tests.support.page_text import visible_texts

# Names and codes that are the same in both languages.
LANGUAGE_NEUTRAL = frozenset(
    {"NAV", "Helfo", "UDI", "S1", "A1", "S072", "113"}
    | {"helsenorge.no", "regjeringen.no", "Lovdata", "Work in Norway"}
    | {"nav.no", "helfo.no", "skatteetaten.no", "udi.no"}
)


@cache
def country_names_alike_in_both_languages() -> frozenset[str]:
    """Canada, Chile, Malta …: the same in Norwegian, so not English left behind
    (the site's names, agreements/countries.py, as the pages show them)."""
    with translation.override("en"):
        english = dict(sorted_countries())
    with translation.override("nb"):
        return frozenset(name for code, name in sorted_countries() if english[code] == name)


def english_left_on_norwegian_page(client, path: str) -> set[str]:
    english = set(visible_texts(client.get(f"/en{path}").content.decode()))
    norwegian = set(visible_texts(client.get(f"/nb{path}").content.decode(), skip_language="en"))
    neutral = LANGUAGE_NEUTRAL | country_names_alike_in_both_languages()
    shared = english & norwegian
    return {text for text in shared if text not in neutral and re.search(r"[A-Za-z]", text)}
