"""The result as a plan: the steps to take, grouped and ordered by when, with
real dates when the visitor gives theirs, and a calendar file of them."""

import datetime
import re
from html import unescape

import pytest
from django.utils import timezone
from icalendar import Calendar

from guidance.models import ChecklistItem
from guidance.personas import personas
from guidance.plan import TIMING_ORDER
from tests.support.checklist import item_keys

pytestmark = pytest.mark.django_db

PERSONAS = {persona.slug: persona for persona in personas()}
# The worked examples of the checklist rules issue.
WORKED_EXAMPLES = [
    "pensioner-norway-to-spain",
    "ukrainian-collective-protection",
    "brazilian-student-ten-months",
    "american-posted-to-norway-with-family",
    "dane-on-sickness-benefit-in-denmark",
    "norwegian-researcher-posted-to-us",
]
LANGUAGES = ("en", "nb")


def result(client, slug: str, language: str = "en", date: str = "") -> str:
    url = f"/{language}/checklist/result/?{PERSONAS[slug].query}"
    if date:
        url += f"&date={date}"
    response = client.get(url, follow=True)  # to the one address of these answers
    assert response.status_code == 200
    return response.content.decode()


def plan_html(html: str) -> str:
    return re.search(r"<section class=\"checklist-plan\".*?</section>", html, re.S)[0]


def steps(html: str) -> list[str]:
    return re.findall(r'data-step="([^"]+)"', plan_html(html))


def in_future(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", WORKED_EXAMPLES)
def test_the_plan_lists_every_step_of_the_list_in_time_order(client, slug, language):
    html = result(client, slug, language)
    shown = steps(html)
    items = ChecklistItem.objects.in_bulk(item_keys(html), field_name="key")
    # Every item on the list that asks the visitor to act is a step, once.
    assert sorted(shown) == sorted(key for key in item_keys(html) if items[key].step_en)
    # Groups come in time order: before, first days, three months, changes, travel.
    timings = [TIMING_ORDER.index(items[key].timing) for key in shown]
    assert timings == sorted(timings)
    assert shown, "every worked example has something to do"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_step_is_one_line_with_its_deadline_and_a_link_to_its_item(client, language):
    html = result(client, "american-posted-to-norway-with-family", language)
    item = ChecklistItem.objects.get(key="national-registry")
    step = re.search(
        r'<li class="checklist-plan__step" data-step="national-registry">.*?</li>',
        plan_html(html),
        re.S,
    )[0]
    assert 'href="#item-national-registry"' in step
    assert unescape(getattr(item, f"step_{language}")) in unescape(step)
    assert unescape(getattr(item, f"deadline_{language}")) in unescape(step)
    assert 'id="item-national-registry"' in html  # the item it leads to


def test_a_visitor_leaving_norway_reads_before_you_leave(client):
    assert '<h3 class="checklist-plan__when">Before you leave</h3>' in result(
        client, "pensioner-norway-to-spain"
    )
    nb = result(client, "pensioner-norway-to-spain", "nb")
    assert "Før du reiser" in plan_html(nb)


def test_with_a_date_each_step_with_a_deadline_shows_its_date(client):
    moving = in_future(30)
    html = result(client, "american-posted-to-norway-with-family", date=moving.isoformat())
    dated = ChecklistItem.objects.filter(key__in=steps(html), offset_days__isnull=False)
    assert dated, "some steps count from the move"
    for item in dated:
        due = moving + datetime.timedelta(days=item.offset_days)
        step = re.search(rf'data-step="{item.key}">.*?</li>', html, re.S)[0]
        assert f"by {due.day} {due:%B} {due.year}" in step


def test_dated_steps_come_first_in_their_group_by_date(client):
    html = result(client, "american-posted-to-norway-with-family", date=in_future(30).isoformat())
    groups = re.findall(r"<ol class=\"checklist-plan__steps\">(.*?)</ol>", plan_html(html), re.S)
    for group in groups:
        dates = re.findall(r'<strong class="checklist-plan__due">', group)
        marks = [bool(re.search("checklist-plan__due", line)) for line in group.split("</li>")[:-1]]
        assert marks == sorted(marks, reverse=True), "undated steps after dated ones"
        assert len(dates) == sum(marks)


@pytest.mark.parametrize(
    ("date", "language", "message"),
    [
        ("2027-02-30", "en", "Enter a real date, as year-month-day"),
        ("next week", "en", "Enter a real date, as year-month-day"),
        ("1999-01-01", "en", "Enter a date between"),
        ("2027-02-30", "nb", "Skriv en dato som finnes"),
    ],
)
def test_an_impossible_date_gets_a_message_and_the_plan_without_dates(
    client, date, language, message
):
    html = result(client, "american-posted-to-norway-with-family", language, date)
    assert message in html
    assert 'aria-invalid="true"' in html
    assert "checklist-plan__due" not in html
    assert steps(html)


def test_an_overlong_date_never_breaks_the_page(client):
    url = "/en/checklist/result/?" + PERSONAS["brazilian-student-ten-months"].query
    response = client.get(url + "&date=" + "9" * 5000, follow=True)
    assert response.status_code == 200
    assert "Enter a real date" in response.content.decode()


def test_the_date_question_fits_the_visitor(client):
    assert "When do you leave Norway?" in result(client, "pensioner-norway-to-spain")
    assert "When do you move to Norway, or when did you arrive?" in result(
        client, "brazilian-student-ten-months"
    )
    form = re.search(
        r'<form class="checklist-dates.*?</form>', result(client, "swede-commuting"), re.S
    )
    assert 'type="hidden" name="citizenship" value="se"' in form[0]


def test_the_calendar_holds_one_entry_per_dated_step(client):
    moving = in_future(40)
    query = PERSONAS["american-posted-to-norway-with-family"].query + f"&date={moving}"
    html = client.get(f"/nb/checklist/result/?{query}").content.decode()
    link = re.search(r'class="checklist-plan__calendar" href="([^"]+)"', html)[1]
    response = client.get(unescape(link))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    assert b"\r\n" in body and all(len(line) <= 75 for line in body.split(b"\r\n"))
    events = Calendar.from_ical(body).walk("VEVENT")
    dated = ChecklistItem.objects.filter(
        key__in=re.findall(r'data-step="([^"]+)"', html), offset_days__isnull=False
    )
    assert len(events) == dated.count() > 0
    for event in events:
        assert event["UID"] and event["DTSTAMP"]
        item = next(item for item in dated if item.step_nb == str(event["SUMMARY"]))
        assert event.decoded("DTSTART") == moving + datetime.timedelta(days=item.offset_days)
        assert "/nb/checklist/result/?" in str(event["DESCRIPTION"])


def test_without_a_date_the_calendar_link_asks_for_one(client):
    query = PERSONAS["american-posted-to-norway-with-family"].query
    html = client.get(f"/en/checklist/result/?{query}").content.decode()
    assert "checklist-plan__calendar" not in html
    response = client.get(f"/en/checklist/calendar.ics?{query}")
    assert response.status_code == 302
    assert response["Location"].endswith("#your-dates")


def test_every_item_is_folded_under_its_title(client):
    html = result(client, "american-posted-to-norway-with-family")
    assert html.count('<details class="checklist-item__details"') == len(item_keys(html))
    assert "<details open" not in html


def test_the_plan_comes_before_the_items(client):
    html = result(client, "pensioner-norway-to-spain")
    assert html.index("data-plan") < html.index('class="checklist-item"')
