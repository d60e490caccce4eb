"""What every content admin shares: tabbed English/Norwegian fields, history
with readable diffs and revert, and the review-overdue filter and column.

SimpleHistoryAdmin comes first so its history views, URLs and save_model
(which records who saved) take precedence; TabbedTranslationAdmin then swaps
each translated field for its _en/_nb fields and adds the language tabs.
jQuery UI for the tabs is served by this site (settings.JQUERY_UI_URL), so
admin makes no request to another origin.
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from content.history import LineDiffContextHelper
from content.models import Reviewed, Source


class ContentAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    # The library's list has an inline style, which the site's policy blocks.
    object_history_list_template = "content/admin/object_history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return LineDiffContextHelper(self.model, historical_record)

    @admin.display(description=_("review"), ordering="last_reviewed")
    def review_status(self, record: Reviewed) -> str:
        """Says "Overdue" in words: a green tick for "overdue" reads as "fine"."""
        return _("Overdue") if record.is_review_overdue else _("Up to date")


class ReviewOverdueFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("overdue", _("Overdue (last reviewed over 12 months ago)"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "overdue":
            return queryset.review_overdue()
        return queryset


@admin.register(Source)
class SourceAdmin(ContentAdmin):
    list_display = ["title", "publisher", "url", "url_nb"]
    list_filter = ["publisher"]
    search_fields = ["title_en", "title_nb", "url", "url_nb"]
