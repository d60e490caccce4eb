"""Whole-page cache for anonymous visitors.

A public page is the same for everyone who asks for the same address, so the
rendered response is kept in the cache, keyed by the content version
(content/cache.py), the local date, the host, the full path (which holds the
checklist's answers) and the htmx headers that change a response. Any save or
delete in the content apps moves the version on, so an editor's change shows
on the next request; the date starts afresh each day, so a rate's value that
comes into force (content/rates.py) shows from its first day.

With several processes or hosts the cache must be shared (REDIS_URL): a
process-local cache only hears about the saves made in its own process.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import has_vary_header

from content.cache import VARYING_HEADERS, content_version

PAGE_SECONDS = 60 * 60 * 24
CACHED_PATH_PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
UNCACHEABLE_DIRECTIVES = frozenset({"private", "no-cache", "no-store"})


def page_key(request: HttpRequest) -> str:
    varying = "|".join(request.headers.get(name, "") for name in VARYING_HEADERS)
    address = f"{request.get_host()}|{request.get_full_path()}|{varying}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page:{content_version()}:{timezone.localdate().isoformat()}:{digest}"


def is_cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and request.path.startswith(CACHED_PATH_PREFIXES)
        # A signed-in editor may see drafts: never serve them a shared copy.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def is_cacheable_response(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if has_vary_header(response, "Cookie"):
        return False
    directives = {
        directive.split("=")[0].strip().lower()
        for directive in response.get("Cache-Control", "").split(",")
    }
    return not directives & UNCACHEABLE_DIRECTIVES


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        cached = cache.get(key)
        if cached is not None:
            status, headers, content = cached
            return HttpResponse(content, status=status, headers=headers)
        response = self.get_response(request)
        if is_cacheable_response(response):
            cache.set(
                key, (response.status_code, dict(response.items()), response.content), PAGE_SECONDS
            )
        return response
