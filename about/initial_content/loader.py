"""The site's own pages (pages/<key>.toml) and the sources they cite, run by
`manage.py loadcontent` (see content/loading.py for what it never overwrites).

A page names its sources by address: the sources in this folder's
sources.toml, or any that the guides' and agreements' files describe (they
are loaded first, INSTALLED_APPS order), so one official page is described
in one file only.
"""

import datetime
from pathlib import Path
from typing import Any

from about.models import Page
from content.loading import (
    LANGUAGES,
    ContentError,
    ContentLoader,
    check_keys,
    load_sources,
    read_toml,
    translated,
)
from content.models import Source

CONTENT_DIR = Path(__file__).resolve().parent
SUMMARY_MAX_LENGTH = 200
PAGE_KEYS = {
    *("key", "last_reviewed", "sources"),
    *(f"{field}_{language}" for field in ("title", "summary", "body") for language in LANGUAGES),
}


def page_values(where: str, entry: dict[str, Any]) -> dict[str, Any]:
    required = ("key", "last_reviewed", "title_en", "summary_en", "body_en")
    check_keys(where, entry, PAGE_KEYS, required)
    if entry["key"] not in Page.Key.values:
        raise ContentError(f"{where}: 'key' must be one of {', '.join(Page.Key.values)}.")
    if not isinstance(entry["last_reviewed"], datetime.date):
        raise ContentError(f"{where}: 'last_reviewed' must be a date such as 2026-12-01.")
    values: dict[str, Any] = {
        **translated(entry, "title"),
        **translated(entry, "summary"),
        **translated(entry, "body"),
        "last_reviewed": entry["last_reviewed"],
    }
    for language in LANGUAGES:
        if len(values[f"summary_{language}"]) > SUMMARY_MAX_LENGTH:
            raise ContentError(
                f"{where}: 'summary_{language}' is longer than {SUMMARY_MAX_LENGTH} characters."
            )
    return values


def cited_sources(where: str, addresses: list[str], own: dict[str, Source]) -> list[Source]:
    sources = []
    for address in addresses:
        source = own.get(address) or Source.objects.filter(url=address).first()
        if source is None:
            raise ContentError(f"{where}: 'sources' names {address}, which no sources file has.")
        sources.append(source)
    return sources


def load(loader: ContentLoader, directory: Path = CONTENT_DIR) -> None:
    own_sources = load_sources(loader, directory / "sources.toml")
    own = {source.url: source for source in own_sources.values()}
    for path in sorted((directory / "pages").glob("*.toml")):
        entry = read_toml(path)
        where = f"pages/{path.name}"
        if entry.get("key") != path.stem:
            raise ContentError(f"{where}: 'key' must be '{path.stem}', like the file name.")
        values = page_values(where, entry)
        sources = cited_sources(where, entry.get("sources", []), own)
        loader.save(Page, {"key": entry["key"]}, values, {"sources": sources})
