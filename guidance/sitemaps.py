"""Every published guide in both languages, with hreflang alternates."""

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from guidance.models import Guide


class GuideSitemap(Sitemap):  # type: ignore[type-arg]  # Sitemap[Guide] fails at runtime
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self) -> QuerySet[Guide]:
        return Guide.objects.for_sitemap()

    def lastmod(self, guide: Guide) -> datetime.datetime:
        return guide.updated
