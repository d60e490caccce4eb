"""Site-wide middleware that Django does not ship."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import trans_real

NORWEGIAN_CODES = frozenset({"nb", "no", "nn"})


def permissions_policy(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Switch off browser features the site never uses (camera, location …)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware


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
