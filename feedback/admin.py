from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from feedback.models import PageFeedback, Report


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


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin[PageFeedback]):
    """Visitors' answers to "Was this page useful?": above the list, each
    page's numbers of Yes and No, which filter the list to that page."""

    list_display = ["received", "page", "useful", "comment"]
    list_filter = ["useful", "page"]
    date_hierarchy = "received"
    search_fields = ["page", "comment"]
    readonly_fields = ["received", "page", "useful", "comment"]
    change_list_template = "admin/feedback/pagefeedback/change_list.html"

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        PageFeedback.objects.past_keeping().delete()
        pages = PageFeedback.objects.counts_per_page()
        return super().changelist_view(request, {**(extra_context or {}), "pages": pages})

    # Whoever may read the content may read what visitors say about it.
    def has_view_permission(self, request: HttpRequest, obj: PageFeedback | None = None) -> bool:
        return request.user.is_active and request.user.has_perm("guidance.view_guide")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: PageFeedback | None = None) -> bool:
        return False
