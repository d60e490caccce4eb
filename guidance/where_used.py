"""Where a guide is used: the guides, checklist items and agreements that
link to it (by its address in their text, as the content files write it:
"/en/guides/<slug>/"), name it as related, or send visitors to it.

Editors see the list on the guide's change page, and before unpublishing a
guide that is still linked.
"""

from dataclasses import dataclass

from django.db.models import Model, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from guidance.models import ChecklistItem, Guide

BODIES = ("body_en", "body_nb")


@dataclass(frozen=True)
class Use:
    how: str  # "Guide linking to it" …
    record: Model

    @property
    def text(self) -> str:
        return f"{self.how}: {self.record}"

    @property
    def admin_url(self) -> str:
        meta = self.record._meta
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[self.record.pk])


def linking_to(guide: Guide) -> Q:
    found = Q()
    for body in BODIES:
        found |= Q(**{f"{body}__contains": guide.address_path()})
    return found


def uses_of(guide: Guide) -> list[Use]:
    guides = Guide.objects.exclude(pk=guide.pk).filter(linking_to(guide) | Q(related=guide))
    items = ChecklistItem.objects.filter(linking_to(guide) | Q(guide=guide))
    agreements = Agreement.objects.filter(linking_to(guide))
    return [
        *(Use(str(_("Guide")), record) for record in guides.distinct()),
        *(Use(str(_("Checklist item")), record) for record in items.distinct()),
        *(Use(str(_("Agreement")), record) for record in agreements),
    ]
