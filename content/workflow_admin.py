"""Admin's side of drafts, review and scheduled publishing (content/workflow.py).

PublishingWorkflowAdmin goes before ContentAdmin in the bases of the admins
of records with a publishing field (guides, checklist items, agreements).
On a live record, or one with a draft, the change form shows the draft's
values and saves into it; its buttons (Save draft, Submit for review, and
for publishers Approve and publish, Schedule, Reject, Unpublish at) are
plain submit buttons of the same form, so no script is needed.

PendingChangeAdmin lists the pending versions, and each one's page sets the
live and the pending values side by side, with links to both renderings.
"""

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from content.history import (
    REVERTED_FROM,
    as_html,
    as_word_diff,
    changed_lines,
    changed_words,
)
from content.models import PendingChange
from content.workflow import (
    PREVIEW_PARAMETER,
    UNPUBLISHED_VALUES,
    approve,
    bokmal_missing,
    can_publish,
    child_rows_of_version,
    current_draft,
    field_values,
    has_drafts,
    is_live,
    may_approve,
    plain,
    publish_field,
    reject,
    save_draft,
    schedule_expiry,
    scheduled_expiry,
    snapshot,
    submit_for_publication,
    submit_for_review,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# The buttons' names, as posted.
SUBMIT, PUBLISH, SCHEDULE, REJECT, EXPIRE = (
    "_submit_review",
    "_publish",
    "_schedule",
    "_reject",
    "_expire",
)
GO_LIVE_AT, EXPIRE_AT, NOTE, CONFIRMED = (
    "workflow_go_live_at",
    "workflow_expire_at",
    "workflow_note",
    "confirmed",
)

TABULAR_TEMPLATE = "admin/edit_inline/tabular.html"
DRAFT_TABULAR_TEMPLATE = "content/admin/edit_inline/tabular_draft.html"


def posted_time(request: HttpRequest, name: str) -> datetime.datetime | None:
    """A datetime-local input's value, in the site's time zone."""
    try:
        value = datetime.datetime.fromisoformat(request.POST.get(name, ""))
    except ValueError:
        return None
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def record_of(change: PendingChange) -> models.Model | None:
    model = change.record_model()
    return model._default_manager.filter(pk=change.object_id).first()


def preview_url(change: PendingChange, record: models.Model | None) -> str | None:
    """The page's own address with ?preview=<id>, for pages that can show one."""
    address = getattr(record, "get_absolute_url", lambda: None)()
    if not address or "?" in address or change.kind != PendingChange.Kind.EDIT:
        return None
    return f"{address}?{PREVIEW_PARAMETER}={change.pk}"


@dataclass(frozen=True)
class Workflow:
    """What the change form says and offers about a record's draft."""

    draft: PendingChange | None
    expiry: PendingChange | None
    live: bool
    can_publish: bool
    may_approve: bool
    preview_url: str | None


class PublishingWorkflowAdmin[M: models.Model](admin.ModelAdmin[M]):
    change_form_template = "content/admin/change_form.html"
    # Inline rows that belong to a draft: relation name → the field that
    # identifies a row (an agreement's "countries" → "country").
    draft_children: dict[str, str] = {}

    def publishing_refused(self, change: PendingChange, record: M) -> "StrPromise | str | None":
        """Why the change may not go live (a rule of the record's own form,
        which a draft submitted for publication never went through), else None."""
        return None

    def has_publish_permission(self, request: HttpRequest) -> bool:
        """For actions with permissions=["publish"]."""
        return can_publish(request.user)

    def saves_drafts(self, record: M | None) -> bool:
        """A record whose saves go into a draft: live, or already with one."""
        if record is None or record.pk is None or not has_drafts(type(record)):
            return False
        stored = type(record)._default_manager.get(pk=record.pk)
        return is_live(stored) or current_draft(stored) is not None

    # The form shows the draft ------------------------------------------------------

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> M | None:
        record = super().get_object(request, object_id, from_field)
        if record is not None and has_drafts(type(record)):
            draft = current_draft(record)
            record._workflow_draft = draft  # type: ignore[attr-defined]
            match = request.resolver_match
            if (
                draft
                and request.method == "GET"
                and match
                and (match.url_name or "").endswith("_change")
            ):
                from content.workflow import set_fields

                set_fields(record, draft.values.get("fields", {}))
        return record

    def get_form(
        self, request: HttpRequest, obj: M | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        draft: PendingChange | None = getattr(obj, "_workflow_draft", None)
        if draft is None or request.method != "GET":
            return form
        pending_m2m = draft.values.get("m2m", {})

        class DraftForm(form):  # type: ignore[valid-type,misc]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                for name, pks in pending_m2m.items():
                    if name in self.fields:
                        self.initial[name] = pks

        return DraftForm

    def get_readonly_fields(self, request: HttpRequest, obj: M | None = None) -> Any:
        """Only publishers publish: the publishing field is theirs, and on a
        live record nobody's (the actions and "Unpublish at" unpublish it)."""
        fields = list(super().get_readonly_fields(request, obj))
        name = publish_field(self.model)
        if name and (not can_publish(request.user) or self.saves_drafts(obj)):
            fields.append(name)
        return fields

    def get_formsets_with_inlines(self, request: HttpRequest, obj: M | None = None) -> Any:
        """A draft's rows are all shown as new rows: they are not the stored ones."""
        if not self.saves_drafts(obj):
            yield from self.formsets_in_place(request, obj)
            return
        for inline in self.get_inline_instances(request, obj):
            relation = inline.model._meta.get_field(  # the relation's name on the record
                self.fk_name(inline)
            ).remote_field.related_name
            if relation not in self.draft_children:
                yield inline.get_formset(request, obj), inline
                continue
            if inline.template == TABULAR_TEMPLATE:
                inline.template = DRAFT_TABULAR_TEMPLATE  # a delete box on each draft row
            rows = self.draft_rows(obj, relation) if request.method == "GET" else []
            form = type(
                "DraftRowForm",
                (inline.form,),
                {"validate_unique": _skip, "validate_constraints": _skip},
            )
            yield inline.get_formset(request, obj, extra=len(rows) + 1, form=form), inline

    def formsets_in_place(self, request: HttpRequest, obj: M | None) -> Any:
        """Rows edited in place; on a revert form, as the version had them: its
        rows with their old values, today's others ticked for deletion, and
        the ones deleted since as new rows (get_formset_kwargs)."""
        if obj is None or getattr(obj, REVERTED_FROM, None) is None or request.method != "GET":
            yield from super().get_formsets_with_inlines(request, obj)
            return
        for inline in self.get_inline_instances(request, obj):
            relation = inline.model._meta.get_field(self.fk_name(inline)).remote_field.related_name
            if relation not in self.draft_children:
                yield inline.get_formset(request, obj), inline
                continue
            then, gone = self.rows_then_and_gone(obj, relation)
            form = reverted_rows_form(inline.form, then, self.draft_children[relation])
            yield inline.get_formset(request, obj, extra=len(gone) + 1, form=form), inline

    def rows_then_and_gone(
        self, record: Any, relation: str
    ) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
        """The version's rows by key, and those of them that no longer exist."""
        key = self.draft_children[relation]
        version = getattr(record, REVERTED_FROM)
        then = {str(row[key]): row for row in child_rows_of_version(record, relation, key, version)}
        now = {str(plain(getattr(row, key))) for row in getattr(record, relation).all()}
        return then, [row for code, row in then.items() if code not in now]

    def fk_name(self, inline: Any) -> str:
        return str(
            inline.fk_name
            or next(
                field.name
                for field in inline.model._meta.fields
                if field.is_relation and field.related_model is self.model
            )
        )

    def draft_rows(self, record: Any, relation: str) -> list[dict[str, Any]]:
        reverting_to = getattr(record, REVERTED_FROM, None)  # content/history_admin.py
        if reverting_to is not None:  # the version's rows, as its texts
            return child_rows_of_version(
                record, relation, self.draft_children[relation], reverting_to
            )
        draft: PendingChange | None = getattr(record, "_workflow_draft", None)
        if draft is not None and relation in draft.values.get("children", {}):
            rows: list[dict[str, Any]] = draft.values["children"][relation]["rows"]
            return rows
        stored = type(record)._default_manager.get(pk=record.pk)
        live: list[dict[str, Any]] = snapshot(stored, self.draft_children)["children"][relation][
            "rows"
        ]
        return live

    def get_formset_kwargs(
        self, request: HttpRequest, obj: M, inline: Any, prefix: str
    ) -> dict[str, Any]:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        relation = inline.model._meta.get_field(self.fk_name(inline)).remote_field.related_name
        reverting = getattr(obj, REVERTED_FROM, None) is not None and request.method == "GET"
        if reverting and relation in self.draft_children and not self.saves_drafts(obj):
            kwargs["initial"] = self.rows_then_and_gone(obj, relation)[1]
        elif self.saves_drafts(obj):
            relation = inline.model._meta.get_field(self.fk_name(inline)).remote_field.related_name
            if relation in self.draft_children:
                kwargs["queryset"] = inline.model._default_manager.none()
                if request.method == "GET":
                    kwargs["initial"] = self.draft_rows(obj, relation)
        return kwargs

    # Saving into the draft ---------------------------------------------------------

    def save_model(self, request: HttpRequest, obj: M, form: Any, change: bool) -> None:
        if not change and not can_publish(request.user) and (name := publish_field(self.model)):
            setattr(obj, name, UNPUBLISHED_VALUES[name])  # an editor's new record waits
        if change and self.saves_drafts(obj):
            stored = self.model._default_manager.get(pk=obj.pk)
            m2m = snapshot(stored)["m2m"]  # relations the form leaves out stay as they are
            m2m.update(
                (name, sorted(item.pk for item in form.cleaned_data[name]))
                for name in m2m
                if name in form.cleaned_data
            )
            request._workflow_values = {  # type: ignore[attr-defined]
                "fields": field_values(form.instance),
                "m2m": m2m,
            }
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        values = getattr(request, "_workflow_values", None)
        if values is None:
            super().save_related(request, form, formsets, change)
            return
        values["children"] = {
            relation: {"key": key, "rows": self.rows_from(formsets, relation, key)}
            for relation, key in self.draft_children.items()
        }
        stored = self.model._default_manager.get(pk=form.instance.pk)
        request._workflow_change = save_draft(stored, values, request.user)  # type: ignore[attr-defined]

    def rows_from(self, formsets: Any, relation: str, key: str) -> list[dict[str, Any]]:
        rows = []
        for formset in formsets:
            if formset.fk.remote_field.related_name != relation:
                continue
            for row_form in formset.forms:
                data = getattr(row_form, "cleaned_data", {})
                if not data or data.get("DELETE") or not data.get(key):
                    continue
                rows.append(field_values(row_form.instance, {formset.fk.name}))
        return sorted(rows, key=lambda row: str(row.get(key)))

    def saved_as_draft(self, request: HttpRequest) -> bool:
        """Whether this request's save went into a draft (the record is untouched)."""
        return hasattr(request, "_workflow_values")

    def construct_change_message(
        self, request: HttpRequest, form: Any, formsets: Any, add: bool = False
    ) -> Any:
        if self.saved_as_draft(request):
            return ""  # the formsets saved nothing; log_change says what happened
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request: HttpRequest, obj: M, message: Any) -> Any:
        if self.saved_as_draft(request):
            message = str(_("Saved a draft (visitors still see the published version)."))
        return super().log_change(request, obj, message)

    def response_change(self, request: HttpRequest, obj: M) -> HttpResponse:
        if not self.saved_as_draft(request):
            response = super().response_change(request, obj)
            if SUBMIT in request.POST and has_drafts(self.model) and not is_live(obj):
                submit_for_publication(obj, request.user, self.draft_children)
                self.message_user(
                    request,
                    _("Submitted for review: a publisher will look at it."),
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(request.path)
            return self.after_direct_save(request, obj) or response
        draft: PendingChange | None = request._workflow_change  # type: ignore[attr-defined]
        back = HttpResponseRedirect(request.path)
        if draft is None:
            if EXPIRE not in request.POST:
                self.message_user(request, _("No changes: the draft is the published version."))
            return self.after_direct_save(request, obj) or back
        if SUBMIT in request.POST:
            submit_for_review(draft)
            self.message_user(
                request, _("Submitted for review: a publisher will look at it."), messages.SUCCESS
            )
        elif PUBLISH in request.POST or SCHEDULE in request.POST or REJECT in request.POST:
            return decide(request, draft, self.after_decision_url(draft)) or back
        else:
            self.message_user(
                request,
                _("Draft saved. Visitors see the published version until it is published."),
                messages.SUCCESS,
            )
        return self.after_direct_save(request, obj) or back

    def after_decision_url(self, draft: PendingChange) -> str:
        return draft.get_record_admin_url()

    def after_direct_save(self, request: HttpRequest, obj: M) -> HttpResponse | None:
        """ "Unpublish at" works on any live record, with or without a draft."""
        if EXPIRE not in request.POST:
            return None
        at = posted_time(request, EXPIRE_AT)
        if not can_publish(request.user) or not is_live(obj):
            raise PermissionDenied
        if at is None or at <= timezone.now():
            self.message_user(
                request, _("Give a time in the future to unpublish at."), messages.ERROR
            )
        else:
            schedule_expiry(obj, request.user, at)
            self.message_user(
                request,
                _("Visitors see this page until %(time)s.") % {"time": local(at)},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(request.path)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        extra_context = {**(extra_context or {}), "workflow": self.workflow(request, object_id)}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def workflow(self, request: HttpRequest, object_id: str | None) -> Workflow | None:
        if object_id is None or not has_drafts(self.model):
            return None
        record = self.model._default_manager.filter(pk=unquote(object_id)).first()
        if record is None:
            return None
        draft = current_draft(record)
        return Workflow(
            draft=draft,
            expiry=scheduled_expiry(record),
            live=is_live(record),
            can_publish=can_publish(request.user),
            may_approve=draft is None or may_approve(draft, request.user),
            preview_url=preview_url(draft, record) if draft else None,
        )


def _skip(form: Any) -> None:
    """A draft's rows are checked against each other, not against the stored rows."""


def local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def decide(request: HttpRequest, draft: PendingChange, done_url: str) -> HttpResponse | None:
    """A publisher's decision, posted as Approve and publish, Schedule or Reject.
    Publishing text without bokmål asks first. None: go back to the form."""
    user = request.user
    if not can_publish(user):
        raise PermissionDenied
    if REJECT in request.POST:
        note = request.POST.get(NOTE, "").strip()
        if not note:
            messages.error(request, _("Say in a note why it is rejected: its author reads it."))
            return None
        reject(draft, user, note)
        messages.success(request, _("Rejected: the draft went back to its author with your note."))
        return HttpResponseRedirect(done_url)
    if not may_approve(draft, user):
        messages.error(
            request,
            _("You cannot approve a change you made yourself: another publisher must approve it."),
        )
        return None
    if refusal := publishing_refusal(draft):
        messages.error(request, refusal)
        return None
    go_live_at = None
    if SCHEDULE in request.POST:
        go_live_at = posted_time(request, GO_LIVE_AT)
        if go_live_at is None or go_live_at <= timezone.now():
            messages.error(request, _("Give a go-live time in the future to schedule it."))
            return None
    missing = bokmal_missing(draft)
    if missing and not request.POST.get(CONFIRMED):
        return confirm_without_bokmal(request, draft, missing, go_live_at)
    approve(draft, user, go_live_at)
    if go_live_at is not None:
        messages.success(
            request,
            _("Approved: visitors see it from %(time)s.") % {"time": local(go_live_at)},
        )
    else:
        messages.success(request, _("Published: visitors see it now."))
    return HttpResponseRedirect(done_url)


def publishing_refusal(change: PendingChange) -> "StrPromise | str | None":
    """The record's admin says whether the change may go live."""
    record = record_of(change)
    model_admin = admin.site._registry.get(change.record_model())
    if record is None or not isinstance(model_admin, PublishingWorkflowAdmin):
        return None
    return model_admin.publishing_refused(change, record)


def confirm_without_bokmal(
    request: HttpRequest,
    draft: PendingChange,
    missing: list[str],
    go_live_at: datetime.datetime | None,
) -> HttpResponse:
    model = draft.record_model()
    labels = [verbose_name(model, name) for name in missing]
    context = {
        **admin.site.each_context(request),
        "title": _("Publish without bokmål?"),
        "change": draft,
        "record": record_of(draft),
        "fields": labels,
        "go_live_at": go_live_at.isoformat() if go_live_at else "",
        "opts": PendingChange._meta,
    }
    return TemplateResponse(request, "content/admin/publish_without_bokmal.html", context)


# The list of pending versions, and each one's review page ---------------------------


@dataclass(frozen=True)
class Difference:
    label: str
    live: SafeString
    pending: SafeString


def text_difference(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Word-level marks where a line was reworded (content/history.py)."""
    if "\n" in old or "\n" in new:
        removed, added = changed_lines(old, new)
        return as_word_diff(removed, added) or (as_html(removed), as_html(added))
    words = changed_words(old, new)
    return words if words is not None else (format_html("{}", old), format_html("{}", new))


def named(model: Any, pks: list[Any]) -> list[str]:
    return [str(item) for item in model._default_manager.filter(pk__in=pks)]


def differences(change: PendingChange, record: models.Model) -> list[Difference]:
    """Field by field, what publishing the change would change."""
    children = {name: spec["key"] for name, spec in change.values.get("children", {}).items()}
    live = snapshot(record, children)
    found = []
    for name, pending in change.values.get("fields", {}).items():
        current = live["fields"].get(name)
        if pending == current:
            continue
        label = verbose_name(type(record), name)
        old, new = ("" if value is None else str(value) for value in (current, pending))
        found.append(Difference(label, *text_difference(old, new)))
    for name, pks in change.values.get("m2m", {}).items():
        if sorted(pks) != live["m2m"].get(name):
            field = record._meta.get_field(name)
            found.append(
                Difference(
                    verbose_name(type(record), name),
                    as_html(named(field.related_model, live["m2m"].get(name, []))),
                    as_html(named(field.related_model, pks)),
                )
            )
    for relation, spec in change.values.get("children", {}).items():
        rows = live["children"][relation]["rows"]
        if spec["rows"] != rows:
            label = str(getattr(record, relation).model._meta.verbose_name_plural)
            found.append(
                Difference(label, as_html(row_lines(rows)), as_html(row_lines(spec["rows"])))
            )
    return found


def verbose_name(model: type[models.Model], name: str) -> str:
    return str(getattr(model._meta.get_field(name), "verbose_name", name))


def row_lines(rows: list[dict[str, Any]]) -> list[str]:
    return [" · ".join(str(value) for value in row.values() if value) for row in rows]


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [(value, label) for value, label in PendingChange.State.choices]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        return queryset.filter(state=self.value()) if self.value() else queryset


@admin.register(PendingChange)
class PendingChangeAdmin(admin.ModelAdmin[PendingChange]):
    list_display = ["record_name", "kind", "state", "author", "updated", "go_live_at", "links"]
    list_filter = [StateFilter, "kind", "content_type"]
    list_select_related = ["author", "content_type"]
    date_hierarchy = "updated"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        urls = [
            path(
                "<int:change_id>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="content_pendingchange_decide",
            )
        ]
        return urls + super().get_urls()

    @admin.display(description=_("record"))
    def record_name(self, change: PendingChange) -> str:
        return str(change.record or _("(deleted record)"))

    @admin.display(description=_("links"))
    def links(self, change: PendingChange) -> SafeString:
        record = change.record
        found: list[tuple[str, StrPromise | str]] = [
            (change.get_admin_url(), _("Compare")),
        ]
        if record is not None:
            found.append((change.get_record_admin_url(), _("Edit")))
            if address := preview_url(change, record):
                found.append((address, _("Preview")))
        return format_html_join(" · ", '<a href="{}">{}</a>', found)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """The review page: live and pending side by side, and the decision."""
        change = get_object_or_404(PendingChange, pk=unquote(object_id))
        if not self.has_view_permission(request, change):
            raise PermissionDenied
        record = record_of(change)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare the live and the pending version"),
            "change": change,
            "record": record,
            "opts": self.opts,
            "differences": differences(change, record) if record is not None else [],
            "live_url": getattr(record, "get_absolute_url", lambda: None)(),
            "preview_url": preview_url(change, record),
            "can_publish": can_publish(request.user),
            "may_approve": may_approve(change, request.user),
            "decide_url": reverse("admin:content_pendingchange_decide", args=[change.pk]),
        }
        return TemplateResponse(request, "content/admin/pending_change.html", context)

    def decide_view(self, request: HttpRequest, change_id: int) -> HttpResponse:
        return _decide_view(request, change_id)


@require_POST
def _decide_view(request: HttpRequest, change_id: int) -> HttpResponse:
    change = get_object_or_404(PendingChange.objects.open(), pk=change_id)
    back = change.get_admin_url()
    return decide(request, change, back) or HttpResponseRedirect(back)


def reverted_rows_form(base: Any, then: dict[str, dict[str, Any]], key: str) -> Any:
    """The inline's form for a revert: a stored row shows the version's values,
    or its delete box ticked when the version did not have it."""

    class RevertedRowForm(base):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            if self.is_bound or self.instance.pk is None:
                return
            old = then.get(str(plain(getattr(self.instance, key))))
            if old is None:
                self.initial["DELETE"] = True
            else:
                self.initial.update(old)

    return RevertedRowForm
