"""The agreements pages: the index with its country picker, one page per
country and one per agreement. Every page is a plain GET."""

from collections.abc import Iterable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from agreements.countries import is_country
from agreements.forms import CountryChoiceForm
from agreements.models import NORWEGIAN_TERRITORY, Agreement, AgreementCountry
from agreements.pages import CountryPage
from content.workflow import previewed_change, show_pending_values


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render_index(request, CountryChoiceForm())


def render_index(request: HttpRequest, form: CountryChoiceForm, status: int = 200) -> HttpResponse:
    context = {
        "agreements": Agreement.objects.for_index(),
        "form": form,
        "sources": Agreement.objects.list_sources(),
        "last_reviewed": Agreement.objects.list_last_reviewed(),
    }
    return render(request, "agreements/index.html", context, status=status)


@require_safe
def choose(request: HttpRequest) -> HttpResponse:
    """Where the picker's form goes: on to the country, or back with an error."""
    form = CountryChoiceForm.from_query(request.GET)
    if form.is_valid():
        return redirect("agreements:country", code=form.cleaned_data["country"])
    return render_index(request, form, status=400)


@require_safe
def country(request: HttpRequest, code: str) -> HttpResponse:
    if not is_country(code):
        raise Http404
    if code != code.lower():
        return redirect("agreements:country", code=code.lower(), permanent=True)
    rows: Iterable[AgreementCountry]
    if code in NORWEGIAN_TERRITORY:
        template, rows = "agreements/norwegian_territory.html", []
    else:
        template, rows = "agreements/country.html", AgreementCountry.objects.for_country_page(code)
    return render(request, template, {"page": CountryPage(code, list(rows))})


@require_safe
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    """As a guide's page: an unpublished agreement is a 404 for the public and
    a preview, with a "Draft" banner, for staff who may view agreements."""
    agreement = get_object_or_404(Agreement.objects.for_page(), slug=slug)
    # Only a draft asks who is looking: reading request.user makes the
    # response vary on Cookie, which published pages must not.
    if not agreement.published and not can_preview(request):
        raise Http404
    if (change := previewed_change(request, agreement)) is not None:
        show_pending_values(agreement, change)  # staff's ?preview=<id>, never cached
    response = render(request, "agreements/detail.html", {"agreement": agreement})
    if not agreement.published:
        add_never_cache_headers(response)  # a preview must never reach a shared cache
    return response


def can_preview(request: HttpRequest) -> bool:
    return request.user.is_staff and request.user.has_perm("agreements.view_agreement")
