"""Editors' side of the site's own pages: the shared content admin (tabs per
language, history with diffs and revert), with the key fixed once saved."""

from django.contrib import admin
from django.http import HttpRequest

from about.models import Page
from content.admin import ContentAdmin, ReviewOverdueFilter


@admin.register(Page)
class PageAdmin(ContentAdmin[Page]):
    list_display = ["title", "key", "last_reviewed", "review_status", "updated"]
    list_filter = [ReviewOverdueFilter]
    search_fields = ["key", "title_en", "title_nb", "body_en", "body_nb"]
    filter_horizontal = ["sources"]
    readonly_fields = ["created", "updated"]
    fields = ["title", "key", "summary", "body", "sources", "last_reviewed", "created", "updated"]

    def get_readonly_fields(
        self, request: HttpRequest, obj: Page | None = None
    ) -> list[str] | tuple[str, ...]:
        """The key is the page's address, which the footer links to."""
        return ["key", *self.readonly_fields] if obj is not None else self.readonly_fields

    def has_delete_permission(self, request: HttpRequest, obj: Page | None = None) -> bool:
        return False
