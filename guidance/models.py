from typing import TYPE_CHECKING, Any, ClassVar, TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content.models import PageText, PageTextMixin, Reviewed, ReviewedQuerySet, Source
from guidance.personas import personas
from guidance.rules import ITEM_KEYS

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class PublishedGuides(TypedDict):
    published_guides: list["Guide"]


class TopicQuerySet(models.QuerySet["Topic"]):
    def with_published_guides(
        self,
    ) -> "models.QuerySet[WithAnnotations[Topic, PublishedGuides]]":
        """Topics in order, each with `published_guides` fetched in one query."""
        guides = Guide.objects.published().order_by("order", "slug")
        # django-stubs names the TypedDict it infers differently.
        return self.order_by("order", "slug").prefetch_related(  # type: ignore[return-value]
            Prefetch("guides", queryset=guides, to_attr="published_guides")
        )


TopicManager = models.Manager.from_queryset(TopicQuerySet)


class Topic(PageTextMixin, models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    # Typed, because modeltranslation replaces the manager's class at
    # start-up, which django-stubs cannot follow.
    objects: ClassVar[TopicManager["Topic"]] = TopicManager()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{reverse('guides:list')}#{self.slug}"


class GuideQuerySet(ReviewedQuerySet["Guide"]):
    def published(self) -> "GuideQuerySet":
        return self.filter(status=Guide.Status.PUBLISHED)

    def for_page(self) -> "GuideQuerySet":
        """Everything a guide page shows, in a fixed number of queries."""
        related = Guide.objects.published().order_by("topic__order", "order", "slug")
        return self.select_related("topic").prefetch_related(
            "sources", Prefetch("related", queryset=related, to_attr="published_related")
        )

    def for_sitemap(self) -> "GuideQuerySet":
        return self.published().order_by("topic__order", "order", "slug")


GuideManager = models.Manager.from_queryset(GuideQuerySet)


class Guide(PageTextMixin, Reviewed):
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
    order = models.PositiveSmallIntegerField(_("order within its topic"), default=0)
    related = models.ManyToManyField(
        "self", symmetrical=False, blank=True, verbose_name=_("related guides")
    )
    sources = models.ManyToManyField(
        Source, blank=True, related_name="guides", verbose_name=_("official sources")
    )

    # Typed, as Topic.objects; `_default_manager` types `topic.guides`.
    objects: ClassVar[GuideManager["Guide"]] = GuideManager()
    _default_manager: ClassVar[GuideManager["Guide"]]

    class Meta:
        ordering = ["topic__order", "order", "slug"]
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.is_published and self.published_on is None:
            self.published_on = timezone.localdate()
        previous_slug = (
            Guide.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
            if self.pk
            else None
        )
        super().save(*args, **kwargs)
        if previous_slug and previous_slug != self.slug:
            OldGuideSlug.remember(self, previous_slug)

    def get_absolute_url(self) -> str:
        return reverse("guides:detail", kwargs={"slug": self.slug})

    def address_path(self) -> str:
        """The part of its address that is the same in every language, as
        links in texts contain it ("/guides/<slug>/")."""
        return f"/guides/{self.slug}/"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_partly_untranslated(self) -> bool:
        return any(
            text.is_fallback for text in (self.page_title, self.page_summary, self.page_body)
        )


class OldGuideSlug(models.Model):
    """An address a published guide had before its slug changed: it keeps
    working, as a permanent redirect to the guide's address now."""

    slug = models.SlugField(_("old slug"), unique=True)
    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="old_slugs", verbose_name=_("guide")
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("old address of a guide")
        verbose_name_plural = _("old addresses of guides")

    def __str__(self) -> str:
        return f"/guides/{self.slug}/"

    @classmethod
    def remember(cls, guide: Guide, previous_slug: str) -> None:
        """Only addresses visitors may have seen: a draft's slug was never public."""
        cls.objects.filter(slug=guide.slug).delete()  # the guide's own address again
        if guide.published_on is not None:
            cls.objects.update_or_create(slug=previous_slug, defaults={"guide": guide})


class ChecklistItemQuerySet(ReviewedQuerySet["ChecklistItem"]):
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


ChecklistItemManager = models.Manager.from_queryset(ChecklistItemQuerySet)


class ChecklistItem(PageTextMixin, Reviewed):
    """One thing a visitor may have to know or do, shown when the checklist's
    rules (guidance/rules.py) give its key for the visitor's answers."""

    class Section(models.TextChoices):
        # In the order the result page shows them.
        MEMBERSHIP = "membership", _("Your membership")
        HEALTHCARE = "healthcare", _("Healthcare")
        WORK = "work", _("Work, tax and permits")
        BENEFITS = "benefits", _("NAV benefits and family")
        ABROAD = "abroad", _("Going abroad")
        CONTACT = "contact", _("Who to contact")

    class Timing(models.TextChoices):
        # When the step falls; the plan shows the groups in this order.
        BEFORE = "before", _("Before you move or leave")
        FIRST_DAYS = "first-days", _("In your first days")
        FIRST_MONTHS = "first-months", _("Within three months")
        WHEN_CHANGES = "when-changes", _("When something changes")
        WHEN_TRAVELLING = "when-travelling", _("When you travel")

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
    published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("An unpublished item is left out of every visitor's checklist."),
    )
    # The item as a step of the visitor's plan. Items that only inform have none.
    step = models.CharField(
        _("step"),
        max_length=200,
        blank=True,
        help_text=_(
            "One line at the top of the result: the action and the agency. Leave empty "
            "when the item only informs."
        ),
    )
    timing = models.CharField(
        _("when"), max_length=20, choices=Timing, blank=True, help_text=_("Where the step goes.")
    )
    deadline = models.CharField(
        _("deadline"),
        max_length=120,
        blank=True,
        help_text=_("When, in words, as the official rule says it: 'within 8 days of arriving'."),
    )
    offset_days = models.SmallIntegerField(
        _("days from the move"),
        null=True,
        blank=True,
        help_text=_(
            "Only where the rule counts from the date of moving, arriving or leaving: the "
            "number of days after it (negative: before it). With it, a visitor who gives "
            "their date sees a real date and can add it to their calendar."
        ),
    )
    deadline_sources = models.ManyToManyField(
        Source,
        blank=True,
        related_name="deadline_items",
        verbose_name=_("sources of the deadline"),
    )

    # Typed, as Topic.objects; `_default_manager` types `guide.checklist_items`.
    objects: ClassVar[ChecklistItemManager["ChecklistItem"]] = ChecklistItemManager()
    _default_manager: ClassVar[ChecklistItemManager["ChecklistItem"]]

    class Meta:
        ordering = ["section", "order", "key"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.title

    @property
    def page_step(self) -> PageText:
        return self.page_text("step")

    @property
    def is_a_step(self) -> bool:
        """Whether the item asks the visitor to act (it has a step), or only informs."""
        return bool(self.page_step.text)

    @property
    def page_deadline(self) -> PageText:
        return self.page_text("deadline")

    def get_absolute_url(self) -> str | None:
        """A worked persona's result page that shows this item ("View on site")."""
        persona = next((persona for persona in personas() if self.key in persona.items), None)
        if persona is None:
            return None
        return f"{reverse('checklist:result')}?{persona.query}"

    def clean(self) -> None:
        if self.key and self.key not in ITEM_KEYS:
            raise ValidationError(
                {"key": _("The checklist's rules never give this key, so no visitor would see it.")}
            )
