"""Reporting a problem (a form page, its target and a thank-you page), and
"Was this page useful?" (its target and a thank-you page; the form itself is
at the end of guide and country pages).

Neither form carries a CSRF token, so that no public page sets a cookie and
pages with the form stay in the page cache, the same for every visitor. A
forged report or answer can do no more than a real one, which is to leave a
message or a Yes/No: there is no session to ride on and nothing to change.
For "Was this page useful?", whose answers editors count, a form posted
from another site is refused on the browser's own word (Sec-Fetch-Site, or
Origin where a browser sends only that), and answers are rate-limited per address.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from django_htmx.middleware import HtmxDetails

from feedback.forms import PageFeedbackForm, ReportForm, page_path
from feedback.models import PageFeedback, Report
from feedback.rate_limit import allows_another_answer


class HtmxHttpRequest(HttpRequest):
    """A request that has been through django-htmx's middleware."""

    htmx: HtmxDetails


@require_safe
def form(request: HttpRequest) -> HttpResponse:
    report_form = ReportForm(initial={"page": page_path(request.GET.get("page"))})
    return render(request, "feedback/form.html", {"form": report_form})


@csrf_exempt
@require_POST
def send(request: HttpRequest) -> HttpResponse:
    report_form = ReportForm(request.POST)
    if not report_form.is_valid():
        return render(request, "feedback/form.html", {"form": report_form}, status=400)
    if not report_form.is_from_a_robot:
        report_form.save()
        Report.objects.past_keeping().delete()
    return redirect("feedback:thanks")


@require_safe
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/thanks.html")


@csrf_exempt  # see the module's docstring
@require_POST
def useful(request: HtmxHttpRequest) -> HttpResponse:
    if is_cross_site(request):
        return useful_page(request, "feedback/useful_refused.html", {}, status=403)
    answer = PageFeedbackForm(request.POST)
    if not answer.is_valid():
        return useful_page(request, "feedback/useful.html", {"form": answer}, status=400)
    if not allows_another_answer(request):
        return useful_page(request, "feedback/useful_too_many.html", {}, status=429)
    if not answer.is_from_a_robot:
        answer.save()
        PageFeedback.objects.past_keeping().delete()
    page = answer.cleaned_data["page"]
    if request.htmx:
        return render(request, "feedback/_useful_thanks.html", {"page": page})
    return redirect(f"{reverse('feedback:useful_thanks')}?{urlencode({'page': page})}")


@require_safe
def useful_thanks(request: HttpRequest) -> HttpResponse:
    return render(
        request, "feedback/useful_thanks.html", {"page": page_path(request.GET.get("page"))}
    )


def useful_page(
    request: HtmxHttpRequest, template: str, context: dict[str, object], status: int
) -> HttpResponse:
    """The full page; for htmx its part in the form's place, with 200 so that htmx shows it."""
    if request.htmx:
        return render(request, f"{template}#answer", context)
    return render(request, template, context, status=status)


def is_cross_site(request: HttpRequest) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return False  # an old browser, or not a browser: nothing to forge with
    return (
        origin != f"{request.scheme}://{request.get_host()}"
        and origin not in settings.CSRF_TRUSTED_ORIGINS
    )
