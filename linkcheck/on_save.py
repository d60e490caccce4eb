"""A save in admin checks the saved record's links to this site and warns
about broken ones, without stopping the save.

Connected to post_save rather than written into each ModelAdmin, because the
content apps' admins must not import this app (it builds on them). The
request comes from django-simple-history's middleware, which keeps it for
the length of every request: only saves made in admin, where an editor can
read the warning, are checked here; `manage.py checklinks` checks the rest.
"""

from typing import Any

from django.contrib import messages
from django.db.models import Model
from django.db.models.signals import post_save
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from agreements.models import Agreement
from content.models import PendingChange
from content.workflow import set_fields
from guidance.models import ChecklistItem, Guide, OldGuideSlug
from linkcheck.checking import broken_internal_links, check_internal_links
from linkcheck.models import LinkCheck

CHECKED_ON_SAVE = (Guide, ChecklistItem, Agreement)


def admin_request() -> HttpRequest | None:
    request: HttpRequest | None = getattr(HistoricalRecords.context, "request", None)
    if request is None or not request.path.startswith(reverse("admin:index")):
        return None
    return request


def warn_about_broken_links(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    request = admin_request()
    if request is None or kwargs.get("raw"):
        return
    # A guide's new slug or status may mend or break links in other records too.
    checks = check_internal_links(None if isinstance(instance, Guide) else instance)
    broken = [
        check
        for check in checks
        if check.result == LinkCheck.Result.BROKEN
        and check.object_id == instance.pk
        and check.content_type.model_class() is sender
    ]
    if broken:
        messages.warning(request, broken_links_message(instance, broken))


def recheck_after_rename(sender: type[Model], instance: OldGuideSlug, **kwargs: Any) -> None:
    """A guide's old address is kept after the guide itself is saved (and
    checked): links to the old address now redirect, so they work again."""
    if admin_request() is not None and not kwargs.get("raw"):
        check_internal_links()


def warn_about_broken_links_in_draft(
    sender: type[Model], instance: PendingChange, **kwargs: Any
) -> None:
    """An edit of a live record is saved as its draft (content/workflow.py):
    the draft's text is checked, in memory; what is kept stays the live text's."""
    request = admin_request()
    record = instance.record
    if (
        request is None
        or kwargs.get("raw")
        or record is None
        or not isinstance(record, CHECKED_ON_SAVE)
    ):
        return
    set_fields(record, instance.values.get("fields", {}))
    broken = broken_internal_links(record)
    if broken:
        messages.warning(request, broken_links_message(record, broken))


def broken_links_message(record: Model, broken: list[LinkCheck]) -> str:
    links = "; ".join(
        f"{check.url} ({check.field}: {check.get_reason_display()})" for check in broken
    )
    return (
        ngettext(
            "“%(record)s” was saved, but a link in it is broken: %(links)s.",
            "“%(record)s” was saved, but %(count)d links in it are broken: %(links)s.",
            len(broken),
        )
        % {"record": record, "count": len(broken), "links": links}
        + " "
        + _("Correct the link, or publish the page it leads to.")
    )


def connect_admin_warnings() -> None:
    for model in CHECKED_ON_SAVE:
        post_save.connect(
            warn_about_broken_links, sender=model, dispatch_uid=f"linkcheck:{model.__name__}"
        )
    post_save.connect(recheck_after_rename, sender=OldGuideSlug, dispatch_uid="linkcheck:rename")
    post_save.connect(
        warn_about_broken_links_in_draft, sender=PendingChange, dispatch_uid="linkcheck:draft"
    )
