"""What every kind of content shares: official sources, review dates,
timestamps, the page's language with an English fallback, and the record
of what `manage.py loadcontent` last wrote.

The apps that hold content (agreements, guidance) build on these; this app
imports neither of them.
"""

import datetime
from dataclasses import dataclass
from typing import Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from content.sources import Publisher, publisher_of, validate_official_url

# Rules and amounts (the basic amount G, user fees) change at least once a
# year, so content nobody has checked for a year may mislead.
REVIEW_INTERVAL_YEARS = 1


def a_year_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - REVIEW_INTERVAL_YEARS)
    except ValueError:  # 29 February
        return day.replace(year=day.year - REVIEW_INTERVAL_YEARS, day=28)


@dataclass(frozen=True)
class PageText:
    """A translated field's text in the page's language, or in English while the
    translation is missing (the page then marks it lang="en")."""

    text: str
    language: str

    @property
    def is_fallback(self) -> bool:
        return self.language != translation.get_language()

    def __str__(self) -> str:
        return self.text


class PageTextMixin:
    """Translated fields as PageText, so templates can mark English fallbacks.

    modeltranslation's own fallback (`guide.title`) silently returns the English
    text; a Norwegian page must also say that it is English.
    """

    def page_text(self, field: str) -> PageText:
        language = translation.get_language() or "en"
        text = getattr(self, f"{field}_{language}", None)
        if text:
            return PageText(text, language)
        return PageText(getattr(self, f"{field}_en", "") or "", "en")

    @property
    def page_title(self) -> PageText:
        return self.page_text("title")

    @property
    def page_summary(self) -> PageText:
        return self.page_text("summary")

    @property
    def page_body(self) -> PageText:
        return self.page_text("body")


class ReviewedQuerySet(models.QuerySet):
    def review_overdue(self, today: datetime.date | None = None) -> Self:
        """Records last reviewed more than a year ago."""
        return self.filter(last_reviewed__lt=a_year_before(today or timezone.localdate()))


class Reviewed(models.Model):
    """Content whose facts someone checks against their sources, and when."""

    last_reviewed = models.DateField(
        _("last reviewed"),
        help_text=_("The date someone last checked every fact against its source."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        keep_lf_line_breaks(self)
        super().save(*args, **kwargs)

    @property
    def is_review_overdue(self) -> bool:
        return self.last_reviewed < a_year_before(timezone.localdate())


def keep_lf_line_breaks(instance: models.Model) -> None:
    """Stores every language's body with LF line breaks, as in the content files.

    Browsers send a textarea's line breaks as CRLF; keeping LF means a change
    to one language's body never shows in history as a change to every other
    language's body too.
    """
    for code, _name in settings.LANGUAGES:
        body = getattr(instance, f"body_{code}", None)
        if body:
            setattr(instance, f"body_{code}", body.replace("\r\n", "\n"))


class Source(PageTextMixin, models.Model):
    """An official page that guides, checklist items and agreements cite."""

    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(
        _("address"), max_length=500, unique=True, validators=[validate_official_url]
    )
    url_nb = models.URLField(
        _("address of the Norwegian page"),
        max_length=500,
        blank=True,
        validators=[validate_official_url],
        help_text=_(
            "Where the publisher has the same page in Norwegian: Norwegian pages link here."
        ),
    )
    publisher = models.CharField(_("publisher"), max_length=20, choices=Publisher)

    class Meta:
        # Created by the guidance app before this app existed; the table stays.
        db_table = "guidance_source"
        ordering = ["publisher", "title"]
        verbose_name = _("official source")
        verbose_name_plural = _("official sources")

    def __str__(self) -> str:
        return f"{self.get_publisher_display()}: {self.title}"

    @property
    def page_url(self) -> str:
        """The page in the reader's language where the publisher has one."""
        if translation.get_language() == "nb" and self.url_nb:
            return self.url_nb
        return self.url

    def clean(self) -> None:
        found = publisher_of(self.url)
        if found is not None and self.publisher and found != self.publisher:
            raise ValidationError(
                {
                    "publisher": _("This address belongs to %(publisher)s.")
                    % {"publisher": Publisher(found).label}
                }
            )


class LoadedRecord(models.Model):
    """What `manage.py loadcontent` last wrote into one record.

    `fingerprints` holds a hash of each field the content files set, as it
    was right after loading. While the record still matches them, no editor
    has touched it and a newer content file may update it; once one differs,
    the record is the editors' and loading leaves it alone. Per field, so
    that a field the files set for the first time (a new column) does not
    make every record look edited.
    """

    model = models.CharField(max_length=100)  # "guidance.guide"
    natural_key = models.CharField(max_length=500)  # slug, key, address …
    fingerprints = models.JSONField(default=dict)
    loaded = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "natural_key"], name="one_load_per_record")
        ]

    def __str__(self) -> str:
        return f"{self.model} {self.natural_key}"
