"""Load the initial content (TOML files in this folder) into the database.

Called by data migrations with the migration's historical models, so it
writes the _en/_nb columns itself: modeltranslation is not active there.
Loading twice changes nothing (rows are matched by URL or slug), a missing
Norwegian text is left empty (pages then show the English one), and a
mistake in a file stops the migration with a message naming the file and
the key, so whoever edits these files finds it at once.

Other loaders (the checklist's) call `load_sources` to turn source keys
into Source rows.
"""

import datetime
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from guidance.sources import publisher_of, validate_official_url

CONTENT_DIR = Path(__file__).resolve().parent
LANGUAGES = ("en", "nb")
SUMMARY_MAX_LENGTH = 200
HISTORY_REASON = "Initial content"

SOURCE_KEYS = {"key", "publisher", "url", "title_en", "title_nb"}
TOPIC_KEYS = {"slug", "order", "title_en", "title_nb", "summary_en", "summary_nb"}
GUIDE_KEYS = {
    *("slug", "topic", "order", "last_reviewed", "sources", "related"),
    *(f"{field}_{language}" for field in ("title", "summary", "body") for language in LANGUAGES),
}


class ContentError(Exception):
    """A content file says something the site cannot load."""


def read_toml(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{path.name}: not valid TOML ({error}).") from None


def check_keys(where: str, entry: dict[str, Any], allowed: set[str], required: Iterable[str]):
    for key in required:
        if entry.get(key) in (None, ""):
            raise ContentError(f"{where}: '{key}' is missing.")
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise ContentError(f"{where}: unknown key '{unknown[0]}'.")


def translated(entry: dict[str, Any], field: str) -> dict[str, str]:
    """title_en/title_nb columns, plus the original column modeltranslation
    keeps (NOT NULL, and read by nothing but the default language)."""
    english = entry[f"{field}_en"].strip()
    values = {field: english, f"{field}_en": english}
    for language in LANGUAGES[1:]:
        values[f"{field}_{language}"] = (entry.get(f"{field}_{language}") or "").strip()
    return values


def record_history(apps, instance) -> None:
    """A first history entry, so an editor's first change has something to
    be compared with and reverted to."""
    historical = apps.get_model(instance._meta.app_label, f"Historical{instance._meta.object_name}")
    tracked = {field.attname for field in historical._meta.fields}
    values = {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.attname in tracked
    }
    historical.objects.create(
        **values,
        history_date=timezone.now(),
        history_type="+",
        history_change_reason=HISTORY_REASON,
    )


def save(apps, model, lookup: dict[str, Any], values: dict[str, Any]):
    instance, created = model.objects.update_or_create(**lookup, defaults=values)
    if created:
        record_history(apps, instance)
    return instance


def load_sources(apps, directory: Path = CONTENT_DIR) -> dict[str, Any]:
    """Every source in sources.toml, saved; returned by key."""
    Source = apps.get_model("guidance", "Source")
    sources: dict[str, Any] = {}
    for number, entry in enumerate(read_toml(directory / "sources.toml").get("source", []), 1):
        where = f"sources.toml, source {entry.get('key') or f'#{number}'}"
        check_keys(where, entry, SOURCE_KEYS, ("key", "publisher", "url", "title_en"))
        key, url = entry["key"], entry["url"].strip()
        if key in sources:
            raise ContentError(f"{where}: the key '{key}' is used twice.")
        try:
            validate_official_url(url)
        except ValidationError:
            raise ContentError(
                f"{where}: '{url}' is not an https address on an official site."
            ) from None
        if publisher_of(url) != entry["publisher"]:
            raise ContentError(
                f"{where}: '{url}' belongs to '{publisher_of(url)}', not '{entry['publisher']}'."
            )
        values = {**translated(entry, "title"), "publisher": entry["publisher"]}
        sources[key] = save(apps, Source, {"url": url}, values)
    return sources


def load_topics(apps, directory: Path = CONTENT_DIR) -> dict[str, Any]:
    Topic = apps.get_model("guidance", "Topic")
    topics: dict[str, Any] = {}
    for number, entry in enumerate(read_toml(directory / "topics.toml").get("topic", []), 1):
        where = f"topics.toml, topic {entry.get('slug') or f'#{number}'}"
        check_keys(where, entry, TOPIC_KEYS, ("slug", "title_en", "summary_en"))
        values = {
            **translated(entry, "title"),
            **translated(entry, "summary"),
            "order": entry.get("order", 0),
        }
        topics[entry["slug"]] = save(apps, Topic, {"slug": entry["slug"]}, values)
    return topics


def guide_values(where: str, entry: dict[str, Any], topics: dict[str, Any]) -> dict[str, Any]:
    check_keys(where, entry, GUIDE_KEYS, ("slug", "topic", "last_reviewed", "sources"))
    check_keys(where, entry, GUIDE_KEYS, ("title_en", "summary_en", "body_en"))
    if entry["topic"] not in topics:
        raise ContentError(f"{where}: 'topic' names an unknown topic '{entry['topic']}'.")
    if not isinstance(entry["last_reviewed"], datetime.date):
        raise ContentError(f"{where}: 'last_reviewed' must be a date such as 2026-11-23.")
    values = {
        **translated(entry, "title"),
        **translated(entry, "summary"),
        **translated(entry, "body"),
        "topic": topics[entry["topic"]],
        "order": entry.get("order", 0),
        "last_reviewed": entry["last_reviewed"],
        "status": "published",
    }
    for language in LANGUAGES:
        if len(values[f"summary_{language}"]) > SUMMARY_MAX_LENGTH:
            raise ContentError(
                f"{where}: 'summary_{language}' is longer than {SUMMARY_MAX_LENGTH} characters."
            )
    return values


def load_guides(apps, directory: Path, sources: dict[str, Any], topics: dict[str, Any]) -> None:
    Guide = apps.get_model("guidance", "Guide")
    entries = {}
    for path in sorted((directory / "guides").glob("*.toml")):
        entry = read_toml(path)
        where = f"guides/{path.name}"
        if entry.get("slug") != path.stem:
            raise ContentError(f"{where}: 'slug' must be '{path.stem}', like the file name.")
        values = guide_values(where, entry, topics)
        if not entry["sources"]:
            raise ContentError(f"{where}: 'sources' must name at least one source.")
        unknown = [key for key in entry["sources"] if key not in sources]
        if unknown:
            raise ContentError(f"{where}: 'sources' names an unknown source '{unknown[0]}'.")
        guide = Guide.objects.filter(slug=path.stem).first()
        if guide is None or guide.published_on is None:
            values["published_on"] = timezone.localdate()
        guide = save(apps, Guide, {"slug": path.stem}, values)
        guide.sources.set([sources[key] for key in entry["sources"]])
        entries[path.stem] = (where, entry, guide)

    # Related guides once every guide exists: they may point at each other.
    for where, entry, guide in entries.values():
        related = entry.get("related", [])
        unknown = [slug for slug in related if slug not in entries]
        if unknown:
            raise ContentError(f"{where}: 'related' names an unknown guide '{unknown[0]}'.")
        guide.related.set([entries[slug][2] for slug in related])


def load(apps, schema_editor=None, directory: Path = CONTENT_DIR) -> None:
    """The data migration's entry point: sources, topics, then guides."""
    sources = load_sources(apps, directory)
    topics = load_topics(apps, directory)
    load_guides(apps, directory, sources, topics)


CHECKLIST_SECTIONS = {"membership", "healthcare", "work", "benefits", "abroad", "contact"}
CHECKLIST_ITEM_KEYS = {
    *("key", "section", "order", "guide", "sources", "last_reviewed"),
    *(f"{field}_{language}" for field in ("title", "body") for language in LANGUAGES),
}


def checklist_item_values(where: str, entry: dict[str, Any], guides: dict[str, Any]):
    required = ("key", "section", "last_reviewed", "sources", "title_en", "body_en")
    check_keys(where, entry, CHECKLIST_ITEM_KEYS, required)
    if entry["section"] not in CHECKLIST_SECTIONS:
        raise ContentError(f"{where}: 'section' must be one of {sorted(CHECKLIST_SECTIONS)}.")
    if not isinstance(entry["last_reviewed"], datetime.date):
        raise ContentError(f"{where}: 'last_reviewed' must be a date such as 2026-11-23.")
    guide = entry.get("guide")
    if guide is not None and guide not in guides:
        raise ContentError(f"{where}: 'guide' names an unknown guide '{guide}'.")
    return {
        **translated(entry, "title"),
        **translated(entry, "body"),
        "section": entry["section"],
        "order": entry.get("order", 0),
        "guide": guides.get(guide),
        "last_reviewed": entry["last_reviewed"],
        "published": True,
    }


def load_checklist(apps, schema_editor=None, directory: Path = CONTENT_DIR) -> None:
    """The data migration's entry point for checklist.toml (needs the guides loaded)."""
    ChecklistItem = apps.get_model("guidance", "ChecklistItem")
    Guide = apps.get_model("guidance", "Guide")
    sources = load_sources(apps, directory)
    guides = {guide.slug: guide for guide in Guide.objects.all()}
    seen: set[str] = set()
    for number, entry in enumerate(read_toml(directory / "checklist.toml").get("item", []), 1):
        where = f"checklist.toml, item {entry.get('key') or f'#{number}'}"
        values = checklist_item_values(where, entry, guides)
        if entry["key"] in seen:
            raise ContentError(f"{where}: the key '{entry['key']}' is used twice.")
        seen.add(entry["key"])
        unknown = [key for key in entry["sources"] if key not in sources]
        if unknown:
            raise ContentError(f"{where}: 'sources' names an unknown source '{unknown[0]}'.")
        item = save(apps, ChecklistItem, {"key": entry["key"]}, values)
        item.sources.set([sources[key] for key in entry["sources"]])
