"""The agreements in the sitemap, in both languages with hreflang alternates.

The index is listed with the site's other fixed pages (config/sitemaps.py).
Country pages are listed only for countries that have an agreement: the
page of every other country says the same thing ("Norwegian rules alone
decide"), and two hundred near-identical pages would only dilute the ones
that answer a real question. Those pages still exist and are linked from
the country picker.
"""

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from agreements.models import Agreement, AgreementCountry


class AgreementSitemap(Sitemap):  # type: ignore[type-arg]  # Sitemap[Agreement] fails at runtime
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self) -> QuerySet[Agreement]:
        return Agreement.objects.for_sitemap()

    def lastmod(self, agreement: Agreement) -> datetime.datetime:
        return agreement.updated


class CountrySitemap(Sitemap):  # type: ignore[type-arg]  # Sitemap[str] fails at runtime
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self) -> list[str]:
        return AgreementCountry.objects.codes_with_agreements()

    def location(self, code: str) -> str:
        return reverse("agreements:country", kwargs={"code": code})
