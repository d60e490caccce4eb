from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from content.cache import content_version


def same_page_in(request: HttpRequest, language: str) -> str | None:
    """This page's path and query string under another language's prefix.

    Paths are the same in every language by design (other sites link to
    them), so swapping the prefix is enough, and it works on 404 pages too.
    """
    current = translation.get_language_from_path(request.path_info)
    if current is None:
        return None
    full_path = request.get_full_path()
    return full_path.replace(f"/{current}/", f"/{language}/", 1)


def languages(request: HttpRequest) -> dict[str, list[dict[str, str | bool]]]:
    """The same page in every language: for hreflang links and the switch."""
    alternates: list[dict[str, str | bool]] = []
    for code, _name in settings.LANGUAGES:
        path = same_page_in(request, code)
        if path is None:
            return {"alternates": []}
        alternates.append(
            {
                "code": code,
                "name_local": translation.get_language_info(code)["name_local"],
                "path": path,
                "url": request.build_absolute_uri(path),
                "is_current": code == translation.get_language(),
            }
        )
    return {"alternates": alternates}


def content_version_for_fragments(request: HttpRequest) -> dict[str, Callable[[], str]]:
    """The content version, for `{% cache %}` fragments built from content:
    `{% cache 86400 checklist_item item.key LANGUAGE_CODE content_version %}`.
    Read only when a template uses it (templates call a callable)."""
    return {"content_version": content_version}
