"""A visitor's report of a mistake or an accessibility problem on a page.

Only what the visitor writes, the page it is about (its path, never the
query string, which holds checklist answers) and when: no name, no address,
no cookie. Reports are deleted after KEEP_DAYS days (the privacy page says so).
"""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEEP_DAYS = 90
MESSAGE_MAX_LENGTH = 2000


class ReportQuerySet(models.QuerySet["Report"]):
    def past_keeping(self, now: datetime.datetime | None = None) -> "ReportQuerySet":
        cutoff = (now or timezone.now()) - datetime.timedelta(days=KEEP_DAYS)
        return self.filter(received__lt=cutoff)


class Report(models.Model):
    page = models.CharField(_("page"), max_length=200, blank=True)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    received = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-received"]
        verbose_name = _("report from a visitor")
        verbose_name_plural = _("reports from visitors")

    def __str__(self) -> str:
        return self.message[:60]
