from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from linkcheck.models import LinkCheck


@admin.register(LinkCheck)
class LinkCheckAdmin(admin.ModelAdmin[LinkCheck]):
    """Read only: results change by checking again (a save, or `manage.py checklinks`)."""

    list_display = ["url", "result", "reason", "detail", "found_in", "field", "checked"]
    list_filter = ["result", "kind", "reason"]
    search_fields = ["url", "record_name"]
    list_select_related = ["content_type"]

    @admin.display(description=_("found in"), ordering="record_name")
    def found_in(self, check: LinkCheck) -> SafeString | str:
        address = check.record_admin_url()
        return (
            format_html('<a href="{}">{}</a>', address, check.record_name)
            if address
            else check.record_name
        )

    # Whoever may read the content may read what is wrong with its links.
    def has_view_permission(self, request: HttpRequest, obj: LinkCheck | None = None) -> bool:
        return request.user.is_active and request.user.has_perm("guidance.view_guide")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: LinkCheck | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: LinkCheck | None = None) -> bool:
        return False
