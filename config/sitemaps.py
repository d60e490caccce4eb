"""The sitemap: every public page in both languages, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from about.sitemaps import AboutPageSitemap
from agreements.sitemaps import AgreementSitemap, CountrySitemap
from guidance.sitemaps import GuideSitemap


class StaticPagesSitemap(Sitemap):  # type: ignore[type-arg]  # Sitemap[str] fails at runtime
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self) -> list[str]:
        return ["home", "guides:list", "agreements:index", "checklist:start"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "guides": GuideSitemap,
    "agreements": AgreementSitemap,
    "agreement-countries": CountrySitemap,
    "about": AboutPageSitemap,
}
