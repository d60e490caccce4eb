"""What every kind of content shares: official sources, review dates,
timestamps, the page's language with an English fallback, and the record
of what `manage.py loadcontent` last wrote.

The apps that hold content (agreements, guidance) build on these; this app
imports neither of them.
"""

import datetime
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, Max, OuterRef, Subquery
from django.urls import reverse
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


class ReviewedQuerySet[M: "Reviewed"](models.QuerySet[M]):
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

    # Only a type: modeltranslation replaces the manager's class at start-up,
    # which django-stubs cannot follow.
    objects: ClassVar[models.Manager["Source"]]

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


def last_renewal(renews_on: str, day: datetime.date) -> datetime.date:
    """The latest yearly renewal day ("05-01": 1 May) on or before `day`."""
    month, day_of_month = (int(part) for part in renews_on.split("-"))
    renewal = datetime.date(day.year, month, day_of_month)
    return renewal if renewal <= day else renewal.replace(year=day.year - 1)


def is_renewal_overdue(renews_on: str, newest: datetime.date | None, day: datetime.date) -> bool:
    """No value at all, or a yearly rate whose newest value is older than its
    latest renewal day: pages show an amount that may no longer apply."""
    if newest is None:
        return True
    return bool(renews_on) and newest < last_renewal(renews_on, day)


def validate_month_day(value: str) -> None:
    try:
        month, day_of_month = (int(part) for part in value.split("-"))
        # A leap year, so that only 29 February is refused by the check below.
        datetime.date(2024, month, day_of_month)
    except ValueError:
        valid = False
    else:
        valid = len(value) == 5 and value[2] == "-" and value != "02-29"
    if not valid:
        raise ValidationError(
            _("Write the month and day as MM-DD, such as 05-01 for 1 May."), code="month_day"
        )


validate_rate_key = RegexValidator(
    r"^[A-Za-z][A-Za-z0-9-]*\Z",
    _("Use letters, digits and hyphens, starting with a letter, such as user-fee-ceiling."),
)


class RateQuerySet(models.QuerySet["Rate"]):
    def with_value_in_force(self, day: datetime.date) -> Self:
        """Each rate with the value in force on `day` (amount_in_force,
        in_force_from), its newest value's date (newest_from) and its first
        official source (source_url, source_url_nb, source_publisher), in one query."""
        in_force = RateValue.objects.in_force(day).filter(rate=OuterRef("pk"))
        newest = RateValue.objects.filter(rate=OuterRef("pk")).order_by("-valid_from")
        first_source = Source.objects.filter(rates=OuterRef("pk")).order_by("pk")
        return self.annotate(
            amount_in_force=Subquery(in_force.values("amount")[:1]),
            in_force_from=Subquery(in_force.values("valid_from")[:1]),
            newest_from=Subquery(newest.values("valid_from")[:1]),
            source_url=Subquery(first_source.values("url")[:1]),
            source_url_nb=Subquery(first_source.values("url_nb")[:1]),
            source_publisher=Subquery(first_source.values("publisher")[:1]),
        )

    def renewal_overdue(self, day: datetime.date | None = None) -> Self:
        """Rates with no value, or whose newest value is older than their latest
        yearly renewal day. Computed in Python: the renewal day differs per rate,
        and there are only a handful of rates."""
        day = day or timezone.localdate()
        rows = self.annotate(newest=Max("dated_values__valid_from")).values_list(
            "pk", "renews_on", "newest"
        )
        overdue = [
            pk for pk, renews_on, newest in rows if is_renewal_overdue(renews_on, newest, day)
        ]
        return self.filter(pk__in=overdue)


RateManager = models.Manager.from_queryset(RateQuerySet)


class Rate(PageTextMixin, models.Model):
    """An amount that changes (the basic amount G, the user-fee ceiling), which
    texts name by its key in braces, {G}, so pages show the value in force."""

    class Unit(models.TextChoices):
        YEAR = "year", _("per year")
        MONTH = "month", _("per month")
        ONCE = "once", _("one-off")

    key = models.CharField(
        _("shortcut"),
        max_length=40,
        unique=True,
        validators=[validate_rate_key],
        help_text=_(
            "Texts write it in braces, such as {G}. It cannot be changed once saved, "
            "since texts use it."
        ),
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit)
    renews_on = models.CharField(
        _("renewed every year on"),
        max_length=5,
        blank=True,
        validators=[validate_month_day],
        help_text=_(
            "Month and day as MM-DD, such as 05-01 for 1 May. Empty if the amount "
            "changes on no fixed day."
        ),
    )
    sources = models.ManyToManyField(
        Source,
        related_name="rates",
        verbose_name=_("official sources"),
        help_text=_(
            "Where readers can check the amount. While no value is in force, "
            "pages send readers to the first of them."
        ),
    )

    # Typed, because modeltranslation replaces the manager's class at
    # start-up, which django-stubs cannot follow.
    objects: ClassVar[RateManager["Rate"]] = RateManager()

    class Meta:
        ordering = ["key"]
        verbose_name = _("rate")
        verbose_name_plural = _("rates")

    def __str__(self) -> str:
        return f"{self.page_text('name')} ({{{self.key}}})"


class RateValueQuerySet(models.QuerySet["RateValue"]):
    def in_force(self, day: datetime.date | None = None) -> Self:
        """For each rate, the newest value that started on or before `day`."""
        day = day or timezone.localdate()
        newer = RateValue.objects.filter(
            rate=OuterRef("rate"), valid_from__lte=day, valid_from__gt=OuterRef("valid_from")
        )
        return self.filter(valid_from__lte=day).exclude(Exists(newer))


RateValueManager = models.Manager.from_queryset(RateValueQuerySet)


class RateValue(models.Model):
    """A rate's amount from a date on, as an official page gives it."""

    rate = models.ForeignKey(
        Rate, on_delete=models.CASCADE, related_name="dated_values", verbose_name=_("rate")
    )
    amount = models.PositiveIntegerField(_("amount in kroner"))
    valid_from = models.DateField(_("valid from"))
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="rate_values",
        verbose_name=_("official source"),
        help_text=_("The official page that gives this amount."),
    )

    # `_default_manager` types `rate.dated_values`.
    objects: ClassVar[RateValueManager["RateValue"]] = RateValueManager()
    _default_manager: ClassVar[RateValueManager["RateValue"]]

    class Meta:
        ordering = ["rate", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["rate", "valid_from"], name="one_value_per_rate_and_day"
            )
        ]
        verbose_name = _("amount")
        verbose_name_plural = _("amounts")

    def __str__(self) -> str:
        return f"{self.rate.key} {self.amount} ({self.valid_from.isoformat()})"


class PendingChangeQuerySet(models.QuerySet["PendingChange"]):
    """Pending versions of live records; see content/workflow.py for the rules."""

    def open(self) -> Self:
        """Not yet published: the record's current draft (or scheduled expiry)."""
        return self.filter(state__in=PendingChange.OPEN_STATES)

    def for_record(self, record: models.Model) -> Self:
        from django.contrib.contenttypes.models import ContentType

        return self.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )

    def for_listing(self) -> Self:
        return self.select_related("author", "reviewer", "content_type").prefetch_related("record")

    def awaiting_review(self) -> Self:
        """Submitted for review and not yet decided, oldest first."""
        return self.filter(state=PendingChange.State.SUBMITTED).for_listing().order_by("updated")

    def scheduled(self, now: datetime.datetime | None = None) -> Self:
        """Approved, with a go-live (or, for an expiry, unpublish) time still ahead."""
        return (
            self.filter(state=PendingChange.State.APPROVED, go_live_at__gt=now or timezone.now())
            .for_listing()
            .order_by("go_live_at")
        )

    def returned_to(self, user: Any) -> Self:
        """The author's changes that a publisher rejected, newest first."""
        return (
            self.filter(state=PendingChange.State.REJECTED, author=user)
            .for_listing()
            .order_by("-updated")
        )

    def due(self, now: datetime.datetime | None = None) -> Self:
        """Approved and due now or earlier: what the scheduler applies."""
        return self.filter(
            state=PendingChange.State.APPROVED, go_live_at__lte=now or timezone.now()
        ).order_by("go_live_at", "pk")

    def next_due_time(self) -> datetime.datetime | None:
        found: datetime.datetime | None = self.filter(
            state=PendingChange.State.APPROVED, go_live_at__isnull=False
        ).aggregate(first=models.Min("go_live_at"))["first"]
        return found

    def token_for(self, record: models.Model) -> str:
        """Changes whenever the record's open pending versions are saved or
        change state; "" when it has none (for edit locks and stale-form checks)."""
        rows = self.open().for_record(record).order_by("pk").values_list("pk", "updated", "state")
        return ";".join(f"{pk}:{updated.isoformat()}:{state}" for pk, updated, state in rows)


PendingChangeManager = models.Manager.from_queryset(PendingChangeQuerySet)


class PendingChange(models.Model):
    """A proposed version of a live record (a guide, a checklist item, an
    agreement with its countries), or its scheduled expiry: visitors see the
    record as it is until a publisher publishes the change."""

    class Kind(models.TextChoices):
        EDIT = "edit", _("Draft of changes")
        EXPIRY = "expiry", _("Expiry (unpublish)")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        APPROVED = "approved", _("Approved (scheduled)")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    # A rejected change stays the record's draft, returned to its author with
    # the reviewer's note, until it is saved again (back to draft) or discarded.
    OPEN_STATES: ClassVar[tuple[str, ...]] = (
        State.DRAFT,
        State.SUBMITTED,
        State.APPROVED,
        State.REJECTED,
    )

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, verbose_name=_("kind of record")
    )
    object_id = models.PositiveIntegerField(_("record id"))
    record = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.EDIT)
    # {"fields": {name: value}, "m2m": {name: [pk, …]}, "children": {name: {…}}},
    # see content/workflow.py.
    values = models.JSONField(_("proposed values"), default=dict, encoder=DjangoJSONEncoder)
    state = models.CharField(
        _("state"), max_length=10, choices=State, default=State.DRAFT, db_index=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pending_changes",
        verbose_name=_("author"),
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last edited by"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_changes",
        verbose_name=_("reviewer"),
    )
    note = models.TextField(_("reviewer's note"), blank=True)
    go_live_at = models.DateTimeField(_("goes live at"), null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects: ClassVar[PendingChangeManager["PendingChange"]] = PendingChangeManager()

    class Meta:
        ordering = ["-updated"]
        verbose_name = _("pending version")
        verbose_name_plural = _("pending versions")
        permissions = [("publish", _("Can approve, publish and unpublish content"))]
        constraints = [
            # One open draft and one open expiry per record at most.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind"],
                condition=models.Q(state__in=["draft", "submitted", "approved", "rejected"]),
                name="one_open_pending_change_per_record_and_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.record or _('(deleted record)')} – {self.get_state_display()}"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    def get_admin_url(self) -> str:
        """The review page: live and pending side by side."""
        return reverse("admin:content_pendingchange_change", args=[self.pk])

    def record_model(self) -> type[models.Model]:
        model = self.content_type.model_class()
        if model is None:  # the model was removed since
            raise LookupError(self.content_type)
        return model

    def get_record_admin_url(self) -> str:
        opts = self.record_model()._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.object_id])
