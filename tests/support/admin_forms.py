"""What admin's change forms post, for tests that edit as an editor does."""

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
