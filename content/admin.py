"""What every content admin shares: tabbed English/Norwegian fields, history
with readable diffs and revert, and the review-overdue filter and column;
and the admin of this app's own records, official sources and rates.

SimpleHistoryAdmin comes first so its history views, URLs and save_model
(which records who saved) take precedence; TabbedTranslationAdmin then swaps
each translated field for its _en/_nb fields and adds the language tabs.
jQuery UI for the tabs is served by this site (settings.JQUERY_UI_URL), so
admin makes no request to another origin.
"""

from typing import TYPE_CHECKING, Any, cast

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from content.history import LineDiffContextHelper
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

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


# SimpleHistoryAdmin has no type hints (django-simple-history ships none).
class ContentAdmin[M: models.Model](SimpleHistoryAdmin, TabbedTranslationAdmin[M]):  # type: ignore[misc]
    # The library's list has an inline style, which the site's policy blocks.
    object_history_list_template = "content/admin/object_history_list.html"

    def get_historical_record_context_helper(
        self, request: HttpRequest, historical_record: models.Model
    ) -> LineDiffContextHelper:
        return LineDiffContextHelper(self.model, historical_record)

    def formfield_for_dbfield(
        self, db_field: "models.Field[Any, Any]", request: HttpRequest, **kwargs: Any
    ) -> Any:
        """Markdown bodies may use only the rates that exist ({G} …): a
        misspelt shortcut is refused at save time, with the list of rates."""
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name.startswith("body"):
            field.validators.append(validate_rate_shortcuts)
        return field

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
