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
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe
from django_htmx.middleware import HtmxDetails

from content.cache import VARYING_HEADERS
from guidance import checklist_pages as pages
from guidance.calendar import calendar_file
from guidance.models import ChecklistItem
from guidance.page_shell import full_page
from guidance.plan import DATE_PARAMETER, MoveDate, read_move_date
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
    move_date = read_move_date(request.GET.get(DATE_PARAMETER), timezone.localdate())
    step = step_to_show(RESULT, parsed.answers)  # the first question still needed, if any
    if (elsewhere := redirect_unless_at(request, step, parsed, move_date.raw)) is not None:
        return elsewhere
    context = {"page": result_page(parsed.answers, move_date), "address": address(request)}
    return render_step(request, "guidance/checklist/result.html", context, in_kept_shell=True)


@require_safe
def calendar(request: HttpRequest) -> HttpResponse:
    """The plan's dated steps as a calendar file; without a date, the page that asks for one."""
    parsed = parse(request.GET, pages.country_codes())
    move_date = read_move_date(request.GET.get(DATE_PARAMETER), timezone.localdate())
    result_url = pages.step_url(RESULT, parsed.answers, date=move_date.raw)
    if step_to_show(RESULT, parsed.answers) != RESULT or move_date.day is None:
        return redirect(f"{result_url}#your-dates")
    page = result_page(parsed.answers, move_date)
    keys = [entry.item.key for section in page.sections for entry in section.items]
    items = ChecklistItem.objects.for_result(keys).prefetch_related("deadline_sources")
    sources = {
        item.key: sources[0].page_url
        for item in items
        if (sources := list(item.deadline_sources.all()) or list(item.sources.all()))
    }
    body = calendar_file(page.plan, request.build_absolute_uri(result_url), sources)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="checklist-plan.ics"'
    return response


def result_page(answers: dict[str, str], move_date: MoveDate) -> pages.ResultPage:
    countries = pages.coverage_of(countries_to_look_up(answers))
    matches = checklist(answers, countries)
    return pages.result_page(matches, answers, countries, move_date)


def address(request: HttpRequest) -> str:
    return request.build_absolute_uri()


def redirect_unless_at(
    request: HttpRequest, step: str, parsed: Parsed, date: str = ""
) -> HttpResponse | None:
    """A redirect to the step's one address, unless the request is already there.

    Every question's form sends all the answers to the result's address, so
    this is also how a visitor moves on: to the first question still needed
    (after a Change, that may be the result itself).
    The step's own error travels as an empty value, which reads back as it.
    """
    errors = {step} & parsed.errors.keys()
    target = pages.step_url(step, parsed.answers, errors, date)
    if request.get_full_path() == target:
        return None
    return redirect(target)


def render_step(
    request: HtmxHttpRequest, template: str, context: dict[str, Any], in_kept_shell: bool = False
) -> HttpResponse:
    """The step's partial for htmx, else the full page: for a template that
    shows nothing of the answers outside its step, its step inside a shell
    kept in the process (guidance/page_shell.py)."""
    fragment = bool(request.htmx) and not request.htmx.history_restore_request
    context = {**context, "fragment": fragment}
    if fragment:
        response = render(request, f"{template}#step", context)
    elif in_kept_shell:
        response = HttpResponse(full_page(request, template, context))
    else:
        response = render(request, template, context)
    # So a browser never reuses a fragment as a page or the other way round.
    patch_vary_headers(response, VARYING_HEADERS)
    return response
