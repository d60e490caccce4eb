import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from guidance.rules import ITEM_KEYS
from guidance.sources import Publisher, publisher_of, validate_official_url


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
    publisher = models.CharField(_("publisher"), max_length=20, choices=Publisher)

    class Meta:
        ordering = ["publisher", "title"]
        verbose_name = _("official source")
        verbose_name_plural = _("official sources")

    def __str__(self) -> str:
        return f"{self.get_publisher_display()}: {self.title}"

    def clean(self) -> None:
        found = publisher_of(self.url)
        if found is not None and self.publisher and found != self.publisher:
            raise ValidationError(
                {
                    "publisher": _("This address belongs to %(publisher)s.")
                    % {"publisher": Publisher(found).label}
                }
            )


class TopicQuerySet(models.QuerySet):
    def with_published_guides(self) -> "TopicQuerySet":
        """Topics in order, each with `published_guides` fetched in one query."""
        guides = Guide.objects.published().order_by("order", "slug")
        return self.order_by("order", "slug").prefetch_related(
            Prefetch("guides", queryset=guides, to_attr="published_guides")
        )


class Topic(PageTextMixin, models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{reverse('guides:list')}#{self.slug}"

    @property
    def page_summary(self) -> PageText:
        return self.page_text("summary")


def a_year_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


class GuideQuerySet(models.QuerySet):
    def published(self) -> "GuideQuerySet":
        return self.filter(status=Guide.Status.PUBLISHED)

    def review_overdue(self, today: datetime.date | None = None) -> "GuideQuerySet":
        """Guides last reviewed more than twelve months ago.

        Rules and amounts (the basic amount G, user fees) change at least once a
        year, so a guide nobody has checked for a year may mislead.
        """
        today = today or timezone.localdate()
        return self.filter(last_reviewed__lt=a_year_before(today))

    def for_page(self) -> "GuideQuerySet":
        """Everything a guide page shows, in a fixed number of queries."""
        related = Guide.objects.published().order_by("topic__order", "order", "slug")
        return self.select_related("topic").prefetch_related(
            "sources", Prefetch("related", queryset=related, to_attr="published_related")
        )

    def for_sitemap(self) -> "GuideQuerySet":
        return self.published().order_by("topic__order", "order", "slug")


class Guide(PageTextMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(
        _("slug"), unique=True, help_text=_("The last part of the address: keep it once published.")
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="guides", verbose_name=_("topic")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"),
        max_length=200,
        help_text=_("One or two sentences: shown in lists, search results and search engines."),
    )
    body = models.TextField(
        _("body"),
        help_text=_(
            "Markdown. Sections start with '## Heading'; three or more sections get a "
            "table of contents. Raw HTML is shown as text."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    published_on = models.DateField(_("first published"), null=True, blank=True, editable=False)
    last_reviewed = models.DateField(
        _("last reviewed"),
        help_text=_("The date someone last checked every fact against its source."),
    )
    order = models.PositiveSmallIntegerField(_("order within its topic"), default=0)
    related = models.ManyToManyField(
        "self", symmetrical=False, blank=True, verbose_name=_("related guides")
    )
    sources = models.ManyToManyField(
        Source, blank=True, related_name="guides", verbose_name=_("official sources")
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = GuideQuerySet.as_manager()

    class Meta:
        ordering = ["topic__order", "order", "slug"]
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.is_published and self.published_on is None:
            self.published_on = timezone.localdate()
        keep_lf_line_breaks(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("guides:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_review_overdue(self) -> bool:
        return self.last_reviewed < a_year_before(timezone.localdate())

    @property
    def page_summary(self) -> PageText:
        return self.page_text("summary")

    @property
    def page_body(self) -> PageText:
        return self.page_text("body")

    @property
    def is_partly_untranslated(self) -> bool:
        return any(
            text.is_fallback for text in (self.page_title, self.page_summary, self.page_body)
        )


class ChecklistItemQuerySet(models.QuerySet):
    def published(self) -> "ChecklistItemQuerySet":
        return self.filter(published=True)

    def for_result(self, keys: list[str]) -> "ChecklistItemQuerySet":
        """The published items with these keys, their guide joined and their
        sources fetched alongside: two queries however many items there are."""
        return (
            self.published()
            .filter(key__in=keys)
            .select_related("guide")
            .prefetch_related("sources")
        )

    def keys_ready_to_show(self) -> set[str]:
        """Keys of the published items with a title and a body in every language."""
        complete = models.Q()
        for field in ("title", "body"):
            for code, _name in settings.LANGUAGES:
                complete &= ~models.Q(**{f"{field}_{code}": ""})
                complete &= models.Q(**{f"{field}_{code}__isnull": False})
        return set(self.published().filter(complete).values_list("key", flat=True))

    def review_overdue(self, today: datetime.date | None = None) -> "ChecklistItemQuerySet":
        """Items last reviewed more than twelve months ago (as for guides)."""
        today = today or timezone.localdate()
        return self.filter(last_reviewed__lt=a_year_before(today))


class ChecklistItem(PageTextMixin, models.Model):
    """One thing a visitor may have to know or do, shown when the checklist's
    rules (guidance/rules.py) give its key for the visitor's answers."""

    class Section(models.TextChoices):
        # In the order the result page shows them (issue 5).
        MEMBERSHIP = "membership", _("Your membership")
        HEALTHCARE = "healthcare", _("Healthcare")
        WORK = "work", _("Work, tax and permits")
        BENEFITS = "benefits", _("NAV benefits and family")
        ABROAD = "abroad", _("Going abroad")
        CONTACT = "contact", _("Who to contact")

    key = models.SlugField(
        _("key"),
        max_length=50,
        unique=True,
        help_text=_("The name the checklist's rules know this item by. It cannot be changed."),
    )
    section = models.CharField(_("section"), max_length=20, choices=Section)
    order = models.PositiveSmallIntegerField(_("order within its section"), default=0)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("body"),
        help_text=_(
            "Markdown: what it means for the visitor and what to do. Raw HTML is shown as text."
        ),
    )
    sources = models.ManyToManyField(
        Source, blank=True, related_name="checklist_items", verbose_name=_("official sources")
    )
    # PROTECT: an item sends visitors to its guide, and its text often links
    # there too, so deleting such a guide must be a deliberate act (admin then
    # lists the items to re-point first). Unpublishing the guide only hides
    # the link.
    guide = models.ForeignKey(
        Guide,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="checklist_items",
        verbose_name=_("related guide"),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        help_text=_("The date someone last checked every fact against its source."),
    )
    published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("An unpublished item is left out of every visitor's checklist."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ChecklistItemQuerySet.as_manager()

    class Meta:
        ordering = ["section", "order", "key"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        keep_lf_line_breaks(self)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.key and self.key not in ITEM_KEYS:
            raise ValidationError(
                {"key": _("The checklist's rules never give this key, so no visitor would see it.")}
            )

    @property
    def page_body(self) -> PageText:
        return self.page_text("body")

    @property
    def is_review_overdue(self) -> bool:
        return self.last_reviewed < a_year_before(timezone.localdate())
