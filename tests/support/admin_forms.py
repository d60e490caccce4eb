"""What admin's change forms post, for tests that edit as an editor does."""

from agreements.models import Agreement
from guidance.models import Guide


def form_data(guide: Guide, **changes) -> dict:
    """What the change form posts for this guide, with some fields changed."""
    data = {
        "slug": guide.slug,
        "topic": guide.topic_id,
        "order": guide.order,
        "status": guide.status,
        "last_reviewed": guide.last_reviewed.isoformat(),
        "sources": [source.pk for source in guide.sources.all()],
        "related": [related.pk for related in guide.related.all()],
    }
    for field in ("title", "summary", "body"):
        for language in ("en", "nb"):
            data[f"{field}_{language}"] = getattr(guide, f"{field}_{language}") or ""
    return {**data, **changes}


def change_url(guide: Guide) -> str:
    return f"/admin/guidance/guide/{guide.pk}/change/"


def agreement_change_url(agreement: Agreement) -> str:
    return f"/admin/agreements/agreement/{agreement.pk}/change/"


def agreement_form_data(agreement: Agreement, rows: list[dict] | None = None, **changes) -> dict:
    """What the change form posts for this agreement, with some fields changed.
    A live agreement is edited through a draft, whose form shows every country
    as a new row (content/workflow_admin.py)."""
    existing = list(agreement.countries.all())
    rows = rows if rows is not None else [{} for _row in existing]
    live = agreement.published
    data = {
        "slug": agreement.slug,
        "kind": agreement.kind,
        "order": agreement.order,
        "in_force": agreement.in_force.isoformat() if agreement.in_force else "",
        "last_reviewed": agreement.last_reviewed.isoformat(),
        "sources": [source.pk for source in agreement.sources.all()],
        "countries-TOTAL_FORMS": len(rows),
        "countries-INITIAL_FORMS": 0 if live else len(existing),
        "countries-MIN_NUM_FORMS": 0,
        "countries-MAX_NUM_FORMS": 1000,
    }
    for field in ("name", "summary", "body"):
        for language in ("en", "nb"):
            data[f"{field}_{language}"] = getattr(agreement, f"{field}_{language}") or ""
    for field in (
        "published",
        *(f.name for f in Agreement._meta.fields if f.name.startswith("covers_")),
    ):
        if getattr(agreement, field):
            data[field] = "on"
    for number, row in enumerate(rows):
        current = existing[number] if number < len(existing) else None
        values = {
            "id": current.pk if current and not live else "",
            "agreement": agreement.pk,
            "country": current.country.code if current else "",
            "note_en": (current.note_en or "") if current else "",
            "note_nb": (current.note_nb or "") if current else "",
            **row,
        }
        data.update({f"countries-{number}-{key}": value for key, value in values.items()})
    return {**data, **changes}
