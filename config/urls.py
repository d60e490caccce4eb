from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from config import views
from config.sitemaps import SITEMAPS
from guidance.fact_check import persona_table

handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # Staff only (the view checks): before admin's own URLs, which would 404 it.
    path("admin/guidance/personas/", persona_table, name="checklist-personas"),
    path("admin/", admin.site.urls),
]

# Public pages live under /en/ and /nb/ with the same path in both languages:
# other sites link to them, so a path is a contract.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("", include("guidance.urls")),
    path("agreements/", include("agreements.urls")),
    path("", include("about.urls")),
    path("", include("feedback.urls")),
)
