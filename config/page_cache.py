"""Whole-page cache for public pages, and the headers that let others cache them.

A public page is the same for everyone who asks for the same address, so the
rendered response is kept in the cache, keyed by the local date, the address
and the few request headers that change a response, and marked with the
content version (content/cache.py) it was built on; the version and the page
come in one round trip. Any save or delete in the content apps moves the
version on, so an editor's change shows on the next request (and the next
render replaces the entry); the date starts afresh each day, so a rate's
value that comes into force (content/rates.py) shows from its first day.

Nobody can fill the cache with addresses of their own making:
- only canonical addresses are kept. A page that takes no query parameters
  redirects to its address without them; the checklist's views redirect any
  other form of the answers to the one address; anything else with a query
  string (search results, say) is served but not kept;
- htmx's headers (content/cache.py's VARYING_HEADERS) enter the key as the
  yes-or-no htmx means by them, not as whatever a client puts in them;
- every entry expires within a day, and Redis evicts the least recently
  used entries when full (deploy/redis/redis.conf);
- an address with a query string is kept from its second request on
  (ASKED_ONCE): most checklist results are asked for once.

A page built afresh is built on the version read with the cache lookup
(content.cache.version_pinned): what it takes from caches keyed on the
version needs no round trip of its own, and it is kept under that version.

A session cookie does not bypass the cache: a response that read the session
(a draft's preview) varies on Cookie and is never kept, so what is kept is
what anyone would get, and a made-up cookie costs nothing extra.

Kept pages carry an ETag (answered with 304 by ConditionalGetMiddleware) and
a Cache-Control that lets a shared cache (nginx, a CDN) keep them for
SHARED_CACHE_SECONDS, and browsers revalidate every time: an editor's change
reaches every visitor within that lifetime.
"""

import hashlib
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import has_vary_header, patch_cache_control, set_response_etag
from django.utils.encoding import escape_uri_path

from content.cache import VARYING_HEADERS, content_version_and, version_pinned

PAGE_SECONDS = 60 * 60 * 24
CACHED_PATH_PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
UNCACHEABLE_DIRECTIVES = frozenset({"private", "no-cache", "no-store"})
ACCEPTS_GZIP = re.compile(r"\bgzip\b")

# Pages that take no query parameters: a query string is dropped by a redirect.
PAGES_WITHOUT_PARAMETERS = frozenset(
    {
        "home",
        "guides:list",
        "guides:detail",
        "agreements:index",
        "agreements:country",
        "agreements:detail",
        "checklist:start",
    }
)
# Pages whose views redirect every other form of their address to the one
# canonical address, so that any page they answer with 200 may be kept.
CANONICAL_PAGES = frozenset({"checklist:question", "checklist:result"})
# An address with a query string (a checklist step: a visitor's answers) is
# kept from its second request on. Most are asked for once, by the visitor
# whose answers they are, and keeping each would cost a large write on every
# cold render and push the pages everyone reads out of the cache (nginx's
# proxy_cache_min_uses does the same). The first request leaves this marker
# under the page's own key, so the number of entries is what it would be.
ASKED_ONCE = "asked-once"


def page_key(request: HttpRequest) -> str:
    flags = [request.headers.get(name) == "true" for name in VARYING_HEADERS]
    flags.append(bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", ""))))
    variant = "".join("1" if flag else "0" for flag in flags)
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page:{timezone.localdate().isoformat()}:{variant}:{digest}"


def is_cacheable_request(request: HttpRequest) -> bool:
    return request.method == "GET" and request.path.startswith(CACHED_PATH_PREFIXES)


def is_cacheable_response(response: HttpResponseBase) -> bool:
    """Whether the response is the same for everyone: no cookie, nothing read
    from the session, nothing marked private."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if has_vary_header(response, "Cookie"):
        return False
    directives = {
        directive.split("=")[0].strip().lower()
        for directive in response.get("Cache-Control", "").split(",")
    }
    return not directives & UNCACHEABLE_DIRECTIVES


def is_canonical_address(request: HttpRequest) -> bool:
    if not request.META.get("QUERY_STRING"):
        return True
    match = request.resolver_match
    return match is not None and match.view_name in CANONICAL_PAGES


def let_shared_caches_keep(response: HttpResponse) -> None:
    seconds = settings.SHARED_CACHE_SECONDS
    if seconds <= 0:
        return
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=seconds,
        stale_while_revalidate=seconds // 2,
    )


def keep(
    request: HttpRequest, key: str, response: HttpResponse, version: str, asked_before: bool
) -> None:
    if request.META.get("QUERY_STRING") and not asked_before:
        cache.set(key, ASKED_ONCE, PAGE_SECONDS)
        return
    entry = (response.status_code, dict(response.items()), response.content, version)
    cache.set(key, entry, PAGE_SECONDS)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        version, cached = content_version_and(key)
        if isinstance(cached, tuple) and cached[3] == version:
            status, headers, content, _version = cached
            return HttpResponse(content, status=status, headers=headers)
        with version_pinned(version):  # what the page is built from, it is kept under
            response = self.get_response(request)
        if is_cacheable_response(response):
            if "Cache-Control" not in response:
                let_shared_caches_keep(response)
            if is_canonical_address(request):
                set_response_etag(response)
                keep(request, key, response, version, asked_before=cached is not None)
        return response

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        """A query string on a page that takes none: off to the clean address."""
        match = request.resolver_match
        if (
            request.method in ("GET", "HEAD")
            and request.META.get("QUERY_STRING")
            and match is not None
            and match.view_name in PAGES_WITHOUT_PARAMETERS
        ):
            return HttpResponseRedirect(escape_uri_path(request.path))
        return None
