"""Site-wide pages: home, health check, robots.txt and the error pages."""

from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from config.shared_cache import ResilientRedisCache


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """The database and the cache, each "ok" or "unavailable", for load balancers.

    200 while the site can serve: without the cache pages render from the
    database, only slower. 503 when the database does not answer: then
    nothing but the pages still cached can be shown, and a load balancer
    should send visitors to a host that can show them all.
    """
    database = "ok" if database_answers() else "unavailable"
    cache_state = "ok" if cache_answers() else "unavailable"
    status = 200 if database == "ok" else 503
    return JsonResponse({"database": database, "cache": cache_state}, status=status)


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


def cache_answers() -> bool:
    """Redis is asked (config/shared_cache.py); a process-local cache always answers."""
    backend = caches["default"]
    return backend.is_available() if isinstance(backend, ResilientRedisCache) else True


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return render(request, "robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, rendered without context processors.

    Whatever broke (often the database) must not break the error page too, so
    nothing here touches the session, the user or the database.
    """
    return HttpResponseServerError(loader.get_template("500.html").render({}))
