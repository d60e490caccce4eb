"""A visitor's report of a mistake or an accessibility problem on a page,
and a visitor's answer to "Was this page useful?".

Only what the visitor writes, the page it is about (its path, never the
query string, which holds checklist answers) and when: no name, no address,
no cookie. Reports are deleted after KEEP_DAYS days (the privacy page says so).
"""

import datetime
from typing import Any, TypedDict

from django.db import models
from django.db.models import Count, Q
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


COMMENT_MAX_LENGTH = 500


class PageCounts(TypedDict):
    page: str
    yes: int
    no: int


class PageFeedbackQuerySet(models.QuerySet["PageFeedback"]):
    def past_keeping(self, now: datetime.datetime | None = None) -> "PageFeedbackQuerySet":
        cutoff = (now or timezone.now()) - datetime.timedelta(days=KEEP_DAYS)
        return self.filter(received__lt=cutoff)

    def counts_per_page(self) -> "models.QuerySet[Any, PageCounts]":
        """Each page with its numbers of Yes and No, the most No first."""
        return (
            self.values("page")
            .annotate(
                yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False))
            )
            .order_by("-no", "-yes", "page")
        )

    def not_useful_with_comments(self) -> "PageFeedbackQuerySet":
        return self.filter(useful=False).exclude(comment="").order_by("-received")


class PageFeedback(models.Model):
    """One answer to "Was this page useful?": the page's path, yes or no, the
    visitor's optional comment and when. Nothing about the visitor; deleted
    after KEEP_DAYS days, as reports are."""

    page = models.CharField(_("page"), max_length=200)
    useful = models.BooleanField(_("useful"))
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    received = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    objects = PageFeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-received"]
        verbose_name = _("answer to “Was this page useful?”")
        verbose_name_plural = _("answers to “Was this page useful?”")

    def __str__(self) -> str:
        return f"{self.page}: {_('yes') if self.useful else _('no')}"
