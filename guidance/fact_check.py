"""The editors' fact-check table: every worked persona (guidance/personas.toml)
with the items the rules give them today, beside the items the table expects,
and links to their result pages in both languages."""

from dataclasses import dataclass

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from agreements.lookup import coverage_for
from guidance.models import ChecklistItem
from guidance.personas import Persona, personas
from guidance.rules import checklist, countries_to_look_up


@dataclass(frozen=True)
class PersonaRow:
    persona: Persona
    name: str
    items: list[ChecklistItem | str]  # the item, or its key when it has no record
    added: list[str]  # keys the rules give that the table does not expect
    missing: list[str]  # keys the table expects that the rules no longer give
    result_urls: dict[str, str]  # language code -> result page


def items_given(persona: Persona) -> list[str]:
    """The item keys the rules give this persona today."""
    answers = persona.answers
    return [match.key for match in checklist(answers, coverage_for(countries_to_look_up(answers)))]


def result_url(persona: Persona, language: str) -> str:
    with translation.override(language):
        return f"{reverse('checklist:result')}?{persona.query}"


def persona_rows() -> list[PersonaRow]:
    titled = {item.key: item for item in ChecklistItem.objects.all()}
    rows = []
    language = translation.get_language()
    for persona in personas():
        keys = items_given(persona)
        rows.append(
            PersonaRow(
                persona=persona,
                name=persona.name_nb if language == "nb" else persona.name_en,
                items=[titled.get(key, key) for key in keys],
                added=sorted(set(keys) - persona.items),
                missing=sorted(persona.items - set(keys)),
                result_urls={code: result_url(persona, code) for code in ("en", "nb")},
            )
        )
    return rows


@require_safe
@staff_member_required
@permission_required("guidance.view_checklistitem", raise_exception=True)
def persona_table(request: HttpRequest) -> HttpResponse:
    rows = persona_rows()
    context = {
        "title": translation.gettext("Checklist fact-check: worked personas"),
        "rows": rows,
        "differences": sum(1 for row in rows if row.added or row.missing),
    }
    return render(request, "admin/guidance/personas.html", context)
