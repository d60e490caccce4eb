"""The site's own pages in both languages, with hreflang alternates."""

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from about.models import Page


class AboutPageSitemap(Sitemap):  # type: ignore[type-arg]  # Sitemap[Page] fails at runtime
    i18n = True
    alternates = True
    x_default = True
    changefreq = "yearly"

    def items(self) -> QuerySet[Page]:
        return Page.objects.order_by("key")

    def lastmod(self, page: Page) -> datetime.datetime:
        return page.updated
