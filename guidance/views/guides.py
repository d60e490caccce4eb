from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from content.markdown import cached_markdown
from content.workflow import previewed_change, show_pending_values
from guidance.models import Guide, OldGuideSlug, Topic

# A table of contents helps from this many sections on; below it, it is clutter.
TABLE_OF_CONTENTS_MIN_SECTIONS = 3


@require_safe
def guide_list(request: HttpRequest) -> HttpResponse:
    topics = [topic for topic in Topic.objects.with_published_guides() if topic.published_guides]
    return render(request, "guidance/guide_list.html", {"topics": topics})


@require_safe
def guide_detail(request: HttpRequest, slug: str) -> HttpResponse:
    guide = Guide.objects.for_page().filter(slug=slug).first()
    if guide is None:
        # An address the guide had before its slug changed keeps working.
        old_slugs = OldGuideSlug.objects.select_related("guide")
        old = get_object_or_404(old_slugs.filter(guide__status=Guide.Status.PUBLISHED), slug=slug)
        return redirect(old.guide, permanent=True)
    # Only a draft asks who is looking: reading request.user opens the session
    # and makes the response vary on Cookie, which published pages must not.
    if not guide.is_published and not can_preview(request):
        raise Http404
    if (change := previewed_change(request, guide)) is not None:
        show_pending_values(guide, change)  # staff's ?preview=<id>, never cached
    body = cached_markdown(guide.page_body.text)
    table_of_contents = body.table_of_contents
    context = {
        "guide": guide,
        "body": body,
        "table_of_contents": (
            table_of_contents if len(table_of_contents) >= TABLE_OF_CONTENTS_MIN_SECTIONS else ()
        ),
    }
    response = render(request, "guidance/guide_detail.html", context)
    if not guide.is_published:
        add_never_cache_headers(response)  # a preview must never reach a shared cache
    return response


def can_preview(request: HttpRequest) -> bool:
    return request.user.is_staff and request.user.has_perm("guidance.view_guide")
