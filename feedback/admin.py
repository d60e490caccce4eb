from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from feedback.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin[Report]):
    """Read and delete: a report is the visitor's words, never edited."""

    list_display = ["received", "page", "message"]
    date_hierarchy = "received"
    search_fields = ["page", "message"]
    readonly_fields = ["received", "page", "message"]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # Reports are deleted after KEEP_DAYS: here, and whenever a new one comes in.
        Report.objects.past_keeping().delete()
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Report | None = None) -> bool:
        return False
