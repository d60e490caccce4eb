"""Reporting a problem: a form page, the form's target, and a thank-you page.

The form carries no CSRF token, so that no public page sets a cookie: a
forged report can do no more than a real one, which is to leave a message.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from feedback.forms import ReportForm, page_path
from feedback.models import Report


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
