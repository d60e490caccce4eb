"""What admin's index tells each editor first: "Needs your attention".

Each section is a small function of the request that returns a Section (or
None when the user may not see it); SECTIONS_FOR_PUBLISHERS and
SECTIONS_FOR_EDITORS put them in each role's order: publishers see what
awaits their review first, editors their own drafts and returned changes.
Empty sections are left out. A new section is a function and a line in each list.

Loaded as the template library `editor_attention` (settings.TEMPLATES):
it reads every app, so it lives in config, the layer above them all.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import template
from django.db import models
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from agreements.models import Agreement
from content.models import PendingChange
from content.translation_status import GAP_LABELS, Gap, translation_statuses
from content.workflow import can_publish
from feedback.models import PageFeedback
from guidance.models import ChecklistItem, Guide
from linkcheck.models import LinkCheck

register = template.Library()

# Entries shown per section; the section's links lead to the full lists.
SHOWN = 8
REVIEWED_MODELS: tuple[type[models.Model], ...] = (Guide, ChecklistItem, Agreement)


@dataclass(frozen=True)
class Entry:
    text: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: StrOrPromise
    entries: list[Entry]
    total: int = 0
    # The admin lists these come from, filtered to them: (label, address).
    lists: Sequence[tuple[StrOrPromise, str]] = field(default_factory=list)

    @property
    def more(self) -> int:
        return max(self.total - len(self.entries), 0)


type SectionFunction = Callable[[HttpRequest], Section | None]


def admin_url(name: str, *args: Any, query: str = "") -> str:
    try:
        address = reverse(f"admin:{name}", args=args)
    except NoReverseMatch:  # an app not installed
        return ""
    return f"{address}?{query}" if query else address


def change_url(record: models.Model) -> str:
    return admin_url(f"{record._meta.app_label}_{record._meta.model_name}_change", record.pk)


def changelist(model: type[models.Model], query: str = "") -> str:
    return admin_url(f"{model._meta.app_label}_{model._meta.model_name}_changelist", query=query)


def may_view_content(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.has_perm("guidance.view_guide"))


def pending_entries(changes: Iterable[PendingChange], when: str = "updated") -> list[Entry]:
    entries = []
    for change in changes:
        moment = getattr(change, when)
        note = (
            f"{change.author or '—'}, {date_format(moment, 'SHORT_DATETIME_FORMAT')}"
            if moment
            else ""
        )
        entries.append(
            Entry(str(change.record or _("(deleted record)")), change.get_admin_url(), note)
        )
    return entries


def pending_section(
    key: str, title: StrOrPromise, changes: Any, state: str, when: str = "updated"
) -> Section:
    return Section(
        key,
        title,
        pending_entries(changes[:SHOWN], when),
        changes.count(),
        [(_("All of them"), changelist(PendingChange, f"state={state}"))],
    )


# Sections ----------------------------------------------------------------------------


def awaiting_review(request: HttpRequest) -> Section | None:
    if not may_view_content(request):
        return None
    title = _("Awaiting your review") if can_publish(request.user) else _("Awaiting review")
    changes = PendingChange.objects.awaiting_review()
    return pending_section("awaiting-review", title, changes, PendingChange.State.SUBMITTED)


def scheduled(request: HttpRequest) -> Section | None:
    if not may_view_content(request):
        return None
    changes = PendingChange.objects.scheduled()
    return pending_section(
        "scheduled", _("Scheduled"), changes, PendingChange.State.APPROVED, when="go_live_at"
    )


def returned_to_you(request: HttpRequest) -> Section | None:
    if not may_view_content(request):
        return None
    changes = PendingChange.objects.returned_to(request.user)
    section = pending_section(
        "returned", _("Returned to you"), changes, PendingChange.State.REJECTED
    )
    # The reviewer's note says what to change.
    notes = [change.note for change in changes[:SHOWN]]
    entries = [
        Entry(entry.text, entry.url, note or entry.note)
        for entry, note in zip(section.entries, notes, strict=True)
    ]
    return Section(section.key, section.title, entries, section.total, section.lists)


def your_drafts(request: HttpRequest) -> Section | None:
    if not may_view_content(request):
        return None
    changes = (
        PendingChange.objects.filter(state=PendingChange.State.DRAFT, author_id=request.user.pk)
        .for_listing()
        .order_by("-updated")
    )
    return pending_section("drafts", _("Your drafts"), changes, PendingChange.State.DRAFT)


def review_overdue(request: HttpRequest) -> Section | None:
    if not may_view_content(request):
        return None
    entries: list[Entry] = []
    lists: list[tuple[StrOrPromise, str]] = []
    total = 0
    for model in REVIEWED_MODELS:
        overdue = model._default_manager.review_overdue().order_by("last_reviewed")  # type: ignore[attr-defined]
        count = overdue.count()
        if count:
            total += count
            lists.append(
                (
                    str(capfirst(model._meta.verbose_name_plural)),
                    changelist(model, "review=overdue"),
                )
            )
            entries += [
                Entry(str(record), change_url(record), date_format(record.last_reviewed))
                for record in overdue[:SHOWN]
            ]
    return Section(
        "review-overdue", _("Review overdue (over 12 months)"), entries[:SHOWN], total, lists
    )


def translations(request: HttpRequest) -> Section | None:
    if not may_view_content(request):
        return None
    entries: list[Entry] = []
    lists: list[tuple[StrOrPromise, str]] = []
    for model in REVIEWED_MODELS:
        records = list(model._default_manager.all())
        statuses = translation_statuses(model, records)
        gaps = {gap for status in statuses.values() for gap in status.gaps}
        for record in records:
            status = statuses[record.pk]
            if not status.is_complete:
                note = "; ".join(str(GAP_LABELS[gap]) for gap in status.gaps)
                entries.append(Entry(str(record), change_url(record), note))
        lists += [
            (
                f"{capfirst(model._meta.verbose_name_plural)!s}: {GAP_LABELS[gap]}",
                changelist(model, f"translation={gap.value}"),
            )
            for gap in Gap
            if gap in gaps
        ]
    return Section(
        "translations",
        _("Translations missing or older than the English"),
        entries[:SHOWN],
        len(entries),
        lists,
    )


def broken_links(request: HttpRequest) -> Section | None:
    if not may_view_content(request):
        return None
    broken = (
        LinkCheck.objects.broken().select_related("content_type").order_by("record_name", "field")
    )
    entries = [
        Entry(
            check.url,
            check.record_admin_url(),
            f"{check.record_name} ({check.field}): {check.get_reason_display()}",
        )
        for check in broken[:SHOWN]
    ]
    lists = [(_("All broken links"), changelist(LinkCheck, "result__exact=broken"))]
    return Section("broken-links", _("Broken links"), entries, broken.count(), lists)


def unpublished_checklist_items(request: HttpRequest) -> Section | None:
    if not request.user.has_perm("guidance.view_checklistitem"):
        return None
    items = ChecklistItem.objects.filter(published=False).order_by("key")
    entries = [Entry(item.key, change_url(item)) for item in items]
    lists = [(_("All unpublished items"), changelist(ChecklistItem, "published__exact=0"))]
    return Section(
        "unpublished-items",
        _("Unpublished checklist items (no visitor gets them, whatever their answers)"),
        entries,
        len(entries),
        lists,
    )


def visitor_feedback(request: HttpRequest) -> Section | None:
    if not may_view_content(request):
        return None
    answers = PageFeedback.objects.not_useful_with_comments()
    entries = [
        Entry(
            answer.comment,
            changelist(PageFeedback, f"page__exact={answer.page}"),
            f"{answer.page}, {date_format(answer.received, 'SHORT_DATE_FORMAT')}",
        )
        for answer in answers[:SHOWN]
    ]
    lists = [(_("Every answer, with counts per page"), changelist(PageFeedback))]
    return Section(
        "visitor-feedback", _("Pages visitors did not find useful"), entries, answers.count(), lists
    )


SECTIONS_FOR_PUBLISHERS: list[SectionFunction] = [
    awaiting_review,
    scheduled,
    returned_to_you,
    your_drafts,
    broken_links,
    review_overdue,
    translations,
    unpublished_checklist_items,
    visitor_feedback,
]
SECTIONS_FOR_EDITORS: list[SectionFunction] = [
    your_drafts,
    returned_to_you,
    awaiting_review,
    scheduled,
    broken_links,
    review_overdue,
    translations,
    unpublished_checklist_items,
    visitor_feedback,
]


@register.simple_tag
def attention_sections(request: HttpRequest) -> list[Section]:
    """The sections with something in them, in the order for the user's role."""
    order = SECTIONS_FOR_PUBLISHERS if can_publish(request.user) else SECTIONS_FOR_EDITORS
    sections = (function(request) for function in order)
    return [section for section in sections if section is not None and section.entries]
