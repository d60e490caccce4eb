"""The checklist: a start page, one page per question, and the result.

Answers live only in the query string, so every step is a plain GET that
renders a full page, and the same answers always give the same address (a
request in any other form is redirected there). An htmx request gets only
the step's partial; a history restore (Back and Forward) gets the full page.
Nothing here reads the session or the user: the whole-page cache serves
these pages by address and htmx headers.
"""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe
from django_htmx.middleware import HtmxDetails

from agreements.lookup import coverage_for
from content.cache import VARYING_HEADERS
from guidance import checklist_pages as pages
from guidance.models import ChecklistItem
from guidance.questionnaire import MOST_QUESTIONS, QUESTIONS, RESULT, Parsed, parse, step_to_show
from guidance.rules import checklist, countries_to_look_up


class HtmxHttpRequest(HttpRequest):
    """A request that has been through django-htmx's middleware."""

    htmx: HtmxDetails


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "guidance/checklist/start.html", {"most_questions": MOST_QUESTIONS})


@require_safe
def question(request: HtmxHttpRequest, question: str) -> HttpResponse:
    if question not in QUESTIONS:
        raise Http404
    parsed = parse(request.GET, pages.country_codes())
    step = step_to_show(question, parsed.answers)
    if (elsewhere := redirect_unless_at(request, step, parsed)) is not None:
        return elsewhere
    page = pages.question_page(step, parsed)
    return render_step(request, "guidance/checklist/question.html", {"page": page})


@require_safe
def result(request: HtmxHttpRequest) -> HttpResponse:
    parsed = parse(request.GET, pages.country_codes())
    step = step_to_show(RESULT, parsed.answers)  # the first question still needed, if any
    if (elsewhere := redirect_unless_at(request, step, parsed)) is not None:
        return elsewhere
    answers = parsed.answers
    countries = coverage_for(countries_to_look_up(answers))
    matches = checklist(answers, countries)
    items = ChecklistItem.objects.for_result([match.key for match in matches])
    context = {
        "sections": pages.sections(matches, items, answers, countries),
        "answers": pages.answer_rows(answers, countries),
        "address": request.build_absolute_uri(),
    }
    return render_step(request, "guidance/checklist/result.html", context)


def redirect_unless_at(request: HttpRequest, step: str, parsed: Parsed) -> HttpResponse | None:
    """A redirect to the step's one address, unless the request is already there.

    Every question's form sends all the answers to the result's address, so
    this is also how a visitor moves on: to the first question still needed
    (after a Change, that may be the result itself).
    The step's own error travels as an empty value, which reads back as it.
    """
    errors = {step} & parsed.errors.keys()
    target = pages.step_url(step, parsed.answers, errors)
    if request.get_full_path() == target:
        return None
    return redirect(target)


def render_step(request: HtmxHttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    fragment = bool(request.htmx) and not request.htmx.history_restore_request
    name = f"{template}#step" if fragment else template
    response = render(request, name, {**context, "fragment": fragment})
    # So a browser never reuses a fragment as a page or the other way round.
    patch_vary_headers(response, VARYING_HEADERS)
    return response
