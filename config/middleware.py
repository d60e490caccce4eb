"""Site-wide middleware that Django does not ship."""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.gzip import GZipMiddleware
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import trans_real
from django.views.defaults import bad_request

from config.page_cache import CACHED_PATH_PREFIXES, is_cacheable_response

NORWEGIAN_CODES = frozenset({"nb", "no", "nn"})


def site_headers(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Headers Django's own middleware does not set, on every response.

    Permissions-Policy switches off browser features the site never uses;
    Cross-Origin-Resource-Policy keeps other sites from embedding its pages
    and files. A response that sets a cookie is marked private, so no shared
    cache ever keeps it, whatever else it says.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if response.cookies and "no-store" not in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True)
        return response

    return middleware


def refuse_too_many_fields(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """400 for a query string with more parameters than Django parses.

    Django answers 400 for this itself, except with DEBUG on: its debug page
    reads the same query string again, fails again, and the visitor gets a
    500. Reading it here first gives 400 either way.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        try:
            request.GET  # noqa: B018 (parsing it is the point)
        except TooManyFieldsSent as error:
            return bad_request(request, error)
        return get_response(request)

    return middleware


class PublicPageGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware for public pages only, for where no proxy compresses.

    Compression leaks, through a response's length, whether a guess matches
    a secret elsewhere in the same response (BREACH). Public pages hold no
    secret: no CSRF token, nothing from a session (those set a cookie or vary
    on Cookie, and are left alone here). Admin pages are never compressed.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not request.path.startswith(CACHED_PATH_PREFIXES):
            return response
        if not is_cacheable_response(response):
            return response
        return super().process_response(request, response)


def preferred_language(accept_language: str) -> str:
    """Pick en or nb from an Accept-Language header.

    Django maps only "nb" to bokmål; a Norwegian browser may just as well say
    "no" or "nn" (nynorsk readers read bokmål far better than English).
    """
    for code, _quality in trans_real.parse_accept_lang_header(accept_language[:1000]):
        primary = code.split("-")[0].lower()
        if primary in NORWEGIAN_CODES:
            return "nb"
        if primary == "en":
            return "en"
    return settings.LANGUAGE_CODE


class VisitorLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, with Norwegian browsers sent to /nb/.

    The language of a page is always its URL prefix. Only a path without one
    (such as "/") falls back to the browser's Accept-Language, and LocaleMiddleware
    then redirects there. No cookie is read or set, so pages stay cacheable.
    """

    def process_request(self, request: HttpRequest) -> None:
        language = translation.get_language_from_path(request.path_info)
        if language is None:
            language = preferred_language(request.headers.get("Accept-Language", ""))
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
