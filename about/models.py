"""The site's own pages: about, contact, accessibility statement and privacy.

Editors keep them in Django admin like guides (both languages, sources,
review date, history). The four pages are fixed: the footer links to each by
its key, which is also its address, so a key never changes and a page is
never deleted.
"""

from typing import ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from content.models import PageTextMixin, Reviewed, ReviewedQuerySet, Source


class PageQuerySet(ReviewedQuerySet["Page"]):
    def for_page(self) -> "PageQuerySet":
        return self.prefetch_related("sources")


PageManager = models.Manager.from_queryset(PageQuerySet)


class Page(PageTextMixin, Reviewed):
    class Key(models.TextChoices):
        ABOUT = "about", _("About this site")
        CONTACT = "contact", _("Contact")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")
        PRIVACY = "privacy", _("Privacy")

    key = models.SlugField(
        _("page"),
        max_length=20,
        unique=True,
        choices=Key,
        help_text=_("Which of the site's own pages this is; it is also its address."),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"), max_length=200, help_text=_("One or two sentences, shown under the title.")
    )
    body = models.TextField(
        _("body"),
        help_text=_(
            "Markdown. Sections start with '## Heading'. Phone numbers as links: "
            "[55 55 33 33](tel:+4755553333). Raw HTML is shown as text."
        ),
    )
    sources = models.ManyToManyField(
        Source, blank=True, related_name="about_pages", verbose_name=_("official sources")
    )

    # Typed, because modeltranslation replaces the manager's class at
    # start-up, which django-stubs cannot follow.
    objects: ClassVar[PageManager["Page"]] = PageManager()

    class Meta:
        ordering = ["key"]
        verbose_name = _("page about the site")
        verbose_name_plural = _("pages about the site")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(f"about:{self.key}")
