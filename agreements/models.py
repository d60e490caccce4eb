"""Norway's social security agreements, and the countries each one covers.

Editors keep these as data in Django admin: which agreements exist, what each
coordinates, and which countries it ties to Norway (with an optional note per
country, such as "healthcare only"). Norway itself is never a row: it is the
country every agreement is with.
"""

import datetime
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, Max, Prefetch, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country, CountryField

from agreements.countries import (
    PARTS_OF_OTHER_COUNTRIES,
    collation_key,
    country_name,
    is_part_of_another_country,
)
from agreements.coverage import AgreementKind, Coverage
from content.markdown import RenderedMarkdown, cached_markdown
from content.models import PageText, PageTextMixin, Reviewed, ReviewedQuerySet, Source
from content.sources import Publisher

# Group headings on the index, in the order visitors meet them.
KIND_LABELS = {
    AgreementKind.EEA: _("The EEA"),
    AgreementKind.NORDIC: _("The Nordic countries"),
    AgreementKind.SWITZERLAND: _("Switzerland"),
    AgreementKind.UNITED_KINGDOM: _("The United Kingdom"),
    AgreementKind.BILATERAL: _("Bilateral agreements"),
}

COVERAGE_LABELS = {
    Coverage.HEALTHCARE: _("Healthcare"),
    Coverage.HEALTHCARE_ON_VISITS: _("Healthcare on holidays and other short stays"),
    Coverage.PENSIONS: _("Pensions"),
    Coverage.FAMILY_BENEFITS: _("Family benefits"),
    Coverage.UNEMPLOYMENT: _("Unemployment benefit"),
    Coverage.APPLICABLE_LEGISLATION: _("Which country's scheme you belong to (posted workers)"),
}

# One flag per Coverage value: readable checkboxes in admin and plain diffs in history.
COVERAGE_FIELDS = {
    Coverage.HEALTHCARE: "covers_healthcare",
    Coverage.HEALTHCARE_ON_VISITS: "covers_healthcare_on_visits",
    Coverage.PENSIONS: "covers_pensions",
    Coverage.FAMILY_BENEFITS: "covers_family_benefits",
    Coverage.UNEMPLOYMENT: "covers_unemployment",
    Coverage.APPLICABLE_LEGISLATION: "covers_applicable_legislation",
}

# Norway and its dependencies are the reference country, never a party.
NORWEGIAN_TERRITORY = frozenset({"no", "sj", "bv"})


def kind_order(field: str = "kind") -> Case:
    """Sort by kind in the order of KIND_LABELS, on any database."""
    return Case(
        *(When(**{field: kind.value}, then=number) for number, kind in enumerate(KIND_LABELS)),
        default=Value(len(KIND_LABELS)),
    )


class AgreementQuerySet(ReviewedQuerySet["Agreement"]):
    def published(self) -> "AgreementQuerySet":
        return self.filter(published=True)

    def in_kind_order(self) -> "AgreementQuerySet":
        return self.alias(kind_order=kind_order()).order_by("kind_order", "order", "slug")

    def for_index(self) -> "AgreementQuerySet":
        """Published agreements grouped by kind, each with its number of
        countries and, apart, of areas that are part of one (Åland, Réunion …)."""
        areas = Q(countries__country__in=[code.upper() for code in PARTS_OF_OTHER_COUNTRIES])
        return (
            self.published()
            .in_kind_order()
            .annotate(
                country_count=Count("countries", filter=~areas),
                area_count=Count("countries", filter=areas),
            )
        )

    def for_page(self) -> "AgreementQuerySet":
        return self.prefetch_related("sources", "countries")

    def for_sitemap(self) -> "AgreementQuerySet":
        return self.published().order_by("slug")

    def list_sources(self) -> models.QuerySet[Source]:
        """The government's own list of agreements, cited by the published ones:
        the source for saying that a country has none."""
        return (
            Source.objects.filter(agreements__in=self.published(), publisher=Publisher.GOVERNMENT)
            .distinct()
            .order_by("url")
        )

    def list_last_reviewed(self) -> datetime.date | None:
        day: datetime.date | None = self.published().aggregate(day=Max("last_reviewed"))["day"]
        return day


AgreementManager = models.Manager.from_queryset(AgreementQuerySet)


class Agreement(PageTextMixin, Reviewed):
    slug = models.SlugField(
        _("slug"), unique=True, help_text=_("The last part of the address: keep it once published.")
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=[(kind.value, label) for kind, label in KIND_LABELS.items()],
        db_index=True,
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences: shown in lists, country pages and search engines."),
    )
    body = models.TextField(
        _("body"),
        help_text=_(
            "Markdown: what the agreement means in practice. Sections start with "
            "'## Heading'. Raw HTML is shown as text."
        ),
    )
    covers_healthcare = models.BooleanField(COVERAGE_LABELS[Coverage.HEALTHCARE], default=False)
    covers_healthcare_on_visits = models.BooleanField(
        COVERAGE_LABELS[Coverage.HEALTHCARE_ON_VISITS], default=False
    )
    covers_pensions = models.BooleanField(COVERAGE_LABELS[Coverage.PENSIONS], default=False)
    covers_family_benefits = models.BooleanField(
        COVERAGE_LABELS[Coverage.FAMILY_BENEFITS], default=False
    )
    covers_unemployment = models.BooleanField(COVERAGE_LABELS[Coverage.UNEMPLOYMENT], default=False)
    covers_applicable_legislation = models.BooleanField(
        COVERAGE_LABELS[Coverage.APPLICABLE_LEGISLATION], default=False
    )
    in_force = models.DateField(
        _("in force since"), null=True, blank=True, help_text=_("Leave empty when not known.")
    )
    sources = models.ManyToManyField(
        Source, blank=True, related_name="agreements", verbose_name=_("official sources")
    )
    published = models.BooleanField(_("published"), default=False, db_index=True)
    order = models.PositiveSmallIntegerField(_("order within its kind"), default=0)

    # Typed, because modeltranslation replaces the manager's class at
    # start-up, which django-stubs cannot follow.
    objects: ClassVar[AgreementManager["Agreement"]] = AgreementManager()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("agreements:detail", kwargs={"slug": self.slug})

    @property
    def covers(self) -> frozenset[Coverage]:
        return frozenset(
            coverage for coverage, field in COVERAGE_FIELDS.items() if getattr(self, field)
        )

    @property
    def coverage_list(self) -> list[tuple[str, bool]]:
        """Every area in a fixed order, covered or not: for the pages' lists."""
        covers = self.covers
        return [(str(label), coverage in covers) for coverage, label in COVERAGE_LABELS.items()]

    def countries_in_page_order(self) -> list["AgreementCountry"]:
        """The agreement's countries sorted by name in the active language."""
        return sorted(self.countries.all(), key=lambda row: collation_key(row.name))

    def states_in_page_order(self) -> list["AgreementCountry"]:
        """The countries themselves, without the areas that are part of one."""
        return [row for row in self.countries_in_page_order() if not row.is_area]

    def areas_in_page_order(self) -> list["AgreementCountry"]:
        """Areas with codes of their own that are part of a country (Åland, Réunion)."""
        return [row for row in self.countries_in_page_order() if row.is_area]

    @property
    def page_name(self) -> PageText:
        return self.page_text("name")

    @property
    def rendered_body(self) -> RenderedMarkdown:
        return cached_markdown(self.page_body.text)


class AgreementCountryQuerySet(models.QuerySet["AgreementCountry"]):
    def published(self) -> "AgreementCountryQuerySet":
        return self.filter(agreement__published=True)

    def for_lookup(self) -> "AgreementCountryQuerySet":
        """Every published country row with its agreement, in one query."""
        return self.published().select_related("agreement")

    def for_country_page(self, code: str) -> "AgreementCountryQuerySet":
        """One country's published agreements, their sources fetched alongside."""
        sources = Source.objects.order_by("publisher", "url")
        return (
            self.published()
            .filter(country=code.upper())
            .select_related("agreement")
            .prefetch_related(Prefetch("agreement__sources", queryset=sources))
            .alias(kind_order=kind_order("agreement__kind"))
            .order_by("kind_order", "agreement__order", "agreement__slug")
        )

    def codes_with_agreements(self) -> list[str]:
        codes = self.published().values_list("country", flat=True).distinct()
        return sorted(code.lower() for code in codes)


AgreementCountryManager = models.Manager.from_queryset(AgreementCountryQuerySet)


class AgreementCountry(PageTextMixin, models.Model):
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="countries", verbose_name=_("agreement")
    )
    country = CountryField(_("country"))
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("Only where the agreement applies in part, e.g. 'Healthcare only'."),
    )

    # Typed, as Agreement.objects; `_default_manager` types `agreement.countries`.
    objects: ClassVar[AgreementCountryManager["AgreementCountry"]] = AgreementCountryManager()
    _default_manager: ClassVar[AgreementCountryManager["AgreementCountry"]]

    class Meta:
        ordering = ["agreement", "country"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "country"], name="one_row_per_agreement_and_country"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement}: {self.name}"

    def clean(self) -> None:
        if self.country and self.country.code.lower() in NORWEGIAN_TERRITORY:
            raise ValidationError(
                {"country": _("Every agreement is with Norway: choose the other country.")}
            )

    @property
    def code(self) -> str:
        country: Country = self.country  # django-countries' stubs leave the instance value untyped
        return country.code.lower()

    @property
    def name(self) -> str:
        """The country's name in the active language, as every list shows it."""
        return country_name(self.code)

    @property
    def is_area(self) -> bool:
        """Part of another country, with a code of its own (Åland, Réunion)."""
        return is_part_of_another_country(self.code)

    @property
    def page_note(self) -> PageText:
        return self.page_text("note")
