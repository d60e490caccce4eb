"""The checklist's pages: one question per page, answers only in the address,
and a result that says what applies and why, in English and Norwegian."""

import logging
import re
from html import unescape
from urllib.parse import parse_qsl, urlencode

import pytest

from guidance import questionnaire
from guidance.models import ChecklistItem
from guidance.personas import personas
from guidance.rules import ITEM_KEYS, Match
from tests.support.checklist import (
    POLISH_CARPENTER,
    answer,
    heading,
    hidden_inputs,
    item_html,
    item_keys,
    result_url,
    walk,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "nb")

AMERICAN_FAMILY = {
    "citizenship": "us",
    "residence": "no",
    "move": "moving-to-norway",
    "stay": "12-months-or-more",
    "permit": "work",
    "work": "employee",
    "children": "3-7",
    "single_parent": "no",
    "children_abroad": "no",
    "abroad": "no",
}
ARRIVING = "citizenship=pl&residence=no&move=moving-to-norway&stay=12-months-or-more"

# Every step, reached with the answers it needs (in question order, as the
# site writes them), and the heading a visitor sees there.
STEPS = [
    (
        "citizenship",
        "",
        "Which country are you a citizen of?",
        "Hvilket land er du statsborger i?",
    ),
    ("residence", "citizenship=pl", "Which country do you live in, or will you live in?", None),
    (
        "move",
        "citizenship=pl&residence=no",
        "Are you moving to Norway, or do you already live here?",
        "Skal du flytte til Norge, eller bor du her allerede?",
    ),
    (
        "move",
        "citizenship=no&residence=es",
        "Are you moving from Norway to Spain?",
        "Skal du flytte fra Norge til Spania?",
    ),
    (
        "stay",
        "citizenship=pl&residence=no&move=moving-to-norway",
        "How long will you live in Norway?",
        None,
    ),
    (
        "permit",
        "citizenship=us&residence=no&move=moving-to-norway&stay=12-months-or-more",
        "What is your right to live in Norway based on, or what will you apply for?",
        "Hva bygger retten din til å bo i Norge på, eller hva skal du søke om?",
    ),
    ("work", ARRIVING, "Which describes your work?", "Hva beskriver arbeidssituasjonen din?"),
    (
        "nav_benefit",
        "citizenship=pl&residence=pl&move=not-moving&work=employee",
        "Do you receive a benefit",
        None,
    ),
    (
        "pension",
        "citizenship=se&residence=no&move=moving-to-norway&stay=12-months-or-more&work=retired",
        "Where does your pension come from?",
        None,
    ),
    ("children", f"{ARRIVING}&work=employee", "How old is your youngest child", None),
    (
        "single_parent",
        f"{ARRIVING}&work=employee&children=3-7",
        "Are you bringing up your children alone?",
        None,
    ),
    (
        "children_abroad",
        f"{ARRIVING}&work=employee&children=none",
        "Do you have children under 18 who live in another country?",
        "Har du barn under 18 år som bor i et annet land?",
    ),
    (
        "abroad",
        f"{ARRIVING}&work=employee&children=none&children_abroad=no",
        "Are you planning a longer stay abroad?",
        None,
    ),
]


# The start page ------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_start_page_says_what_you_get_how_long_it_takes_and_that_nothing_is_stored(
    client, language
):
    html = client.get(f"/{language}/checklist/").content.decode()
    texts = {
        "en": ["2 to 3 minutes", "up to 11 questions", "never store your answers", "Start now"],
        "nb": ["2 til 3 minutter", "opptil 11 spørsmål", "lagrer aldri svarene dine", "Start nå"],
    }[language]
    for text in texts:
        assert text in html
    assert f'href="/{language}/checklist/citizenship/"' in html
    assert f'href="/{language}/agreements/"' in html
    assert 'content="noindex"' not in html


# Question pages ------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("key", "query", "english", "norwegian"), STEPS)
def test_every_question_has_its_own_page_in_both_languages(
    client, language, key, query, english, norwegian
):
    url = f"/{language}/checklist/{key}/" + (f"?{query}" if query else "")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    if language == "en":
        assert heading(html).startswith(english)
    elif norwegian:
        assert heading(html).startswith(norwegian)
    assert '<meta name="robots" content="noindex">' in html
    assert f'action="/{language}/checklist/result/"' in html
    assert hidden_inputs(html)[: len(parse_qsl(query))] == parse_qsl(query)
    assert ("Question " if language == "en" else "Spørsmål ") in html
    assert 'tabindex="-1" data-focus-after-swap' in html


def test_a_choice_question_is_a_fieldset_with_a_legend_and_radios(client):
    html = client.get(f"/en/checklist/work/?{ARRIVING}").content.decode()
    assert re.search(r"<fieldset[^>]*>\s*<legend", html)
    assert 'type="radio" id="work" name="work" value="employee"' in html
    assert '<label class="checklist-radios__label" for="work">' in html
    # After the radios, an empty answer: submitting none gives the error.
    assert html.index('type="radio"') < html.rindex('<input type="hidden" name="work" value="">')


@pytest.mark.parametrize(
    ("language", "first", "before", "after"),
    [
        ("en", "I am stateless or a recognised refugee", "Afghanistan", "Zimbabwe"),
        ("nb", "Jeg er statsløs eller anerkjent flyktning", "Zimbabwe", "Østerrike"),
    ],
)
def test_a_country_question_is_a_labelled_select_sorted_in_the_page_language(
    client, language, first, before, after
):
    html = client.get(f"/{language}/checklist/citizenship/").content.decode()
    assert re.search(r'<label class="checklist-field__label" for="citizenship">', html)
    assert '<select class="checklist-select" id="citizenship" name="citizenship"' in html
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', html)
    assert options[0][0] == ""  # "Choose from the list": no silent default
    assert options[1] == ("stateless", first)
    names = [unescape(name) for _value, name in options]
    assert names.index(before) < names.index(after)


def test_norway_is_no_destination_for_a_longer_stay_abroad(client):
    html = client.get("/en/checklist/abroad/?" + STEPS[-1][1]).content.decode()
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', html)
    assert options[1] == ("no", "No, I am not planning one")
    assert [name for value, name in options if name == "Norway"] == []


def test_the_back_link_keeps_the_answers(client):
    html = client.get(
        "/en/checklist/work/?citizenship=pl&residence=pl&move=not-moving"
    ).content.decode()
    assert (
        '<a class="checklist-back" href="/en/checklist/move/?citizenship=pl&amp;residence=pl'
        '&amp;move=not-moving">' in html
    )


def test_the_first_questions_back_link_goes_to_the_start_page(client):
    html = client.get("/nb/checklist/citizenship/").content.decode()
    assert '<a class="checklist-back" href="/nb/checklist/">Tilbake</a>' in html


@pytest.mark.parametrize(
    ("url", "progress"),
    [
        ("/en/checklist/citizenship/", "Question 1 of about 8"),
        (
            "/en/checklist/work/?citizenship=pl&residence=pl&move=not-moving",
            "Question 4 of about 6",
        ),
        (
            "/nb/checklist/work/?citizenship=pl&residence=pl&move=not-moving",
            "Spørsmål 4 av omtrent 6",
        ),
    ],
)
def test_the_page_says_how_far_the_visitor_has_come(client, url, progress):
    assert progress in client.get(url).content.decode()


def test_a_change_link_reopens_a_question_with_its_answer_chosen(client):
    html = client.get("/en/checklist/residence/?" + urlencode(POLISH_CARPENTER)).content.decode()
    assert re.search(r'<option value="pl" selected>Poland</option>', html)
    # The later answers travel along, so the visitor can return to the result.
    assert ("single_parent", "no") in hidden_inputs(html)


# Moving on, and answers that are missing or wrong --------------------------------


def test_continue_goes_to_the_next_question_the_answers_make_relevant(client):
    response = client.get("/en/checklist/result/?citizenship=pl&residence=no&residence=")
    assert response.status_code == 302
    assert response["Location"] == "/en/checklist/move/?citizenship=pl&residence=no"


def test_continuing_with_nothing_chosen_shows_the_questions_error(client):
    response = client.get(
        "/en/checklist/result/?citizenship=pl&residence=pl&move=not-moving&work=", follow=True
    )
    assert response.redirect_chain == [
        ("/en/checklist/work/?citizenship=pl&residence=pl&move=not-moving&work=", 302)
    ]
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Which describes your work? –" in html
    summary = re.search(r'<div class="checklist-error-summary" role="alert".*?</div>', html, re.S)[
        0
    ]
    assert '<a href="#work">Choose what describes your work</a>' in summary
    assert 'aria-describedby="work-hint work-error"' in html
    assert '<p class="checklist-field__error" id="work-error">' in html


def test_the_error_is_in_norwegian_on_a_norwegian_page(client):
    html = client.get("/nb/checklist/citizenship/?citizenship=", follow=True).content.decode()
    assert "<title>Feil: Hvilket land er du statsborger i? –" in html
    assert "Det er et problem" in html
    assert '<a href="#citizenship">Velg landet du er statsborger i</a>' in html
    assert 'aria-invalid="true"' in html


def test_an_invalid_value_sends_the_visitor_to_that_question_with_its_error(client):
    response = client.get("/en/checklist/work/?citizenship=xx&residence=pl")
    assert response.status_code == 302
    assert response["Location"] == "/en/checklist/citizenship/?citizenship=&residence=pl"
    html = client.get(response["Location"]).content.decode()
    assert "Choose the country you are a citizen of" in html


def test_a_result_with_a_missing_answer_sends_the_visitor_to_the_first_question_needed(client):
    answers = {key: value for key, value in POLISH_CARPENTER.items() if key != "work"}
    response = client.get(result_url("nb", answers))
    assert response.status_code == 302
    assert response["Location"] == (
        "/nb/checklist/work/?citizenship=pl&residence=pl&move=not-moving&nav_benefit=no"
    )


def test_a_question_asked_too_early_sends_the_visitor_to_the_first_question_needed(client):
    response = client.get("/en/checklist/children/?citizenship=pl")
    assert response["Location"] == "/en/checklist/residence/?citizenship=pl"


def test_a_question_the_answers_make_irrelevant_leads_on(client):
    response = client.get("/en/checklist/stay/?" + urlencode(POLISH_CARPENTER))
    assert response["Location"] == result_url("en", POLISH_CARPENTER)


def test_unknown_parameters_are_ignored(client):
    response = client.get("/en/checklist/residence/?utm_source=x&citizenship=PL&page=2")
    assert response["Location"] == "/en/checklist/residence/?citizenship=pl"


def test_a_repeated_parameter_counts_its_first_value(client):
    response = client.get("/en/checklist/residence/?citizenship=se&citizenship=pl")
    assert response["Location"] == "/en/checklist/residence/?citizenship=se"


def test_an_unknown_question_is_not_found(client):
    assert client.get("/en/checklist/favourite-colour/").status_code == 404


# The result ----------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("persona", personas(), ids=[persona.slug for persona in personas()])
def test_a_persona_walked_through_the_forms_gets_the_items_in_the_table(client, persona, language):
    """Every worked persona (guidance/personas.toml), answering each question
    as a browser submits it, from the first question to the result."""
    assert set(item_keys(walk(client, language, persona.answers))) == persona.items


def test_an_old_result_address_without_the_move_answer_asks_it(client):
    old = "citizenship=pl&residence=pl&work=employee&nav_benefit=no&children=none"
    response = client.get(f"/en/checklist/result/?{old}")
    assert response["Location"].startswith("/en/checklist/move/?citizenship=pl&residence=pl")


def test_changing_the_country_of_residence_asks_the_move_question_again_without_an_error(
    client,
):
    answers = {**POLISH_CARPENTER, "residence": "no"}  # "not-moving" is no answer in Norway
    response = client.get(result_url("en", answers), follow=True)
    assert response.redirect_chain[-1][0].startswith("/en/checklist/move/")
    html = response.content.decode()
    assert "checklist-error-summary" not in html
    assert heading(html) == "Are you moving to Norway, or do you already live here?"


def test_items_are_grouped_under_the_sections_headings_in_order(client):
    html = client.get(result_url("en", POLISH_CARPENTER)).content.decode()
    headings = re.findall(r'<h3 id="section-[a-z]+">([^<]+)</h3>', html)
    assert headings == [
        "Your membership",
        "Healthcare",
        "Work, tax and permits",
        "NAV benefits and family",
        "Who to contact",
    ]
    keys = item_keys(html)
    assert keys.index("membership-worker") < keys.index("agreement") < keys.index("emergency")


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        (
            "en",
            "You are a citizen of Poland, you live in Poland and you work in Norway "
            "for an employer in Norway.",
        ),
        (
            "nb",
            "Du er statsborger i Polen, du bor i Polen og du jobber i Norge "
            "for en arbeidsgiver i Norge.",
        ),
    ],
)
def test_each_item_says_why_it_is_on_the_list(client, language, sentence):
    html = client.get(result_url(language, POLISH_CARPENTER)).content.decode()
    item = item_html(html, "s1-certificate")
    heading_text = (
        "Why this is on your list" if language == "en" else "Hvorfor dette står på listen din"
    )
    assert heading_text in item
    assert f"<p>{sentence}</p>" in item


def test_an_item_on_every_list_says_so(client):
    html = client.get(result_url("en", POLISH_CARPENTER)).content.decode()
    item = item_html(html, "contact-nav")
    assert "<p>It is on every checklist.</p>" in item


def test_an_item_shows_its_text_sources_review_date_and_guide(client):
    html = client.get(result_url("nb", AMERICAN_FAMILY)).content.decode()
    item = item_html(html, "gp")
    gp = ChecklistItem.objects.get(key="gp")
    assert gp.title_nb in item
    assert "fastlege" in item
    source = gp.sources.first()
    # The Norwegian page where the publisher has one.
    assert f'<a href="{source.url_nb or source.url}">{source.title_nb}</a>' in item
    assert "utgitt av helsenorge.no" in item
    reviewed = gp.last_reviewed
    assert f'Sist kontrollert <time datetime="{reviewed.isoformat()}">' in item
    assert f'href="/nb/guides/{gp.guide.slug}/"' in item


def test_the_agreement_item_names_each_agreement_with_a_link(client):
    html = client.get(result_url("en", POLISH_CARPENTER)).content.decode()
    item = item_html(html, "agreement")
    assert '<a href="/en/agreements/pl/">Poland</a>' in item
    assert re.search(r'<a href="/en/agreements/agreement/[a-z-]+/">The EEA Agreement</a>', item)


def test_the_no_agreement_item_names_the_country(client):
    answers = {
        "citizenship": "br",
        "residence": "br",
        "move": "not-moving",
        "work": "employee",
        "nav_benefit": "no",
        "children": "none",
    }
    html = client.get(result_url("nb", answers)).content.decode()
    item = item_html(html, "agreement-none")
    assert '<a href="/nb/agreements/br/">Brasil</a>' in item
    assert "ingen trygdeavtale med Norge" in item


def test_your_answers_lists_every_answer_with_a_change_link(client):
    html = client.get(result_url("en", POLISH_CARPENTER)).content.decode()
    answers = re.search(r'<section class="checklist-answers".*?</section>', html, re.S)[0]
    rows = re.findall(r"<dt[^>]*>([^<]+)</dt>\s*<dd[^>]*>([^<]+)</dd>", answers)
    assert rows[0] == ("Which country are you a citizen of?", "Poland")
    assert rows[2] == ("Are you moving from Norway to Poland?", "No: I do not live in Norway")
    assert rows[3] == ("Which describes your work?", "I work in Norway for an employer in Norway")
    assert len(rows) == len(POLISH_CARPENTER)
    query = questionnaire.query_string(POLISH_CARPENTER).replace("&", "&amp;")
    change = (
        f'<a href="/en/checklist/residence/?{query}">Change<span class="visually-hidden"> '
        "your answer to “Which country do you live in, or will you live in?”</span></a>"
    )
    assert change in answers
    assert '<a href="/en/checklist/">Start again</a>' in answers


def test_changing_an_answer_asks_what_is_now_needed_then_returns_to_the_result(client):
    change = "/en/checklist/residence/?" + questionnaire.query_string(POLISH_CARPENTER)
    page = client.get(change)
    moved = answer(client, change, page.content.decode(), "no")
    # Living in Norway asks the move question anew ("not moving" means living
    # abroad); nav_benefit is no longer relevant.
    assert moved.request["PATH_INFO"] == "/en/checklist/move/"
    assert ("work", "employee") in hidden_inputs(moved.content.decode())
    settled = answer(client, "/en/checklist/move/", moved.content.decode(), "living-in-norway")
    assert settled.request["PATH_INFO"] == "/en/checklist/children_abroad/"
    after = answer(client, "/en/checklist/children_abroad/", settled.content.decode(), "no")
    assert after.request["PATH_INFO"] == "/en/checklist/abroad/"
    done = answer(client, "/en/checklist/abroad/", after.content.decode(), "no")
    assert done.request["PATH_INFO"] == "/en/checklist/result/"
    keys = item_keys(done.content.decode())
    assert "membership-resident" in keys and "s1-certificate" not in keys


def test_changing_an_answer_that_changes_nothing_else_returns_straight_to_the_result(client):
    change = "/en/checklist/citizenship/?" + questionnaire.query_string(POLISH_CARPENTER)
    result = answer(client, change, client.get(change).content.decode(), "de")
    assert result.request["PATH_INFO"] == "/en/checklist/result/"
    assert "Germany" in result.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_result_has_a_print_button_a_save_note_and_a_notice(client, language):
    html = client.get(result_url(language, POLISH_CARPENTER)).content.decode()
    assert re.search(
        r'<button class="button button--secondary js-only" type="button" data-print>', html
    )
    assert '<meta name="robots" content="noindex">' in html
    address = "http://testserver" + result_url(language, POLISH_CARPENTER).replace("&", "&amp;")
    assert address in html
    if language == "en":
        assert "To save or share your checklist, bookmark this page" in html
        assert "This is general guidance, not a decision about your case." in html
    else:
        assert "Vil du lagre eller dele sjekklisten" in html
        assert "Skriv ut sjekklisten" in html


def test_the_language_switch_keeps_every_answer(client):
    html = client.get(result_url("en", POLISH_CARPENTER)).content.decode()
    query = questionnaire.query_string(POLISH_CARPENTER).replace("&", "&amp;")
    assert f'<a href="/nb/checklist/result/?{query}" hreflang="nb" lang="nb">' in html


# htmx: the same view, the step's partial only ------------------------------------


def test_an_htmx_request_gets_only_the_step_with_the_new_title_and_language_switch(client):
    response = client.get(
        "/nb/checklist/work/?citizenship=pl&residence=pl&move=not-moving",
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "<html" not in html and "<header" not in html
    assert html.count('id="checklist-step"') == 1
    assert "<title>Hva beskriver arbeidssituasjonen din? – " in html
    assert re.search(
        r'<ul class="language-switch" id="language-switch" aria-label="Språk" '
        r'hx-swap-oob="true">\s*'
        r'<li><a href="/en/checklist/work/\?citizenship=pl&amp;residence=pl&amp;move=not-moving"',
        html,
    )
    assert {"HX-Request", "HX-History-Restore-Request"} <= {
        header.strip() for header in response["Vary"].split(",")
    }


def test_a_history_restore_gets_the_full_page(client):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = client.get(result_url("en", POLISH_CARPENTER), headers=headers)
    html = response.content.decode()
    assert html.startswith("<!doctype html>")
    assert "hx-swap-oob" not in html
    assert "HX-Request" in response["Vary"]


def test_an_htmx_form_submission_is_redirected_to_the_next_steps_fragment(client):
    response = client.get(
        "/en/checklist/result/?citizenship=pl&residence=pl&residence=",
        headers={"HX-Request": "true"},
        follow=True,
    )
    assert response.redirect_chain == [("/en/checklist/move/?citizenship=pl&residence=pl", 302)]
    assert "<html" not in response.content.decode()


def test_a_full_page_and_a_fragment_of_the_same_step_are_cached_apart(client):
    url = "/en/checklist/work/?citizenship=pl&residence=pl&move=not-moving"
    client.get(url, headers={"HX-Request": "true"})
    assert client.get(url).content.decode().startswith("<!doctype html>")


# Cost ----------------------------------------------------------------------------


def test_the_result_page_makes_a_few_queries_and_none_once_cached(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    url = result_url("en", POLISH_CARPENTER)
    # The agreements lookup, the items, their sources, the rates in force.
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200


def test_the_query_count_does_not_grow_with_the_number_of_items(
    client, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(
        "guidance.views.checklist.checklist",
        lambda answers, countries: [Match(key) for key in ITEM_KEYS],
    )
    with django_assert_max_num_queries(4):
        html = client.get(result_url("en", POLISH_CARPENTER)).content.decode()
    assert sorted(item_keys(html)) == sorted(ITEM_KEYS)


def test_a_question_page_needs_no_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/nb/checklist/residence/?citizenship=pl").status_code == 200


# Missing content -----------------------------------------------------------------


def test_an_unpublished_item_is_left_out_and_logged_by_key_only(client, caplog):
    ChecklistItem.objects.filter(key="tax-card").update(published=False)
    with caplog.at_level(logging.WARNING, logger="guidance.checklist_pages"):
        response = client.get(result_url("en", POLISH_CARPENTER))
    assert response.status_code == 200
    keys = item_keys(response.content.decode())
    assert "tax-card" not in keys and "membership-worker" in keys
    messages = [
        record.getMessage()
        for record in caplog.records
        if record.name == "guidance.checklist_pages"
    ]
    assert messages == ["Checklist item 'tax-card' is missing or unpublished: left out."]
    assert not any(value in messages[0] for value in ("pl", "employee", "3-7"))


def test_a_missing_item_is_left_out_and_the_page_still_renders(client, caplog):
    ChecklistItem.objects.filter(key="contact-nav").delete()
    with caplog.at_level(logging.WARNING, logger="guidance.checklist_pages"):
        response = client.get(result_url("nb", POLISH_CARPENTER))
    assert response.status_code == 200
    assert "contact-nav" not in item_keys(response.content.decode())
    assert "'contact-nav'" in caplog.text
