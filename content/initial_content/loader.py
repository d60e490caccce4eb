"""The rates (content/rates.py) and the sources they cite, from the TOML files
in this folder (run by `manage.py loadcontent`, see content/loading.py for
what it never overwrites).

A mistake in a file stops loading with a message naming the file and the
key, so whoever edits these files finds it at once.
"""

import datetime
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError

from content.loading import (
    ContentError,
    ContentLoader,
    check_keys,
    load_sources,
    read_toml,
    translated,
)
from content.models import Rate, RateValue, Source, validate_month_day, validate_rate_key

CONTENT_DIR = Path(__file__).resolve().parent
RATE_KEYS = {"key", "name_en", "name_nb", "unit", "renews_on", "sources", "value"}
VALUE_KEYS = {"valid_from", "amount", "source"}


def rate_values(where: str, entry: dict[str, Any], sources: dict[str, Source]) -> dict[str, Any]:
    check_keys(where, entry, RATE_KEYS, ("key", "name_en", "unit", "sources"))
    try:
        validate_rate_key(entry["key"])
    except ValidationError:
        raise ContentError(f"{where}: 'key' may hold only letters, digits and hyphens.") from None
    if entry["unit"] not in Rate.Unit.values:
        raise ContentError(f"{where}: 'unit' must be one of {', '.join(Rate.Unit.values)}.")
    renews_on = entry.get("renews_on", "")
    try:
        if renews_on:
            validate_month_day(renews_on)
    except ValidationError:
        raise ContentError(f"{where}: 'renews_on' must be a day such as \"05-01\".") from None
    unknown = [key for key in entry["sources"] if key not in sources]
    if unknown:
        raise ContentError(f"{where}: 'sources' names an unknown source '{unknown[0]}'.")
    return {**translated(entry, "name"), "unit": entry["unit"], "renews_on": renews_on}


def value_values(where: str, entry: dict[str, Any], sources: dict[str, Source]) -> dict[str, Any]:
    check_keys(where, entry, VALUE_KEYS, VALUE_KEYS)
    if not isinstance(entry["valid_from"], datetime.date):
        raise ContentError(f"{where}: 'valid_from' must be a date such as 2026-05-01.")
    amount = entry["amount"]
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise ContentError(f"{where}: 'amount' must be a whole number of kroner.")
    if entry["source"] not in sources:
        raise ContentError(f"{where}: 'source' names an unknown source '{entry['source']}'.")
    return {"amount": amount, "source": sources[entry["source"]]}


def load_rates(loader: ContentLoader, path: Path, sources: dict[str, Source]) -> None:
    entries = []
    seen: set[str] = set()
    for number, entry in enumerate(read_toml(path).get("rate", []), 1):
        where = f"{path.name}, rate {entry.get('key') or f'#{number}'}"
        values = rate_values(where, entry, sources)
        if entry["key"] in seen:
            raise ContentError(f"{where}: the key '{entry['key']}' is used twice.")
        seen.add(entry["key"])
        dated: dict[datetime.date, dict[str, Any]] = {}
        for value in entry.get("value", []):
            when = f"{where}, value from {value.get('valid_from', '?')}"
            fields = value_values(when, value, sources)
            if value["valid_from"] in dated:
                raise ContentError(f"{when}: another value starts on the same day.")
            dated[value["valid_from"]] = fields
        entries.append((entry, values, dated))

    for entry, values, dated in entries:
        many = {"sources": [sources[key] for key in entry["sources"]]}
        key = entry["key"]
        rate = loader.save(Rate, {"key": key}, values, many)
        for valid_from, value in dated.items():
            name = f"{key} {valid_from.isoformat()}"
            loader.save(RateValue, {"rate": rate, "valid_from": valid_from}, value, key=name)
        # A value the file no longer lists goes, unless an editor changed it;
        # values editors added were never loaded, so they stay.
        unlisted = RateValue.objects.filter(rate=rate).exclude(valid_from__in=list(dated))
        loader.remove_unlisted(
            RateValue,
            {f"{key} {value.valid_from.isoformat()}": value for value in unlisted},
            fields=["amount", "source"],
        )


def load(loader: ContentLoader, directory: Path = CONTENT_DIR) -> None:
    sources = load_sources(loader, directory / "sources.toml")
    load_rates(loader, directory / "rates.toml", sources)
