"""Drafts of live content, their review, and publishing them now or at a set time.

A live record (a published guide, checklist item or agreement) is never
changed by an editor's save: the form's values go into the record's one open
PendingChange (content/models.py), as JSON:

    {"fields": {"title_en": …, "topic": 3, …},          # every editable column
     "m2m": {"sources": [4, 9]},                          # many-to-many, as primary keys
     "children": {"countries": {"key": "country",          # inline rows, matched by key
                                "rows": [{"country": "SE", "note_en": "", …}]}}}

Editors save drafts and submit them; a publisher (permission content.publish)
approves and publishes, now or at a go-live time, or rejects with a note.
Publishing writes the values onto the record in one transaction, with one
history entry. A scheduled expiry is a PendingChange of kind "expiry" whose
values unpublish the record. Due changes are applied lazily, by
content/scheduling.py, on the next request after their time.

Unpublished records have no drafts: saving one changes it at once, as before.
"""

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator

from content.cache import bump_content_version
from content.models import PendingChange
from content.scheduling import remember_next_due

PUBLISH_PERMISSION = "content.publish"
# Who may approve a change they wrote or last edited: "never", "always", or
# "when-only-publisher" (only while no other active publisher could).
SELF_APPROVAL_CHOICES = ("never", "always", "when-only-publisher")
DEFAULT_SELF_APPROVAL = "when-only-publisher"

# The field that says whether visitors see a record, and its two values.
LIVE_VALUES: dict[str, Any] = {"status": "published", "published": True}
UNPUBLISHED_VALUES: dict[str, Any] = {"status": "draft", "published": False}


def can_publish(user: Any) -> bool:
    return bool(user.is_active and user.has_perm(PUBLISH_PERMISSION))


# What a record is, as values ------------------------------------------------------


def publish_field(model: type[models.Model]) -> str | None:
    names = {field.name for field in model._meta.concrete_fields}
    return next((name for name in LIVE_VALUES if name in names), None)


def has_drafts(model: type[models.Model]) -> bool:
    """Whether the model's live records are edited through drafts."""
    return publish_field(model) is not None


def is_live(record: models.Model) -> bool:
    name = publish_field(type(record))
    return name is not None and getattr(record, name) == LIVE_VALUES[name]


def translated_originals(model: type[models.Model]) -> set[str]:
    """modeltranslation's `title` (which reads the active language): only the
    _en and _nb columns hold the real text."""
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def draft_fields(model: type[models.Model], exclude: set[str] = frozenset()) -> list[Any]:  # type: ignore[assignment]
    """The columns a draft holds: editable ones, without timestamps, the
    publishing field (publishing is the workflow's job) and `exclude`."""
    skipped = translated_originals(model) | {publish_field(model) or ""} | set(exclude)
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable
        and not field.primary_key
        and field.name not in skipped
        and not getattr(field, "auto_now", False)
        and not getattr(field, "auto_now_add", False)
    ]


def plain(value: Any) -> Any:
    """A column's value as JSON holds it (dates as ISO text, countries as codes)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return str(value)


def field_values(record: models.Model, exclude: set[str] = frozenset()) -> dict[str, Any]:  # type: ignore[assignment]
    return {
        field.name: plain(field.value_from_object(record))
        for field in draft_fields(type(record), exclude)
    }


def m2m_names(model: type[models.Model]) -> list[str]:
    return [field.name for field in model._meta.many_to_many if field.editable]


def child_rows(record: models.Model, relation: str, key: str) -> dict[str, Any]:
    manager = getattr(record, relation)
    fk_name = manager.field.name
    rows = [field_values(row, {fk_name}) for row in manager.all()]
    return {"key": key, "rows": sorted(rows, key=lambda row: str(row.get(key)))}


def child_rows_of_version(record: models.Model, relation: str, key: str, version: Any) -> list[Any]:
    """The rows (an agreement's countries) the record had in one of its
    versions, from the rows' own history: as they stood before the record's
    next version was saved (a save writes the record first, then its rows)."""
    manager = getattr(record, relation)
    fk_name = manager.field.name
    pk_name = manager.model._meta.pk.attname
    later = version.instance.history.filter(history_date__gt=version.history_date)
    before = later.order_by("history_date").values_list("history_date", flat=True).first()
    entries = manager.model.history.filter(**{f"{fk_name}_id": record.pk})
    if before is not None:
        entries = entries.filter(history_date__lt=before)
    latest: dict[Any, Any] = {}
    for entry in entries.order_by("-history_date", "-history_id"):
        latest.setdefault(getattr(entry, pk_name), entry)
    rows = [
        field_values(entry.instance, {fk_name})
        for entry in latest.values()
        if entry.history_type != "-"
    ]
    return sorted(rows, key=lambda row: str(row.get(key)))


def snapshot(record: models.Model, children: dict[str, str] | None = None) -> dict[str, Any]:
    """The record's stored values, in the form a draft holds them."""
    return {
        "fields": field_values(record),
        "m2m": {
            name: sorted(getattr(record, name).values_list("pk", flat=True))
            for name in m2m_names(type(record))
        },
        "children": {
            relation: child_rows(record, relation, key)
            for relation, key in (children or {}).items()
        },
    }


def set_fields(record: models.Model, fields: dict[str, Any]) -> None:
    """Puts the values on the record, in memory."""
    for name, value in fields.items():
        try:
            field = record._meta.get_field(name)
        except models.FieldDoesNotExist:  # type: ignore[attr-defined]
            continue  # a column removed since the draft was saved
        setattr(record, field.attname, field.to_python(value))  # type: ignore[union-attr]


def save_values(record: models.Model, values: dict[str, Any]) -> None:
    """Writes a draft's values into the record, its many-to-many and its rows."""
    set_fields(record, values.get("fields", {}))
    record.save()
    for name, pks in values.get("m2m", {}).items():
        related = record._meta.get_field(name).related_model
        existing = related._default_manager.filter(pk__in=pks)  # type: ignore[union-attr]
        getattr(record, name).set(existing)
    for relation, spec in values.get("children", {}).items():
        save_rows(record, relation, spec["key"], spec["rows"])


def save_rows(record: models.Model, relation: str, key: str, rows: list[dict[str, Any]]) -> None:
    """Inline rows matched by their key (an agreement's country): changed
    rows are updated, missing ones deleted, new ones created, each with its
    own history entry as in admin."""
    manager = getattr(record, relation)
    fk_name = manager.field.name
    existing = {str(plain(getattr(row, key))): row for row in manager.all()}
    wanted = {str(row[key]): row for row in rows}
    for code, row in existing.items():
        if code not in wanted:
            row.delete()
    for code, values in wanted.items():
        row = existing.get(code) or manager.model(**{fk_name: record})
        if row.pk is None or field_values(row, {fk_name}) != values:
            set_fields(row, values)
            row.save()


# Drafts ----------------------------------------------------------------------------


def current_draft(record: models.Model) -> PendingChange | None:
    return (
        PendingChange.objects.open().for_record(record).filter(kind=PendingChange.Kind.EDIT).first()
    )


def scheduled_expiry(record: models.Model) -> PendingChange | None:
    return (
        PendingChange.objects.open()
        .for_record(record)
        .filter(kind=PendingChange.Kind.EXPIRY)
        .first()
    )


def save_draft(record: models.Model, values: dict[str, Any], user: Any) -> PendingChange | None:
    """The record's draft with these values; None when there is no draft and
    the values are the live ones (nothing to save). Editing an approved or
    rejected draft sends it back to draft: it needs review again."""
    with transaction.atomic():
        change = current_draft(record)
        if change is None:
            children = {name: spec["key"] for name, spec in values.get("children", {}).items()}
            if values == snapshot(record, children):
                return None
            change = PendingChange(
                content_type=ContentType.objects.get_for_model(record),
                object_id=record.pk,
                author=user,
            )
        if change.values != values or change.pk is None:
            change.values = values
            change.last_edited_by = user
            if change.state in (PendingChange.State.APPROVED, PendingChange.State.REJECTED):
                change.state = PendingChange.State.DRAFT
                change.go_live_at = None
        change.save()
    return change


def submit_for_publication(
    record: models.Model, user: Any, children: dict[str, str] | None = None
) -> PendingChange | None:
    """An unpublished record sent for review as it is: approving it publishes it."""
    name = publish_field(type(record))
    if name is None or is_live(record):
        return None
    values = snapshot(record, children)
    values["fields"][name] = LIVE_VALUES[name]
    change = save_draft(record, values, user)
    if change is not None:
        submit_for_review(change)
    return change


def submit_for_review(change: PendingChange) -> None:
    if change.state != PendingChange.State.SUBMITTED:
        change.state = PendingChange.State.SUBMITTED
        change.save(update_fields=["state", "updated"])


def self_approval_setting() -> str:
    value = getattr(settings, "CONTENT_ALLOW_SELF_APPROVAL", DEFAULT_SELF_APPROVAL)
    if value not in SELF_APPROVAL_CHOICES:
        raise ImproperlyConfigured(
            f"CONTENT_ALLOW_SELF_APPROVAL must be one of {SELF_APPROVAL_CHOICES}, not {value!r}."
        )
    return str(value)


def active_publishers() -> models.QuerySet[Any]:
    permission = Permission.objects.filter(
        content_type__app_label="content", codename="publish"
    ).first()
    may = Q(is_superuser=True)
    if permission is not None:
        may |= Q(groups__permissions=permission) | Q(user_permissions=permission)
    return get_user_model()._default_manager.filter(may, is_active=True).distinct()


def may_approve(change: PendingChange, user: Any) -> bool:
    """Publishers approve, but not their own change, unless the setting allows it."""
    if not can_publish(user):
        return False
    own = user.pk in {change.author_id, change.last_edited_by_id}
    if not own:
        return True
    setting = self_approval_setting()
    if setting == "when-only-publisher":
        return not active_publishers().exclude(pk=user.pk).exists()
    return setting == "always"


def approve(
    change: PendingChange, user: Any, go_live_at: datetime.datetime | None = None
) -> PendingChange:
    """Publishes the change now, or schedules it for `go_live_at`."""
    if not may_approve(change, user):
        raise PermissionDenied
    if go_live_at is not None and go_live_at > timezone.now():
        change.state = PendingChange.State.APPROVED
        change.reviewer = user
        change.go_live_at = go_live_at
        change.save(update_fields=["state", "reviewer", "go_live_at", "updated"])
        schedule_changed()
        return change
    return publish(change, user)


def reject(change: PendingChange, user: Any, note: str) -> None:
    if not can_publish(user):
        raise PermissionDenied
    change.state = PendingChange.State.REJECTED
    change.reviewer = user
    change.note = note
    change.go_live_at = None
    change.save(update_fields=["state", "reviewer", "note", "go_live_at", "updated"])
    schedule_changed()


def schedule_expiry(record: models.Model, user: Any, at: datetime.datetime) -> PendingChange:
    """Unpublishes the record at `at` (a publisher's decision: no review)."""
    if not can_publish(user):
        raise PermissionDenied
    name = publish_field(type(record))
    if name is None:
        raise TypeError(f"{type(record).__name__} has no publishing field")
    change = scheduled_expiry(record) or PendingChange(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        kind=PendingChange.Kind.EXPIRY,
        author=user,
    )
    change.values = {"fields": {name: UNPUBLISHED_VALUES[name]}}
    change.state = PendingChange.State.APPROVED
    change.reviewer = change.last_edited_by = user
    change.go_live_at = at
    change.save()
    schedule_changed()
    return change


def publish(change: PendingChange, user: Any = None) -> PendingChange:
    """Applies the change to its record in one transaction: one history entry
    naming author and approver, a new content version, the change marked published."""
    with transaction.atomic():
        change = PendingChange.objects.select_for_update().get(pk=change.pk)
        if not change.is_open:
            return change  # another request or worker published it first
        reviewer = user if user is not None and user.is_authenticated else change.reviewer
        model = change.record_model()
        record = model._default_manager.select_for_update().get(pk=change.object_id)
        reason = change_reason(change, reviewer)
        if rows_changed := row_changes(record, change.values):
            reason = f"{reason}. {' '.join(rows_changed)}"
        record._change_reason = reason  # type: ignore[attr-defined]
        record._history_user = reviewer  # type: ignore[attr-defined]
        save_values(record, change.values)
        change.state = PendingChange.State.PUBLISHED
        change.reviewer = reviewer
        change.published_at = timezone.now()
        change.save(update_fields=["state", "reviewer", "published_at", "updated"])
        bump_content_version()
    schedule_changed()
    return change


def change_reason(change: PendingChange, reviewer: Any) -> str:
    author = display_name(change.author)
    approver = display_name(reviewer)
    if change.kind == PendingChange.Kind.EXPIRY:
        return _("Unpublished as scheduled by %(approver)s") % {"approver": approver}
    return _("Published draft by %(author)s, approved by %(approver)s") % {
        "author": author,
        "approver": approver,
    }


def row_changes(record: models.Model, values: dict[str, Any]) -> list[str]:
    """Inline rows the values add or remove, named as admin's direct saves
    name them in History ("Countries added: Canada.")."""
    found = []
    for relation, spec in values.get("children", {}).items():
        manager = getattr(record, relation)
        key = spec["key"]
        existing = {str(plain(getattr(row, key))): row for row in manager.all()}
        wanted = {str(row[key]): row for row in spec["rows"]}
        added = []
        for code in sorted(wanted.keys() - existing.keys()):
            row = manager.model(**{manager.field.name: record})
            set_fields(row, wanted[code])
            added.append(row)
        removed = [existing[code] for code in sorted(existing.keys() - wanted.keys())]
        label = capfirst(manager.model._meta.verbose_name_plural)
        for rows, text in (
            (added, _("%(rows)s added: %(names)s.")),
            (removed, _("%(rows)s removed: %(names)s.")),
        ):
            if rows:
                names = ", ".join(str(getattr(row, "name", row)) for row in rows)
                found.append(text % {"rows": label, "names": names})
    return found


def display_name(user: Any) -> str:
    if user is None:
        return _("(unknown)")
    return str(user.get_full_name() or user.get_username())


def bokmal_missing(change: PendingChange) -> list[str]:
    """The translated fields the change leaves without bokmål, by name
    (`title`), where it has the English: publishing would show visitors English."""
    model = change.record_model()
    fields = change.values.get("fields", {})
    from content.translation_status import translated_fields

    return [
        name
        for name in translated_fields(model)
        if fields.get(f"{name}_en") and not fields.get(f"{name}_nb")
    ]


def schedule_changed() -> None:
    """Every process learns the next due time (content/scheduling.py)."""
    remember_next_due()
    transaction.on_commit(remember_next_due)


# Preview ----------------------------------------------------------------------------

PREVIEW_PARAMETER = "preview"


def previewed_change(request: HttpRequest, record: models.Model) -> PendingChange | None:
    """The pending change of `record` that staff asked to preview (?preview=<id>,
    checked by content/scheduling.py's middleware), else None."""
    change: PendingChange | None = getattr(request, "previewed_change", None)
    if change is None or change.object_id != record.pk:
        return None
    if change.content_type_id != ContentType.objects.get_for_model(record).pk:
        return None
    return change


def show_pending_values(record: models.Model, change: PendingChange) -> None:
    """The record as the change would make it, in memory only (for a preview):
    its fields, and its many-to-many and rows as prefetched lists. The page's
    template reads `record.previewed_change` to say it is a preview."""
    record.previewed_change = change  # type: ignore[attr-defined]
    set_fields(record, change.values.get("fields", {}))
    cache: dict[str, Any] = record.__dict__.setdefault("_prefetched_objects_cache", {})
    for name, pks in change.values.get("m2m", {}).items():
        related = record._meta.get_field(name).related_model
        cache[name] = list(related._default_manager.filter(pk__in=pks))  # type: ignore[union-attr]
    for relation, spec in change.values.get("children", {}).items():
        manager = getattr(record, relation)
        rows = []
        for values in spec["rows"]:
            row = manager.model(**{manager.field.name: record})
            set_fields(row, values)
            rows.append(row)
        cache[relation] = rows
