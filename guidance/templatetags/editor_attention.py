"""What admin's index tells editors first: checklist items no visitor gets."""

from django import template
from django.http import HttpRequest

from guidance.models import ChecklistItem

register = template.Library()


@register.simple_tag
def unpublished_checklist_items(request: HttpRequest) -> list[ChecklistItem]:
    if not request.user.has_perm("guidance.view_checklistitem"):
        return []
    return list(ChecklistItem.objects.filter(published=False).order_by("key"))
