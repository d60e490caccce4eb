"""The last check of every link in the content: where it was found, and what
the check found. `manage.py checklinks` replaces them; a save in admin
replaces the saved record's internal ones."""

from typing import ClassVar

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


class LinkCheckQuerySet(models.QuerySet["LinkCheck"]):
    def broken(self) -> "LinkCheckQuerySet":
        return self.filter(result=LinkCheck.Result.BROKEN)

    def internal(self) -> "LinkCheckQuerySet":
        return self.filter(kind=LinkCheck.Kind.INTERNAL)

    def official(self) -> "LinkCheckQuerySet":
        return self.filter(kind=LinkCheck.Kind.OFFICIAL)

    def found_in(self, record: models.Model) -> "LinkCheckQuerySet":
        return self.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )


LinkCheckManager = models.Manager.from_queryset(LinkCheckQuerySet)


class LinkCheck(models.Model):
    class Kind(models.TextChoices):
        INTERNAL = "internal", _("On this site")
        OFFICIAL = "official", _("Official source")

    class Result(models.TextChoices):
        OK = "ok", _("Works")
        NOTE = "note", _("Works, worth a look")
        BROKEN = "broken", _("Broken")
        NOT_CHECKED = "not-checked", _("Not checked")

    class Reason(models.TextChoices):
        NO_PAGE = "no-page", _("No page on this site has this address")
        GUIDE_MISSING = "guide-missing", _("No guide has this address")
        GUIDE_UNPUBLISHED = "guide-unpublished", _("The guide is not published")
        AGREEMENT_MISSING = "agreement-missing", _("No agreement has this address")
        AGREEMENT_UNPUBLISHED = "agreement-unpublished", _("The agreement is not published")
        OLD_ADDRESS = "old-address", _("An old address of a guide: it redirects to the new one")
        NO_FINAL_SLASH = "no-final-slash", _("The address lacks its final /: it redirects")
        GONE = "gone", _("The page is gone (404 or 410)")
        REDIRECT_LOOP = "redirect-loop", _("The address redirects in a loop")
        STATUS = "status", _("The server answered with an error")
        UNREACHABLE = "unreachable", _("Not checked (unreachable)")

    url = models.CharField(_("link"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, db_index=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("kind of record")
    )
    object_id = models.PositiveBigIntegerField(_("record"))
    record_name = models.CharField(_("found in"), max_length=200)
    field = models.CharField(_("field"), max_length=50)
    result = models.CharField(_("result"), max_length=12, choices=Result, db_index=True)
    reason = models.CharField(_("why"), max_length=30, choices=Reason, blank=True)
    # Words the reason needs, not in any language: the new address, a status code.
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    checked = models.DateTimeField(_("checked"))

    objects: ClassVar[LinkCheckManager["LinkCheck"]] = LinkCheckManager()

    class Meta:
        ordering = ["result", "record_name", "field", "url"]
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.url} ({self.record_name}, {self.field})"

    def record_admin_url(self) -> str:
        """The change page of the record the link was found in."""
        try:
            return reverse(
                f"admin:{self.content_type.app_label}_{self.content_type.model}_change",
                args=[self.object_id],
            )
        except NoReverseMatch:
            return ""
