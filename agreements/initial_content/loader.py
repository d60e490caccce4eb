"""Load the agreements (agreements/*.toml, one file per agreement) and the
sources they cite (sources.toml) into the database.

Run by `manage.py loadcontent` (content/loading.py says what it never
overwrites): sources are matched by address, agreements by slug and country
rows by agreement and country, so loading twice changes nothing; a mistake
in a file stops loading with a message naming the file and the key.

An agreement file holds:

    slug, kind, order, in_force (a date, or left out), last_reviewed,
    covers = [...Coverage values], sources = [...source keys],
    countries = [...ISO 3166-1 alpha-2 codes, lower case],
    name_en/_nb, summary_en/_nb, body_en/_nb (Markdown),
    and, for countries the agreement covers only in part:
    [notes.<code>] with en = "..." and nb = "...".
"""

import datetime
from pathlib import Path
from typing import Any

from django_countries import countries

from agreements.coverage import AgreementKind, Coverage
from agreements.models import Agreement, AgreementCountry
from content.loading import (
    LANGUAGES,
    ContentError,
    ContentLoader,
    check_keys,
    load_sources,
    read_toml,
    translated,
)

CONTENT_DIR = Path(__file__).resolve().parent
SUMMARY_MAX_LENGTH = 300
NOTE_MAX_LENGTH = 200
NORWEGIAN_TERRITORY = frozenset({"no", "sj", "bv"})
COVERAGE_FIELDS = {coverage: "covers_" + coverage.value.replace("-", "_") for coverage in Coverage}
AGREEMENT_KEYS = {
    *("slug", "kind", "order", "in_force", "last_reviewed"),
    *("covers", "sources", "countries", "notes"),
    *(f"{field}_{language}" for field in ("name", "summary", "body") for language in LANGUAGES),
}
REQUIRED_KEYS = ("slug", "kind", "last_reviewed", "covers", "sources", "countries")


def agreement_values(where: str, entry: dict[str, Any]) -> dict[str, Any]:
    check_keys(where, entry, AGREEMENT_KEYS, (*REQUIRED_KEYS, "name_en", "summary_en", "body_en"))
    if entry["kind"] not in set(AgreementKind):
        raise ContentError(f"{where}: 'kind' must be one of {', '.join(AgreementKind)}.")
    unknown = [value for value in entry["covers"] if value not in set(Coverage)]
    if unknown:
        raise ContentError(f"{where}: 'covers' names an unknown area '{unknown[0]}'.")
    for key in ("last_reviewed", "in_force"):
        if key in entry and not isinstance(entry[key], datetime.date):
            raise ContentError(f"{where}: '{key}' must be a date such as 2026-11-23.")
    values = {
        **translated(entry, "name"),
        **translated(entry, "summary"),
        **translated(entry, "body"),
        "kind": entry["kind"],
        "order": entry.get("order", 0),
        "in_force": entry.get("in_force"),
        "last_reviewed": entry["last_reviewed"],
        "published": True,
        **{field: coverage in entry["covers"] for coverage, field in COVERAGE_FIELDS.items()},
    }
    for language in LANGUAGES:
        if len(values[f"summary_{language}"]) > SUMMARY_MAX_LENGTH:
            raise ContentError(
                f"{where}: 'summary_{language}' is longer than {SUMMARY_MAX_LENGTH} characters."
            )
    return values


def country_rows(where: str, entry: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Each country's code (upper case, as django-countries stores it) and note."""
    codes = entry["countries"]
    notes = entry.get("notes", {})
    for code in codes:
        if code != code.lower() or code.upper() not in countries:
            raise ContentError(f"{where}: 'countries' has '{code}', not a lower-case country code.")
        if code in NORWEGIAN_TERRITORY:
            raise ContentError(f"{where}: 'countries' has '{code}': agreements are with Norway.")
    if len(set(codes)) != len(codes):
        raise ContentError(f"{where}: 'countries' names a country twice.")
    stray = sorted(set(notes) - set(codes))
    if stray:
        raise ContentError(f"{where}: 'notes' has '{stray[0]}', which is not in 'countries'.")
    rows = {}
    for code in codes:
        note = notes.get(code, {})
        if set(note) - set(LANGUAGES) or (note and not note.get("en")):
            raise ContentError(f"{where}: 'notes.{code}' needs 'en' (and 'nb') and nothing else.")
        texts = {language: (note.get(language) or "").strip() for language in LANGUAGES}
        if any(len(text) > NOTE_MAX_LENGTH for text in texts.values()):
            raise ContentError(f"{where}: 'notes.{code}' is longer than {NOTE_MAX_LENGTH}.")
        rows[code.upper()] = {f"note_{language}": text for language, text in texts.items()}
    return rows


def load_agreements(loader: ContentLoader, directory: Path, sources: dict[str, Any]) -> None:
    for path in sorted((directory / "agreements").glob("*.toml")):
        entry = read_toml(path)
        where = f"agreements/{path.name}"
        if entry.get("slug") != path.stem:
            raise ContentError(f"{where}: 'slug' must be '{path.stem}', like the file name.")
        # Check the whole file before writing any of it.
        values = agreement_values(where, entry)
        rows = country_rows(where, entry)
        unknown = [key for key in entry["sources"] if key not in sources]
        if not entry["sources"] or unknown:
            raise ContentError(f"{where}: 'sources' must name known sources ({unknown[:1]}).")
        many = {"sources": [sources[key] for key in entry["sources"]]}
        agreement = loader.save(Agreement, {"slug": path.stem}, values, many)
        for code, note in rows.items():
            lookup = {"agreement": agreement, "country": code}
            loader.save(AgreementCountry, lookup, note, key=f"{path.stem}:{code}")
        # A country the file no longer lists goes, unless an editor changed it.
        unlisted = agreement.countries.exclude(country__in=list(rows))
        loader.remove_unlisted(
            AgreementCountry,
            {f"{path.stem}:{row.country.code}": row for row in unlisted},
            fields=[f"note_{language}" for language in LANGUAGES],
        )


def load(loader: ContentLoader, directory: Path = CONTENT_DIR) -> None:
    """Sources, then agreements and their countries."""
    load_agreements(loader, directory, load_sources(loader, directory / "sources.toml"))
