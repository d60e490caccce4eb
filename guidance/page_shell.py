"""The result page as its step inside a shell kept in the process.

A full result page is its step (the part htmx swaps, result.html's `step`
partial) inside the site's chrome: the head, header and footer. Outside the
step, result.html shows nothing that depends on the visitor's answers, so
the chrome differs between visitors only where it links to the same page in
the other language (the hreflang links and the language switch), and those
carry the query string. The shell is therefore rendered once per process,
content version, language and host, for a copy of the request whose query
string is a marker; each page is then its step rendered afresh, inside the
shell with the visitor's query string in place of the marker, exactly as
Django would have written it. tests/test_cold_result_pages.py holds the two
to the same bytes.
"""

import copy
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.encoding import iri_to_uri
from django.utils.html import escape
from django.utils.translation import get_language

from content.cache import KeptInProcess

# Letters only: neither a URL nor HTML escaping changes it.
MARKER = "QueryStringOfThisChecklist"


@dataclass(frozen=True)
class Shell:
    before: str  # everything before the step
    after: str


_shells: KeptInProcess[Shell] = KeptInProcess()


def full_page(request: HttpRequest, template: str, context: dict[str, Any]) -> str:
    """What render_to_string(template, context, request) gives, built faster."""
    key = (template, get_language(), request.scheme, request.get_host(), request.path)
    shell = _shells.get(key, lambda: shell_of(request, template, context))
    query = escape(iri_to_uri(request.META.get("QUERY_STRING", "")))
    step = render_to_string(f"{template}#step", context, request)
    return shell.before.replace(MARKER, query) + step + shell.after.replace(MARKER, query)


def shell_of(request: HttpRequest, template: str, context: dict[str, Any]) -> Shell:
    marked = copy.copy(request)
    marked.META = {**request.META, "QUERY_STRING": MARKER}
    vars(marked).pop("GET", None)  # parsed anew, from the marker, should anything ask
    step = render_to_string(f"{template}#step", context, marked)
    before, step_found, after = render_to_string(template, context, marked).partition(step)
    if not step_found:
        raise ValueError(f"{template} does not show its step partial whole")
    return Shell(before, after)
