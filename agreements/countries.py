"""Country names in the page's language, from django-countries, sorted as its
readers expect.

django-countries ships the names in English and Norwegian bokmål (through
Django's translation machinery, so in the active language). Its own sort
folds accents away, which puts "Åland" among the A's: right in English,
wrong in Norwegian, where Æ, Ø and Å are the last three letters of the
alphabet. `collation_key` sorts Norwegian names the Norwegian way.
"""

import unicodedata

from django.utils import translation
from django_countries import countries

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
    """The country's name in the active language ("" for an unknown code)."""
    return countries.name(code.upper()) if is_country(code) else ""


def sorted_countries(exclude: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(lower-case code, name) for every country, sorted in the active language."""
    language = translation.get_language()
    pairs = [(code.lower(), str(name)) for code, name in countries if code.lower() not in exclude]
    return sorted(pairs, key=lambda pair: collation_key(pair[1], language))
