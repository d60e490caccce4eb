"""The worked personas (guidance/personas.toml): the rules give each exactly
the items the table expects, in the pure rules, on the result page in both
languages, and in the editors' fact-check table.

When a change in the rules changes a persona's items, these fail until the
table is updated on purpose, after checking the new list against the rules.
"""

import re

import pytest

from guidance.personas import personas
from guidance.questionnaire import RESULT, next_question, parse
from guidance.rules import ITEM_KEYS, checklist
from tests.support.countries import COUNTRIES, COUNTRY_CODES

PERSONAS = personas()
IDS = [persona.slug for persona in PERSONAS]


def test_there_are_at_least_25_personas_with_unique_names():
    assert len(PERSONAS) >= 25
    assert len({persona.slug for persona in PERSONAS}) == len(PERSONAS)


def test_every_item_the_rules_can_give_is_given_to_some_persona():
    assert set(ITEM_KEYS) <= set().union(*(persona.items for persona in PERSONAS))


@pytest.mark.parametrize("persona", PERSONAS, ids=IDS)
def test_a_persona_answers_exactly_the_questions_the_routing_asks(persona):
    given: dict[str, str] = {}
    while (question := next_question(given)) != RESULT:
        assert question in persona.answers, f"asked {question!r}"
        given[question] = persona.answers[question]
    assert given == persona.answers, "the routing skipped answers the persona gives"
    raw = {key: [value] for key, value in persona.answers.items()}
    assert parse(raw, COUNTRY_CODES) == (persona.answers, {})


@pytest.mark.parametrize("persona", PERSONAS, ids=IDS)
def test_the_rules_give_a_persona_the_items_in_the_table(persona):
    assert {match.key for match in checklist(persona.answers, COUNTRIES)} == persona.items


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "nb"])
@pytest.mark.parametrize("persona", PERSONAS, ids=IDS)
def test_a_personas_result_page_shows_the_items_in_the_table(client, persona, language):
    response = client.get(f"/{language}/checklist/result/?{persona.query}")
    assert response.status_code == 200
    shown = set(re.findall(r'data-item="([^"]+)"', response.content.decode()))
    assert shown == persona.items


@pytest.mark.django_db
def test_the_fact_check_table_lists_every_persona_with_its_items_and_pages(editor_client):
    page = editor_client.get("/admin/guidance/personas/").content.decode()
    for persona in PERSONAS:
        row = page[page.index(f'id="persona-{persona.slug}"') :].split("</tr>")[0]
        assert persona.name_en in row
        assert set(re.findall(r'data-item="([^"]+)"', row)) == persona.items
        assert f"/en/checklist/result/?{persona.query}".replace("&", "&amp;") in row
    assert "errornote" not in page  # the rules and the table agree


@pytest.mark.django_db
def test_the_fact_check_table_shows_a_change_in_the_rules(editor_client, monkeypatch):
    import guidance.fact_check

    monkeypatch.setattr(guidance.fact_check, "items_given", lambda persona: ["contact-nav"])
    page = editor_client.get("/admin/guidance/personas/").content.decode()
    assert "In the table, no longer given:" in page


@pytest.mark.django_db
def test_the_fact_check_table_is_for_staff_only(client):
    response = client.get("/admin/guidance/personas/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_an_items_view_on_site_opens_a_persona_that_shows_it(editor_client):
    from guidance.models import ChecklistItem

    item = ChecklistItem.objects.get(key="s1-pensioner")
    page = editor_client.get(item.get_absolute_url()).content.decode()
    assert 'data-item="s1-pensioner"' in page
