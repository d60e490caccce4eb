from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from about.models import Page
from content.markdown import cached_markdown


@require_safe
def page(request: HttpRequest, key: str) -> HttpResponse:
    shown = get_object_or_404(Page.objects.for_page(), key=key)
    body = cached_markdown(shown.page_body.text)
    return render(request, "about/page.html", {"page": shown, "body": body})
