"""A checklist result nobody asked for before is built from what the process
keeps (guidance/item_fragments.py, guidance/page_shell.py), and is still the
page Django would render, with every editor's change and the visitor's dates."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.signals import template_rendered
from django.urls import resolve
from django.utils import timezone, translation
from django_htmx.middleware import HtmxDetails

from config.page_cache import ASKED_ONCE, page_key
from guidance.checklist_pages import country_codes
from guidance.models import ChecklistItem
from guidance.personas import personas
from guidance.plan import read_move_date
from guidance.questionnaire import parse
from guidance.views import checklist as views
from tests.support.checklist import POLISH_CARPENTER, item_html, result_url

pytestmark = pytest.mark.django_db

AMERICAN_FAMILY = {
    "citizenship": "us",
    "residence": "no",
    "move": "moving-to-norway",
    "stay": "12-months-or-more",
    "permit": "work",
    "work": "employee",
    "children": "1-2",
    "single_parent": "yes",
    "children_abroad": "yes",
    "abroad": "th",
}


def rendered_by_django(url: str) -> str:
    """The result page as render() gives it, with no kept shell or items."""
    request = RequestFactory().get(url, secure=True)
    request.resolver_match = resolve(request.path)
    request.htmx = HtmxDetails(request)
    language = request.path.split("/")[1]
    with translation.override(language):
        move_date = read_move_date(request.GET.get("date"), timezone.localdate())
        page = views.result_page(parse(request.GET, country_codes()).answers, move_date)
        context = {"page": page, "address": request.build_absolute_uri(), "fragment": False}
        return render_to_string("guidance/checklist/result.html", context, request)


def urls() -> list[str]:
    answers = [POLISH_CARPENTER, AMERICAN_FAMILY, *(persona.answers for persona in personas()[:4])]
    return [
        result_url(language, given) + date
        for given in answers
        for language in ("en", "nb")
        for date in ("", "&date=2027-03-01")
    ]


def test_a_cold_result_is_byte_for_byte_the_page_django_renders(client):
    for url in urls():
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
        assert response.content.decode() == rendered_by_django(url), url


def test_a_second_visitors_page_carries_their_own_answers_not_the_firsts(client):
    first = client.get(result_url("en", POLISH_CARPENTER), secure=True).content.decode()
    second = client.get(result_url("en", AMERICAN_FAMILY), secure=True).content.decode()
    assert "citizenship=pl" in first and "citizenship=pl" not in second
    assert "citizenship=us" in second


def test_an_editors_saved_change_shows_on_the_next_cold_result_in_both_languages(client):
    client.get(result_url("nb", POLISH_CARPENTER))  # the process now keeps the items
    client.get(result_url("en", POLISH_CARPENTER))
    item = ChecklistItem.objects.get(key="tax-card")
    item.title_nb, item.title_en = "Ny tittel fra redaktøren", "A new title from an editor"
    item.save()
    answers = {**POLISH_CARPENTER, "children": "1-2"}  # addresses nobody asked for yet
    norwegian = client.get(result_url("nb", answers)).content.decode()
    english = client.get(result_url("en", answers)).content.decode()
    assert "Ny tittel fra redaktøren" in item_html(norwegian, "tax-card")
    assert "A new title from an editor" in item_html(english, "tax-card")


def test_an_unpublished_item_leaves_the_next_cold_result(client):
    client.get(result_url("en", POLISH_CARPENTER))
    item = ChecklistItem.objects.get(key="tax-card")
    item.published = False
    item.save()
    response = client.get(result_url("en", {**POLISH_CARPENTER, "children": "1-2"}))
    assert response.status_code == 200
    assert b'data-item="membership-worker"' in response.content
    assert b'data-item="tax-card"' not in response.content


def test_the_plan_dates_follow_each_visitors_date(client):
    def due_dates(date: datetime.date) -> list[str]:
        url = f"{result_url('en', AMERICAN_FAMILY)}&date={date.isoformat()}"
        return re.findall(r'checklist-plan__due">by ([^<]+)<', client.get(url).content.decode())

    today = timezone.localdate()
    soon, later = due_dates(today + datetime.timedelta(days=30)), due_dates(today.replace(day=1))
    assert soon and later and soon != later


def test_a_cold_result_needs_no_query_and_few_templates_once_the_process_is_warm(
    client, django_assert_num_queries
):
    client.get(result_url("en", POLISH_CARPENTER))  # builds what the process keeps
    rendered: list[str] = []

    def count(sender, template, context, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(count)
    try:
        with django_assert_num_queries(0):
            response = client.get(result_url("en", AMERICAN_FAMILY))
    finally:
        template_rendered.disconnect(count)
    assert response.status_code == 200
    # The step, its plan and answers, and the countries an agreement item
    # names: not the base, header, footer, nor an include per item or source.
    assert 0 < len(rendered) <= 6, rendered  # 75 before the items and chrome were kept


def test_an_address_with_a_query_string_is_kept_from_its_second_request(client):
    url = result_url("nb", POLISH_CARPENTER)
    key = page_key(RequestFactory().get(url))
    first = client.get(url).content
    assert cache.get(key) == ASKED_ONCE  # a marker, not the page
    assert client.get(url).content == first
    assert cache.get(key)[2] == first  # now the page itself
