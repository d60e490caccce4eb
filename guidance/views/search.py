from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from guidance.search import clean_query, search_guides, suggestion


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = clean_query(request.GET.get("q", ""))
    language = translation.get_language()
    results = search_guides(query, language) if query else []
    context = {
        "query": query,
        "results": results,
        # Only for a query that finds nothing: "Did you mean …?"
        "suggestion": suggestion(query, language) if query and not results else "",
    }
    return render(request, "guidance/search.html", context)
