"""What every content admin shares: tabbed English/Norwegian fields, history
with readable diffs and revert, and the review-overdue filter and column;
and the admin of this app's own records, official sources and rates.

SimpleHistoryAdmin comes first so its history views, URLs and save_model
(which records who saved) take precedence; TabbedTranslationAdmin then swaps
each translated field for its _en/_nb fields and adds the language tabs.
jQuery UI for the tabs is served by this site (settings.JQUERY_UI_URL), so
admin makes no request to another origin.

Admin's header and title name the site, rather than "Django administration".
"""

from typing import TYPE_CHECKING, Any, cast

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from content.history_admin import HistoryAdminMixin
from content.markdown import validate_renderable_markdown
from content.models import (
    Rate,
    RateQuerySet,
    RateValue,
    Reviewed,
    ReviewedQuerySet,
    Source,
    is_renewal_overdue,
)
from content.rates import format_amount, validate_rate_shortcuts
from content.translation_status import (
    GAP_LABELS,
    Gap,
    TranslationStatus,
    records_with_gap,
    translation_statuses,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

admin.site.site_header = _("Health and Social Security in Norway – editors")
admin.site.site_title = _("Health and Social Security in Norway – editors")
admin.site.index_title = _("Content")

# Asked back on an action's confirmation page: the editor has seen the list.
CONFIRMED = "confirmed"


# SimpleHistoryAdmin has no type hints (django-simple-history ships none).
class ContentAdmin[M: models.Model](
    HistoryAdminMixin,
    SimpleHistoryAdmin,  # type: ignore[misc]
    TabbedTranslationAdmin[M],
):
    # The library's list has an inline style, which the site's policy blocks.
    object_history_list_template = "content/admin/object_history_list.html"

    def formfield_for_dbfield(
        self, db_field: "models.Field[Any, Any]", request: HttpRequest, **kwargs: Any
    ) -> Any:
        """Markdown bodies may use only the rates that exist ({G} …) and only
        what the pages can show: a misspelt shortcut, an image, raw HTML or a
        heading other than ## and ### is refused at save time, with a message."""
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name.startswith("body"):
            field.validators += [validate_rate_shortcuts, validate_renderable_markdown]
        return field

    def get_changelist_instance(self, request: HttpRequest) -> ChangeList:
        """The page's records each get their translation status, read from
        their history in one query (the column shows it)."""
        changelist = super().get_changelist_instance(request)
        if "translation_status" in changelist.list_display:
            records = list(changelist.result_list)  # the page's own records, now fetched
            statuses = translation_statuses(self.model, records)
            for record in records:
                record.translation_status_found = statuses[record.pk]
        return changelist

    @admin.display(description=_("translation"))
    def translation_status(self, record: models.Model) -> str:
        """The gaps in words, each with its fields: "Bokmål missing: body"."""
        status: TranslationStatus = (
            getattr(record, "translation_status_found", None)
            or (translation_statuses(self.model, [record])[record.pk])
        )
        if status.is_complete:
            return str(_("Complete"))
        return "; ".join(
            f"{GAP_LABELS[gap]}: {', '.join(self.field_label(name) for name in names)}"
            for gap, names in status.gaps.items()
        )

    def field_label(self, name: str) -> str:
        field = self.model._meta.get_field(name)
        return str(getattr(field, "verbose_name", name))

    def confirm_action(
        self,
        request: HttpRequest,
        queryset: QuerySet[M],
        *,
        title: "str | StrPromise",
        question: "str | StrPromise",
        listed: list[tuple[str, list[tuple[str, str]]]],
        button: "str | StrPromise",
    ) -> HttpResponse | None:
        """An action's page that asks before going on: None once the editor
        has confirmed (or when there is nothing to list), else the page.

        `listed` holds a heading per record and its links (text, address).
        """
        if not listed or request.POST.get(CONFIRMED):
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "question": question,
            "listed": listed,
            "button": button,
            "opts": self.model._meta,
            "action": request.POST["action"],
            "selected": queryset.values_list("pk", flat=True),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "confirmed": CONFIRMED,
        }
        return TemplateResponse(request, "content/admin/action_confirmation.html", context)

    @admin.display(description=_("review"), ordering="last_reviewed")
    def review_status(self, record: Reviewed) -> "StrPromise":
        """Says "Overdue" in words: a green tick for "overdue" reads as "fine"."""
        return _("Overdue") if record.is_review_overdue else _("Up to date")


class ReviewOverdueFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin[Any]
    ) -> list[tuple[str, "StrPromise"]]:
        return [("overdue", _("Overdue (last reviewed over 12 months ago)"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "overdue":
            # Only the admins of Reviewed models use this filter.
            return cast(ReviewedQuerySet[Any], queryset).review_overdue()
        return queryset


@admin.register(Source)
class SourceAdmin(ContentAdmin[Source]):
    list_display = ["title", "publisher", "url", "url_nb"]
    list_filter = ["publisher"]
    search_fields = ["title_en", "title_nb", "url", "url_nb"]


class RateValueInline(admin.TabularInline[RateValue, Rate]):
    model = RateValue
    fields = ["valid_from", "amount", "source"]
    autocomplete_fields = ["source"]
    extra = 1


class TranslationGapFilter(admin.SimpleListFilter):
    """Records with a text missing in bokmål, or changed in one language after the other."""

    title = _("translation")
    parameter_name = "translation"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin[Any]
    ) -> list[tuple[str, "StrPromise"]]:
        return [(gap.value, label) for gap, label in GAP_LABELS.items()]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if value in set(Gap):
            return records_with_gap(queryset, Gap(value))
        return queryset


class RenewalOverdueFilter(admin.SimpleListFilter):
    title = _("renewal")
    parameter_name = "renewal"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin[Any]
    ) -> list[tuple[str, "StrPromise"]]:
        return [("overdue", _("Overdue (no value since the yearly change, or none at all)"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "overdue":
            return cast(RateQuerySet, queryset).renewal_overdue()
        return queryset


@admin.register(Rate)
class RateAdmin(ContentAdmin[Rate]):
    """Amounts that texts name in braces ({G}): a new value is a new row, so
    pages show each one from its first day and history keeps the old ones."""

    inlines = [RateValueInline]
    list_display = ["name", "shortcut", "value_in_force", "renewal_status"]
    list_filter = [RenewalOverdueFilter]
    search_fields = ["key", "name_en", "name_nb"]
    filter_horizontal = ["sources"]
    fields = ["name", "key", "unit", "renews_on", "sources"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Rate]:
        queryset = cast(RateQuerySet, super().get_queryset(request))
        return queryset.with_value_in_force(timezone.localdate())

    def get_readonly_fields(self, request: HttpRequest, obj: Rate | None = None) -> list[str]:
        """The key is fixed once saved: texts refer to it."""
        return ["key"] if obj is not None else []

    @admin.display(description=_("shortcut"), ordering="key")
    def shortcut(self, rate: Rate) -> str:
        return f"{{{rate.key}}}"

    @admin.display(description=_("in force today"))
    def value_in_force(self, rate: Any) -> "str | StrPromise":
        if rate.amount_in_force is None:
            return _("None: pages link to the official source")
        return format_amount(rate.amount_in_force, rate.unit, rate.in_force_from)

    @admin.display(description=_("renewal"))
    def renewal_status(self, rate: Any) -> "StrPromise":
        """In words, like the review column: "Overdue" needs no legend."""
        if rate.newest_from is None:
            return _("Overdue: no value yet")
        if is_renewal_overdue(rate.renews_on, rate.newest_from, timezone.localdate()):
            return _("Overdue")
        if not rate.renews_on:
            return _("No fixed yearly change")
        return _("Up to date")


# Registers the list of pending versions (drafts of live records) in this app.
from content import workflow_admin  # noqa: E402, F401
