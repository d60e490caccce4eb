"""Country names in the page's language, sorted as its readers expect.

The names are django-countries' (English, and Norwegian bokmål through
Django's translation machinery), with the few changes below, taken from the
Unicode CLDR names that browsers and phones show: the common name where
django-countries gives an official one ("United States", «USA»), and the
Norwegian name where it has none. Every page, the checklist's questions and
the agreements lookup read names from here, so they all agree.

django-countries' own sort folds accents away, which puts "Åland" among the
A's: right in English, wrong in Norwegian, where Æ, Ø and Å are the last three
letters of the alphabet. `collation_key` sorts Norwegian names the Norwegian way.
"""

import unicodedata

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django_countries import Countries


class SiteCountries(Countries):
    """django-countries with CLDR's common names (the English name is the
    message id; locale/ holds the Norwegian one)."""

    common_names = True
    override = {
        "BS": _("Bahamas"),  # not "Bahamas (The)"
        "BY": _("Belarus"),  # Norwegian: «Belarus», no longer «Hviterussland»
        "CD": _("Democratic Republic of the Congo"),  # Norwegian: «Kongo-Kinshasa»
        "CG": _("Congo"),  # Norwegian: «Kongo-Brazzaville»
        "FK": _("Falkland Islands"),
        "NR": _("Nauru"),  # not "Naoero"
        "SB": _("Solomon Islands"),  # Norwegian: «Salomonøyene»
        "SX": _("Sint Maarten"),
        "UM": _("U.S. Outlying Islands"),
        "US": _("United States"),  # Norwegian: «USA», under U where people look
        "VA": _("Vatican City"),  # Norwegian: «Vatikanstaten»
        "VG": _("British Virgin Islands"),
        "VI": _("U.S. Virgin Islands"),
    }


countries = SiteCountries()

# English puts "the" before these names inside a sentence: "a citizen of the
# United States", "Norway and the Netherlands".
NAMES_WITH_THE = frozenset(
    {
        *("ae", "ax", "bs", "cc", "cd", "cf", "ck", "do", "fk", "fo", "gb", "gm", "im"),
        *("io", "km", "ky", "mh", "mp", "mv", "nl", "ph", "sb", "sc", "tc", "tf", "um"),
        *("us", "vg", "vi"),
    }
)

# Places with no permanent population, so nobody's citizenship: left out of
# the checklist's question about citizenship.
UNINHABITED = frozenset({"aq", "bv", "gs", "hm", "io", "tf", "um"})
# Svalbard and Jan Mayen are Norway: their people are Norwegian citizens.
NOT_A_CITIZENSHIP = UNINHABITED | {"sj"}

# Codes that ISO 3166-1 gives to areas that are part of another country, or
# belong to one (its "independent: no"), where nobody disputes it. An
# agreement that covers "the 27 EU countries, Iceland and Liechtenstein" also
# lists Åland and France's overseas regions, which have codes of their own:
# the pages count them apart, so that the numbers match the words.
PARTS_OF_OTHER_COUNTRIES = frozenset(
    {
        *("as", "ai", "aq", "aw", "ax", "bl", "bm", "bq", "bv", "cc", "ck", "cw", "cx"),
        *("fk", "fo", "gf", "gg", "gi", "gl", "gp", "gs", "gu", "hk", "hm", "im", "io"),
        *("je", "ky", "mf", "mo", "mp", "mq", "ms", "nc", "nf", "nu", "pf", "pm", "pn"),
        *("pr", "re", "sh", "sj", "sx", "tc", "tf", "tk", "um", "vg", "vi", "wf", "yt"),
    }
)

# Norwegian dictionaries file Ä with Æ, Ö with Ø and Ü with Y; Æ, Ø and Å
# follow Z. The replacements sort after "z" in code-point order.
NORWEGIAN_LETTERS = str.maketrans(
    {"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}", "ü": "y", "-": " "}
)
ENGLISH_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "-": " "})


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def collation_key(text: str, language: str | None = None) -> tuple[str, str]:
    """A sort key for a name in the given (or active) language.

    >>> sorted(["Østerrike", "Åland", "Zimbabwe"], key=lambda n: collation_key(n, "nb"))
    ['Zimbabwe', 'Østerrike', 'Åland']
    """
    language = language or translation.get_language() or "en"
    folded = text.casefold()
    if language == "nb":
        folded = folded.translate(NORWEGIAN_LETTERS)
    else:
        folded = folded.translate(ENGLISH_LETTERS)
    # Accents on other letters (é, ç, ã) do not change the order in either language.
    return (_without_accents(folded), text)


def is_country(code: str) -> bool:
    """An ISO 3166-1 alpha-2 code django-countries knows, in either case."""
    return len(code) == 2 and code.upper() in countries


def country_name(code: str) -> str:
    """The country's name in the active language, as lists show it ("" for an
    unknown code): "United States", «USA»."""
    return countries.name(code.upper()) if is_country(code) else ""


def country_in_sentence(code: str) -> str:
    """The country's name as a sentence needs it ("" for an unknown code):
    "the United States" in English, «USA» in Norwegian."""
    name = country_name(code)
    if name and code.lower() in NAMES_WITH_THE:
        return pgettext("a country's name inside a sentence", "the %(country)s") % {"country": name}
    return name


def is_part_of_another_country(code: str) -> bool:
    return code.lower() in PARTS_OF_OTHER_COUNTRIES


def sorted_countries(exclude: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(lower-case code, name) for every country, sorted in the active language."""
    language = translation.get_language()
    pairs = [(code.lower(), str(name)) for code, name in countries if code.lower() not in exclude]
    return sorted(pairs, key=lambda pair: collation_key(pair[1], language))


def citizenships(exclude: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """The countries a person can be a citizen of, sorted in the active language."""
    return sorted_countries(exclude=exclude | NOT_A_CITIZENSHIP)
