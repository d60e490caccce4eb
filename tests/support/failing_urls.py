"""A URL configuration with a view that fails, to see the 500 page."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("a bug")


urlpatterns = [*site_urlpatterns, *i18n_patterns(path("boom/", broken_view))]
handler500 = "config.views.server_error"
