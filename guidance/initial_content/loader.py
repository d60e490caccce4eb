"""The guides, topics, checklist items and the sources they cite, from the
TOML files in this folder (run by `manage.py loadcontent`, see
content/loading.py for what it never overwrites).

A mistake in a file stops loading with a message naming the file and the
key, so whoever edits these files finds it at once.
"""

import datetime
from pathlib import Path
from typing import Any

from content.loading import (
    ContentError,
    ContentLoader,
    check_keys,
    load_sources,
    read_toml,
    translated,
)
from guidance.models import ChecklistItem, Guide, Topic

CONTENT_DIR = Path(__file__).resolve().parent
LANGUAGES = ("en", "nb")
SUMMARY_MAX_LENGTH = 200

TOPIC_KEYS = {"slug", "order", "title_en", "title_nb", "summary_en", "summary_nb"}
GUIDE_KEYS = {
    *("slug", "topic", "order", "last_reviewed", "sources", "related"),
    *(f"{field}_{language}" for field in ("title", "summary", "body") for language in LANGUAGES),
}


def load_topics(loader: ContentLoader, directory: Path) -> dict[str, Topic]:
    topics: dict[str, Topic] = {}
    for number, entry in enumerate(read_toml(directory / "topics.toml").get("topic", []), 1):
        where = f"topics.toml, topic {entry.get('slug') or f'#{number}'}"
        check_keys(where, entry, TOPIC_KEYS, ("slug", "title_en", "summary_en"))
        values = {
            **translated(entry, "title"),
            **translated(entry, "summary"),
            "order": entry.get("order", 0),
        }
        topics[entry["slug"]] = loader.save(Topic, {"slug": entry["slug"]}, values)
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


def load_guides(
    loader: ContentLoader, directory: Path, sources: dict[str, Any], topics: dict[str, Topic]
) -> dict[str, Guide]:
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
        entries[path.stem] = (where, entry, values)
    for where, entry, _values in entries.values():
        unknown = [slug for slug in entry.get("related", []) if slug not in entries]
        if unknown:
            raise ContentError(f"{where}: 'related' names an unknown guide '{unknown[0]}'.")

    guides = {guide.slug: guide for guide in Guide.objects.filter(slug__in=entries)}
    # New guides first without their related guides, which may be new too.
    for slug, (_where, entry, values) in entries.items():
        if slug not in guides:
            many = {"sources": [sources[key] for key in entry["sources"]], "related": []}
            guides[slug] = loader.save(Guide, {"slug": slug}, values, many)
    for slug, (_where, entry, values) in entries.items():
        many = {
            "sources": [sources[key] for key in entry["sources"]],
            "related": [guides[other] for other in entry.get("related", [])],
        }
        guides[slug] = loader.save(Guide, {"slug": slug}, values, many)
    return guides


def load(loader: ContentLoader, directory: Path = CONTENT_DIR) -> None:
    """Sources, topics, guides, then the checklist items that link to guides."""
    sources = load_sources(loader, directory / "sources.toml")
    topics = load_topics(loader, directory)
    guides = load_guides(loader, directory, sources, topics)
    load_checklist(loader, directory, sources, guides)


CHECKLIST_SECTIONS = {"membership", "healthcare", "work", "benefits", "abroad", "contact"}
CHECKLIST_ITEM_KEYS = {
    *("key", "section", "order", "guide", "sources", "last_reviewed"),
    *("timing", "offset_days", "deadline_sources"),
    *(
        f"{field}_{language}"
        for field in ("title", "body", "step", "deadline")
        for language in LANGUAGES
    ),
}
TIMINGS = {timing.value for timing in ChecklistItem.Timing}


def checklist_item_values(
    where: str, entry: dict[str, Any], guides: dict[str, Guide]
) -> dict[str, Any]:
    required = ("key", "section", "last_reviewed", "sources", "title_en", "body_en")
    check_keys(where, entry, CHECKLIST_ITEM_KEYS, required)
    if entry["section"] not in CHECKLIST_SECTIONS:
        raise ContentError(f"{where}: 'section' must be one of {sorted(CHECKLIST_SECTIONS)}.")
    if not isinstance(entry["last_reviewed"], datetime.date):
        raise ContentError(f"{where}: 'last_reviewed' must be a date such as 2026-11-23.")
    guide = entry.get("guide")
    if guide is not None and guide not in guides:
        raise ContentError(f"{where}: 'guide' names an unknown guide '{guide}'.")
    if entry.get("step_en") and entry.get("timing") not in TIMINGS:
        raise ContentError(f"{where}: a step needs 'timing', one of {sorted(TIMINGS)}.")
    offset = entry.get("offset_days")
    if offset is not None and (not isinstance(offset, int) or not entry.get("deadline_en")):
        raise ContentError(f"{where}: 'offset_days' must be a whole number, with a deadline.")
    return {
        **translated(entry, "title"),
        **translated(entry, "body"),
        **translated(entry, "step"),
        **translated(entry, "deadline"),
        "timing": entry.get("timing", ""),
        "offset_days": offset,
        "section": entry["section"],
        "order": entry.get("order", 0),
        "guide": None if guide is None else guides[guide],
        "last_reviewed": entry["last_reviewed"],
        "published": True,
    }


def load_checklist(
    loader: ContentLoader, directory: Path, sources: dict[str, Any], guides: dict[str, Guide]
) -> None:
    seen: set[str] = set()
    for number, entry in enumerate(read_toml(directory / "checklist.toml").get("item", []), 1):
        where = f"checklist.toml, item {entry.get('key') or f'#{number}'}"
        values = checklist_item_values(where, entry, guides)
        if entry["key"] in seen:
            raise ContentError(f"{where}: the key '{entry['key']}' is used twice.")
        seen.add(entry["key"])
        for field in ("sources", "deadline_sources"):
            unknown = [key for key in entry.get(field, []) if key not in sources]
            if unknown:
                raise ContentError(f"{where}: '{field}' names an unknown source '{unknown[0]}'.")
        many = {
            field: [sources[key] for key in entry.get(field, [])]
            for field in ("sources", "deadline_sources")
        }
        loader.save(ChecklistItem, {"key": entry["key"]}, values, many)
