from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from guidance.search import clean_query, search_guides


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = clean_query(request.GET.get("q", ""))
    results = search_guides(query, translation.get_language()) if query else []
    return render(request, "guidance/search.html", {"query": query, "results": results})
