"""History in admin that tells everything and never surprises.

- The History page lists each version's changes, sources and related guides
  by name and the rows edited inline (an agreement's countries) included,
  and compares any two versions chosen on it (a plain GET form).
- Revert opens the ordinary change form filled with the chosen version's
  texts and relations, but with the record's current publication state and
  review date, and saves through the ordinary save (so a published record's
  revert becomes a pending version like any other edit).
- The change form refuses a save when someone else saved since it was
  opened (content/locking.py), and shows what they changed.
"""

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import formats, timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from content.history import (
    REVERTED_FROM,
    Children,
    LineDiffContextHelper,
    compare_versions,
    record_pk,
    version_after,
)
from content.locking import TOKEN_FIELD, history_id_in, version_token, with_version_check

# Kept from the current record on a revert: publishing and reviewing are
# decisions about the record now, not texts of a version.
KEPT_ON_REVERT = ("status", "published", "last_reviewed")

REVERT_NOTE = _(
    "Reverting restores the texts, sources and links of this version; publication and "
    "review date stay as they are. Nothing changes until you save."
)

# Set on the request while a view renders a change form (see get_fieldsets).
IN_CHANGE_FORM = "_history_admin_change_form"
REVERTING_TO = "_history_admin_reverting_to"


def when_and_who(version: Any) -> str:
    when = formats.date_format(timezone.localtime(version.history_date), "DATETIME_FORMAT")
    return f"{when} ({version.history_user})" if version.history_user else when


# Typed as the ModelAdmin it is mixed into (SimpleHistoryAdmin has no hints).
if TYPE_CHECKING:
    MixinBase = admin.ModelAdmin[Any]
else:
    MixinBase = object


class HistoryAdminMixin(MixinBase):
    """For a ModelAdmin that also inherits SimpleHistoryAdmin (after this)."""

    # Inline rows with a history of their own count as part of a version.
    def history_children(self) -> list[Children]:
        children = []
        for inline in self.inlines:
            model = inline.model
            if getattr(model, "history", None) is None:
                continue
            fk = next(
                field
                for field in model._meta.fields
                if isinstance(field, models.ForeignKey) and field.related_model is self.model
            )
            heading = (
                getattr(inline, "verbose_name_plural", None) or model._meta.verbose_name_plural
            )
            children.append(Children(model, fk.name, heading))
        return children

    # The History page: each version's changes, inline rows included.

    def set_history_delta_changes(
        self, request: HttpRequest, historical_records: Any, foreign_keys_are_objs: bool = True
    ) -> None:
        super().set_history_delta_changes(  # type: ignore[misc]
            request, historical_records, foreign_keys_are_objs
        )
        records = list(historical_records)
        if not records or not (children := self.history_children()):
            return
        newest = version_after(records[0])  # the version after this page's newest
        ends = [newest.history_date if newest else None] + [r.history_date for r in records]
        for child in children:
            rows = child.history_of(record_pk(records[0]))
            for index, record in enumerate(records[:-1]):
                changes = child.changes(rows, ends[index + 1], ends[index])
                if changes:
                    record.history_delta_changes = [
                        *getattr(record, "history_delta_changes", []),
                        *changes,
                    ]

    def get_historical_record_context_helper(
        self, request: HttpRequest, historical_record: models.Model
    ) -> LineDiffContextHelper:
        return LineDiffContextHelper(self.model, historical_record)

    def get_urls(self) -> list[URLPattern]:
        opts = self.model._meta
        # Before the library's "<id>/history/<version>/", which would take "compare".
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.history_comparison_view),
            name=f"{opts.app_label}_{opts.model_name}_history_comparison",
        )
        return [compare, *super().get_urls()]

    def history_comparison_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Two versions chosen on the History page, field by field."""
        record = self.get_object(request, unquote(object_id))
        if record is None:
            raise Http404
        if not self.has_view_or_change_permission(request, record):
            raise PermissionDenied
        history = getattr(record, "history")  # noqa: B009  # added at run time
        try:
            chosen = [history.get(history_id=int(request.GET[name])) for name in ("old", "new")]
        except (KeyError, ValueError, history.model.DoesNotExist):
            messages.error(request, _("Choose two versions to compare."))
            return self.history_view(request, object_id)
        older, newer = sorted(chosen, key=lambda version: (version.history_date, version.pk))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare versions: %(record)s") % {"record": record},
            "opts": self.model._meta,
            "object": record,
            "older": older,
            "newer": newer,
            "older_label": when_and_who(older),
            "newer_label": when_and_who(newer),
            "changes": compare_versions(self.model, older, newer, self.history_children()),
        }
        return TemplateResponse(request, "content/admin/history_comparison.html", context)

    # Revert: the ordinary change form, filled with a version.

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if request.method == "POST":  # saves as any change does
            return self.changeform_view(request, object_id, extra_context=extra_context)
        history = getattr(self.model, "history")  # noqa: B009  # added at run time
        version = get_object_or_404(
            history.model,
            **{self.model._meta.pk.attname: unquote(object_id)},
            history_id=version_id,
        )
        setattr(request, REVERTING_TO, version)
        messages.info(request, REVERT_NOTE)
        opts = self.model._meta
        context = {
            "title": _("Revert to the version of %(when)s") % {"when": when_and_who(version)},
            **(extra_context or {}),
        }
        change_url = reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
            args=[version.instance.pk],
        )
        return self.changeform_view(request, object_id, form_url=change_url, extra_context=context)

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> models.Model | None:
        current: models.Model | None = super().get_object(request, object_id, from_field)
        version = getattr(request, REVERTING_TO, None)
        if current is None or version is None:
            return current
        reverted: models.Model = version.instance
        reverted._state.adding = False
        for field in current._meta.concrete_fields:
            if field.name in KEPT_ON_REVERT or not field.editable:
                setattr(reverted, field.attname, getattr(current, field.attname))
        setattr(reverted, REVERTED_FROM, version)  # its rows too (content/workflow_admin.py)
        return reverted

    def relations_of(self, version: Any) -> dict[str, list[Any]]:
        """The version's many-to-many values, as a form's initial data."""
        relations = {}
        for field in version._history_m2m_fields:
            kept = getattr(version, field.name)
            relations[field.name] = list(
                kept.values_list(f"{field.m2m_reverse_field_name()}_id", flat=True)
            )
        return relations

    # The change form: a version token, and the revert's relations.

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        setattr(request, IN_CHANGE_FORM, True)
        response: HttpResponse = super().changeform_view(
            request, object_id, form_url, extra_context
        )
        return response

    def locks(self, request: HttpRequest, obj: models.Model | None) -> bool:
        return (
            obj is not None
            and getattr(request, IN_CHANGE_FORM, False)
            and self.has_change_permission(request, obj)
        )

    def get_fieldsets(self, request: HttpRequest, obj: models.Model | None = None) -> Any:
        fieldsets = list(super().get_fieldsets(request, obj))
        if self.locks(request, obj) and TOKEN_FIELD not in flatten_fieldsets(fieldsets):
            fieldsets.append((None, {"fields": [TOKEN_FIELD], "classes": ["hidden"]}))
        return fieldsets

    def get_form(
        self,
        request: HttpRequest,
        obj: Any = None,
        change: bool = False,
        **kwargs: Any,
    ) -> Any:
        if kwargs.get("fields"):
            kwargs["fields"] = [name for name in kwargs["fields"] if name != TOKEN_FIELD]
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or not self.locks(request, obj):
            return form_class
        if (version := getattr(request, REVERTING_TO, None)) is not None:
            form_class = with_initial(form_class, self.relations_of(version))
        record = obj
        children = [(child.model, child.fk_name) for child in self.history_children()]
        return with_version_check(
            form_class,
            version_token(record, children),
            lambda: version_token(record, children),
            lambda opened_on: self.version_named(record, opened_on),
            lambda opened_on: self.describe_other_change(request, record, opened_on),
        )

    def version_named(self, record: models.Model, token: str) -> Any:
        """The history entry a version token was made from, if it still exists."""
        history = getattr(record, "history")  # noqa: B009  # added at run time
        return history.filter(history_id=history_id_in(token)).first()

    def describe_other_change(
        self, request: HttpRequest, record: models.Model, opened_on: str
    ) -> SafeString:
        """What changed between the version the editor opened and the current one."""
        history = getattr(record, "history")  # noqa: B009  # added at run time
        opened = self.version_named(record, opened_on)
        newest = history.first()
        changes = []
        if opened is not None and newest is not None and opened.pk != newest.pk:
            changes = compare_versions(self.model, opened, newest, self.history_children())
        context = {
            "changes": changes,
            "newest": newest,
            "newest_label": newest and when_and_who(newest),
        }
        return render_to_string("content/admin/_other_editors_change.html", context, request)


def with_initial(form_class: Any, initial: dict[str, Any]) -> Any:
    """`form_class` showing `initial` rather than the record's own values."""

    class WithInitial(form_class):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.initial.update(initial)

    return WithInitial
